import Foundation
import Testing
import TidemarkTestSupport
import TidemarkCommerce

@testable import TidemarkMetrics

/// The prepared likelihoods of the fits (``BGNBDLikelihood``, ``GammaGammaLikelihood``) against the per-customer
/// formulas on random customers and parameters: the same floating-point number as the straightforward sums.
@Suite("CLV likelihoods")
struct CLVLikelihoodTests {

    /// Random summaries on a day grid in weeks, so that many customers share (x, t_x, T).
    static func customers(_ n: Int, seed: UInt64) -> [CLVCustomerSummary] {
        var g = SeededRandom(seed: seed)
        return (0..<n).map { i in
            let age = Int.random(in: 0...120, using: &g)
            let x = Int.random(in: 0...3, using: &g) == 0 ? Int.random(in: 1...12, using: &g) : 0
            let recency = x == 0 ? 0 : Int.random(in: 1...max(1, age), using: &g)
            let mean: Money? = x == 0 ? nil : Money(micros: Int64.random(in: 1...200_000_000, using: &g) / 10_000 * 10_000)
            let d = CivilDate(daysSinceEpoch: 20_000)
            return CLVCustomerSummary(
                customerKey: "c\(i)", firstPurchase: d, lastPurchase: d.advanced(by: recency), orders: x + 1, frequency: x,
                recency: CLVTimeUnit.weeks.fromDays(recency), age: CLVTimeUnit.weeks.fromDays(age), monetaryValue: mean, totalValue: .zero)
        }
    }

    /// The grouped sum as the fit computed it before the likelihood was prepared: groups sorted by (x, t_x, T),
    /// every term evaluated from scratch.
    static func groupedReference(_ customers: [CLVCustomerSummary], _ m: BGNBDParameters) -> Double {
        struct Key: Hashable { var x: Int; var tx: Double; var T: Double }
        var weights: [Key: Double] = [:]
        for c in customers { weights[Key(x: c.frequency, tx: c.recency, T: c.age), default: 0] += 1 }
        var total = 0.0
        for (key, w) in weights.sorted(by: { ($0.key.x, $0.key.tx, $0.key.T) < ($1.key.x, $1.key.tx, $1.key.T) }) {
            let (r, alpha, a, b) = (m.r, m.alpha, m.a, m.b)
            let x = Double(key.x)
            let shared = -lgamma(r) + r * log(alpha) + lgamma(a + b) - lgamma(b)
            let a12 = shared + lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x)
            let a3 = -(r + x) * log(alpha + key.T)
            var ll = a12 + a3
            if key.x > 0 {
                let a4 = log(a) - log(b + x - 1) - (r + x) * log(alpha + key.tx)
                let hi = max(a3, a4)
                ll = a12 + hi + log(exp(a3 - hi) + exp(a4 - hi))
            }
            total += w * ll
        }
        return total
    }

    static func randomBGNBD(_ g: inout SeededRandom) -> BGNBDParameters {
        BGNBDParameters(
            r: exp(Double.random(in: -3...3, using: &g)), alpha: exp(Double.random(in: -3...5, using: &g)),
            a: exp(Double.random(in: -3...3, using: &g)), b: exp(Double.random(in: -3...3, using: &g)))
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func groupedBGNBDLikelihoodIsTheSameNumber(seed: UInt64) {
        let customers = Self.customers(3_000, seed: seed)
        let likelihood = BGNBDLikelihood(customers)
        #expect(likelihood.groups.count < customers.count)  // the grid makes customers share statistics
        var g = SeededRandom(seed: seed &* 7919)
        for _ in 0..<20 {
            let m = Self.randomBGNBD(&g)
            let prepared = likelihood.logLikelihood(m)
            #expect(prepared.bitPattern == Self.groupedReference(customers, m).bitPattern)
            // And, independently, the per-customer sum to a tight relative tolerance (the order of addition differs).
            let perCustomer = m.logLikelihood(customers)
            #expect(abs(prepared - perCustomer) <= 1e-9 * max(1, abs(perCustomer)))
        }
    }

    @Test(arguments: [4 as UInt64, 5])
    func preparedGammaGammaLikelihoodIsTheSameNumber(seed: UInt64) {
        let data: [(x: Int, m: Double)] = Self.customers(3_000, seed: seed).compactMap { c in
            c.monetaryValue.map { (c.frequency, $0.clvDouble) }
        }
        let likelihood = GammaGammaLikelihood(data)
        #expect(likelihood.products.count < data.count)
        var g = SeededRandom(seed: seed &* 104_729)
        for _ in 0..<20 {
            let m = GammaGammaParameters(
                p: exp(Double.random(in: -3...4, using: &g)), q: exp(Double.random(in: -3...4, using: &g)),
                gamma: exp(Double.random(in: -3...8, using: &g)))
            let reference = data.reduce(0) { $0 + m.logLikelihood(frequency: $1.x, meanValue: $1.m) }
            #expect(likelihood.logLikelihood(m).bitPattern == reference.bitPattern)
        }
    }
}
