/// An ISO 4217 currency: its three-letter code and the number of decimals of its minor unit.
public struct Currency: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The upper-case three-letter code, e.g. `EUR`.
    public let code: String
    /// Decimals of the minor unit: 2 for EUR, 0 for JPY, 3 for KWD.
    public let minorUnits: Int

    /// The currency with this ISO 4217 code (case-insensitive, surrounding spaces ignored), or `nil` if the code
    /// is not an active ISO 4217 currency.
    public init?(code raw: String) {
        let code = raw.trimmingASCIISpaces().uppercased()
        guard let minor = CurrencyTable.minorUnits[code] else { return nil }
        self.code = code
        self.minorUnits = minor
    }

    /// The currency for a code known to be valid; traps otherwise. For constants in code and tests.
    public init(_ code: StaticString) {
        guard let c = Currency(code: code.description) else { preconditionFailure("unknown currency \(code)") }
        self = c
    }

    public var description: String { code }
    public static func < (a: Currency, b: Currency) -> Bool { a.code < b.code }

    public static let EUR = Currency("EUR")
    public static let USD = Currency("USD")
    public static let GBP = Currency("GBP")
    public static let JPY = Currency("JPY")

    /// The currency a symbol or prefix denotes where that is unambiguous (`€`, `£`, `¥` → JPY, `US$`, `AU $`),
    /// used by value parsers for amounts like `AU $3,000.00`. A bare `$` is ambiguous and returns `nil`.
    public static func fromSymbol(_ symbol: String) -> Currency? {
        // Most symbols (`$`, `€`, `US$`) hold no space: then removing spaces changes nothing, and Foundation's
        // search (costly, and called for every `$ 16.22` an export writes) is not needed.
        let spaced = symbol.utf8.contains { $0 == 0x20 || $0 == 0xA0 }
        let key = (spaced ? symbol.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{A0}", with: "") : symbol).uppercased()
        guard let code = CurrencyTable.symbols[key] else { return nil }
        return Currency(code: code)
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and no-break spaces.
    public func trimmingASCIISpaces() -> String {
        // Most values have nothing to trim: return them without copying.
        let bytes = utf8
        guard let head = bytes.first, let tail = bytes.last else { return self }
        if head != 0x20 && head != 0x09 && head != 0xC2 && tail != 0x20 && tail != 0x09 && tail != 0xA0 { return self }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\u{A0}" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\u{A0}" { s.removeLast() }
        return String(s)
    }
}
