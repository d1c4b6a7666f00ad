import Foundation

/// The three parameters of the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using
/// iso-value curves for customer base analysis").
///
/// Each purchase of a customer is worth a Gamma(shape p, rate ν) amount; ν varies across customers as
/// Gamma(shape q, rate γ). So a customer's mean purchase value is p/ν, and the population mean is p γ / (q − 1),
/// finite only when q > 1. Spend is assumed independent of purchase frequency.
public struct GammaGammaParameters: Hashable, Sendable {
    /// p: shape of the per-purchase value distribution.
    public var p: Double
    /// q: shape of the distribution of ν across customers.
    public var q: Double
    /// γ: rate of the distribution of ν across customers (in currency units).
    public var gamma: Double

    /// Parameters p, q, γ.
    public init(p: Double, q: Double, gamma: Double) {
        self.p = p
        self.q = q
        self.gamma = gamma
    }

    /// The log-likelihood of one repeat customer's mean repeat purchase value m̄ over x > 0 purchases:
    /// lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x).
    /// Requires x > 0 and m̄ > 0.
    public func logLikelihood(frequency x: Int, meanValue m: Double) -> Double {
        let px = p * Double(x)
        return lgamma(px + q) - lgamma(px) - lgamma(q) + q * log(gamma) + (px - 1) * log(m) + px * log(Double(x))
            - (px + q) * log(gamma + m * Double(x))
    }

    /// E[M | x, m̄]: the expected value of a customer's future purchases given x repeat purchases with mean
    /// value m̄: p (γ + x m̄) / (p x + q − 1), a weighted mix of the population mean p γ / (q − 1) and the
    /// customer's own mean. For x = 0 it is the population mean. `nil` when q ≤ 1 (the mean does not exist).
    public func expectedSpend(frequency x: Int, meanValue m: Double) -> Double? {
        guard q > 1 else { return nil }
        let xd = Double(x)
        return p * (gamma + xd * m) / (p * xd + q - 1)
    }
}

/// A fitted Gamma-Gamma model: the maximum-likelihood parameters and how the fit went.
public struct GammaGammaFit: Hashable, Sendable {
    /// The parameters with the highest log-likelihood found.
    public var parameters: GammaGammaParameters
    /// The log-likelihood of the fitted customers at ``parameters``.
    public var logLikelihood: Double
    /// Simplex iterations used by the winning start.
    public var iterations: Int
    /// Whether the optimiser converged and no parameter ended at a bound.
    public var converged: Bool
    /// How many customers it was fitted on (repeat customers with a positive mean repeat value).
    public var customers: Int
}

/// Maximum-likelihood fitting of the Gamma-Gamma model.
public enum GammaGamma {
    /// Fits p, q, γ on the customers with at least one repeat purchase and a positive mean repeat value (others
    /// are skipped: the model is defined for positive spend only), by ``NelderMead`` on log-parameters from
    /// (p, q, γ) = (1, 1, 1) and (1, 2, mean m̄); the best log-likelihood wins. Parameter bounds 1e-8…1e8.
    /// `converged` as for ``BGNBD/fit(_:unit:options:)``.
    public static func fit(_ customers: [CLVCustomerSummary], options: NelderMeadOptions = NelderMeadOptions()) -> GammaGammaFit {
        let data: [(x: Int, m: Double)] = customers.compactMap { c in
            guard c.frequency > 0, let m = c.monetaryValue, m.micros > 0 else { return nil }
            return (c.frequency, m.clvDouble)
        }
        guard !data.isEmpty else {
            return GammaGammaFit(
                parameters: GammaGammaParameters(p: 1, q: 1, gamma: 1), logLikelihood: 0, iterations: 0,
                converged: false, customers: 0)
        }
        let meanM = data.reduce(0) { $0 + $1.m } / Double(data.count)
        func parameters(_ v: [Double]) -> GammaGammaParameters { GammaGammaParameters(p: exp(v[0]), q: exp(v[1]), gamma: exp(v[2])) }
        let likelihood = GammaGammaLikelihood(data)
        let negativeLL: ([Double]) -> Double = { v in
            if v.contains(where: { abs($0) > BGNBD.logBound }) { return .infinity }
            return -likelihood.logLikelihood(parameters(v))
        }
        let starts: [[Double]] = [[0, 0, 0], [0, log(2), log(meanM)]]
        let best = starts.map { NelderMead.minimize(negativeLL, from: $0, options: options) }.min { $0.value < $1.value }!
        let atBound = best.point.contains { abs($0) > BGNBD.logBound - 1e-3 }
        return GammaGammaFit(
            parameters: parameters(best.point), logLikelihood: -best.value, iterations: best.iterations,
            converged: best.converged && !atBound && best.value.isFinite, customers: data.count)
    }
}

/// The Gamma-Gamma log-likelihood of a fixed list of repeat customers, prepared for evaluation at many parameter
/// values.
///
/// ln m̄, ln x and m̄x are computed once per customer; per evaluation the terms that depend on x only
/// (lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ and px ln x) once per distinct x, and ln(γ + m̄x) once per distinct m̄x.
/// The customers' terms are added in list order with the same operations as
/// ``GammaGammaParameters/logLikelihood(frequency:meanValue:)``, so the sum is the same floating-point number.
struct GammaGammaLikelihood {
    /// One customer: indices into the distinct x and m̄x tables, and ln m̄.
    struct Customer {
        var xIndex: Int
        var productIndex: Int
        var logMean: Double
    }

    /// The distinct frequencies (x > 0), ascending.
    let xs: [Int]
    /// ln x of each distinct frequency.
    let logXs: [Double]
    /// The distinct products m̄x.
    let products: [Double]
    /// The customers, in input order.
    let customers: [Customer]

    /// Prepares the customers (x, m̄), each with x > 0 and m̄ > 0.
    init(_ data: [(x: Int, m: Double)]) {
        xs = Array(Set(data.map(\.x))).sorted()
        logXs = xs.map { log(Double($0)) }
        let xIndex = Dictionary(uniqueKeysWithValues: xs.enumerated().map { ($1, $0) })
        var productIndex: [UInt64: Int] = [:]
        var products: [Double] = []
        customers = data.map { d in
            let product = d.m * Double(d.x)
            let index: Int
            if let known = productIndex[product.bitPattern] {
                index = known
            } else {
                index = products.count
                productIndex[product.bitPattern] = index
                products.append(product)
            }
            return Customer(xIndex: xIndex[d.x]!, productIndex: index, logMean: log(d.m))
        }
        self.products = products
    }

    /// Σ ``GammaGammaParameters/logLikelihood(frequency:meanValue:)`` over the customers, in order.
    func logLikelihood(_ m: GammaGammaParameters) -> Double {
        let (p, q, gamma) = (m.p, m.q, m.gamma)
        let lgammaQ: Double = lgamma(q)
        let qLogGamma = q * log(gamma)
        var head = [Double](repeating: 0, count: xs.count)
        var pxMinusOne = head, pxLogX = head, pxPlusQ = head
        for (i, x) in xs.enumerated() {
            let px = p * Double(x)
            head[i] = lgamma(px + q) - lgamma(px) - lgammaQ + qLogGamma
            pxMinusOne[i] = px - 1
            pxLogX[i] = px * logXs[i]
            pxPlusQ[i] = px + q
        }
        let logProducts = products.map { log(gamma + $0) }
        var total = 0.0
        for c in customers {
            let i = c.xIndex
            total += head[i] + pxMinusOne[i] * c.logMean + pxLogX[i] - pxPlusQ[i] * logProducts[c.productIndex]
        }
        return total
    }
}
