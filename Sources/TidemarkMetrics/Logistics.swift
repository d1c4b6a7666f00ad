import TidemarkCommerce
import TidemarkNormalize

/// One charge on a parcel, in its own currency and dated by the parcel's ship date (else its invoice date), as the
/// warehouse stores it (`Warehouse.StoredCharge` maps onto this one to one).
public struct ShipmentCharge: Hashable, Sendable {
    public var type: ChargeType
    /// The date that converts the charge; `nil` when neither a ship nor an invoice date is known.
    public var date: CivilDate?
    public var amount: Money
    public var currency: Currency
    public init(type: ChargeType, date: CivilDate?, amount: Money, currency: Currency) {
        self.type = type
        self.date = date
        self.amount = amount
        self.currency = currency
    }

    /// Whether the charge is a duty or import tax (its own line) rather than shipping & fulfilment.
    public var isDuty: Bool { type == .dutyTax }

    /// The charges of `shipment.charges`, dated by its ship date, else its invoice date.
    public static func of(_ shipment: Shipment) -> [ShipmentCharge] {
        shipment.charges.sorted { $0.key.rawValue < $1.key.rawValue }.map {
            ShipmentCharge(type: $0.key, date: shipment.shipDate ?? shipment.invoiceDate, amount: $0.value, currency: shipment.currency)
        }
    }
}

/// A carrier's lane to one destination market.
public struct Lane: Hashable, Sendable {
    public var carrier: String
    public var market: Market
    public init(carrier: String, market: Market) {
        self.carrier = carrier
        self.market = market
    }
}

/// The transit days a parcel may take where it has no promised date: per lane (`carrier|market: days` in the
/// pipeline), else a default. Without either, such a parcel is neither on time nor late (it is left out of the
/// on-time rate and the delayed count).
public struct TransitStandards: Sendable {
    public var lanes: [Lane: Int]
    public var defaultDays: Int?
    public init(lanes: [Lane: Int] = [:], defaultDays: Int? = nil) {
        self.lanes = lanes
        self.defaultDays = defaultDays
    }

    /// The configured days for a lane, else the default.
    public func days(carrier: String, market: Market) -> Int? { lanes[Lane(carrier: carrier, market: market)] ?? defaultDays }
}

/// One row of `logistics.csv`: the parcels of one carrier to one destination market shipped in one month
/// (metrics.md §7), amounts in the reporting currency, unrounded.
public struct LogisticsRow: Hashable, Sendable {
    public var month: YearMonth
    public var carrier: String
    public var market: Market
    /// Parcels shipped in the month (ship date, else invoice date).
    public var shipments: Int
    /// Distinct order ids the parcels name.
    public var orders: Int
    /// Σ charges other than duty/tax (freight, fuel, other); `nil` when no parcel of the row has a charge (no
    /// billing source), never 0 by default.
    public var cost: Money?
    /// Parcels with at least one charge (the denominator of ``costPerShipment``).
    public var costedShipments: Int
    /// Distinct order ids of parcels with at least one charge (the denominator of ``costPerOrder``).
    public var costedOrders: Int
    /// Σ duty and import-tax charges; `nil` like ``cost``.
    public var duties: Money?
    /// Net revenue of the destination market and month (from the margin table), or `nil` when unknown.
    public var netRevenue: Money?
    /// Transit days (delivery date − ship date) of delivered parcels, as value → count.
    public var transitDays: [Int: Int]
    /// Delivered parcels with a due date (promised, else ship date + lane days).
    public var onTimeJudged: Int
    /// Of those, delivered on or before the due date.
    public var onTime: Int
    /// Parcels more than 48 hours past their due date: delivered more than 2 days after it, or not delivered (in
    /// transit) more than 2 days after it on the run date. A parcel whose sources never report a delivery
    /// (``ShipmentStatus/deliveryNotReported``) is never counted: it may well have arrived.
    public var delayed: Int
    /// Parcels with status lost.
    public var lost: Int
    /// Parcels returned to sender.
    public var returned: Int

    public init(
        month: YearMonth, carrier: String, market: Market, shipments: Int = 0, orders: Int = 0, cost: Money? = nil,
        costedShipments: Int = 0, costedOrders: Int = 0, duties: Money? = nil, netRevenue: Money? = nil,
        transitDays: [Int: Int] = [:], onTimeJudged: Int = 0, onTime: Int = 0, delayed: Int = 0, lost: Int = 0,
        returned: Int = 0
    ) {
        self.month = month
        self.carrier = carrier
        self.market = market
        self.shipments = shipments
        self.orders = orders
        self.cost = cost
        self.costedShipments = costedShipments
        self.costedOrders = costedOrders
        self.duties = duties
        self.netRevenue = netRevenue
        self.transitDays = transitDays
        self.onTimeJudged = onTimeJudged
        self.onTime = onTime
        self.delayed = delayed
        self.lost = lost
        self.returned = returned
    }

    /// Cost per shipment = cost / parcels that carry a charge (parcels known only from tracking do not dilute it),
    /// truncated at the sixth decimal.
    public var costPerShipment: Money? { cost.flatMap { AcquisitionRow.divide($0, costedShipments) } }
    /// Cost per order = cost / distinct orders of parcels that carry a charge.
    public var costPerOrder: Money? { cost.flatMap { AcquisitionRow.divide($0, costedOrders) } }
    /// Logistics cost share = (shipping & fulfilment + duties) / net revenue of the market and month. This row's
    /// carrier only, so the carriers of a market add up to the market's share.
    public var logisticsCostShare: Ratio? {
        guard let cost, let duties, let netRevenue else { return nil }
        return Ratio(cost + duties, over: netRevenue)
    }
    /// Average transit days of delivered parcels, exact.
    public var averageTransitDays: Ratio? {
        let n = transitDays.values.reduce(0, +)
        return Ratio(transitDays.reduce(0) { $0 + $1.key * $1.value }, over: n)
    }
    /// The 90th percentile of transit days by the nearest-rank method: the value at rank ⌈0.9 × n⌉ in ascending
    /// order (of 10 values, the 9th smallest); always one of the observed values.
    public var p90TransitDays: Int? { LogisticsRow.nearestRank(90, of: transitDays) }
    /// On-time rate = delivered on or before the due date / delivered parcels with a due date.
    public var onTimeRate: Ratio? { Ratio(onTime, over: onTimeJudged) }

    /// The `percent`th percentile by nearest rank of a histogram (value → count); `nil` when empty.
    public static func nearestRank(_ percent: Int, of histogram: [Int: Int]) -> Int? {
        let n = histogram.values.reduce(0, +)
        guard n > 0 else { return nil }
        let rank = max(1, (percent * n + 99) / 100)  // ⌈percent × n / 100⌉
        var seen = 0
        for (value, count) in histogram.sorted(by: { $0.key < $1.key }) {
            seen += count
            if seen >= rank { return value }
        }
        return nil
    }
}

/// The logistics table and what could not be counted.
public struct LogisticsTable: Sendable {
    /// Month × carrier × destination market, sorted.
    public var rows: [LogisticsRow]
    /// Parcels with neither a ship nor an invoice date (no month to count them in).
    public var undatedShipments: Int
    /// Charges left out because their currency had no rate on their date (or they had no date).
    public var chargesWithoutRate: Int
}

/// Computes the logistics KPIs per month × carrier × destination market from parcels and their charges.
///
/// A parcel counts in the month of its ship date (else its invoice date). Charges are converted with their own date
/// (ship date, else invoice date); one without a rate is left out and counted. Transit days, on-time and delays use
/// whole calendar days; the due date is the promised date, else ship date + the lane's configured days. A parcel
/// whose delivery is not reported counts in parcels, orders, cost and duties, and in nothing that judges its
/// delivery (transit days, on-time, delayed, lost, returned). Memory
/// grows with the number of groups, their distinct transit-day values, the distinct order ids and 8 bytes per parcel
/// naming one.
public struct LogisticsCalculator {
    public let converter: CurrencyConverter
    public let standards: TransitStandards
    /// Today's date, injected: an undelivered parcel is delayed when this is more than 2 days past its due date.
    public let runDate: CivilDate
    /// Net revenue per destination market and month, for the logistics cost share.
    public let netRevenue: [MonthMarket: Money]

    public init(converter: CurrencyConverter, standards: TransitStandards, runDate: CivilDate, netRevenue: [MonthMarket: Money] = [:]) {
        self.converter = converter
        self.standards = standards
        self.runDate = runDate
        self.netRevenue = netRevenue
    }

    fileprivate struct Key: Hashable {
        let month: YearMonth
        let carrier: String
        let market: Market
    }

    /// Accumulates parcels; call ``finish(_:)``.
    ///
    /// Groups are numbered and kept in an array (one dictionary look-up per parcel); the distinct orders of a group
    /// are counted at the end from (group, order number) pairs rather than kept in a set of order ids per group.
    public final class Accumulator {
        // Touched on every row: `@exclusivity(unchecked)` drops the run-time exclusivity check of each access. Only
        // the calculator's methods reach these, one access at a time.
        @exclusivity(unchecked) fileprivate var index: [Key: Int] = [:]
        @exclusivity(unchecked) fileprivate var rows: [LogisticsRow] = []
        /// Order id → number.
        @exclusivity(unchecked) fileprivate var orderNumbers: [String: UInt32] = [:]
        /// (group << 32 | order number) of every parcel naming an order, and of those with a charge.
        @exclusivity(unchecked) fileprivate var orders: [UInt64] = []
        @exclusivity(unchecked) fileprivate var costedOrders: [UInt64] = []
        @exclusivity(unchecked) fileprivate var undated = 0
        @exclusivity(unchecked) fileprivate var withoutRate = 0
        fileprivate init() {}

        fileprivate func group(_ key: Key) -> Int {
            if let i = index[key] { return i }
            index[key] = rows.count
            rows.append(LogisticsRow(month: key.month, carrier: key.carrier, market: key.market))
            return rows.count - 1
        }

        fileprivate func pair(_ group: Int, _ order: String) -> UInt64 {
            let n: UInt32
            if let known = orderNumbers[order] {
                n = known
            } else {
                n = UInt32(orderNumbers.count)
                orderNumbers[order] = n
            }
            return UInt64(group) << 32 | UInt64(n)
        }
    }

    /// A fresh accumulator.
    public func makeAccumulator() -> Accumulator { Accumulator() }

    /// A fresh accumulator with room for the orders of `parcels` parcels (the order map then never grows).
    public func makeAccumulator(expectedParcels parcels: Int) -> Accumulator {
        let acc = Accumulator()
        acc.orderNumbers.reserveCapacity(parcels)
        return acc
    }

    /// Adds one parcel with the charges of `shipment.charges`.
    public func add(_ shipment: Shipment, to acc: Accumulator) { add(shipment, charges: ShipmentCharge.of(shipment), to: acc) }

    /// Adds one parcel with its charges (each in its own currency and date).
    public func add(_ s: Shipment, charges: [ShipmentCharge], to acc: Accumulator) {
        guard let date = s.shipDate ?? s.invoiceDate else {
            acc.undated += 1
            return
        }
        let g = acc.group(Key(month: date.month, carrier: s.carrier, market: s.destination))
        acc.rows[g].shipments += 1
        let order = s.orderID.flatMap { $0.isEmpty ? nil : acc.pair(g, $0) }
        if let order { acc.orders.append(order) }

        var shipping = Money.zero, duties = Money.zero, charged = false
        for c in charges {
            guard let d = c.date, converter.canConvert(c.currency, on: d), let rc = converter.convert(c.amount, from: c.currency, on: d) else {
                acc.withoutRate += 1
                continue
            }
            charged = true
            if c.isDuty { duties += rc } else { shipping += rc }
        }
        if charged {
            acc.rows[g].cost = (acc.rows[g].cost ?? .zero) + shipping
            acc.rows[g].duties = (acc.rows[g].duties ?? .zero) + duties
            acc.rows[g].costedShipments += 1
            if let order { acc.costedOrders.append(order) }
        }

        let due = s.promisedDate ?? s.shipDate.flatMap { ship in standards.days(carrier: s.carrier, market: s.destination).map { ship.advanced(by: $0) } }
        switch s.status {
        case .delivered:
            guard let delivered = s.deliveryDate else { break }
            if let ship = s.shipDate, ship <= delivered { acc.rows[g].transitDays[ship.distance(to: delivered), default: 0] += 1 }
            if let due {
                acc.rows[g].onTimeJudged += 1
                if delivered <= due { acc.rows[g].onTime += 1 }
                if due.distance(to: delivered) > 2 { acc.rows[g].delayed += 1 }
            }
        case .inTransit:
            if let due, s.deliveryDate == nil, due.distance(to: runDate) > 2 { acc.rows[g].delayed += 1 }
        case .deliveryNotReported:
            break  // no source says whether it arrived: neither late nor on time
        case .lost:
            acc.rows[g].lost += 1
        case .returned:
            acc.rows[g].returned += 1
        }
    }

    /// The number of distinct orders per group in (group, order number) pairs.
    private static func distinctOrders(_ pairs: [UInt64], groups: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: groups)
        var last: UInt64?
        for p in pairs.sorted() where p != last {
            counts[Int(p >> 32)] += 1
            last = p
        }
        return counts
    }

    /// `table` with each row's net revenue (the share of logistics in it) from this calculator's `netRevenue`: for a
    /// table finished as soon as its parcels were in, before the sales figures were known. The same table as
    /// ``finish(_:)`` of this calculator gives.
    public func withNetRevenue(_ table: LogisticsTable) -> LogisticsTable {
        var out = table
        for i in out.rows.indices { out.rows[i].netRevenue = netRevenue[MonthMarket(out.rows[i].month, out.rows[i].market)] }
        return out
    }

    /// The sorted table.
    public func finish(_ acc: Accumulator) -> LogisticsTable {
        let orders = Self.distinctOrders(acc.orders, groups: acc.rows.count)
        let costed = Self.distinctOrders(acc.costedOrders, groups: acc.rows.count)
        let rows = acc.rows.enumerated().map { g, row in
            var row = row
            row.orders = orders[g]
            row.costedOrders = costed[g]
            row.netRevenue = netRevenue[MonthMarket(row.month, row.market)]
            return row
        }.sorted { ($0.month, $0.carrier, $0.market) < ($1.month, $1.carrier, $1.market) }
        return LogisticsTable(rows: rows, undatedShipments: acc.undated, chargesWithoutRate: acc.withoutRate)
    }
}
