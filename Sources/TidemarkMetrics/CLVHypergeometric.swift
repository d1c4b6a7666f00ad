/// The value of a Gaussian hypergeometric series and whether it converged.
public struct HypergeometricValue: Hashable, Sendable {
    /// The partial sum reached (the function's value when ``converged``).
    public var value: Double
    /// How many terms were added.
    public var terms: Int
    /// Whether the estimated remainder fell below the tolerance before the term limit.
    public var converged: Bool
}

/// The Gaussian hypergeometric function ₂F₁(a, b; c; z) = Σₖ (a)ₖ (b)ₖ / ((c)ₖ k!) zᵏ, summed as its power series.
///
/// The series converges for |z| < 1 (geometrically, at rate |z|). Summing stops when the next term's estimated
/// tail, |term| × ρ / (1 − ρ) with ρ the larger of the next term ratio and |z| (the ratios tend to |z|), is at most `tolerance × |sum|` and ρ < 1. It is
/// reported as not converged when |z| ≥ 1, when c is zero or a negative integer, when the sum stops being finite
/// or when `maxTerms` terms were not enough; the caller must then not use ``HypergeometricValue/value``.
public func hypergeometric2F1(
    _ a: Double, _ b: Double, _ c: Double, _ z: Double, tolerance: Double = 1e-15, maxTerms: Int = 1_000_000
) -> HypergeometricValue {
    if z == 0 { return HypergeometricValue(value: 1, terms: 1, converged: true) }
    if !(abs(z) < 1) || (c <= 0 && c == c.rounded()) {
        return HypergeometricValue(value: .nan, terms: 0, converged: false)
    }
    var sum = 1.0
    var term = 1.0
    var k = 0
    while k < maxTerms {
        let kd = Double(k)
        let ratio = (a + kd) * (b + kd) / ((c + kd) * (kd + 1)) * z
        term *= ratio
        sum += term
        k += 1
        guard sum.isFinite, term.isFinite else { break }
        if term == 0 { return HypergeometricValue(value: sum, terms: k + 1, converged: true) }
        let rho = max(abs((a + kd + 1) * (b + kd + 1) / ((c + kd + 1) * (kd + 2)) * z), abs(z))
        if rho < 1, abs(term) * rho / (1 - rho) <= tolerance * abs(sum) {
            return HypergeometricValue(value: sum, terms: k + 1, converged: true)
        }
    }
    return HypergeometricValue(value: sum, terms: k + 1, converged: false)
}
