import TidemarkCommerce
import TidemarkReports
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
    public func compute(
        _ warehouse: Warehouse, rates: FXTable? = nil, period: ClosedRange<CivilDate>?, alsoFeeding: SalesPassFeed? = nil
    ) throws -> (SalesMarginTables, CurrencyConverter) {
        let pending = try start(warehouse, rates: rates, period: period, alsoFeeding: alsoFeeding)
        return (try pending.tables(), pending.converter)
    }

    /// Reads the facts on this thread and folds them into the tables on a worker thread, which goes on while this
    /// thread does other work; ``SalesBeside/tables()`` waits for it. Otherwise as ``compute(_:rates:period:alsoFeeding:)``.
    ///
    /// One pass: the order lines in key order (platform, order id), with the refunds and fees walked beside them in
    /// the same order (``OrderFactsJoin``), so that each takes its order's market without a table of markets.
    func start(
        _ warehouse: Warehouse, rates: FXTable? = nil, period: ClosedRange<CivilDate>?, alsoFeeding: SalesPassFeed? = nil
    ) throws -> SalesBeside {
        let converter = CurrencyConverter(table: try rates ?? FXTable(base: fxBase, rates: warehouse.fxRates()), target: currency)
        let calculator = SalesMarginCalculator(
            converter: converter, costs: CostBook(try warehouse.unitCosts()), zone: zone, period: period, feeEstimates: feeEstimates)
        let sales = SalesBeside(calculator, converter: converter)
        do {
            let join = try OrderFactsJoin(
                warehouse, provenance: true,
                refund: {
                    sales.add($0, orderMarket: $1)
                    alsoFeeding?.add($0)
                },
                fee: {
                    sales.add($0, orderMarket: $1)
                    alsoFeeding?.add($0)
                })
            // Only the columns the calculator reads; a line's provenance (one lookup) travels with it to the worker,
            // which cannot read the statement.
            try warehouse.forEachSalesOrderLine(customerKeys: alsoFeeding != nil) { line, provenance in
                try join.lineArrived(line)
                var traced = line
                traced.provenance = provenance()
                sales.add(traced)
                alsoFeeding?.add(line)
            }
            try join.finish()
        } catch {
            sales.abandon()
            throw error
        }
        sales.endOfInput()
        return sales
    }
}

/// The sales tables folded on a worker thread from the facts the sales pass reads (``SalesComputation/start(_:rates:period:alsoFeeding:)``),
/// so that the reading thread can go on with the insights' own passes meanwhile.
final class SalesBeside {
    /// What the worker folds, in the order the pass read it.
    enum Input {
        case line(OrderLine)
        case refund(Refund, orderMarket: Market?)
        case fee(PlatformFee, orderMarket: Market?)
    }

    /// The converter the tables are made with (its rates used and missed are complete once ``tables()`` returned).
    let converter: CurrencyConverter
    private let worker: ChunkedWorker<Input, SalesMarginTables>
    private var done: SalesMarginTables?

    init(_ calculator: SalesMarginCalculator, converter: CurrencyConverter) {
        self.converter = converter
        // The accumulator (and the converter) are used by the worker alone until ``tables()`` returns.
        let acc = calculator.makeAccumulatorForJoinedFacts()
        worker = ChunkedWorker(
            name: "tidemark-sales",
            fold: { inputs in
                for input in inputs {
                    switch input {
                    case .line(let line): calculator.add(line, to: acc)
                    case .refund(let refund, let market): calculator.add(refund, orderMarket: market, to: acc)
                    case .fee(let fee, let market): calculator.add(fee, orderMarket: market, to: acc)
                    }
                }
            },
            finish: {
                // A warehouse that returned an order's lines apart would give wrong order counts (and markets): fail
                // the run (rolled back, exit 1) with a message rather than trap.
                guard acc.orderLinesArrivedTogether else { throw SalesComputationError.orderLinesOutOfKeyOrder }
                return calculator.finish(acc)
            })
    }

    func add(_ line: OrderLine) { worker.add(.line(line)) }
    func add(_ refund: Refund, orderMarket: Market?) { worker.add(.refund(refund, orderMarket: orderMarket)) }
    func add(_ fee: PlatformFee, orderMarket: Market?) { worker.add(.fee(fee, orderMarket: orderMarket)) }
    func endOfInput() { worker.endOfInput() }
    func abandon() { worker.abandon() }

    /// Waits for the worker (the first time) and returns the tables; rethrows what it threw.
    func tables() throws -> SalesMarginTables {
        if let done { return done }
        let tables = try worker.result()
        done = tables
        return tables
    }

    /// The `metrics` stage of `run.json`, once ``tables()`` has returned: `reading` as measured around the pass on
    /// the reading thread (its wall time: the worker's own overlaps the stages after it), with the worker's CPU
    /// added and the peaks of the stages it overlapped.
    func stage(reading: RunManifest.Stage, rows: Int, overlapping stages: ArraySlice<RunManifest.Stage>) -> RunManifest.Stage {
        let peaks = [reading.peakRSSKiB] + stages.map(\.peakRSSKiB)
        return RunManifest.Stage(
            name: reading.name, durationMs: reading.durationMs, rows: rows,
            cpuMs: (reading.cpuMs ?? 0) + worker.cpuMilliseconds, peakRSSKiB: peaks.compactMap { $0 }.max())
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
