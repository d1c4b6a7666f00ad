import Dispatch
import TidemarkCommerce
import TidemarkMetrics
import TidemarkNormalize
import TidemarkReports
import TidemarkWarehouse

/// The CLV tables, computed on a worker thread beside the sales and insights passes.
///
/// Order margins need every parcel before the first line, so those are read here, on the warehouse's thread. The
/// order lines, refunds and fees then come from the first sales pass (``add(_:)-line``, ``add(_:)-refund``,
/// ``add(_:)-fee``: it reads them in the key order CLV needs, each order's refunds and fees after its lines), so CLV
/// reads none of its own; once they are all sent
/// (``endOfInput()``) the worker fits the models and builds the tables while the main thread computes the insights.
/// ``tables()`` waits for it.
final class CLVBesideSales: SalesPassFeed {
    /// What the worker folds, in key order.
    enum Input {
        case line(OrderLine)
        case fee(PlatformFee)
        case refund(Refund)
    }

    private let worker: ChunkedWorker<Input, CLVTables>
    private let startedAt = DispatchTime.now().uptimeNanoseconds
    private let prepareCPUMilliseconds: Int
    private let preparePeakKiB: Int?

    /// Reads what order margins need and starts the worker.
    init(_ computation: CLVComputation, warehouse: Warehouse, converter: CurrencyConverter) throws {
        let cpu0 = ProcessUsage.threadCPUMilliseconds()
        ProcessUsage.returnFreeMemory()
        ProcessUsage.resetPeakResidentSet()
        var folder = CLVOrderFolder(margins: try computation.orderMargins(warehouse, converter: converter), converter: converter, zone: computation.zone)
        prepareCPUMilliseconds = ProcessUsage.threadCPUMilliseconds() - cpu0
        preparePeakKiB = ProcessUsage.peakResidentSetKiB()
        // `folder` is used by the worker thread alone from here on.
        worker = ChunkedWorker(
            name: "tidemark-clv",
            fold: { inputs in
                for input in inputs {
                    switch input {
                    case .line(let line): folder.add(line)
                    case .fee(let fee): folder.add(fee)
                    case .refund(let refund): folder.add(refund)
                    }
                }
            },
            finish: { try computation.tables(folding: &folder) })
    }

    /// Hands the next order line (in key order) to the worker; cancelled lines, which CLV ignores, stay here.
    func add(_ line: OrderLine) {
        if line.status != .cancelled { worker.add(.line(line)) }
    }

    /// Hands the next refund (in key order, after its order's lines) to the worker; returned units without money,
    /// which change no customer's value, stay here.
    func add(_ refund: Refund) {
        if !refund.amount.isZero { worker.add(.refund(refund)) }
    }

    /// Hands the next fee (in key order, after its order's lines) to the worker; advertising charges, which order
    /// margins leave out, stay here.
    func add(_ fee: PlatformFee) {
        if fee.type != .advertising { worker.add(.fee(fee)) }
    }

    /// Every line has been handed over: the worker may fit the models now.
    func endOfInput() { worker.endOfInput() }

    /// Waits for the worker; rethrows what it threw (``CLVComputationError`` for lines out of key order).
    func tables() throws -> CLVTables { try worker.result() }

    /// Stops the worker after a failure elsewhere.
    func abandon() { worker.abandon() }

    /// The `clv` stage of `run.json`, once ``tables()`` has returned: from the start of its reads to the end of the
    /// worker, the CPU of its reads and of the worker thread, and the peak of the process while it ran (the larger of
    /// its reads' peak and those of the `stages` it overlapped).
    func stage(rows: Int, overlapping stages: ArraySlice<RunManifest.Stage>) -> RunManifest.Stage {
        let peaks = [preparePeakKiB] + stages.map(\.peakRSSKiB)
        return RunManifest.Stage(
            name: "clv", durationMs: Int((worker.finishedAtNanoseconds - startedAt) / 1_000_000), rows: rows,
            cpuMs: prepareCPUMilliseconds + worker.cpuMilliseconds, peakRSSKiB: peaks.compactMap { $0 }.max(), background: true)
    }
}
