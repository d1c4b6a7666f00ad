import TidemarkCommerce
import TidemarkMetrics
import TidemarkNormalize
import TidemarkWarehouse

/// The insights' share of a sales pass: every order line the pass reads, in key order, folded on a worker thread into
/// the daily figures, the shipping allocation, the funnel's orders and the daily order and net-revenue series, so that
/// the insights read no order line of their own (one scan of the order lines fewer per report window).
///
/// What the fold needs before the first line is read when the pass is made, on the warehouse's thread: the orders
/// that refunds name (the daily figures keep those orders' markets) and every parcel (shipping is allocated to the
/// lines that follow; the logistics table and the late-parcel flags need the parcels only). The funnel's repeat
/// orders are decided when the insights finish, with the first orders the same pass found
/// (``FunnelCalculator/makeOrderAccumulator()``). Every fact is handed on to `next` as well (first orders and CLV on
/// the first window's pass).
final class InsightsLinePass: SalesPassFeed {
    /// What the worker builds, read by the insights once ``folded()`` has returned.
    final class Fold {
        let days: DailySalesCollector
        /// The parcels' and the lines' converter: its missing rates raise `fx_missing` with the insights' own.
        let fx: CurrencyConverter
        let allocator: ShippingAllocator
        let allocation: ShippingAllocator.Accumulator
        let logistics: LogisticsCalculator
        /// The logistics table without net revenue (``LogisticsCalculator/withNetRevenue(_:)``), finished once the
        /// parcels are in: its accumulator's order numbers and pairs need not outlive the parcel pass.
        let logisticsTable: LogisticsTable
        /// Parcels late in the period, one flag each (episodes are made by the insights).
        let lateParcels: [Flag]
        let funnel: FunnelCalculator
        let funnelOrders: FunnelCalculator.Accumulator
        /// Lines of consecutive orders fall on different days: the series are numbered and their days kept in flat
        /// tables (no hashing per line), keyed by series at the end.
        fileprivate var lanes = FirstSeenNumbering<SeriesKey>()
        fileprivate var ordersByLane = DayTable<Double>(), netByLane = DayTable<Double>()
        /// The order last counted in the orders series: lines come in key order, so an order is counted on its first
        /// counted line without a set of every order id.
        fileprivate var lastCounted: (platform: Platform, order: String)?

        /// Reads every parcel into the allocation, the logistics table and the late-parcel flags of `period`.
        fileprivate init(
            _ c: InsightsComputation, warehouse: Warehouse, rates: FXTable, named: [Platform: Set<String>], period: ClosedRange<CivilDate>?
        ) throws {
            days = DailySalesCollector(converter: CurrencyConverter(table: rates, target: c.currency), zone: c.zone, keepingMarketsOf: named)
            fx = CurrencyConverter(table: rates, target: c.currency)
            allocator = ShippingAllocator(converter: fx, zone: c.zone)
            logistics = LogisticsCalculator(converter: fx, standards: c.standards, runDate: c.runDate)
            funnel = FunnelCalculator(zone: c.zone, firstOrderDates: [:], mapping: c.mapping)
            funnelOrders = funnel.makeOrderAccumulator()
            let expectedParcels = try warehouse.parcelCount()
            let allocation = allocator.makeAccumulator(expectedParcels: expectedParcels), parcels = logistics.makeAccumulator(expectedParcels: expectedParcels)
            var late: [Flag] = []
            var charges: [ShipmentCharge] = []  // reused from parcel to parcel
            try warehouse.forEachInsightsParcel { [allocator, logistics] shipment, stored in
                charges.removeAll(keepingCapacity: true)
                for s in stored { charges.append(ShipmentCharge(type: s.type, date: s.date, amount: s.amount, currency: s.currency)) }
                allocator.add(shipment, charges: charges, to: allocation)
                logistics.add(shipment, charges: charges, to: parcels)
                if let f = FlagRules.shipmentDelayed(shipment, runDate: c.runDate, thresholds: c.thresholds), period?.contains(f.date) ?? true { late.append(f) }
            }
            self.allocation = allocation
            lateParcels = late
            logisticsTable = logistics.finish(parcels)
        }

        /// The daily orders and net revenue per market × platform; a series without a value does not exist.
        func dailySeries() -> (orders: [SeriesKey: [CivilDate: Double]], net: [SeriesKey: [CivilDate: Double]]) {
            var orders: [SeriesKey: [CivilDate: Double]] = [:], net: [SeriesKey: [CivilDate: Double]] = [:]
            for n in lanes.values.indices.map(Int32.init) {
                // A lane can be numbered without a value (its line's order was counted under another lane, its
                // amount had no rate): such a series does not exist, as when keyed by dictionary.
                let o = ordersByLane.values(ofRow: n), v = netByLane.values(ofRow: n)
                if !o.isEmpty { orders[lanes[n]] = o }
                if !v.isEmpty { net[lanes[n]] = v }
            }
            return (orders, net)
        }
    }

    private let fold: Fold
    private let worker: ChunkedWorker<OrderLine, Void>
    private let next: SalesPassFeed?

    /// Reads the refunds' orders and the parcels, and starts the worker for the lines of `period` (`nil`: all).
    init(_ c: InsightsComputation, warehouse: Warehouse, rates: FXTable, period: ClosedRange<CivilDate>?, passingOn next: SalesPassFeed?) throws {
        self.next = next
        // Refunds take their order's market: remember only the orders they name.
        var named: [Platform: Set<String>] = [:]
        try warehouse.forEachRefund(provenance: false) { if !$0.orderID.isEmpty { named[$0.platform, default: []].insert($0.orderID) } }
        let fold = try Fold(c, warehouse: warehouse, rates: rates, named: named, period: period)
        func inPeriod(_ d: CivilDate) -> Bool { period?.contains(d) ?? true }
        self.fold = fold
        let zone = c.zone
        // From here until ``folded()`` only the worker touches `fold`.
        worker = ChunkedWorker(
            name: "tidemark-insights",
            fold: { lines in
                for line in lines {
                    fold.days.add(line)
                    fold.allocator.add(line, to: fold.allocation)
                    let date = zone.date(of: line.orderTime)
                    guard inPeriod(date) else { continue }
                    fold.funnel.add(line, to: fold.funnelOrders)
                    guard line.status != .cancelled else { continue }
                    let key = fold.lanes.number(SeriesKey(market: line.market, platform: line.platform))
                    if fold.lastCounted.map({ $0.order != line.orderID || $0.platform != line.platform }) ?? true {
                        fold.lastCounted = (line.platform, line.orderID)
                        fold.ordersByLane.update(key, date, initial: 0) { $0 += 1 }
                    }
                    if let net = fold.fx.convert(line.itemAmount + line.shippingCharged - line.discount, from: line.currency, on: date) {
                        fold.netByLane.update(key, date, initial: 0) { $0 += Double(net.micros) / 1e6 }
                    }
                }
            },
            finish: {})
    }

    func add(_ line: OrderLine) {
        worker.add(line)
        next?.add(line)
    }

    func add(_ fee: PlatformFee) { next?.add(fee) }

    func add(_ refund: Refund) { next?.add(refund) }

    /// Every line has been handed over.
    func endOfInput() { worker.endOfInput() }

    /// Stops the worker after a failure elsewhere.
    func abandon() { worker.abandon() }

    /// Waits for the worker (after ``endOfInput()``) and returns what it folded.
    func folded() throws -> Fold {
        try worker.result()
        return fold
    }

    /// CPU time of the worker thread in milliseconds (once ``folded()`` has returned).
    var cpuMilliseconds: Int { worker.cpuMilliseconds }
}
