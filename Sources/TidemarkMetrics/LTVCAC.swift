import TidemarkCommerce

/// What the 12-month CLV of an LTV:CAC row is made of.
public enum CohortCLVBasis: String, Hashable, Sendable {
    /// The mean predictive (BG/NBD + Gamma-Gamma) CLV of the cohort's customers: discounted expected spend over the
    /// model's horizon (12 months by default), as in `clv_customers.csv`.
    case predictive
    /// Historical: the cohort's cumulative contribution margin per customer over its first 12 months (or as many as
    /// have passed), from `clv_cohorts.csv`, where costs are known.
    case historicalMargin = "historical_margin"
    /// Historical: cumulative net revenue per customer, where the contribution margin is not known.
    case historicalNetRevenue = "historical_net_revenue"
}

/// One row of `ltv_cac.csv`: an acquisition cohort (month × market) seen through one channel (metrics.md §5).
///
/// Orders carry no marketing channel, so a customer cannot be traced to an ad; channels are the ad platforms with
/// spend in the cohort's market and month, each credited with the new customers its ad report attributes
/// (attributed orders capped at the cohort's new customers, as for paid CAC), and `organic` with the rest. The
/// 12-month CLV is the cohort's (the same on every channel row: no channel's customers can be told apart), and
/// LTV:CAC = 12-month CLV / blended CAC of the cohort (all ad spend of the month and market / its new customers).
public struct LTVCACRow: Hashable, Sendable {
    public var month: YearMonth
    public var market: Market
    /// The ad platform, or `organic` for new customers no ad report claims.
    public var channel: Platform
    /// New customers of the cohort (first order over all history in this month and market).
    public var newCustomers: Int
    /// The channel's share: min(attributed orders, new customers) for an ad channel; new customers − Σ those for
    /// `organic` (never below 0). `nil` where an ad report gives no attributed orders (or mixes windows).
    public var channelCustomers: Int?
    /// The channel's ad spend (0 for `organic`).
    public var spend: Money
    /// All ad spend of the cohort's month and market; `nil` when no ads are loaded for the month.
    public var cohortSpend: Money?
    /// Cohort CLV per customer over 12 months, and what it is made of; `nil` when the cohort has no CLV figure.
    public var clv: Money?
    public var basis: CohortCLVBasis?
    /// Months of history in a historical CLV (1…12; fewer while the cohort is younger than a year).
    public var monthsObserved: Int?

    public init(
        month: YearMonth, market: Market, channel: Platform, newCustomers: Int, channelCustomers: Int?, spend: Money, cohortSpend: Money?,
        clv: Money?, basis: CohortCLVBasis?, monthsObserved: Int?
    ) {
        self.month = month
        self.market = market
        self.channel = channel
        self.newCustomers = newCustomers
        self.channelCustomers = channelCustomers
        self.spend = spend
        self.cohortSpend = cohortSpend
        self.clv = clv
        self.basis = basis
        self.monthsObserved = monthsObserved
    }

    /// Blended CAC = cohort spend / new customers (truncated at the sixth decimal, like acquisition.csv).
    public var blendedCAC: Money? { cohortSpend.flatMap { AcquisitionRow.divide($0, newCustomers) } }
    /// Paid CAC of the channel = its spend / its customers; `nil` for `organic`.
    public var paidCAC: Money? {
        guard channel != LTVCAC.organic, let n = channelCustomers else { return nil }
        return AcquisitionRow.divide(spend, n)
    }
    /// LTV:CAC = 12-month CLV / blended CAC; `nil` when either is unknown or the CAC is 0.
    public var ltvToCAC: Ratio? {
        guard let clv, let cohortSpend, newCustomers > 0 else { return nil }
        // (clv) / (spend / n) = clv × n / spend, exact.
        return Ratio(Int128(clv.micros) * Int128(newCustomers), Int128(cohortSpend.micros))
    }
    /// 12-month CLV / the channel's paid CAC, for ad channels.
    public var ltvToPaidCAC: Ratio? {
        guard let clv, channel != LTVCAC.organic, let n = channelCustomers, n > 0 else { return nil }
        return Ratio(Int128(clv.micros) * Int128(n), Int128(spend.micros))
    }
}

/// LTV:CAC per acquisition cohort and channel.
public enum LTVCAC {
    /// The channel of new customers no ad report claims.
    public static let organic: Platform = "organic"

    /// The rows for every month × market of `acquisition.markets` with new customers: one per ad channel with
    /// spend there and one `organic`. `predictive` holds customer key → predictive CLV when the model converged
    /// (empty otherwise); the cohort CLV is then the mean over the cohort's customers with a prediction, rounded to
    /// the millionth. Without predictions the cohort table gives the historical CLV at 12 months since acquisition
    /// (k = 11), or at the latest month when the cohort is younger: contribution margin per customer where known,
    /// else net revenue per customer. Sorted by month, market, channel (`organic` last).
    public static func table(
        acquisition: AcquisitionTables, cohortOfCustomer: [String: Cohort], predictive: [String: Money], cohorts: [CohortCLVRow]
    ) -> [LTVCACRow] {
        var members: [Cohort: [String]] = [:]
        for (key, c) in cohortOfCustomer { members[c, default: []].append(key) }
        var latest: [Cohort: CohortCLVRow] = [:]
        for r in cohorts where r.monthsSince <= 11 {
            if let old = latest[r.cohort], old.monthsSince >= r.monthsSince { continue }
            latest[r.cohort] = r
        }
        var rows: [LTVCACRow] = []
        for m in acquisition.markets where m.newCustomers > 0 {
            let cohort = Cohort(month: m.month, market: m.market)
            var clv: Money?
            var basis: CohortCLVBasis?
            var months: Int?
            let predicted = (members[cohort] ?? []).compactMap { predictive[$0] }
            if !predicted.isEmpty {
                let total = predicted.reduce(Int128(0)) { $0 + Int128($1.micros) }
                clv = Money(micros: Int64(Money.divideRoundingHalfAwayFromZero(total, by: Int128(predicted.count))))
                basis = .predictive
            } else if let r = latest[cohort] {
                if let margin = r.cumulativeContributionMarginPerCustomer {
                    (clv, basis) = (margin, .historicalMargin)
                } else {
                    (clv, basis) = (r.cumulativeNetRevenuePerCustomer, .historicalNetRevenue)
                }
                months = r.monthsSince + 1
            }
            let channels = acquisition.rows.filter { $0.month == m.month && $0.market == m.market }
            var claimed: Int? = 0
            for ch in channels {
                let n = ch.attributedOrders.map { min($0, m.newCustomers) }
                claimed = n.flatMap { c in claimed.map { $0 + c } }
                rows.append(
                    LTVCACRow(
                        month: m.month, market: m.market, channel: ch.channel, newCustomers: m.newCustomers, channelCustomers: n, spend: ch.spend,
                        cohortSpend: m.spend, clv: clv, basis: basis, monthsObserved: months))
            }
            rows.append(
                LTVCACRow(
                    month: m.month, market: m.market, channel: organic, newCustomers: m.newCustomers,
                    channelCustomers: claimed.map { max(0, m.newCustomers - $0) }, spend: .zero, cohortSpend: m.spend, clv: clv, basis: basis,
                    monthsObserved: months))
        }
        return rows
    }
}
