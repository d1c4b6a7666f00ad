import TidemarkCommerce
import TidemarkNormalize

/// One row of `funnel.csv`: the stages of one date × market × platform (metrics.md §4).
///
/// A stage the sources do not report is `nil` (written empty), never 0; a rate is `nil` when either of its counts
/// is `nil` or its denominator is 0. Rates compare a stage with the one before it, so they can exceed 1 where
/// stages come from different sources (Amazon sessions include visits that came from no ad click).
public struct FunnelRow: Hashable, Sendable {
    public var date: CivilDate
    public var market: Market
    public var platform: Platform
    /// Ad impressions + organic impressions/exposure, where some source reports either.
    public var impressions: Int?
    /// Ad clicks + organic clicks, where some source reports either.
    public var clicks: Int?
    /// Sessions or visitors from traffic reports.
    public var sessions: Int?
    /// Inquiries (RFQs, buyer messages) where the platform has them.
    public var inquiries: Int?
    /// Distinct order ids with at least one non-cancelled line dated that day. 0 where the platform has order
    /// lines in that month but none that day; `nil` where the platform has no order lines that month.
    public var orders: Int?
    /// Of ``orders``, those placed by a customer whose first order was on an earlier date. `nil` when no order of
    /// the row carries a customer identity (or ``orders`` is `nil`).
    public var repeatOrders: Int?

    public init(
        date: CivilDate, market: Market, platform: Platform, impressions: Int?, clicks: Int?, sessions: Int?,
        inquiries: Int?, orders: Int?, repeatOrders: Int?
    ) {
        self.date = date
        self.market = market
        self.platform = platform
        self.impressions = impressions
        self.clicks = clicks
        self.sessions = sessions
        self.inquiries = inquiries
        self.orders = orders
        self.repeatOrders = repeatOrders
    }

    /// CTR = clicks / impressions.
    public var ctr: Ratio? { FunnelRow.rate(clicks, impressions) }
    /// Session rate = sessions / clicks.
    public var sessionRate: Ratio? { FunnelRow.rate(sessions, clicks) }
    /// Inquiry rate = inquiries / sessions.
    public var inquiryRate: Ratio? { FunnelRow.rate(inquiries, sessions) }
    /// Conversion rate = orders / sessions.
    public var conversionRate: Ratio? { FunnelRow.rate(orders, sessions) }
    /// Repeat rate = repeat orders / orders.
    public var repeatRate: Ratio? { FunnelRow.rate(repeatOrders, orders) }

    static func rate(_ a: Int?, _ b: Int?) -> Ratio? {
        guard let a, let b else { return nil }
        return Ratio(a, over: b)
    }
}

/// Computes the daily funnel per date × market × platform from traffic, ad performance and order lines.
///
/// - Traffic rows add their reported counts; counts a row does not report add nothing and leave the stage `nil`
///   unless another row reports it.
/// - Ad rows add their impressions and clicks under the selling platform ``AdPlatformMapping`` gives
///   (`amazon_ads → amazon`), else under their own platform name (`google_ads`), which then has no orders.
/// - Orders come from order lines: distinct order ids with a non-cancelled line, on the order's date in the
///   reporting time zone, under the line's market and platform. Counts need no exchange rate, so an order whose
///   amounts cannot be converted still counts here.
/// - A repeat order is an order whose customer's first order (over all loaded history, ``firstOrderDates``) is on
///   an earlier date; a second order on the day of the first is not a repeat (as in CLV, same-day purchases count
///   once). Orders without a customer key count in orders, never as repeats.
///
/// Memory grows with the number of distinct date × market × platform groups and the order ids in them.
public struct FunnelCalculator {
    public let zone: ReportingTimeZone
    /// Customer key → date of the customer's first order (see ``FirstOrders``).
    public let firstOrderDates: [String: CivilDate]
    public let mapping: AdPlatformMapping

    public init(zone: ReportingTimeZone, firstOrderDates: [String: CivilDate], mapping: AdPlatformMapping = AdPlatformMapping()) {
        self.zone = zone
        self.firstOrderDates = firstOrderDates
        self.mapping = mapping
    }

    /// A date and the number of a market × platform in ``Accumulator/lanes``: hashing it hashes two integers
    /// rather than two strings.
    fileprivate struct Key: Hashable {
        let date: CivilDate
        let lane: Int32
    }

    fileprivate struct Lane: Equatable {
        let market: Market
        let platform: Platform
    }

    fileprivate struct Stages {
        var impressions: Int?
        var clicks: Int?
        var sessions: Int?
        var inquiries: Int?
        /// Order id → whether it is a repeat order (`nil` = no customer key).
        var orders: [String: Bool?] = [:]
        /// With orders counted by adjacency (see ``makeAccumulator(linesInKeyOrder:)``): distinct orders, those
        /// with a customer key, and the repeat orders among them.
        var orderCount = 0
        var identified = 0
        var repeats = 0
    }

    /// Accumulates facts; call ``finish(_:)`` for the rows.
    public final class Accumulator {
        // Touched on every line and ad row: `@exclusivity(unchecked)` drops the run-time exclusivity check of each
        // access. Only the calculator's methods reach these, one access at a time.
        /// The stages by lane and date: lines of consecutive orders fall on different days, and a slot of the table
        /// is found without hashing.
        @exclusivity(unchecked) fileprivate var groups = DayTable<Stages>()
        /// Platform × month with any order line (cancelled or not): there "no orders" is a true 0.
        @exclusivity(unchecked) fileprivate var orderCoverage: Set<PlatformMonth> = []
        /// Whether orders are counted by adjacency, without keeping their ids.
        @exclusivity(unchecked) fileprivate var linesInKeyOrder = false
        /// The order whose lines are being added, and each group it reached with its repeat status so far (the
        /// first status that is not `nil`).
        @exclusivity(unchecked) fileprivate var currentPlatform: Platform?
        @exclusivity(unchecked) fileprivate var currentOrderID = ""
        /// With ``repeatsAtFinish`` a group's `customer` (its first line's with a key) stands in for its status.
        @exclusivity(unchecked) fileprivate var currentGroups: [(key: Key, repeatOrder: Bool?, customer: String?)] = []
        /// Whether repeat orders are decided in ``FunnelCalculator/finish(_:orders:firstOrderDates:)`` rather than
        /// line by line (``FunnelCalculator/makeOrderAccumulator()``).
        @exclusivity(unchecked) fileprivate var repeatsAtFinish = false
        /// With ``repeatsAtFinish``: per customer, the earliest date of their counted orders so far and the group of
        /// each of their orders on that date (the only orders that can be their first).
        @exclusivity(unchecked) fileprivate var earliestOrders: [String: (date: CivilDate, keys: [Key])] = [:]
        /// The market × platform pairs of the groups, numbered (a few dozen).
        @exclusivity(unchecked) fileprivate var lanes = FirstSeenNumbering<Lane>()
        /// The group of the last ad rows added and their impressions and clicks, not yet in ``groups``.
        @exclusivity(unchecked) fileprivate var currentAds: (key: Key, impressions: Int, clicks: Int)?
        /// The selling platform of the last ad platform looked up.
        @exclusivity(unchecked) fileprivate var lastMapping: (adPlatform: Platform, selling: Platform)?
        /// The platform and month last added to ``orderCoverage``.
        @exclusivity(unchecked) fileprivate var lastCoverage: PlatformMonth?
        /// The last customer looked up in `firstOrderDates` and the date found (lines of an order are adjacent).
        @exclusivity(unchecked) fileprivate var lastCustomer: (key: String, firstOrder: CivilDate?)?
        fileprivate init() {}

        /// The group key of `date`, `market` and `platform`.
        fileprivate func key(_ date: CivilDate, _ market: Market, _ platform: Platform) -> Key {
            Key(date: date, lane: lanes.number(Lane(market: market, platform: platform)))
        }

        /// Adds the pending ad rows to their group.
        fileprivate func flushAds() {
            guard let (key, impressions, clicks) = currentAds else { return }
            groups.update(key.lane, key.date, initial: Stages()) { s in
                s.impressions = (s.impressions ?? 0) + impressions
                s.clicks = (s.clicks ?? 0) + clicks
            }
            currentAds = nil
        }

        /// Counts the current order in the groups it reached and forgets it.
        fileprivate func flushOrder() {
            if repeatsAtFinish {
                for (key, _, customer) in currentGroups {
                    groups.update(key.lane, key.date, initial: Stages()) { s in
                        s.orderCount += 1
                        if customer != nil { s.identified += 1 }
                    }
                    guard let customer else { continue }
                    switch earliestOrders[customer]?.date {
                    case let earliest? where earliest < key.date: continue
                    case let earliest? where earliest == key.date: earliestOrders[customer]!.keys.append(key)
                    default: earliestOrders[customer] = (key.date, [key])  // the first, or an earlier date
                    }
                }
                currentGroups.removeAll(keepingCapacity: true)
                return
            }
            for (key, repeatOrder, _) in currentGroups {
                groups.update(key.lane, key.date, initial: Stages()) { s in
                    s.orderCount += 1
                    if let r = repeatOrder {
                        s.identified += 1
                        if r { s.repeats += 1 }
                    }
                }
            }
            currentGroups.removeAll(keepingCapacity: true)
        }
    }

    fileprivate struct PlatformMonth: Hashable {
        let platform: Platform
        let month: YearMonth
    }

    /// A fresh accumulator.
    public func makeAccumulator() -> Accumulator { Accumulator() }

    /// A fresh accumulator whose memory does not grow with orders: an order is counted in each group when its
    /// lines end, so the lines of one order must be added one after another (as the warehouse's key order gives
    /// them). Gives the same rows as ``makeAccumulator()`` for such input.
    public func makeAccumulator(linesInKeyOrder: Bool) -> Accumulator {
        let acc = Accumulator()
        acc.linesInKeyOrder = linesInKeyOrder
        return acc
    }

    /// A fresh accumulator for order lines alone, in key order (as ``makeAccumulator(linesInKeyOrder:)``), that needs
    /// no first-order dates while lines are added: it keeps, per customer, the groups of their orders on the earliest
    /// date seen, and ``finish(_:orders:firstOrderDates:)`` decides the repeat orders from those. So the lines can be
    /// counted in the same pass that finds the first orders.
    public func makeOrderAccumulator() -> Accumulator {
        let acc = Accumulator()
        acc.linesInKeyOrder = true
        acc.repeatsAtFinish = true
        return acc
    }

    /// Adds one traffic row's reported counts.
    public func add(_ t: Traffic, to acc: Accumulator) {
        acc.flushAds()
        let key = acc.key(t.date, t.market, t.platform)
        acc.groups.update(key.lane, key.date, initial: Stages()) { s in
            s.impressions = FunnelCalculator.plus(s.impressions, t.impressions)
            s.clicks = FunnelCalculator.plus(s.clicks, t.clicks)
            s.sessions = FunnelCalculator.plus(s.sessions, t.sessions)
            s.inquiries = FunnelCalculator.plus(s.inquiries, t.inquiries)
        }
    }

    /// Adds one ad row's impressions and clicks under its selling platform (or its own name).
    /// Rows of one group that arrive one after another (ad rows sorted by date) are added to it once.
    public func add(_ ad: AdPerformance, to acc: Accumulator) {
        let platform: Platform
        if let last = acc.lastMapping, last.adPlatform == ad.platform {
            platform = last.selling
        } else {
            platform = mapping.sellingPlatform(for: ad.platform) ?? ad.platform
            acc.lastMapping = (ad.platform, platform)
        }
        let key = acc.key(ad.date, ad.market, platform)
        if acc.currentAds?.key != key {
            acc.flushAds()
            acc.currentAds = (key, 0, 0)
        }
        acc.currentAds!.impressions += ad.impressions
        acc.currentAds!.clicks += ad.clicks
    }

    /// Adds one order line: its order counts on the order's date unless the line is cancelled.
    public func add(_ line: OrderLine, to acc: Accumulator) {
        acc.flushAds()
        let date = zone.date(of: line.orderTime)
        let coverage = PlatformMonth(platform: line.platform, month: date.month)
        if acc.lastCoverage != coverage {
            acc.orderCoverage.insert(coverage)
            acc.lastCoverage = coverage
        }
        guard line.status != .cancelled else { return }
        let key = acc.key(date, line.market, line.platform)
        if acc.linesInKeyOrder {
            if line.orderID != acc.currentOrderID || line.platform != acc.currentPlatform {
                acc.flushOrder()
                acc.currentPlatform = line.platform
                acc.currentOrderID = line.orderID
            }
            // Each group of the order takes the status (or, deciding at the end, the customer) of its first line
            // that has a customer key.
            let i: Int
            if let known = acc.currentGroups.firstIndex(where: { $0.key == key }) {
                i = known
            } else {
                i = acc.currentGroups.count
                acc.currentGroups.append((key, nil, nil))
            }
            if acc.repeatsAtFinish {
                if acc.currentGroups[i].customer == nil { acc.currentGroups[i].customer = line.customerKey }
            } else if acc.currentGroups[i].repeatOrder == nil {
                acc.currentGroups[i].repeatOrder = repeatOrder(line, on: date, acc)
            }
            return
        }
        let repeatOrder = repeatOrder(line, on: date, acc)
        // Mutated in place so the order map is not copied on every line.
        acc.groups.update(key.lane, key.date, initial: Stages()) { s in
            if let known = s.orders[line.orderID], known != nil { return }
            s.orders.updateValue(repeatOrder, forKey: line.orderID)
        }
    }

    /// Whether `line` (on `date`) is of a repeat order: its customer's first order is on an earlier date; `nil`
    /// without a customer key.
    private func repeatOrder(_ line: OrderLine, on date: CivilDate, _ acc: Accumulator) -> Bool? {
        line.customerKey.map { customer in
            let first: CivilDate?
            if let last = acc.lastCustomer, last.key == customer {
                first = last.firstOrder
            } else {
                first = firstOrderDates[customer]
                acc.lastCustomer = (customer, first)
            }
            return first.map { $0 < date } ?? false
        }
    }

    /// The rows of `acc` (ads and traffic, perhaps lines) with the orders of `orders` (from
    /// ``makeOrderAccumulator()``) added, their repeat orders decided by `firstOrderDates`, which must hold every
    /// customer of a non-cancelled line added to `orders` (``FirstOrders`` over the same lines or more does). A repeat
    /// order is one whose customer's first order is on an earlier date, so of a customer's orders only those on their
    /// first order's date are not repeats; those are among the orders on the earliest date `orders` saw.
    public func finish(_ acc: Accumulator, orders: Accumulator, firstOrderDates: [String: CivilDate]) -> [FunnelRow] {
        precondition(orders.repeatsAtFinish, "finish(_:orders:firstOrderDates:) takes an accumulator from makeOrderAccumulator()")
        orders.flushOrder()
        var firstOrdersByKey: [Key: Int] = [:]
        for (customer, earliest) in orders.earliestOrders {
            guard let first = firstOrderDates[customer] else {
                preconditionFailure("no first order date for a customer whose order lines the funnel counted")
            }
            guard first == earliest.date else { continue }  // an earlier order lies outside the lines counted
            for key in earliest.keys { firstOrdersByKey[key, default: 0] += 1 }
        }
        acc.flushAds()
        orders.groups.forEach { laneNumber, date, counted in
            let lane = orders.lanes[laneNumber]
            let firsts = firstOrdersByKey[Key(date: date, lane: laneNumber)] ?? 0
            acc.groups.update(acc.lanes.number(lane), date, initial: Stages()) { s in
                s.orderCount += counted.orderCount
                s.identified += counted.identified
                s.repeats += counted.identified - firsts
            }
        }
        acc.orderCoverage.formUnion(orders.orderCoverage)
        return finish(acc)
    }

    /// The rows, sorted by date, market and platform.
    public func finish(_ acc: Accumulator) -> [FunnelRow] {
        acc.flushAds()
        acc.flushOrder()
        var rows: [FunnelRow] = []
        acc.groups.forEach { laneNumber, date, s in
            let lane = acc.lanes[laneNumber]
            let covered = acc.orderCoverage.contains(PlatformMonth(platform: lane.platform, month: date.month))
            let identified = s.orders.values.reduce(0) { $0 + ($1 == nil ? 0 : 1) } + s.identified
            let repeatCount = s.orders.values.reduce(0) { $0 + ($1 == true ? 1 : 0) } + s.repeats
            let orders: Int? = covered ? s.orders.count + s.orderCount : nil
            let repeats: Int? = orders == nil || identified == 0 ? nil : repeatCount
            rows.append(
                FunnelRow(
                    date: date, market: lane.market, platform: lane.platform, impressions: s.impressions, clicks: s.clicks,
                    sessions: s.sessions, inquiries: s.inquiries, orders: orders, repeatOrders: repeats))
        }
        return rows.sorted { ($0.date, $0.market, $0.platform) < ($1.date, $1.market, $1.platform) }
    }

    private static func plus(_ a: Int?, _ b: Int?) -> Int? {
        switch (a, b) {
        case (nil, nil): return nil
        default: return (a ?? 0) + (b ?? 0)
        }
    }
}
