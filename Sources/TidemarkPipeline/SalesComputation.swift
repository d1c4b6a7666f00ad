import TidemarkCommerce
import TidemarkMetrics
import TidemarkNormalize
import TidemarkWarehouse

/// The sales-and-margin tables computed from everything in a warehouse, for one reporting currency, time zone and
/// period: order lines first (refunds and fees take their order's market), then refunds and fees.
public struct SalesComputation {
    public var currency: Currency
    public var fxBase: Currency
    public var zone: ReportingTimeZone
    public var feeEstimates: [Platform: Ratio]

    public init(currency: Currency, fxBase: Currency, zone: ReportingTimeZone, feeEstimates: [Platform: Ratio]) {
        self.currency = currency
        self.fxBase = fxBase
        self.zone = zone
        self.feeEstimates = feeEstimates
    }

    /// The tables and the converter that made them (with the rates it used and missed).
    /// `rates` is the warehouse's rate table when the caller has read it already (one read per run).
    /// `alsoFeeding`, when given, receives every order line (with its customer key) as the pass reads it, in key
    /// order, so that another fold (CLV on a worker thread) needs no read of its own.
    public func compute(
        _ warehouse: Warehouse, rates: FXTable? = nil, period: ClosedRange<CivilDate>?, alsoFeeding: ((OrderLine) -> Void)? = nil
    ) throws -> (SalesMarginTables, CurrencyConverter) {
        let converter = CurrencyConverter(table: try rates ?? FXTable(base: fxBase, rates: warehouse.fxRates()), target: currency)
        let calculator = SalesMarginCalculator(
            converter: converter, costs: CostBook(try warehouse.unitCosts()), zone: zone, period: period, feeEstimates: feeEstimates)
        // Refunds and fees take their order's market: remember only the orders they name, not every order.
        var named: [Platform: Set<String>] = [:]
        try warehouse.forEachRefund(provenance: false) { if !$0.orderID.isEmpty { named[$0.platform, default: []].insert($0.orderID) } }
        try warehouse.forEachFee(provenance: false) { if let id = $0.orderID, !id.isEmpty { named[$0.platform, default: []].insert(id) } }
        // Order lines come in key order (platform, order id), as the calculator's adjacency counting needs.
        let acc = calculator.makeAccumulator(keepingMarketsOf: named)
        // Only the columns the calculator reads; a line's provenance only if it is left out for a missing rate.
        if let alsoFeeding {
            try warehouse.forEachSalesOrderLine(customerKeys: true) {
                calculator.add($0, provenance: $1, to: acc)
                alsoFeeding($0)
            }
        } else {
            try warehouse.forEachSalesOrderLine(customerKeys: false) { calculator.add($0, provenance: $1, to: acc) }
        }
        try warehouse.forEachRefund { calculator.add($0, to: acc) }
        try warehouse.forEachFee { calculator.add($0, to: acc) }
        // A warehouse that returned an order's lines apart would give wrong order counts: fail the run (rolled
        // back, exit 1) with a message rather than trap.
        guard acc.orderLinesArrivedTogether else { throw SalesComputationError.orderLinesOutOfKeyOrder }
        return (calculator.finish(acc), converter)
    }
}

/// Why the sales tables could not be computed.
public enum SalesComputationError: Error, CustomStringConvertible, Sendable {
    /// The warehouse returned the lines of one order apart (not in key order).
    case orderLinesOutOfKeyOrder

    public var description: String {
        switch self {
        case .orderLinesOutOfKeyOrder:
            return "the warehouse returned the lines of an order apart, not in key order; the sales tables would miscount orders"
        }
    }
}
