import TidemarkCommerce

/// A date-time layout written as a pattern, parsed straight from bytes.
///
/// Tokens: `yyyy` four-digit year, `yy` two-digit year (00–69 → 20xx, 70–99 → 19xx), `MM`/`M` month number,
/// `MMM` English month name or abbreviation (`Sep`, `September`), `dd`/`d` day, `HH`/`H` 24-hour hour, `hh`/`h`
/// 12-hour hour (a doubled letter takes exactly two digits, a single one one or two), `mm` minutes, `ss` seconds (optionally followed by `.fff`), `a` AM/PM, `zzz` zone abbreviation
/// (`PST`, `CEST`, `UTC` …, fixed offsets), `Z` numeric offset (`+0200`, `+02:00`, `Z`). A space in the pattern
/// matches one or more spaces; any other character matches itself. Ambiguous orders (day/month) are settled by
/// choosing the pattern per source, never guessed per row.
public struct DatePattern: Sendable, Hashable, CustomStringConvertible {
    enum Token: Hashable, Sendable {
        case year4, year2, monthName, minute, second, ampm, zoneName, zoneOffset
        /// A number of one or two digits; exactly two when the pattern doubles the letter (`MM`, `dd`).
        case monthNumber(twoDigits: Bool), day(twoDigits: Bool), hour24(twoDigits: Bool), hour12(twoDigits: Bool)
        case space
        case literal(UInt8)
    }

    let tokens: [Token]
    /// The pattern as written.
    public let description: String

    /// Compiles a pattern; `nil` if it has no date part.
    public init?(_ pattern: String) {
        var tokens: [Token] = []
        let chars = Array(pattern.utf8)
        var i = 0
        func run(_ c: UInt8) -> Int {
            var n = 0
            while i + n < chars.count, chars[i + n] == c { n += 1 }
            return n
        }
        while i < chars.count {
            let c = chars[i]
            let n = run(c)
            switch c {
            case UInt8(ascii: "y"): tokens.append(n >= 4 ? .year4 : .year2); i += n
            case UInt8(ascii: "M"): tokens.append(n >= 3 ? .monthName : .monthNumber(twoDigits: n == 2)); i += n
            case UInt8(ascii: "d"): tokens.append(.day(twoDigits: n >= 2)); i += n
            case UInt8(ascii: "H"): tokens.append(.hour24(twoDigits: n >= 2)); i += n
            case UInt8(ascii: "h"): tokens.append(.hour12(twoDigits: n >= 2)); i += n
            case UInt8(ascii: "m"): tokens.append(.minute); i += n
            case UInt8(ascii: "s"): tokens.append(.second); i += n
            case UInt8(ascii: "a"): tokens.append(.ampm); i += n
            case UInt8(ascii: "z"): tokens.append(.zoneName); i += n
            case UInt8(ascii: "Z"): tokens.append(.zoneOffset); i += n
            case 0x20: tokens.append(.space); i += n
            default: tokens.append(.literal(c)); i += 1
            }
        }
        let hasDay = tokens.contains { if case .day = $0 { return true } else { return false } }
        let hasMonth = tokens.contains { if case .monthNumber = $0 { return true } else { return $0 == .monthName } }
        guard hasDay, hasMonth, tokens.contains(.year4) || tokens.contains(.year2) else { return nil }
        self.tokens = tokens
        self.description = pattern
    }

    /// A wall-clock reading, with the offset the text stated if it stated one.
    public struct Reading: Equatable, Sendable {
        public var date: CivilDate
        public var hour: Int
        public var minute: Int
        public var second: Int
        /// Seconds east of UTC, when the text carried a zone.
        public var utcOffsetSeconds: Int?

        /// The instant: the stated offset, else the wall clock read in `zone`.
        public func instant(in zone: ReportingTimeZone) -> Timestamp {
            if let utcOffsetSeconds {
                return Timestamp(date: date, hour: hour, minute: minute, second: second, utcOffsetSeconds: utcOffsetSeconds)
            }
            return zone.instant(date: date, hour: hour, minute: minute, second: second)
        }
    }

    /// Reads `bytes` (surrounding spaces ignored); `.missing` when empty.
    public func read(_ b: UnsafeRawBufferPointer) -> ParsedValue<Reading> {
        var s = 0
        var e = b.count
        while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 || b[e - 1] == 0x0D { e -= 1 }
        if s == e { return .missing }
        var i = s
        var year: Int?, month: Int?, day: Int?
        var hour = 0, minute = 0, second = 0
        var pm: Bool?
        var offset: Int?
        let invalid = ParsedValue<Reading>.invalid("does not match the date pattern \(description)")

        func digits(min: Int, max: Int) -> Int? {
            var v = 0
            var n = 0
            while i < e, n < max, b[i] >= 48, b[i] <= 57 {
                v = v * 10 + Int(b[i] - 48)
                i += 1
                n += 1
            }
            return n >= min ? v : nil
        }
        func letters() -> String {
            var out: [UInt8] = []
            while i < e, (b[i] | 0x20) >= 97, (b[i] | 0x20) <= 122 {
                out.append(b[i] | 0x20)
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }

        for token in tokens {
            switch token {
            case .year4: guard let v = digits(min: 4, max: 4) else { return invalid }; year = v
            case .year2: guard let v = digits(min: 2, max: 2) else { return invalid }; year = v < 70 ? 2000 + v : 1900 + v
            case .monthNumber(let two): guard let v = digits(min: two ? 2 : 1, max: 2) else { return invalid }; month = v
            case .monthName:
                let name = letters()
                guard let m = DatePattern.month(named: name) else { return invalid }
                month = m + 1
                if i < e, b[i] == UInt8(ascii: ".") { i += 1 }  // "Sep."
            case .day(let two): guard let v = digits(min: two ? 2 : 1, max: 2) else { return invalid }; day = v
            case .hour24(let two): guard let v = digits(min: two ? 2 : 1, max: 2), v < 24 else { return invalid }; hour = v
            case .hour12(let two): guard let v = digits(min: two ? 2 : 1, max: 2), (1...12).contains(v) else { return invalid }; hour = v
            case .minute: guard let v = digits(min: 2, max: 2), v < 60 else { return invalid }; minute = v
            case .second:
                guard let v = digits(min: 2, max: 2), v < 61 else { return invalid }
                second = min(v, 59)
                if i < e, b[i] == UInt8(ascii: ".") {
                    i += 1
                    while i < e, b[i] >= 48, b[i] <= 57 { i += 1 }
                }
            case .ampm:
                let word = letters()
                if word == "am" || word == "a" { pm = false } else if word == "pm" || word == "p" { pm = true } else { return invalid }
            case .zoneName:
                let name = letters().uppercased()
                guard let o = DatePattern.zoneOffsets[name] else { return .invalid("has an unknown time zone abbreviation \(name)") }
                offset = o
            case .zoneOffset:
                guard i < e else { return invalid }
                if b[i] == UInt8(ascii: "Z") {
                    i += 1
                    offset = 0
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let hh = digits(min: 2, max: 2) else { return invalid }
                    if i < e, b[i] == UInt8(ascii: ":") { i += 1 }
                    let mm = digits(min: 2, max: 2) ?? 0
                    guard hh <= 14, mm < 60 else { return invalid }
                    offset = sign * (hh * 3600 + mm * 60)
                } else {
                    return invalid
                }
            case .space:
                guard i < e, b[i] == 0x20 else { return invalid }
                while i < e, b[i] == 0x20 { i += 1 }
            case .literal(let c):
                guard i < e, b[i] == c else { return invalid }
                i += 1
            }
        }
        guard i == e else { return invalid }
        if let pm {
            if hour == 12 { hour = pm ? 12 : 0 } else if pm { hour += 12 }
        }
        guard let year, let month, let day, let date = CivilDate(year: year, month: month, day: day) else {
            return .invalid("is not a real calendar date")
        }
        return .value(Reading(date: date, hour: hour, minute: minute, second: second, utcOffsetSeconds: offset))
    }

    /// The month (0-based) of a full English name, its three-letter abbreviation, or `sept`.
    static func month(named name: String) -> Int? {
        if name == "sept" { return 8 }
        return monthNames.firstIndex { $0 == name || (name.count == 3 && $0.hasPrefix(name)) }
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// Fixed offsets of the zone abbreviations exports use. Ambiguous ones (IST, CST for China) are left out:
    /// configure the source's zone instead.
    static let zoneOffsets: [String: Int] = [
        "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 3600, "WEST": 3600, "CET": 3600, "CEST": 7200, "MEZ": 3600,
        "MESZ": 7200, "EET": 7200, "EEST": 10800, "MSK": 10800, "GST": 14400, "PKT": 18000, "ICT": 25200, "WIB": 25200,
        "SGT": 28800, "HKT": 28800, "AWST": 28800, "PHT": 28800, "JST": 32400, "KST": 32400, "ACST": 34200,
        "ACDT": 37800, "AEST": 36000, "AEDT": 39600, "NZST": 43200, "NZDT": 46800, "HST": -36000, "AKST": -32400,
        "AKDT": -28800, "PST": -28800, "PDT": -25200, "MST": -25200, "MDT": -21600, "CST": -21600, "CDT": -18000,
        "EST": -18000, "EDT": -14400, "AST": -14400, "ADT": -10800, "BRT": -10800, "ART": -10800,
    ]
}
