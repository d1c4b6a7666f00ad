import TidemarkCommerce
import TidemarkMetrics
import TidemarkNormalize
import TidemarkWarehouse

/// Customer lifetime value from the warehouse's order lines: historical cohorts, BG/NBD + Gamma-Gamma predictive
/// CLV (or the reason it is not available), RFM scores and the 90-day repurchase rate.
///
/// An order's value is its net of discounts (item amounts + shipping − discounts, excluding tax) on lines that are
/// not cancelled, converted to the reporting currency with the order date's rate. Orders without a customer key
/// (Amazon gives none) count in sales but not here; ``CLVTables/ordersWithoutCustomer`` says how many. An order's
/// contribution margin (for the cohort table) is its value less COGS, platform fees, shipping and duties, by
/// ``OrderMarginCalculator``; unknown where a cost is. The cohort table deducts the money refunded on a customer's
/// orders from net revenue and contribution margin in the refund's month (converted with its date's rate); the
/// predictive models and RFM see purchases only.
public struct CLVComputation {
    public var zone: ReportingTimeZone
    public var options: PredictiveCLVOptions
    /// The calibration end; `nil` uses the last order date in the warehouse.
    public var calibrationEnd: CivilDate?
    /// Fee rates for platforms without a fee export (the pipeline's `fee_estimates`), for order margins.
    public var feeEstimates: [Platform: Ratio]

    public init(
        zone: ReportingTimeZone, options: PredictiveCLVOptions = PredictiveCLVOptions(), calibrationEnd: CivilDate? = nil,
        feeEstimates: [Platform: Ratio] = [:]
    ) {
        self.zone = zone
        self.options = options
        self.calibrationEnd = calibrationEnd
        self.feeEstimates = feeEstimates
    }

    /// The tables from the warehouse alone: its non-cancelled order lines in key order, with the refunds and fees walked
    /// beside them (``OrderFactsJoin``). A run gets the lines and fees from its sales pass instead
    /// (``CLVBesideSales``).
    public func compute(_ warehouse: Warehouse, converter: CurrencyConverter) throws -> CLVTables {
        var folder = CLVOrderFolder(margins: try orderMargins(warehouse, converter: converter), converter: converter, zone: zone)
        let join = try OrderFactsJoin(
            warehouse, provenance: false, refund: { refund, _ in folder.add(refund) }, fee: { fee, _ in folder.add(fee) })
        try warehouse.forEachCLVOrderLine { line in
            try join.lineArrived(line)
            folder.add(line)
        }
        try join.finish()
        return try tables(folding: &folder)
    }

    /// What order margins need before the first order line: unit costs and every parcel. Read on the warehouse's
    /// thread; the lines and fees can then be folded anywhere (``tables(folding:)``).
    public func orderMargins(_ warehouse: Warehouse, converter: CurrencyConverter) throws -> OrderMarginCalculator {
        // Parcels first, so that each order's costs are known as soon as its lines and fees have passed; the lines
        // come in key order, each order's adjacent, and only orders with a customer are kept (compactly).
        let margins = OrderMarginCalculator(converter: converter, costs: CostBook(try warehouse.unitCosts()), zone: zone, feeEstimates: feeEstimates)
        try warehouse.forEachCLVParcel { margins.addParcel(orderID: $0, shipDate: $1, invoiceDate: $2, charges: $3) }
        return margins
    }

    /// The tables from a folder that has been given every non-cancelled order line and every fee in key order (it
    /// is finished here). Reads nothing from the warehouse.
    public func tables(folding folder: inout CLVOrderFolder) throws -> CLVTables {
        folder.finish()
        // Lines of one order returned apart would make it two orders: fail the run rather than miscount.
        guard folder.orderLinesArrivedTogether else { throw CLVComputationError.orderLinesOutOfKeyOrder }
        let keys = folder.customerKeys
        var cohortOrders: [CohortOrder] = []
        cohortOrders.reserveCapacity(folder.orders.count)
        var lastDate: CivilDate?
        for o in folder.orders {
            let margin = folder.margins.costs(o.costs).contributionMargin(netRevenue: o.netRevenue)
            cohortOrders.append(
                CohortOrder(customerKey: keys[Int(o.customer)], date: o.date, market: o.market, netRevenue: o.netRevenue, contributionMargin: margin))
            lastDate = max(lastDate ?? o.date, o.date)
        }
        let transactions = CustomerTransactions.build(customers: keys, orders: folder.orders.lazy.map { (customer: $0.customer, date: $0.date, amount: $0.netRevenue) })
        let end = calibrationEnd ?? lastDate ?? CivilDate(daysSinceEpoch: 0)
        let summaries = CustomerTransactions.summaries(transactions, calibrationEnd: end, unit: options.unit)
        let predictive = PredictiveCLV.run(summaries, options: options)
        let rfm = RFM.score(transactions.compactMap { RFMInput($0, asOf: end) }, ties: .sameValueSameScore)
        let refunds = folder.refunds.map { CLVPurchase(customerKey: keys[Int($0.customer)], date: $0.date, amount: $0.amount) }
        let cohorts = CohortCLV.table(cohortOrders, refunds: refunds, through: end.month)
        let repurchase = CohortCLV.repurchase(cohortOrders, asOf: end, windowDays: 90)
        let firstMarket = CohortCLV.cohorts(cohortOrders)
        return CLVTables(
            calibrationEnd: end, unit: options.unit, summaries: summaries, predictive: predictive, rfm: rfm, cohorts: cohorts,
            repurchase: repurchase, cohortOfCustomer: firstMarket, ordersWithoutCustomer: folder.ordersWithoutCustomer)
    }
}


/// Why the CLV tables could not be computed.
public enum CLVComputationError: Error, CustomStringConvertible, Sendable {
    /// The warehouse returned the lines of one order apart (not in key order).
    case orderLinesOutOfKeyOrder

    public var description: String {
        switch self {
        case .orderLinesOutOfKeyOrder:
            return "the warehouse returned the lines of an order apart, not in key order; the CLV tables would miscount orders"
        }
    }
}
