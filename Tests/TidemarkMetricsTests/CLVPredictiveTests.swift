import Foundation
import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("Predictive CLV")
struct CLVPredictiveTests {
    static let purchases = BGNBDParameters(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
    static let spend = GammaGammaParameters(p: 6.25, q: 3.74, gamma: 15.44)
    static let day0 = CivilDate(daysSinceEpoch: 0)

    static func summary(_ key: String, x: Int, tx: Double, T: Double, mean: Money?) -> CLVCustomerSummary {
        CLVCustomerSummary(
            customerKey: key, firstPurchase: day0, lastPurchase: day0, orders: x + 1, frequency: x, recency: tx, age: T,
            monetaryValue: mean, totalValue: .zero)
    }

    @Test func discountingByHand() {
        // Cumulative purchases 0, 1, 3, 3.5: month 1 has 1, month 2 has 2, month 3 has 0.5.
        // d = 10 %: 1/1.1 + 2/1.21 + 0.5/1.331 = 0.909090… + 1.652892… + 0.375657… = 2.937640871525169.
        let v = PredictiveCLV.discountedPurchases(cumulative: [0, 1, 3, 3.5], monthlyRate: 0.10)
        #expect(abs(v - (1 / 1.1 + 2 / 1.21 + 0.5 / 1.331)) < 1e-15)
        #expect(abs(v - 2.937640871525169) < 1e-12)
        // No discount: the total, 3.5. Empty horizon: 0.
        #expect(PredictiveCLV.discountedPurchases(cumulative: [0, 1, 3, 3.5], monthlyRate: 0) == 3.5)
        #expect(PredictiveCLV.discountedPurchases(cumulative: [0], monthlyRate: 0.01) == 0)
    }

    /// CLV at the published CDNOW parameters, weeks, 12 months of 30.4375 / 7 = 4.348214 weeks, 1 % a month.
    /// Reference from an independent Python implementation (scipy hyp2f1, untransformed eq. 10):
    /// x = 2, t_x = 30.43, T = 38.86, m̄ = 22.345: Σ discounted purchases × E[M] = 36.30521942895137,
    /// E[Y(12 months)] = 1.5630996522916274, E[M] = 24.659612860892384.
    @Test func clvOfTheWorkedExampleCustomer() {
        let c = Self.summary("c", x: 2, tx: 30.43, T: 38.86, mean: Money(micros: 22_345_000))
        let p = PredictiveCLV.predict(c, purchases: Self.purchases, spend: Self.spend)
        #expect(abs(p.expectedPurchases! - 1.5630996522916274) < 1e-12)
        #expect(abs(p.expectedSpend - 24.659612860892384) < 1e-12)
        #expect(p.clv == Money(micros: 36_305_219))  // 36.305219|43 rounded to millionths
        #expect(abs(p.probabilityAlive - 0.726578570080673) < 1e-14)
    }

    @Test func aMarginRateMultipliesTheCLV() {
        // 36.30521942895137 × 40 % = 14.522087771580548 → 14.522088.
        let c = Self.summary("c", x: 2, tx: 30.43, T: 38.86, mean: Money(micros: 22_345_000))
        let p = PredictiveCLV.predict(
            c, purchases: Self.purchases, spend: Self.spend, options: PredictiveCLVOptions(marginRate: Ratio(2, over: 5)))
        #expect(p.clv == Money(micros: 14_522_088))
    }

    @Test func aCustomerWithoutRepeatsGetsThePopulationMeanSpend() {
        // x = 0, T = 38.86: E[Y(12 months)] = 0.25283387213457537, E[M] = 96.5 / 2.74 = 35.21897810218978,
        // CLV = 8.37445909941179 → 8.374459.
        let p = PredictiveCLV.predict(Self.summary("n", x: 0, tx: 0, T: 38.86, mean: nil), purchases: Self.purchases, spend: Self.spend)
        #expect(abs(p.expectedPurchases! - 0.25283387213457537) < 1e-12)
        #expect(p.clv == Money(micros: 8_374_459))
    }

    @Test func aLongerHorizonAndNoDiscountGiveExpectedPurchasesTimesSpend() {
        // With d = 0 the sum telescopes: CLV = E[Y(H)] × E[M].
        let c = Self.summary("c", x: 2, tx: 30.43, T: 38.86, mean: Money(micros: 22_345_000))
        let p = PredictiveCLV.predict(
            c, purchases: Self.purchases, spend: Self.spend, options: PredictiveCLVOptions(horizonMonths: 24, monthlyDiscountRate: 0))
        let expected = p.expectedPurchases! * p.expectedSpend
        #expect(p.clv == Money(micros: Int64((expected * 1e6).rounded())))
    }

    @Test func tooFewRepeatCustomersMeansHistoricalCLVOnly() {
        // 19 repeat customers, 30 one-time customers: one short of the default 20.
        let customers = (0..<49).map { i in
            Self.summary("k\(i)", x: i < 19 ? 1 : 0, tx: i < 19 ? 3 : 0, T: 20, mean: i < 19 ? Money(units: 10) : nil)
        }
        let result = PredictiveCLV.run(customers)
        #expect(result.unavailable == .tooFewRepeatCustomers(found: 19, required: 20))
        #expect(result.customers.isEmpty)
        #expect(result.purchaseModel == nil && result.spendModel == nil)
        #expect(result.unavailable!.description.contains("historical CLV only"))
    }

    @Test func aFitThatDoesNotConvergeMeansHistoricalCLVOnly() {
        let customers: [CLVCustomerSummary] = (0..<40).map { (i: Int) -> CLVCustomerSummary in
            let x = i % 4
            let mean: Money? = x > 0 ? Money(units: Int64(5 + i)) : nil
            return Self.summary("k\(i)", x: x, tx: Double(x * 3), T: Double(20 + i % 7), mean: mean)
        }
        // Two iterations cannot converge.
        let result = PredictiveCLV.run(customers, options: PredictiveCLVOptions(optimizer: NelderMeadOptions(maxIterations: 2)))
        #expect(result.unavailable == PredictiveCLVUnavailable.purchaseModelDidNotConverge(iterations: 2))
        #expect(result.customers.isEmpty)
        #expect(result.purchaseModel?.converged == false)
    }
}
