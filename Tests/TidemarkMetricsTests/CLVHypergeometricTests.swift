import Foundation
import Testing

@testable import TidemarkMetrics

@Suite("Gaussian hypergeometric 2F1")
struct CLVHypergeometricTests {
    /// Reference values from scipy.special.hyp2f1 (an independent implementation).
    @Test(arguments: [
        (1.5, 2.5, 3.7, 0.6, 2.3722615270113248),
        (0.3, -0.2, 5.0, 0.95, 0.9874076487481585),
        (50.2, 52.4, 51.6, 0.3, 78914865.6146016),  // large parameters: terms grow before they shrink
    ])
    func matchesAnIndependentImplementation(a: Double, b: Double, c: Double, z: Double, expected: Double) {
        let v = hypergeometric2F1(a, b, c, z)
        #expect(v.converged)
        #expect(abs(v.value - expected) / abs(expected) < 1e-12)
    }

    @Test func aClosedFormCase() {
        // 2F1(1, 1; 2; z) = −ln(1 − z) / z; at z = 0.5: 2 ln 2 = 1.3862943611198906.
        let v = hypergeometric2F1(1, 1, 2, 0.5)
        #expect(abs(v.value - 1.3862943611198906) < 1e-14)
    }

    @Test func agreesWithEulersTransformation() {
        // 2F1(a, b; c; z) = (1 − z)^(c−a−b) 2F1(c−a, c−b; c; z); the BG/NBD expectation relies on it.
        // a = 1.5, b = 2.5, c = 3.7, z = 0.6: (0.4)^(−0.3) · 2F1(2.2, 1.2; 3.7; 0.6).
        let direct = hypergeometric2F1(1.5, 2.5, 3.7, 0.6).value
        let euler = pow(0.4, -0.3) * hypergeometric2F1(2.2, 1.2, 3.7, 0.6).value
        #expect(abs(direct - euler) / direct < 1e-13)
    }

    @Test(arguments: [1.0, 1.5, -1.0])
    func doesNotClaimConvergenceOutsideTheUnitDisc(z: Double) {
        #expect(!hypergeometric2F1(1, 1, 2, z).converged)
    }

    @Test func reportsNoConvergenceWhenTermsRunOut() {
        // At z = 0.999 the terms shrink by 0.1 % each: 50 terms are far from enough.
        let v = hypergeometric2F1(1, 1, 2, 0.999, maxTerms: 50)
        #expect(!v.converged)
        #expect(hypergeometric2F1(1, 1, 2, 0.999).converged)
    }

    @Test func aNonPositiveIntegerCIsUndefined() {
        #expect(!hypergeometric2F1(1, 1, -2, 0.5).converged)
    }
}
