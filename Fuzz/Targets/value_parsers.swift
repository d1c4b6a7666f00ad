// libFuzzer target: the byte-level value parsers (TidemarkIngest).
//
// Input layout: byte 0 chooses what is parsed, the rest is one field's bytes.
//   0 money (point)   1 money (comma)   2 integer (point)   3 integer (comma)
//   4 scaledDecimal, scale from byte 0's high bits (percentages, micros)   5 isoTimestamp   6 isoDate
//   7 every DatePattern the formats use (and the ones docs/pipelines.md documents)
//
// Invariants (a failure traps with "INVARIANT: …"):
// - a parsed amount printed with `Money.description` and parsed again is the same amount (in both locales, the
//   description is read with the point separator it is written in);
// - a parsed integer printed and parsed again is the same integer;
// - a parsed timestamp printed (`YYYY-MM-DDTHH:MM:SSZ`) and parsed again is the same instant;
// - a date-pattern reading has a time of day in range.
import TidemarkCommerce
import TidemarkIngest

func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("INVARIANT: \(message())") }
}

let patterns: [DatePattern] = [
    "dd.MM.yyyy HH:mm:ss zzz", "dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy", "MMM d, yyyy h:mm:ss a zzz", "d MMM yyyy HH:mm:ss zzz",
    "MMM-dd-yy", "dd-MMM-yy", "MMM-dd-yyyy", "yyyy/MM/dd HH:mm:ss", "yyyy/M/d H:mm", "yyyy/MM/dd", "dd-MMM-yyyy",
    "MMM d, yyyy", "yyyy-MM-dd HH:mm", "M/d/yyyy h:mm:ss a", "M/d/yyyy h:mm a", "M/d/yyyy", "yyyy/M/d", "yyyyMMdd",
    "dd/MM/yyyy HH:mm", "MM/dd/yyyy", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm:ss Z",
].compactMap { DatePattern($0) }
let berlin = ReportingTimeZone(identifier: "Europe/Berlin")!

func text(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self) }

func reparse<T>(_ s: String, _ parse: (UnsafeRawBufferPointer) -> ParsedValue<T>) -> ParsedValue<T> {
    var s = s
    return s.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count >= 1 else { return 0 }
    let all = UnsafeRawBufferPointer(start: start, count: count)
    let selector = all[0]
    let field = UnsafeRawBufferPointer(rebasing: all[1...])
    switch selector % 8 {
    case 0, 1:
        let separator: DecimalSeparator = selector % 8 == 0 ? .point : .comma
        if case .value(let amount) = ValueParser.money(field, separator: separator) {
            let printed = amount.description
            guard case .value(let again) = reparse(printed, { ValueParser.money($0, separator: .point) }) else {
                fatalError("INVARIANT: \(text(field)) → \(printed) does not parse again")
            }
            invariant(again == amount, "\(text(field)) → \(printed) → \(again)")
        }
    case 2, 3:
        let separator: DecimalSeparator = selector % 8 == 2 ? .point : .comma
        if case .value(let n) = ValueParser.integer(field, separator: separator) {
            guard case .value(let again) = reparse(String(n), { ValueParser.integer($0, separator: .point) }) else {
                fatalError("INVARIANT: \(text(field)) → \(n) does not parse again")
            }
            invariant(again == n, "\(text(field)) → \(n) → \(again)")
        }
    case 4:
        let scale = Int(selector >> 3) % 7
        for separator in DecimalSeparator.allCases {
            if case .value(let n) = ValueParser.scaledDecimal(field, scale: scale, separator: separator) {
                let printed = Money.decimalString(n.scaled, decimals: scale) + (n.isPercent ? "%" : "")
                guard case .value(let again) = reparse(printed, { ValueParser.scaledDecimal($0, scale: scale, separator: .point) })
                else { fatalError("INVARIANT: \(text(field)) → \(printed) does not parse again") }
                invariant(again.scaled == n.scaled && again.isPercent == n.isPercent, "\(text(field)) → \(printed) → \(again)")
            }
        }
    case 5:
        for zone in [ReportingTimeZone.utc, berlin] {
            if case .value(let t) = DateParser.isoTimestamp(field, localZone: zone) {
                let year = t.utcDate.components.year
                guard (1...9999).contains(year) else { continue }  // not printable as YYYY
                let printed = t.description
                guard case .value(let again) = reparse(printed, { DateParser.isoTimestamp($0, localZone: .utc) }) else {
                    fatalError("INVARIANT: \(text(field)) → \(printed) does not parse again")
                }
                invariant(again == t, "\(text(field)) → \(printed) → \(again)")
            }
        }
    case 6:
        if case .value(let d) = DateParser.isoDate(field) {
            invariant(CivilDate(iso: d.description) == d, "\(text(field)) → \(d) does not round-trip")
        }
    default:
        for pattern in patterns {
            if case .value(let r) = pattern.read(field) {
                invariant((0..<24).contains(r.hour) && (0..<60).contains(r.minute) && (0..<60).contains(r.second),
                    "\(text(field)) read with \(pattern) gives \(r.hour):\(r.minute):\(r.second)")
                _ = r.instant(in: berlin)
            }
        }
    }
    return 0
}
