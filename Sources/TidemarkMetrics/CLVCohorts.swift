import TidemarkCommerce

/// One order as historical CLV sees it: who, when (calendar day in the reporting time zone), in which market,
/// its net revenue in the reporting currency and, where costs are known, its contribution margin.
public struct CohortOrder: Hashable, Sendable {
    /// The keyed hash identifying the customer.
    public var customerKey: String
    /// The day the order was placed.
    public var date: CivilDate
    /// The market of the order.
    public var market: Market
    /// Net revenue of the order (after discounts and refunds, as the caller defines it), reporting currency.
    public var netRevenue: Money
    /// Contribution margin of the order; `nil` when some cost of the order is unknown.
    public var contributionMargin: Money?

    /// An order from its parts.
    public init(customerKey: String, date: CivilDate, market: Market, netRevenue: Money, contributionMargin: Money?) {
        self.customerKey = customerKey
        self.date = date
        self.market = market
        self.netRevenue = netRevenue
        self.contributionMargin = contributionMargin
    }
}

/// An acquisition cohort: the month of the customers' first order and the market of that first order.
public struct Cohort: Hashable, Comparable, Sendable {
    /// The month of the first order.
    public var month: YearMonth
    /// The market of the first order.
    public var market: Market

    /// The cohort of `month` × `market`.
    public init(month: YearMonth, market: Market) {
        self.month = month
        self.market = market
    }

    /// Month first, then market code.
    public static func < (a: Cohort, b: Cohort) -> Bool { (a.month, a.market) < (b.month, b.market) }
}

/// One row of `clv_cohorts.csv`: a cohort, k months after its acquisition month.
public struct CohortCLVRow: Hashable, Sendable {
    /// The cohort.
    public var cohort: Cohort
    /// k: calendar months since the acquisition month (0 = the acquisition month itself).
    public var monthsSince: Int
    /// Customers in the cohort (constant over k).
    public var customers: Int
    /// Cohort customers with at least one order in month k.
    public var activeCustomers: Int
    /// The cohort's net revenue in months 0…k, in total.
    public var cumulativeNetRevenue: Money
    /// ``cumulativeNetRevenue`` / ``customers``, rounded to the nearest millionth (halves away from zero).
    public var cumulativeNetRevenuePerCustomer: Money
    /// The cohort's contribution margin in months 0…k per customer, rounded like revenue; `nil` when any order
    /// of the cohort in months 0…k has no known margin (a partial sum would flatter the cohort).
    public var cumulativeContributionMarginPerCustomer: Money?
}

/// The 90-day repurchase figures of one cohort.
public struct CohortRepurchase: Hashable, Sendable {
    /// The cohort.
    public var cohort: Cohort
    /// Customers acquired.
    public var customers: Int
    /// Customers whose second purchase day came 1…`windowDays` days after their first order day.
    public var repurchased: Int
    /// ``repurchased`` / ``customers``.
    public var rate: Ratio?
    /// Whether every customer of the cohort has been observed for the full window by the as-of date (the last
    /// day of the cohort month plus the window is on or before as-of); an incomplete window understates the rate.
    public var windowComplete: Bool
}

/// Historical (cohort) CLV and repurchase rates over all loaded orders.
public enum CohortCLV {
    /// Each customer's cohort: month and market of the first order (earliest day; on a tie the smallest market
    /// code, so the result does not depend on input order).
    public static func cohorts(_ orders: [CohortOrder]) -> [String: Cohort] {
        var first: [String: (CivilDate, Market)] = [:]
        for o in orders {
            if let f = first[o.customerKey], (f.0, f.1) <= (o.date, o.market) { continue }
            first[o.customerKey] = (o.date, o.market)
        }
        return first.mapValues { Cohort(month: $0.0.month, market: $0.1) }
    }

    /// The cohort table through `through`: for every cohort acquired in or before that month and every k from 0
    /// to the months between the cohort month and `through`, the cohort size, the customers active in month k,
    /// and cumulative net revenue and contribution margin per cohort customer over months 0…k. Orders after
    /// `through` are ignored; a cohort's orders in any market count towards it. Sorted by cohort, then k.
    ///
    /// `refunds` — money refunded on the customers' orders, each as the customer, the refund date and the positive
    /// amount in the reporting currency — are deducted from net revenue and contribution margin in the month of
    /// their refund date (net revenue = gross − discounts − refunds); they make no customer active. A refund of a
    /// customer without an order in the table is ignored.
    public static func table(_ orders: [CohortOrder], refunds: [CLVPurchase] = [], through: YearMonth) -> [CohortCLVRow] {
        let cohortOf = cohorts(orders)
        var members: [Cohort: Int] = [:]
        for c in cohortOf.values where c.month <= through { members[c, default: 0] += 1 }

        struct Cell {
            var revenue = Money.zero
            var margin = Money.zero
            var marginKnown = true
            var active = Set<String>()

            mutating func add(_ o: CohortOrder) {
                revenue += o.netRevenue
                if let m = o.contributionMargin { margin += m } else { marginKnown = false }
                active.insert(o.customerKey)
            }

            mutating func deduct(_ r: CLVPurchase) {
                revenue -= r.amount
                margin -= r.amount
            }
        }
        var cells: [Cohort: [Int: Cell]] = [:]
        for o in orders where o.date.month <= through {
            let c = cohortOf[o.customerKey]!
            // Updated in place: a copy of the cell would copy its set of active customers for every order.
            cells[c, default: [:]][monthsBetween(c.month, o.date.month), default: Cell()].add(o)
        }
        for r in refunds where r.date.month <= through {
            // A refund is dated on or after its order, so never before the customer's cohort month.
            guard let c = cohortOf[r.customerKey], c.month <= r.date.month else { continue }
            cells[c, default: [:]][monthsBetween(c.month, r.date.month), default: Cell()].deduct(r)
        }

        var rows: [CohortCLVRow] = []
        for (cohort, size) in members.sorted(by: { $0.key < $1.key }) {
            var revenue = Money.zero
            var margin: Money? = .zero
            for k in 0...monthsBetween(cohort.month, through) {
                let cell = cells[cohort]?[k] ?? Cell()
                revenue += cell.revenue
                margin = cell.marginKnown ? margin.map { $0 + cell.margin } : nil
                rows.append(
                    CohortCLVRow(
                        cohort: cohort, monthsSince: k, customers: size, activeCustomers: cell.active.count,
                        cumulativeNetRevenue: revenue, cumulativeNetRevenuePerCustomer: perCustomer(revenue, size),
                        cumulativeContributionMarginPerCustomer: margin.map { perCustomer($0, size) }))
            }
        }
        return rows
    }

    /// The repurchase rate per cohort: customers with a second order on a later day at most `windowDays` (90) days
    /// after their first order day, over customers acquired. A second order on the same day as the first is not
    /// a repurchase (the same-day merge of the predictive model). Only orders on or before `asOf` count, and
    /// only customers acquired by then. Sorted by cohort.
    public static func repurchase(_ orders: [CohortOrder], asOf: CivilDate, windowDays: Int = 90) -> [CohortRepurchase] {
        let known = orders.filter { $0.date <= asOf }
        let cohortOf = cohorts(known)
        // Each customer's first two distinct order days (all the rate needs of the customer's days).
        var days: [String: (first: CivilDate, second: CivilDate?)] = [:]
        for o in known {
            guard let d = days[o.customerKey] else {
                days[o.customerKey] = (o.date, nil)
                continue
            }
            if o.date < d.first {
                days[o.customerKey] = (o.date, d.first)
            } else if o.date > d.first, d.second.map({ o.date < $0 }) ?? true {
                days[o.customerKey] = (d.first, o.date)
            }
        }
        var counts: [Cohort: (customers: Int, repurchased: Int)] = [:]
        for (key, cohort) in cohortOf {
            let d = days[key]!
            let repeated = d.second.map { d.first.distance(to: $0) <= windowDays } ?? false
            counts[cohort, default: (0, 0)].customers += 1
            if repeated { counts[cohort, default: (0, 0)].repurchased += 1 }
        }
        return counts.sorted { $0.key < $1.key }.map { cohort, n in
            CohortRepurchase(
                cohort: cohort, customers: n.customers, repurchased: n.repurchased,
                rate: Ratio(n.repurchased, over: n.customers),
                windowComplete: cohort.month.lastDay.advanced(by: windowDays) <= asOf)
        }
    }

    /// Calendar months from `a` to `b` (0 when equal).
    public static func monthsBetween(_ a: YearMonth, _ b: YearMonth) -> Int { (b.year - a.year) * 12 + (b.month - a.month) }

    static func perCustomer(_ total: Money, _ customers: Int) -> Money {
        Money(micros: Int64(Money.divideRoundingHalfAwayFromZero(Int128(total.micros), by: Int128(customers))))
    }
}
