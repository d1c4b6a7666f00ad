/// An exact fraction such as a margin percentage or a conversion rate, computed from two integers and rounded
/// only when written out.
public struct Ratio: Hashable, Sendable {
    /// The numerator (any integer scale, the same as the denominator's).
    public var numerator: Int128
    /// The denominator; never zero.
    public var denominator: Int128

    /// The fraction `numerator / denominator`, or `nil` when the denominator is zero (the figure does not exist).
    public init?(_ numerator: Int128, _ denominator: Int128) {
        guard denominator != 0 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// `a / b` for two amounts in the same currency, or `nil` when `b` is zero.
    public init?(_ a: Money, over b: Money) { self.init(Int128(a.micros), Int128(b.micros)) }

    /// `a / b` for two counts, or `nil` when `b` is zero.
    public init?(_ a: Int, over b: Int) { self.init(Int128(a), Int128(b)) }

    /// The fraction written with `decimals` places, half away from zero: `0.1250`.
    public func formatted(decimals: Int = 4) -> String {
        let scaled = Money.divideRoundingHalfAwayFromZero(numerator * Int128(pow10(decimals)), by: denominator)
        return Money.decimalString(Int64(scaled), decimals: decimals)
    }

    /// `amount × numerator / denominator`, rounded half away from zero to millionths.
    public func times(_ amount: Money) -> Money {
        Money(micros: Int64(Money.divideRoundingHalfAwayFromZero(Int128(amount.micros) * numerator, by: denominator)))
    }
}
