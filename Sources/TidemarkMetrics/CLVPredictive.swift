import Foundation
import TidemarkCommerce

/// Settings of predictive CLV.
public struct PredictiveCLVOptions: Hashable, Sendable {
    /// The time unit the customer summaries were built in (weeks by default).
    public var unit: CLVTimeUnit
    /// The CLV horizon in months (12 by default).
    public var horizonMonths: Int
    /// The monthly discount rate d (0.01 = 1 % a month by default); month k is divided by (1 + d)^k.
    public var monthlyDiscountRate: Double
    /// The contribution-margin rate CLV is multiplied by, where costs are known; `nil` gives revenue CLV.
    public var marginRate: Ratio?
    /// Predictive CLV needs at least this many repeat customers (x > 0) to fit the models (20 by default).
    public var minimumRepeatCustomers: Int
    /// Optimiser settings for both fits.
    public var optimizer: NelderMeadOptions

    /// Defaults: weeks, 12 months, 1 % a month, no margin rate, 20 repeat customers.
    public init(
        unit: CLVTimeUnit = .weeks, horizonMonths: Int = 12, monthlyDiscountRate: Double = 0.01,
        marginRate: Ratio? = nil, minimumRepeatCustomers: Int = 20, optimizer: NelderMeadOptions = NelderMeadOptions()
    ) {
        self.unit = unit
        self.horizonMonths = horizonMonths
        self.monthlyDiscountRate = monthlyDiscountRate
        self.marginRate = marginRate
        self.minimumRepeatCustomers = minimumRepeatCustomers
        self.optimizer = optimizer
    }
}

/// Why predictive CLV is not available, so that the report shows historical (cohort) CLV only.
public enum PredictiveCLVUnavailable: Hashable, Sendable, CustomStringConvertible {
    /// Fewer repeat customers than the configured minimum.
    case tooFewRepeatCustomers(found: Int, required: Int)
    /// The BG/NBD fit did not converge.
    case purchaseModelDidNotConverge(iterations: Int)
    /// The Gamma-Gamma fit did not converge.
    case spendModelDidNotConverge(iterations: Int)
    /// The Gamma-Gamma fit has q ≤ 1, so expected spend per purchase does not exist.
    case spendModelHasNoMean(q: Double)

    /// One line a person understands.
    public var description: String {
        switch self {
        case .tooFewRepeatCustomers(let found, let required):
            return "only \(found) repeat customers in the calibration period (at least \(required) needed); historical CLV only"
        case .purchaseModelDidNotConverge(let n):
            return "the BG/NBD purchase model did not converge (\(n) iterations); historical CLV only"
        case .spendModelDidNotConverge(let n):
            return "the Gamma-Gamma spend model did not converge (\(n) iterations); historical CLV only"
        case .spendModelHasNoMean(let q):
            return "the Gamma-Gamma spend model has q = \(q) ≤ 1, so spend per purchase has no mean; historical CLV only"
        }
    }
}

/// The predictive figures of one customer.
public struct CLVCustomerPrediction: Hashable, Sendable {
    /// The keyed hash identifying the customer.
    public var customerKey: String
    /// P(alive) at the calibration end.
    public var probabilityAlive: Double
    /// Expected purchase days over the whole horizon, E[Y(H months)]; `nil` when the series did not converge.
    public var expectedPurchases: Double?
    /// Expected value per purchase E[M | x, m̄] in the reporting currency (a model figure, not money).
    public var expectedSpend: Double
    /// Discounted CLV over the horizon, times the margin rate when one was given, rounded once to the nearest
    /// millionth (round to the currency's minor unit only when writing it out); `nil` when
    /// ``expectedPurchases`` is.
    public var clv: Money?
}

/// Predictive CLV of every customer, or the reason there is none, with the fits for `clv_model.csv`.
public struct PredictiveCLVResult: Hashable, Sendable {
    /// The purchase model fit; `nil` when not attempted (too few repeat customers).
    public var purchaseModel: BGNBDFit?
    /// The spend model fit; `nil` when not attempted.
    public var spendModel: GammaGammaFit?
    /// `nil` when the predictions are valid; otherwise why not (and ``customers`` is empty).
    public var unavailable: PredictiveCLVUnavailable?
    /// One prediction per input customer, in input order; empty when ``unavailable``.
    public var customers: [CLVCustomerPrediction]
}

/// Predictive CLV: BG/NBD for purchases, Gamma-Gamma for spend, discounted month by month.
public enum PredictiveCLV {
    /// Fits both models on the customers' calibration summaries and predicts every customer, unless there are
    /// fewer than `minimumRepeatCustomers` repeat customers or a fit fails (then the result says why).
    public static func run(_ customers: [CLVCustomerSummary], options: PredictiveCLVOptions = PredictiveCLVOptions()) -> PredictiveCLVResult {
        let repeaters = customers.filter { $0.frequency > 0 }.count
        guard repeaters >= options.minimumRepeatCustomers, repeaters > 0 else {
            return PredictiveCLVResult(
                purchaseModel: nil, spendModel: nil,
                unavailable: .tooFewRepeatCustomers(found: repeaters, required: options.minimumRepeatCustomers),
                customers: [])
        }
        let purchases = BGNBD.fit(customers, unit: options.unit, options: options.optimizer)
        let spend = GammaGamma.fit(customers, options: options.optimizer)
        var reason: PredictiveCLVUnavailable? = nil
        if !purchases.converged {
            reason = .purchaseModelDidNotConverge(iterations: purchases.iterations)
        } else if !spend.converged {
            reason = .spendModelDidNotConverge(iterations: spend.iterations)
        } else if spend.parameters.q <= 1 {
            reason = .spendModelHasNoMean(q: spend.parameters.q)
        }
        guard reason == nil else {
            return PredictiveCLVResult(purchaseModel: purchases, spendModel: spend, unavailable: reason, customers: [])
        }
        let predictions = customers.map {
            predict($0, purchases: purchases.parameters, spend: spend.parameters, options: options)
        }
        return PredictiveCLVResult(purchaseModel: purchases, spendModel: spend, unavailable: nil, customers: predictions)
    }

    /// The predictive figures of one customer under given parameters (q must exceed 1).
    ///
    /// CLV = m × E[M] × Σₖ₌₁..H (E[Y(tₖ)] − E[Y(tₖ₋₁)]) / (1 + d)^k, where tₖ is k average months (30.4375 days)
    /// in the model's time unit, E[Y(t₀)] = 0, E[M] the expected spend per purchase and m the margin rate (1 when
    /// none). So purchases expected in month k are discounted k months; a customer without repeat purchases gets
    /// the population mean spend.
    public static func predict(
        _ c: CLVCustomerSummary, purchases: BGNBDParameters, spend: GammaGammaParameters,
        options: PredictiveCLVOptions = PredictiveCLVOptions()
    ) -> CLVCustomerPrediction {
        let m = c.frequency > 0 ? (c.monetaryValue?.clvDouble ?? 0) : 0
        let expectedSpend = spend.expectedSpend(frequency: c.frequency, meanValue: m) ?? .nan
        let margin = options.marginRate.map { Double($0.numerator) / Double($0.denominator) } ?? 1
        let month = options.unit.oneMonth
        var cumulative: [Double]? = [0]
        if options.horizonMonths > 0 {
            for k in 1...options.horizonMonths {
                guard let e = purchases.expectedPurchases(in: Double(k) * month, frequency: c.frequency, recency: c.recency, age: c.age)
                else {
                    cumulative = nil
                    break
                }
                cumulative?.append(e)
            }
        }
        let clv = cumulative.flatMap {
            Money.clvRounded(discountedPurchases(cumulative: $0, monthlyRate: options.monthlyDiscountRate) * expectedSpend * margin)
        }
        return CLVCustomerPrediction(
            customerKey: c.customerKey,
            probabilityAlive: purchases.probabilityAlive(frequency: c.frequency, recency: c.recency, age: c.age),
            expectedPurchases: cumulative?.last, expectedSpend: expectedSpend, clv: clv)
    }

    /// Σₖ₌₁..H (cₖ − cₖ₋₁) / (1 + d)^k for cumulative expected purchases c₀ = 0, c₁ … c_H at the end of each
    /// month: each month's expected purchases discounted by the months elapsed. 0 for an empty horizon.
    public static func discountedPurchases(cumulative c: [Double], monthlyRate d: Double) -> Double {
        var value = 0.0
        for k in stride(from: 1, to: c.count, by: 1) { value += (c[k] - c[k - 1]) / pow(1 + d, Double(k)) }
        return value
    }
}
