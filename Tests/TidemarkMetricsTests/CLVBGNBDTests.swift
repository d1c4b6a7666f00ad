import Foundation
import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

/// Expected values are from an independent Python implementation (scipy.special.gammaln, logaddexp and hyp2f1,
/// the untransformed eq. 10), at the published CDNOW parameters r = 0.243, α = 4.414, a = 0.793, b = 2.426.
@Suite("BG/NBD")
struct CLVBGNBDTests {
    static let cdnow = BGNBDParameters(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)

    @Test(arguments: [
        (2, 30.43, 38.86, -9.45860630706627),
        (0, 0.0, 38.86, -0.5547132764381585),
        (7, 35.0, 38.0, -22.012920134497158),
        (1, 1.71, 38.86, -4.469093275032588),
    ])
    func logLikelihoodOfOneCustomer(x: Int, tx: Double, T: Double, expected: Double) {
        #expect(abs(Self.cdnow.logLikelihood(frequency: x, recency: tx, age: T) - expected) < 1e-12)
    }

    @Test func logLikelihoodWithoutRepeatsByHand() {
        // x = 0: ln L = r ln α − r ln(α + T) + lnΓ(a+b) + lnΓ(b) − lnΓ(b) − lnΓ(a+b) = r ln(α / (α+T)).
        // r = 0.5, α = 2, T = 6: 0.5 · ln(2/8) = 0.5 · −1.3862943611198906 = −0.6931471805599453.
        let m = BGNBDParameters(r: 0.5, alpha: 2, a: 1, b: 1)
        #expect(abs(m.logLikelihood(frequency: 0, recency: 0, age: 6) - -0.6931471805599453) < 1e-14)
    }

    @Test(arguments: [
        (2, 30.43, 38.86, 1.226028174767135, 1.5587208064320937, 0.726578570080673),
        (0, 0.0, 38.86, 0.19509805201125396, 0.2520730222824504, 1.0),
        (7, 35.0, 38.0, 4.556185276589776, 5.728681664346136, 0.8619910650934327),
        (1, 1.71, 38.86, 0.2031869870797511, 0.2598234648686216, 0.2121009853773791),
    ])
    func conditionalExpectationAndProbabilityAlive(x: Int, tx: Double, T: Double, e39: Double, e52: Double, alive: Double) {
        // The first row is the paper's worked example: E[Y(39) | 2, 30.43, 38.86] = 1.226.
        let m = Self.cdnow
        #expect(abs(m.expectedPurchases(in: 39, frequency: x, recency: tx, age: T)! - e39) < 1e-12)
        #expect(abs(m.expectedPurchases(in: 52, frequency: x, recency: tx, age: T)! - e52) < 1e-12)
        #expect(abs(m.probabilityAlive(frequency: x, recency: tx, age: T) - alive) < 1e-14)
    }

    @Test func probabilityAliveByHand() {
        // a = 1, b = 2, r = 1, α = 1, x = 1, t_x = 1, T = 3: 1 / (1 + 1/(2+1−1) · (4/2)^2) = 1 / (1 + 0.5 · 4) = 1/3.
        let m = BGNBDParameters(r: 1, alpha: 1, a: 1, b: 2)
        #expect(abs(m.probabilityAlive(frequency: 1, recency: 1, age: 3) - 1.0 / 3) < 1e-15)
    }

    @Test func expectationOfANewCustomer() {
        // E[X(52)] at the CDNOW parameters (eq. 9): 1.446050595396398.
        #expect(abs(Self.cdnow.expectedPurchasesOfNewCustomer(in: 52)! - 1.446050595396398) < 1e-12)
        #expect(Self.cdnow.expectedPurchasesOfNewCustomer(in: 0) == 0)
    }

    @Test func theExpectationIsContinuousAcrossAEqualsOne() {
        // At a = 1 the formula is 0/0; the value there must lie between its neighbours at a = 1 ± 1e-3.
        func e(_ a: Double) -> Double {
            BGNBDParameters(r: 0.5, alpha: 3, a: a, b: 2).expectedPurchases(in: 20, frequency: 3, recency: 8, age: 10)!
        }
        let (lo, mid, hi) = (e(1 - 1e-3), e(1), e(1 + 1e-3))
        #expect(mid.isFinite)
        #expect(min(lo, hi) <= mid && mid <= max(lo, hi))
    }

    @Test func anEnormousHorizonOnATinyAgeIsUnknownRatherThanWrong() {
        // α + T = 1e-9 and t = 1e6: z = 1 − 1e-15, beyond what the series can sum.
        let m = BGNBDParameters(r: 0.5, alpha: 1e-9, a: 0.5, b: 2)
        #expect(m.expectedPurchases(in: 1e6, frequency: 0, recency: 0, age: 0) == nil)
    }

    @Test func fitRecoversTheMaximumOfTheLikelihood() {
        // A small data set: the fitted log-likelihood is at least that of any nearby parameter set.
        let customers: [CLVCustomerSummary] = [
            (0, 0.0, 30.0), (0, 0.0, 20.0), (1, 5.0, 30.0), (3, 25.0, 28.0), (2, 10.0, 30.0), (0, 0.0, 10.0),
            (5, 18.0, 25.0), (1, 2.0, 12.0), (0, 0.0, 29.0), (4, 27.0, 29.0),
        ].enumerated().map { i, c in
            CLVCustomerSummary(
                customerKey: "c\(i)", firstPurchase: CivilDate(daysSinceEpoch: 0), lastPurchase: CivilDate(daysSinceEpoch: 0),
                orders: c.0 + 1, frequency: c.0, recency: c.1, age: c.2, monetaryValue: nil, totalValue: .zero)
        }
        let fit = BGNBD.fit(customers)
        #expect(fit.customers == 10)
        #expect(abs(fit.logLikelihood - fit.parameters.logLikelihood(customers)) < 1e-9)
        for factor in [0.98, 1.02] {
            var p = fit.parameters
            p.r *= factor
            #expect(p.logLikelihood(customers) <= fit.logLikelihood + 1e-9)
            p = fit.parameters
            p.b *= factor
            #expect(p.logLikelihood(customers) <= fit.logLikelihood + 1e-9)
        }
    }

    @Test func anEmptyCustomerListDoesNotConverge() {
        #expect(!BGNBD.fit([]).converged)
    }
}
