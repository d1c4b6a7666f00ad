import Foundation

/// The four parameters of the BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
///
/// While alive, a customer buys at a Poisson rate λ; λ varies across customers as Gamma(shape r, rate α). After
/// every purchase the customer drops out for good with probability p; p varies across customers as Beta(a, b).
/// All four are positive, and α is in the time unit the model was fitted in (purchases per unit).
public struct BGNBDParameters: Hashable, Sendable {
    /// r: shape of the purchase-rate distribution.
    public var r: Double
    /// α: rate (inverse scale) of the purchase-rate distribution, in the model's time unit.
    public var alpha: Double
    /// a: first shape of the dropout-probability distribution.
    public var a: Double
    /// b: second shape of the dropout-probability distribution.
    public var b: Double

    /// Parameters r, α, a, b.
    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// The log-likelihood of one customer with x repeat purchases, last at t_x, observed for T (eq. 6 of the
    /// paper in logs): ln L = A₁ + A₂ + ln(e^A₃ + δ(x>0) e^A₄), with
    /// A₁ = lnΓ(r+x) − lnΓ(r) + r ln α, A₂ = lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x),
    /// A₃ = −(r+x) ln(α+T), A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x); the sum of exponentials is taken as a
    /// log-sum-exp so that it neither underflows nor overflows.
    public func logLikelihood(frequency x: Int, recency tx: Double, age T: Double) -> Double {
        let xd = Double(x)
        let a1 = lgamma(r + xd) - lgamma(r) + r * log(alpha)
        let a2 = lgamma(a + b) + lgamma(b + xd) - lgamma(b) - lgamma(a + b + xd)
        let a3 = -(r + xd) * log(alpha + T)
        guard x > 0 else { return a1 + a2 + a3 }
        let a4 = log(a) - log(b + xd - 1) - (r + xd) * log(alpha + tx)
        let m = max(a3, a4)
        return a1 + a2 + m + log(exp(a3 - m) + exp(a4 - m))
    }

    /// The total log-likelihood of a set of customers.
    public func logLikelihood(_ customers: [CLVCustomerSummary]) -> Double {
        customers.reduce(0) { $0 + logLikelihood(frequency: $1.frequency, recency: $1.recency, age: $1.age) }
    }

    /// P(alive): the probability that a customer with history (x, t_x, T) has not dropped out by T:
    /// 1 / (1 + δ(x>0) · a / (b+x−1) · ((α+T)/(α+t_x))^(r+x)). A customer without repeat purchases is alive
    /// with probability 1 (in this model a customer can only drop out right after a purchase).
    public func probabilityAlive(frequency x: Int, recency tx: Double, age T: Double) -> Double {
        guard x > 0 else { return 1 }
        let xd = Double(x)
        let logRatio = log(a) - log(b + xd - 1) + (r + xd) * (log(alpha + T) - log(alpha + tx))
        return 1 / (1 + exp(logRatio))
    }

    /// E[Y(t) | x, t_x, T]: the expected number of purchases in the next `t` units by a customer with history
    /// (x, t_x, T) (eq. 10 of the paper):
    ///
    ///     (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)] / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x))
    ///
    /// with z = t/(α+T+t). The ₂F₁ is evaluated after Euler's transformation, ₂F₁(A,B;C;z) =
    /// (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z), which turns the product into (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1;
    /// a+b+x−1; z): the same value, but the series has small parameters and never overflows for large x.
    ///
    /// Returns `nil` when the series does not converge (z extremely close to 1, i.e. a horizon enormous
    /// compared with α+T) or the result is not finite; the caller must then treat the expectation as unknown.
    /// Tiny negative results from rounding are clamped to 0. At a = 1 exactly the formula is 0/0; within 1e-7 of 1
    /// the value is the mean of the values at a = 1 ± 1e-5 (the function is smooth in a).
    public func expectedPurchases(in t: Double, frequency x: Int, recency tx: Double, age T: Double) -> Double? {
        guard t > 0 else { return t == 0 ? 0 : nil }
        if abs(a - 1) < 1e-7 {
            var lo = self, hi = self
            lo.a = 1 - 1e-5
            hi.a = 1 + 1e-5
            guard let l = lo.expectedPurchases(in: t, frequency: x, recency: tx, age: T),
                let h = hi.expectedPurchases(in: t, frequency: x, recency: tx, age: T)
            else { return nil }
            return (l + h) / 2
        }
        let xd = Double(x)
        let z = t / (alpha + T + t)
        let c = a + b + xd - 1
        let series = hypergeometric2F1(a + b - 1 - r, a - 1, c, z)
        guard series.converged else { return nil }
        // (1 − z)^(a−1) = ((α+T)/(α+T+t))^(a−1)
        let power = exp((a - 1) * (log(alpha + T) - log(alpha + T + t)))
        let numerator = c / (a - 1) * (1 - power * series.value)
        var denominator = 1.0
        if x > 0 {
            denominator += exp(log(a) - log(b + xd - 1) + (r + xd) * (log(alpha + T) - log(alpha + tx)))
        }
        let value = numerator / denominator
        guard value.isFinite else { return nil }
        return max(0, value)
    }

    /// E[X(t)]: the expected number of purchases in a period of length `t` by a newly acquired customer (eq. 9 of
    /// the paper), the conditional expectation at x = 0, t_x = 0, T = 0.
    public func expectedPurchasesOfNewCustomer(in t: Double) -> Double? {
        expectedPurchases(in: t, frequency: 0, recency: 0, age: 0)
    }
}

/// A fitted BG/NBD model: the maximum-likelihood parameters and how the fit went.
public struct BGNBDFit: Hashable, Sendable {
    /// The parameters with the highest log-likelihood found.
    public var parameters: BGNBDParameters
    /// The log-likelihood of the calibration customers at ``parameters``.
    public var logLikelihood: Double
    /// Simplex iterations used by the winning start (all its runs).
    public var iterations: Int
    /// Whether the optimiser converged and no parameter ended at a bound.
    public var converged: Bool
    /// How many customers the model was fitted on.
    public var customers: Int
    /// The time unit of the customers' recency and age (and so of α).
    public var unit: CLVTimeUnit
}

/// Maximum-likelihood fitting of the BG/NBD model.
public enum BGNBD {
    /// The bounds on every parameter, 1e-8…1e8, applied as log-parameter bounds of ±18.42.
    public static let logBound = log(1e8)

    /// Fits r, α, a, b by maximum likelihood with ``NelderMead`` on the logarithms of the parameters (so they stay
    /// positive), from several starting points: (r, α, a, b) = (1, mean T, 1, 1), (1, 1, 1, 1) and
    /// (0.5, mean T / 2, 0.5, 2). The best log-likelihood wins. Customers with the same (x, t_x, T) are evaluated
    /// once and weighted. `unit` records the time unit the summaries were built in.
    ///
    /// The fit is `converged` when the winning start converged and no parameter is within 1e-3 (in logs) of a
    /// bound. An empty customer list gives a non-converged fit with log-likelihood 0.
    public static func fit(
        _ customers: [CLVCustomerSummary], unit: CLVTimeUnit = .weeks, options: NelderMeadOptions = NelderMeadOptions()
    ) -> BGNBDFit {
        let likelihood = BGNBDLikelihood(customers)
        guard !likelihood.isEmpty else {
            return BGNBDFit(
                parameters: BGNBDParameters(r: 1, alpha: 1, a: 1, b: 1), logLikelihood: 0, iterations: 0,
                converged: false, customers: 0, unit: unit)
        }
        let meanT = max(customers.reduce(0) { $0 + $1.age } / Double(customers.count), 1e-3)

        func parameters(_ p: [Double]) -> BGNBDParameters {
            BGNBDParameters(r: exp(p[0]), alpha: exp(p[1]), a: exp(p[2]), b: exp(p[3]))
        }
        let negativeLL: ([Double]) -> Double = { p in
            if p.contains(where: { abs($0) > logBound }) { return .infinity }
            return -likelihood.logLikelihood(parameters(p))
        }
        let starts: [[Double]] = [
            [0, log(meanT), 0, 0],
            [0, 0, 0, 0],
            [log(0.5), log(meanT / 2), log(0.5), log(2)],
        ]
        let best = starts.map { NelderMead.minimize(negativeLL, from: $0, options: options) }
            .min { $0.value < $1.value }!
        let atBound = best.point.contains { abs($0) > logBound - 1e-3 }
        return BGNBDFit(
            parameters: parameters(best.point), logLikelihood: -best.value, iterations: best.iterations,
            converged: best.converged && !atBound && best.value.isFinite, customers: customers.count, unit: unit)
    }
}

/// The BG/NBD log-likelihood of a fixed set of customers, prepared for evaluation at many parameter values.
///
/// Customers with the same (x, t_x, T) form one group weighted by its size, in ascending (x, t_x, T) order. Per
/// evaluation the terms that depend on x only (lnΓ(r+x), lnΓ(b+x), lnΓ(a+b+x), ln(b+x−1)) are computed once per
/// distinct x, and ln(α+T) and ln(α+t_x) once per distinct T and t_x; the sum over groups is then the same
/// floating-point number as evaluating every group from scratch in that order.
struct BGNBDLikelihood {
    /// One group of customers with equal sufficient statistics, as indices into the distinct-value tables.
    struct Group {
        var x: Double
        var xIndex: Int
        var tIndex: Int
        var txIndex: Int
        var weight: Double
    }

    /// The distinct frequencies, ascending.
    let xs: [Int]
    /// The distinct ages T, ascending.
    let ages: [Double]
    /// The distinct recencies t_x, ascending.
    let recencies: [Double]
    /// The groups, in ascending (x, t_x, T) order.
    let groups: [Group]

    /// Groups `customers` by (x, t_x, T).
    init(_ customers: [CLVCustomerSummary]) {
        struct Key: Hashable { var x: Int; var tx: Double; var T: Double }
        var weights: [Key: Double] = [:]
        for c in customers { weights[Key(x: c.frequency, tx: c.recency, T: c.age), default: 0] += 1 }
        let sorted = weights.sorted { ($0.key.x, $0.key.tx, $0.key.T) < ($1.key.x, $1.key.tx, $1.key.T) }
        xs = Array(Set(sorted.map(\.key.x))).sorted()
        ages = Array(Set(sorted.map(\.key.T))).sorted()
        recencies = Array(Set(sorted.map(\.key.tx))).sorted()
        let xIndex = Dictionary(uniqueKeysWithValues: xs.enumerated().map { ($1, $0) })
        let tIndex = Dictionary(uniqueKeysWithValues: ages.enumerated().map { ($1, $0) })
        let txIndex = Dictionary(uniqueKeysWithValues: recencies.enumerated().map { ($1, $0) })
        groups = sorted.map {
            Group(x: Double($0.key.x), xIndex: xIndex[$0.key.x]!, tIndex: tIndex[$0.key.T]!, txIndex: txIndex[$0.key.tx]!, weight: $0.value)
        }
    }

    /// Whether there are no customers.
    var isEmpty: Bool { groups.isEmpty }

    /// Σ over groups of weight × ``BGNBDParameters/logLikelihood(frequency:recency:age:)``, summed in group order.
    func logLikelihood(_ m: BGNBDParameters) -> Double {
        let (r, alpha, a, b) = (m.r, m.alpha, m.a, m.b)
        let shared = -lgamma(r) + r * log(alpha) + lgamma(a + b) - lgamma(b)
        var a12 = [Double](repeating: 0, count: xs.count)
        var a4x = [Double](repeating: -.infinity, count: xs.count)
        for (i, x) in xs.enumerated() {
            let xd = Double(x)
            a12[i] = shared + lgamma(r + xd) + lgamma(b + xd) - lgamma(a + b + xd)
            if x > 0 { a4x[i] = log(a) - log(b + xd - 1) }
        }
        let logAge = ages.map { log(alpha + $0) }
        let logRecency = recencies.map { log(alpha + $0) }
        var total = 0.0
        for g in groups {
            let a3 = -(r + g.x) * logAge[g.tIndex]
            var ll = a12[g.xIndex] + a3
            if g.x > 0 {
                let a4 = a4x[g.xIndex] - (r + g.x) * logRecency[g.txIndex]
                let hi = max(a3, a4)
                // ln(e^(a3−hi) + e^(a4−hi)); the larger term is e^0 = 1 exactly, so only the other needs exp.
                let sum: Double
                if !hi.isFinite {
                    sum = exp(a3 - hi) + exp(a4 - hi)
                } else if hi == a4 {
                    sum = exp(a3 - hi) + 1
                } else {
                    sum = 1 + exp(a4 - hi)
                }
                ll = a12[g.xIndex] + hi + log(sum)
            }
            total += g.weight * ll
        }
        return total
    }
}
