import Foundation
import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("Gamma-Gamma")
struct CLVGammaGammaTests {
    static let cdnow = GammaGammaParameters(p: 6.25, q: 3.74, gamma: 15.44)

    @Test(arguments: [
        // From an independent Python implementation (scipy.special.gammaln) at p = 6.25, q = 3.74, γ = 15.44.
        (2, 22.345, -3.551189164139956),
        (1, 11.77, -3.737709678740835),
    ])
    func logLikelihoodOfOneCustomer(x: Int, m: Double, expected: Double) {
        #expect(abs(Self.cdnow.logLikelihood(frequency: x, meanValue: m) - expected) < 1e-12)
    }

    @Test func expectedSpendByHand() {
        // p (γ + x m̄) / (p x + q − 1) = 6.25 · (15.44 + 2 · 22.345) / (12.5 + 2.74) = 6.25 · 60.13 / 15.24
        // = 375.8125 / 15.24 = 24.659612860892388.
        #expect(abs(Self.cdnow.expectedSpend(frequency: 2, meanValue: 22.345)! - 375.8125 / 15.24) < 1e-12)
        // x = 0: the population mean p γ / (q − 1) = 96.5 / 2.74 = 35.21897810218978.
        #expect(abs(Self.cdnow.expectedSpend(frequency: 0, meanValue: 0)! - 96.5 / 2.74) < 1e-12)
    }

    @Test(arguments: [1.0, 0.5])
    func expectedSpendDoesNotExistWhenQIsAtMostOne(q: Double) {
        #expect(GammaGammaParameters(p: 2, q: q, gamma: 10).expectedSpend(frequency: 3, meanValue: 20) == nil)
    }

    @Test func fitSkipsCustomersWithoutRepeatsOrWithoutPositiveSpend() {
        func c(_ key: String, _ x: Int, _ micros: Int64?) -> CLVCustomerSummary {
            CLVCustomerSummary(
                customerKey: key, firstPurchase: CivilDate(daysSinceEpoch: 0), lastPurchase: CivilDate(daysSinceEpoch: 0),
                orders: x + 1, frequency: x, recency: 0, age: 1, monetaryValue: micros.map { Money(micros: $0) },
                totalValue: .zero)
        }
        let customers = [
            c("a", 0, nil), c("b", 1, 0), c("c", 2, -5_000_000), c("d", 1, 10_000_000), c("e", 3, 20_000_000),
            c("f", 2, 15_000_000), c("g", 1, 40_000_000),
        ]
        let fit = GammaGamma.fit(customers)
        // a has no repeats, b a zero mean, c a negative mean: 4 customers remain.
        #expect(fit.customers == 4)
        let data: [(Int, Double)] = [(1, 10), (3, 20), (2, 15), (1, 40)]
        let ll = data.reduce(0) { $0 + fit.parameters.logLikelihood(frequency: $1.0, meanValue: $1.1) }
        #expect(abs(ll - fit.logLikelihood) < 1e-9)
    }

    @Test func anEmptyFitDoesNotConverge() {
        #expect(!GammaGamma.fit([]).converged)
    }
}
