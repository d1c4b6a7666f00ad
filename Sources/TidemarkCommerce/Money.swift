/// An exact amount of money in some currency, held as a whole number of millionths (six decimal places).
///
/// Six places are kept through parsing, conversion and aggregation; rounding to a currency's minor unit happens
/// once, at output, with ``rounded(toMinorUnits:)`` (half away from zero). Arithmetic traps on overflow rather
/// than wrapping: the range is ±9.2 trillion currency units, far beyond any one seller's figures.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Millionths of a currency unit per unit.
    public static let scale: Int64 = 1_000_000
    /// Decimal places kept internally.
    public static let decimalPlaces = 6

    /// The amount in millionths of a currency unit.
    public var micros: Int64

    /// An amount of `micros` millionths of a unit.
    @inlinable public init(micros: Int64) { self.micros = micros }

    /// A whole number of currency units.
    @inlinable public init(units: Int64) { self.micros = units * Money.scale }

    /// Zero.
    public static let zero = Money(micros: 0)

    @inlinable public static func + (a: Money, b: Money) -> Money { Money(micros: a.micros + b.micros) }
    @inlinable public static func - (a: Money, b: Money) -> Money { Money(micros: a.micros - b.micros) }
    @inlinable public static prefix func - (a: Money) -> Money { Money(micros: -a.micros) }
    @inlinable public static func += (a: inout Money, b: Money) { a.micros += b.micros }
    @inlinable public static func -= (a: inout Money, b: Money) { a.micros -= b.micros }
    @inlinable public static func < (a: Money, b: Money) -> Bool { a.micros < b.micros }

    /// This amount times a whole quantity (e.g. units × unit cost).
    @inlinable public func times(_ quantity: Int) -> Money { Money(micros: micros * Int64(quantity)) }

    /// The absolute value.
    @inlinable public var magnitude: Money { Money(micros: micros < 0 ? -micros : micros) }

    /// Whether the amount is exactly zero.
    @inlinable public var isZero: Bool { micros == 0 }

    /// The amount as a count of the currency's minor units (cents for 2, yen for 0), rounded half away from zero.
    public func rounded(toMinorUnits digits: Int) -> Int64 {
        precondition((0...6).contains(digits), "minor units must be 0...6")
        let divisor = pow10(6 - digits)
        return Money.divideRoundingHalfAwayFromZero(Int128(micros), by: Int128(divisor)).clampedInt64
    }

    /// The amount rounded to `digits` decimals and written with a `.` separator and no grouping: `-1234.50`.
    public func formatted(minorUnits digits: Int) -> String {
        let minor = rounded(toMinorUnits: digits)
        return Money.decimalString(minor, decimals: digits)
    }

    /// All six decimals, without rounding: `12.345678`.
    public var description: String { Money.decimalString(micros, decimals: 6) }

    /// `value / 10^decimals` written exactly as a decimal string.
    public static func decimalString(_ value: Int64, decimals: Int) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        if decimals == 0 { return (negative ? "-" : "") + String(magnitude) }
        let divisor = UInt64(pow10(decimals))
        let whole = magnitude / divisor
        let fraction = String(magnitude % divisor)
        let padded = String(repeating: "0", count: decimals - fraction.count) + fraction
        return (negative ? "-" : "") + String(whole) + "." + padded
    }

    /// `numerator / denominator`, rounded to the nearest integer, halves away from zero.
    public static func divideRoundingHalfAwayFromZero(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator != 0, "division by zero")
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude
        let d = denominator.magnitude
        var q = n / d
        let r = n % d
        if r * 2 >= d { q += 1 }
        let result = Int128(q)
        return negative ? -result : result
    }
}

extension Money {
    /// The sum of a sequence of amounts.
    public static func sum<S: Sequence>(_ amounts: S) -> Money where S.Element == Money {
        amounts.reduce(.zero, +)
    }
}

/// 10 raised to a small power, as an integer.
@inlinable public func pow10(_ exponent: Int) -> Int64 {
    var value: Int64 = 1
    for _ in 0..<exponent { value *= 10 }
    return value
}

extension Int128 {
    /// The value as `Int64`, trapping if it does not fit (an amount beyond ±9.2 × 10^18 millionths).
    @usableFromInline var clampedInt64: Int64 {
        guard let v = Int64(exactly: self) else { preconditionFailure("amount out of range: \(self)") }
        return v
    }
}
