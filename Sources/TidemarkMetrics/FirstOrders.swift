import TidemarkCommerce

/// A customer's first order over all loaded history: the input for new customers (acquisition) and repeat orders
/// (funnel).
public struct FirstOrder: Hashable, Sendable {
    public var customerKey: String
    /// The order's date in the reporting time zone.
    public var date: CivilDate
    /// The market of that order (the market the customer is acquired in).
    public var market: Market
    public var platform: Platform
    public init(customerKey: String, date: CivilDate, market: Market, platform: Platform) {
        self.customerKey = customerKey
        self.date = date
        self.market = market
        self.platform = platform
    }
}

/// Finds each customer's first order: the earliest non-cancelled order line with that customer key (ties at the
/// same instant go to the smaller platform name, then order id, so the result does not depend on input order).
/// Lines without a customer key are ignored (they count in sales, not in customer metrics). Feed every order line
/// of all loaded history, not only the report period: a customer is new only if nothing earlier is loaded.
public struct FirstOrders {
    private struct Candidate {
        var time: Timestamp
        var platform: Platform
        var orderID: String
        var market: Market
    }
    private var byCustomer: [String: Candidate] = [:]
    public let zone: ReportingTimeZone

    public init(zone: ReportingTimeZone) { self.zone = zone }

    /// Considers one order line.
    public mutating func add(_ line: OrderLine) {
        guard line.status != .cancelled, let key = line.customerKey else { return }
        FirstOrders.consider(&byCustomer[key], Candidate(time: line.orderTime, platform: line.platform, orderID: line.orderID, market: line.market))
    }

    /// Keeps the earlier of a customer's candidate and `c` (one dictionary lookup: the slot is modified in place).
    private static func consider(_ slot: inout Candidate?, _ c: Candidate) {
        if let old = slot, (old.time, old.platform, old.orderID) <= (c.time, c.platform, c.orderID) { return }
        slot = c
    }

    /// Every customer's first order, sorted by customer key.
    public var firstOrders: [FirstOrder] { unsortedFirstOrders.sorted { $0.customerKey < $1.customerKey } }

    /// Every customer's first order in no particular order: for counts, which need none (sorting a customer key per
    /// customer is the larger part of building the list).
    public var unsortedFirstOrders: [FirstOrder] {
        byCustomer.map { FirstOrder(customerKey: $0.key, date: zone.date(of: $0.value.time), market: $0.value.market, platform: $0.value.platform) }
    }

    /// Customer key → date of the first order (the funnel's input).
    public var firstOrderDates: [String: CivilDate] { byCustomer.mapValues { zone.date(of: $0.time) } }

    /// New customers per month × market of their first order (the acquisition input).
    public var newCustomers: [MonthMarket: Int] { FirstOrders.newCustomers(unsortedFirstOrders) }

    /// New customers per month × market: customers whose first order falls in that month, counted in the market
    /// of that first order.
    public static func newCustomers(_ firsts: [FirstOrder]) -> [MonthMarket: Int] {
        var out: [MonthMarket: Int] = [:]
        for f in firsts { out[MonthMarket(f.date.month, f.market), default: 0] += 1 }
        return out
    }
}
