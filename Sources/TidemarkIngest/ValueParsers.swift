import TidemarkCommerce

/// The outcome of reading one value: a value, "no value" (empty, `--`), or a reason it is not valid.
public enum ParsedValue<Value> {
    case value(Value)
    case missing
    case invalid(String)
}

/// How a file writes decimal numbers, decided once per file (configured, or sniffed from its values).
public enum DecimalSeparator: String, Sendable, CaseIterable {
    /// `1,234.56`
    case point
    /// `1.234,56` or `1 234,56`
    case comma

    var byte: UInt8 { self == .point ? UInt8(ascii: ".") : UInt8(ascii: ",") }
    var groupingBytes: [UInt8] { self == .point ? [UInt8(ascii: ","), 0x20, UInt8(ascii: "'")] : [UInt8(ascii: "."), 0x20, UInt8(ascii: "'")] }
}

/// A number read from bytes: digits as a scaled integer, plus any currency text found around it.
public struct ScaledNumber: Equatable, Sendable {
    /// The value × 10^scale.
    public var scaled: Int64
    /// Currency text seen next to the number (`EUR`, `AU $`, `€`), upper-cased, spaces removed; empty if none.
    public var currencyText: String
    /// Whether the value carried a `%` sign.
    public var isPercent: Bool
}

/// Byte-level parsers for the values exports contain. No `String` is created for a well-formed plain number.
public enum ValueParser {
    /// Reads a decimal number with up to `scale` decimals from field bytes.
    ///
    /// Accepts surrounding spaces, a sign or accounting parentheses `(12.50)`, thousands separators appropriate to
    /// the file's decimal separator, currency symbols or codes before or after (`$ 16.22`, `AU $3,000.00`,
    /// `EUR 90,00`, `12.50 €`) and a trailing `%`. Empty, `-`, `--` and `N/A` are missing. More decimals than
    /// `scale` is invalid (never silently rounded).
    public static func scaledDecimal(_ bytes: UnsafeRawBufferPointer, scale: Int, separator: DecimalSeparator) -> ParsedValue<ScaledNumber> {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        if start == end { return .missing }
        if isMissingMarker(bytes, start, end) { return .missing }

        var negative = false
        var sawSign = false
        var parenthesised = false
        var percent = false
        var currency: [UInt8] = []
        var intValue: Int64 = 0
        var decimals = 0
        var sawDigit = false
        var sawDecimalSeparator = false
        var inNumber = false
        var numberEnded = false
        var lastGroupingDistance = -1  // digits since the last grouping separator, -1 if none
        var digitsBeforeGrouping = 0
        let dec = separator.byte
        let grouping = separator.groupingBytes

        var i = start
        while i < end {
            let c = bytes[i]
            if c >= 48 && c <= 57 {
                if numberEnded { return .invalid("is not a number") }
                inNumber = true
                sawDigit = true
                if sawDecimalSeparator {
                    decimals += 1
                    if decimals > scale { return .invalid("has more than \(scale) decimal places") }
                }
                let (m, o1) = intValue.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(c - 48))
                if o1 || o2 { return .invalid("is too large") }
                intValue = a
                if lastGroupingDistance >= 0 { lastGroupingDistance += 1 } else if !sawDecimalSeparator { digitsBeforeGrouping += 1 }
            } else if c == dec && inNumber && !sawDecimalSeparator && !numberEnded {
                if lastGroupingDistance >= 0 && lastGroupingDistance != 3 { return .invalid("has misplaced thousands separators") }
                sawDecimalSeparator = true
                lastGroupingDistance = -1
            } else if c == dec && !inNumber && !numberEnded && i + 1 < end && bytes[i + 1] >= 48 && bytes[i + 1] <= 57 {
                inNumber = true  // ".5"
                sawDecimalSeparator = true
            } else if inNumber && !sawDecimalSeparator && !numberEnded, let width = groupingWidth(bytes, i, end, grouping) {
                // The first group has 1–3 digits, every later one exactly 3.
                if lastGroupingDistance >= 0 ? lastGroupingDistance != 3 : digitsBeforeGrouping > 3 {
                    return .invalid("has misplaced thousands separators")
                }
                lastGroupingDistance = 0
                i += width - 1
            } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == 0xE2 && i + 2 < end && bytes[i + 1] == 0x88 && bytes[i + 2] == 0x92 {
                if sawSign || inNumber { return .invalid("is not a number") }
                sawSign = true
                negative = c != UInt8(ascii: "+")
                if c == 0xE2 { i += 2 }  // U+2212 minus sign
            } else if c == UInt8(ascii: "(") && !inNumber && !parenthesised {
                parenthesised = true
            } else if c == UInt8(ascii: ")") && parenthesised && inNumber {
                parenthesised = false
                numberEnded = true
                negative = true
            } else if c == UInt8(ascii: "%") && inNumber {
                percent = true
                numberEnded = true
            } else if c == 0xC2 && i + 1 < end && bytes[i + 1] == 0xA0 {
                if inNumber { numberEnded = true }  // a no-break space, e.g. before `€`
                i += 1
            } else if isCurrencyByte(c) {
                if inNumber { numberEnded = true }
                if c != 0x20 { currency.append(c) }
            } else {
                return .invalid("is not a number")
            }
            i += 1
        }
        if !sawDigit || parenthesised { return .invalid("is not a number") }
        if lastGroupingDistance >= 0 && lastGroupingDistance != 3 { return .invalid("has misplaced thousands separators") }
        var scaled = intValue
        for _ in decimals..<scale {
            let (m, o) = scaled.multipliedReportingOverflow(by: 10)
            if o { return .invalid("is too large") }
            scaled = m
        }
        let text = currency.isEmpty ? "" : String(decoding: currency, as: UTF8.self).uppercased()
        if !text.isEmpty && !isCurrencyText(text) { return .invalid("is not a number") }
        return .value(ScaledNumber(scaled: negative ? -scaled : scaled, currencyText: text, isPercent: percent))
    }

    /// Reads a money amount (six decimals kept).
    @inlinable public static func money(_ bytes: UnsafeRawBufferPointer, separator: DecimalSeparator) -> ParsedValue<Money> {
        switch scaledDecimal(bytes, scale: Money.decimalPlaces, separator: separator) {
        case .value(let n):
            if n.isPercent { return .invalid("is a percentage, not an amount") }
            return .value(Money(micros: n.scaled))
        case .missing: return .missing
        case .invalid(let why): return .invalid(why)
        }
    }

    /// Reads a whole number (quantities, counts); grouping separators allowed, decimals not.
    public static func integer(_ bytes: UnsafeRawBufferPointer, separator: DecimalSeparator) -> ParsedValue<Int> {
        switch scaledDecimal(bytes, scale: 0, separator: separator) {
        case .value(let n):
            if n.isPercent || !n.currencyText.isEmpty { return .invalid("is not a whole number") }
            return .value(Int(n.scaled))
        case .missing: return .missing
        case .invalid: return .invalid("is not a whole number")
        }
    }

    /// Whether text found around a number names a currency: an ISO code (`EUR`), a known symbol or prefix
    /// (`€`, `AU$`, `US$`), or a bare `$`.
    static func isCurrencyText(_ text: String) -> Bool {
        if text == "$" || Currency(code: text) != nil || Currency.fromSymbol(text) != nil { return true }
        // A code written with a symbol, e.g. `EUR€` is unusual; `USD$` appears in some exports.
        if text.hasSuffix("$"), Currency(code: String(text.dropLast())) != nil { return true }
        return false
    }

    /// The byte length of a thousands separator at `i` that is followed by a digit: one of the file's grouping
    /// bytes, a no-break space (U+00A0) or a narrow no-break space (U+202F); `nil` otherwise.
    @inline(__always) static func groupingWidth(_ b: UnsafeRawBufferPointer, _ i: Int, _ end: Int, _ grouping: [UInt8]) -> Int? {
        let width: Int
        if grouping.contains(b[i]) {
            width = 1
        } else if b[i] == 0xC2, i + 1 < end, b[i + 1] == 0xA0 {
            width = 2
        } else if b[i] == 0xE2, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0xAF {
            width = 3
        } else {
            return nil
        }
        guard i + width < end, b[i + width] >= 48, b[i + width] <= 57 else { return nil }
        return width
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    static func isMissingMarker(_ b: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Bool {
        let n = e - s
        if n == 1 { return b[s] == UInt8(ascii: "-") }
        if n == 2 { return b[s] == UInt8(ascii: "-") && b[s + 1] == UInt8(ascii: "-") }
        if n == 3 {
            let a = b[s] | 0x20, c = b[s + 2] | 0x20
            return a == UInt8(ascii: "n") && b[s + 1] == UInt8(ascii: "/") && c == UInt8(ascii: "a")
        }
        return false
    }

    /// Letters, `$`, spaces and any non-ASCII byte (€, £, ¥ …) may form currency text around a number.
    @inline(__always) static func isCurrencyByte(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "$") || c == 0x20 || c >= 0x80
    }
}
