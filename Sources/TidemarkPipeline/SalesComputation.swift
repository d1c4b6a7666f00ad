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
    /// `alsoFeeding`, when given, receives every order line (with its customer key), refund and platform fee as the
    /// pass reads them, in key order, so that another fold (CLV on a worker thread) needs no read of its own.
    ///
    /// One pass: the order lines in key order (platform, order id), with the refunds and fees walked beside them in
    /// the same order (``OrderFactsJoin``), so that each takes its order's market without a table of markets.
    public func compute(
        _ warehouse: Warehouse, rates: FXTable? = nil, period: ClosedRange<CivilDate>?, alsoFeeding: SalesPassFeed? = nil
    ) throws -> (SalesMarginTables, CurrencyConverter) {
        let converter = CurrencyConverter(table: try rates ?? FXTable(base: fxBase, rates: warehouse.fxRates()), target: currency)
        let calculator = SalesMarginCalculator(
            converter: converter, costs: CostBook(try warehouse.unitCosts()), zone: zone, period: period, feeEstimates: feeEstimates)
        let acc = calculator.makeAccumulatorForJoinedFacts()
        let join = try OrderFactsJoin(
            warehouse, provenance: true,
            refund: {
                calculator.add($0, orderMarket: $1, to: acc)
                alsoFeeding?.add($0)
            },
            fee: {
                calculator.add($0, orderMarket: $1, to: acc)
                alsoFeeding?.add($0)
            })
        // Only the columns the calculator reads; a line's provenance only if it is left out for a missing rate.
        try warehouse.forEachSalesOrderLine(customerKeys: alsoFeeding != nil) { line, provenance in
            try join.lineArrived(line)
            calculator.add(line, provenance: provenance, to: acc)
            alsoFeeding?.add(line)
        }
        try join.finish()
        // A warehouse that returned an order's lines apart would give wrong order counts (and markets): fail the run
        // (rolled back, exit 1) with a message rather than trap.
        guard acc.orderLinesArrivedTogether else { throw SalesComputationError.orderLinesOutOfKeyOrder }
        return (calculator.finish(acc), converter)
    }
}

/// What the first sales pass hands on as it reads, in the warehouse's key order (platform, order id): to CLV on a
/// worker thread.
public protocol SalesPassFeed: AnyObject {
    /// Every order line, cancelled ones too.
    func add(_ line: OrderLine)
    /// Every platform fee, after the lines of the order it names (if loaded) and before the next order's.
    func add(_ fee: PlatformFee)
    /// Every refund or return, placed like fees (an order's refunds before its fees).
    func add(_ refund: Refund)
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
