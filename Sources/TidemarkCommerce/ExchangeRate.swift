/// An exchange rate held exactly as a whole number of 10^-10 units (ECB publishes at most 6 significant digits;
/// ten decimals keep every published rate exact).
public struct ExchangeRate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Ten-billionths per unit.
    public static let scale: Int64 = 10_000_000_000
    /// The rate in 10^-10 units; always positive.
    public let scaled: Int64

    /// A rate of `scaled` × 10^-10; `nil` unless positive.
    public init?(scaled: Int64) {
        guard scaled > 0 else { return nil }
        self.scaled = scaled
    }

    /// One.
    public static let one = ExchangeRate(scaled: scale)!

    /// Converts `amount` in currency C to the reporting currency RC through a common base:
    /// `amount × rate(RC) / rate(C)` (both rates per one unit of the base), rounded half away from zero to
    /// millionths.
    public static func convert(_ amount: Money, from rateOfSource: ExchangeRate, to rateOfTarget: ExchangeRate) -> Money {
        let product = Int128(amount.micros) * Int128(rateOfTarget.scaled)
        return Money(micros: Int64(Money.divideRoundingHalfAwayFromZero(product, by: Int128(rateOfSource.scaled))))
    }

    /// The rate written exactly, trailing zeros trimmed: `1.0823`.
    public var description: String {
        var s = Money.decimalString(scaled, decimals: 10)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    public static func < (a: ExchangeRate, b: ExchangeRate) -> Bool { a.scaled < b.scaled }
}
