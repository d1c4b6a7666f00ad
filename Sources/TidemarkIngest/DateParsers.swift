import TidemarkCommerce

/// Byte-level parsers for the date and time layouts exports use.
public enum DateParser {
    /// Reads an ISO-style timestamp: `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]]` followed by `Z`, `+HH:MM`, `+HHMM`, ` UTC`,
    /// ` +0200`, or nothing (then `localZone` gives the offset). A bare `YYYY-MM-DD` is midnight in `localZone`.
    public static func isoTimestamp(_ b: UnsafeRawBufferPointer, localZone: ReportingTimeZone) -> ParsedValue<Timestamp> {
        var s = 0
        var e = b.count
        while s < e, b[s] == 0x20 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x0D { e -= 1 }
        if s == e { return .missing }
        guard e - s >= 10, let date = civilDate(b, s) else { return .invalid("is not a date (expected YYYY-MM-DD…)") }
        var i = s + 10
        if i == e { return .value(localZone.instant(date: date, hour: 0, minute: 0, second: 0)) }
        guard b[i] == UInt8(ascii: "T") || b[i] == 0x20 else { return .invalid("is not a timestamp") }
        i += 1
        guard i + 5 <= e, let hour = twoDigits(b, i), b[i + 2] == UInt8(ascii: ":"), let minute = twoDigits(b, i + 3),
            hour < 24, minute < 60
        else { return .invalid("is not a timestamp (bad time of day)") }
        i += 5
        var second = 0
        if i + 3 <= e, b[i] == UInt8(ascii: ":"), let sec = twoDigits(b, i + 1), sec < 61 {
            second = min(sec, 59)
            i += 3
            if i < e, b[i] == UInt8(ascii: ".") {
                i += 1
                while i < e, b[i] >= 48, b[i] <= 57 { i += 1 }
            }
        }
        while i < e, b[i] == 0x20 { i += 1 }
        if i == e { return .value(localZone.instant(date: date, hour: hour, minute: minute, second: second)) }
        let rest = e - i
        if rest == 1, b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            return .value(Timestamp(date: date, hour: hour, minute: minute, second: second, utcOffsetSeconds: 0))
        }
        if rest == 3, (b[i] | 0x20) == UInt8(ascii: "u"), (b[i + 1] | 0x20) == UInt8(ascii: "t"), (b[i + 2] | 0x20) == UInt8(ascii: "c") {
            return .value(Timestamp(date: date, hour: hour, minute: minute, second: second, utcOffsetSeconds: 0))
        }
        if rest == 3, (b[i] | 0x20) == UInt8(ascii: "g"), (b[i + 1] | 0x20) == UInt8(ascii: "m"), (b[i + 2] | 0x20) == UInt8(ascii: "t") {
            return .value(Timestamp(date: date, hour: hour, minute: minute, second: second, utcOffsetSeconds: 0))
        }
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            var hh: Int?
            var mm: Int?
            if rest == 6, b[i + 3] == UInt8(ascii: ":") {
                hh = twoDigits(b, i + 1)
                mm = twoDigits(b, i + 4)
            } else if rest == 5 {
                hh = twoDigits(b, i + 1)
                mm = twoDigits(b, i + 3)
            } else if rest == 3 {
                hh = twoDigits(b, i + 1)
                mm = 0
            }
            if let hh, let mm, hh <= 14, mm < 60 {
                return .value(Timestamp(date: date, hour: hour, minute: minute, second: second, utcOffsetSeconds: sign * (hh * 3600 + mm * 60)))
            }
        }
        return .invalid("has an unrecognised time zone")
    }

    /// Reads a plain `YYYY-MM-DD` date.
    public static func isoDate(_ b: UnsafeRawBufferPointer) -> ParsedValue<CivilDate> {
        var s = 0
        var e = b.count
        while s < e, b[s] == 0x20 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x0D { e -= 1 }
        if s == e { return .missing }
        guard e - s == 10, let d = civilDate(b, s) else { return .invalid("is not a date (expected YYYY-MM-DD)") }
        return .value(d)
    }

    @inline(__always) static func twoDigits(_ b: UnsafeRawBufferPointer, _ i: Int) -> Int? {
        guard i + 2 <= b.count else { return nil }
        let a = b[i], c = b[i + 1]
        guard a >= 48, a <= 57, c >= 48, c <= 57 else { return nil }
        return Int(a - 48) * 10 + Int(c - 48)
    }

    @inline(__always) static func civilDate(_ b: UnsafeRawBufferPointer, _ s: Int) -> CivilDate? {
        guard let y1 = twoDigits(b, s), let y2 = twoDigits(b, s + 2), b[s + 4] == UInt8(ascii: "-"),
            let m = twoDigits(b, s + 5), b[s + 7] == UInt8(ascii: "-"), let d = twoDigits(b, s + 8)
        else { return nil }
        return CivilDate(year: y1 * 100 + y2, month: m, day: d)
    }
}
