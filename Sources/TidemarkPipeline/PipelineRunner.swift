import Foundation
import Logging
import TidemarkCSV
import TidemarkCommerce
import TidemarkIngest
import TidemarkMetrics
import TidemarkNormalize
import TidemarkReports
import TidemarkWarehouse

/// How far the load of one file has come.
public struct LoadProgress: Sendable {
    public var file: String
    /// The file's size in bytes.
    public var bytes: Int
    /// Facts loaded so far.
    public var facts: Int
    /// Seconds since the file's load began.
    public var seconds: Double
    /// Whether the file is finished.
    public var done: Bool
}

/// The outcome of a run, mapped to an exit code by the CLI.
public struct RunOutcome: Sendable {
    public enum Status: Sendable, Equatable {
        /// Everything loaded and reported; exit 0.
        case success
        /// Reported, with flags at or above the pipeline's `fail_on` severity (failed files included); exit 3.
        case successWithFlags
        /// Nothing was committed; exit 1.
        case failed(String)
    }
    public var status: Status
    public var reportFolder: String?
    /// The HTML reports written (one per window).
    public var reports: [String] = []
    public var files: [FileReconciliation]
    public var flagCounts: [Severity: Int]

    /// The process exit code product.md defines: 0, 1 or 3 (2 is for usage errors, decided by the CLI).
    public var exitCode: Int32 {
        switch status {
        case .success: return 0
        case .failed: return 1
        case .successWithFlags: return 3
        }
    }
}

/// What a run needs from outside: the clock and a logger. The CLI creates both; tests inject them.
public struct RunEnvironment: Sendable {
    public var now: @Sendable () -> Date
    public var logger: Logger
    public var toolVersion: String
    /// The customer-key secret from the environment (`TIDEMARK_CUSTOMER_KEY`), if set.
    public var customerKeySecret: String?
    /// Told how a load advances (the CLI draws a progress bar on a terminal); `nil` for none.
    public var progress: (@Sendable (LoadProgress) -> Void)?

    public init(
        now: @escaping @Sendable () -> Date, logger: Logger, toolVersion: String, customerKeySecret: String?,
        progress: (@Sendable (LoadProgress) -> Void)? = nil
    ) {
        self.now = now
        self.logger = logger
        self.toolVersion = toolVersion
        self.customerKeySecret = customerKeySecret
        self.progress = progress
    }
}

/// Runs a pipeline: read every input, load what is new into the warehouse, compute the metrics over the whole
/// warehouse, write the reports. The warehouse is committed all or nothing; the reports appear only complete.
public struct PipelineRunner {
    public let definition: PipelineDefinition
    public let environment: RunEnvironment

    public init(definition: PipelineDefinition, environment: RunEnvironment) {
        self.definition = definition
        self.environment = environment
    }

    public func run() -> RunOutcome {
        var log = environment.logger
        log[metadataKey: "pipeline"] = .string(definition.name)
        let started = environment.now()
        let startedText = Self.iso(started)
        var stages: [RunManifest.Stage] = []
        // A stage's CPU is that of the threads doing its work: the whole process while loading (reader and writer),
        // the main thread for the stages it computes beside the CLV worker, plus `workerCPU` of what the stage returns
        // (the CPU of workers it started and joined).
        func measure<T>(
            _ name: String, wholeProcess: Bool = false, rows: (T) -> Int, workerCPU: (T) -> Int = { _ in 0 }, _ body: () throws -> T
        ) rethrows -> T {
            let cpu = wholeProcess ? ProcessUsage.cpuMilliseconds : ProcessUsage.threadCPUMilliseconds
            let t0 = DispatchTime.now().uptimeNanoseconds
            let cpu0 = cpu()
            ProcessUsage.returnFreeMemory()
            ProcessUsage.resetPeakResidentSet()
            let value = try body()
            let ms = Int((DispatchTime.now().uptimeNanoseconds - t0) / 1_000_000)
            stages.append(
                .init(name: name, durationMs: ms, rows: rows(value), cpuMs: cpu() - cpu0 + workerCPU(value), peakRSSKiB: ProcessUsage.peakResidentSetKiB()))
            return value
        }
        func failed(_ error: Error) -> RunOutcome {
            log.error("run.failed", metadata: ["error": "\(error)"])
            return RunOutcome(status: .failed("\(error)"), reportFolder: nil, files: [], flagCounts: [:])
        }
        defer {
            if definition.temporaryWarehouse {
                for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: definition.warehousePath + suffix) }
            }
        }

        let lock: RunLock
        let warehouse: Warehouse
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: definition.warehousePath).deletingLastPathComponent(), withIntermediateDirectories: true)
            lock = try RunLock(warehousePath: definition.warehousePath, pipeline: definition.name, startedAt: startedText)
            warehouse = try Warehouse(path: definition.warehousePath)
            _ = try warehouse.beginRun(pipeline: definition.name, startedAt: startedText)
        } catch {
            return failed(error)
        }
        defer { withExtendedLifetime(lock) {} }

        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: definition.customerKeyFile).deletingLastPathComponent(), withIntermediateDirectories: true)
            let secret = try CustomerKeyer.loadOrCreateSecret(environmentValue: environment.customerKeySecret, keyFile: definition.customerKeyFile)
            let keyer = CustomerKeyer(secret: secret)
            let runDate = definition.timeZone.date(of: Timestamp(secondsSinceEpoch: Int64(started.timeIntervalSince1970)))
            let files = try measure("load", wholeProcess: true, rows: { $0.reduce(0) { $0 + $1.rowsLoaded } }) {
                try loadInputs(into: warehouse, keyer: keyer, runDate: runDate, log: log)
            }
            var rejects: [RejectedRow] = []
            for f in files where !f.sha256.isEmpty { rejects += try warehouse.rejects(sha256: f.sha256, displayName: f.file) }
            let fileFlags = fileFlags(files, runDate: runDate) + (try sourceFlags(warehouse, files: files, runDate: runDate))  // PipelineExtras.swift

            let destination = URL(fileURLWithPath: definition.datedReports ? definition.outputPath + "/" + runDate.description : definition.outputPath)
            let output = try OutputFolder(destination: destination)
            var allFlags: [Flag] = []
            let rates = FXTable(base: definition.fxBase, rates: try warehouse.fxRates())  // read once per run
            // CLV folds the order lines on a worker thread while the main thread computes the sales tables and the
            // insights: the first sales pass hands it every line it reads (the worker never touches the connection,
            // whose uncommitted facts are visible only on this thread), and the fit and tables follow on the worker.
            let clvWork = try CLVBesideSales(
                CLVComputation(zone: definition.timeZone, options: definition.clvOptions, calibrationEnd: definition.clvCalibrationEnd, feeEstimates: definition.feeEstimates),
                warehouse: warehouse, converter: CurrencyConverter(table: rates, target: definition.currency))
            defer { clvWork.abandon() }
            let clvStage = stages.count
            var clvTables: CLVTables?
            /// The CLV tables, waiting for the worker the first time; records the `clv` stage after `load`.
            func clv() throws -> CLVTables {
                if let clvTables { return clvTables }
                let tables = try clvWork.tables()
                stages.insert(clvWork.stage(rows: tables.summaries.count, overlapping: stages[clvStage...]), at: clvStage)
                clvTables = tables
                return tables
            }
            // The first sales pass also finds every customer's first order (all history: the same for every window).
            let firstsFeed = FirstOrdersFeed(zone: definition.timeZone, passingOn: clvWork)
            do {
                let windows = definition.windows.isEmpty ? [ReportWindow(name: "all", kind: .all)] : definition.windows
                for (index, window) in windows.enumerated() {
                    let folder = definition.windows.isEmpty ? "" : window.name + "/"
                    // The sales pass reads on this thread and folds on a worker; the insights fold the lines it reads
                    // on another (their line pass, which reads the refunds' orders and the parcels first). The
                    // insights' own passes read while those fold, and wait for the sales tables only to finish.
                    let period = window.dates(runDate: runDate)
                    let insightsComputation = InsightsComputation(currency: definition.currency, fxBase: definition.fxBase, zone: definition.timeZone, runDate: runDate)
                    let salesStage = stages.count
                    let (sales, lines) = try measure("metrics", rows: { _ in 0 }) {
                        let lines = try insightsComputation.linePass(warehouse, rates: rates, period: period, passingOn: index == 0 ? firstsFeed : nil)
                        do {
                            return (try startSales(warehouse, rates: rates, period: period, alsoFeeding: lines), lines)
                        } catch {
                            lines.abandon()
                            throw error
                        }
                    }
                    defer { sales.abandon(); lines.abandon() }
                    lines.endOfInput()
                    if index == 0 { clvWork.endOfInput() }
                    var insights = try measure("insights", rows: { $0.funnel.count }, workerCPU: { $0.foldCPUMilliseconds }) {
                        try insightsComputation.compute(warehouse, rates: rates, period: period, firsts: firstsFeed.firstOrders, lines: lines, sales: sales.tables)
                    }
                    let tables = try sales.tables(), converter = sales.converter
                    stages[salesStage] = sales.stage(reading: stages[salesStage], rows: tables.detail.count, overlapping: stages[(salesStage + 1)...])
                    insights.sales.flags = (insights.sales.flags + fileFlags).sorted()
                    allFlags += insights.sales.flags
                    let clv = try clv()
                    try measure("reports", rows: { _ in 0 }) {
                        try writeReports(insights: insights, clv: clv, converter: converter, files: files, rejects: rejects, window: window, into: output, folder: folder, generatedAt: startedText)
                    }
                }
                allFlags = Array(Set(allFlags)).sorted()
                let status = outcomeStatus(allFlags)
                let finished = environment.now()
                let manifest = RunManifest(
                    toolVersion: environment.toolVersion, pipeline: definition.name, pipelineFileSHA256: definition.sourceSHA256,
                    reportingCurrency: definition.currency.code, reportingTimeZone: definition.timeZone.identifier,
                    startedAt: startedText, finishedAt: Self.iso(finished), stages: stages, files: files, flags: allFlags,
                    exitStatus: Int(RunOutcome(status: status, reportFolder: nil, files: [], flagCounts: [:]).exitCode),
                    outcome: status == .success ? "success" : "success with flags")
                try output.write("run.json", manifest.json())
                try warehouse.commitRun(finishedAt: Self.iso(finished), status: status == .success ? "success" : "success_with_flags")
                try output.commit()
            } catch {
                output.abandon()
                throw error
            }
            var reportFolder = destination.path
            if definition.datedReports {
                reportFolder = try ReportFolders.pointLatest(root: definition.outputPath, at: runDate.description)
                ReportFolders.applyRetention(root: definition.outputPath, keep: definition.keepReports, log: log)
            }
            var counts: [Severity: Int] = [:]
            for f in allFlags { counts[f.severity, default: 0] += 1 }
            let firstReport = definition.windows.isEmpty ? "report.html" : definition.windows[0].name + "/report.html"
            log.info(
                "run.finished",
                metadata: [
                    "files": "\(files.count)", "rows.loaded": "\(files.reduce(0) { $0 + $1.rowsLoaded })",
                    "rows.rejected": "\(rejects.count)", "flags.critical": "\(counts[.critical] ?? 0)",
                    "flags.warning": "\(counts[.warning] ?? 0)", "report": "\(reportFolder)/\(firstReport)",
                ])
            let reports = definition.windows.isEmpty ? [reportFolder + "/report.html"] : definition.windows.map { reportFolder + "/" + $0.name + "/report.html" }
            return RunOutcome(status: outcomeStatus(allFlags), reportFolder: reportFolder, reports: reports, files: files, flagCounts: counts)
        } catch {
            warehouse.rollbackRun()
            return failed(error)
        }
    }

    /// Success, or success with flags at or above the pipeline's `fail_on` severity.
    func outcomeStatus(_ flags: [Flag]) -> RunOutcome.Status {
        let worst = flags.map(\.severity).max()
        switch definition.failOn {
        case .critical: return worst == .critical ? .successWithFlags : .success
        case .warning: return worst != nil && worst! >= .warning ? .successWithFlags : .success
        case .never: return .success
        }
    }

    /// Writes one window's tables and HTML into the staging folder.
    func writeReports(
        insights: Insights, clv: CLVTables, converter: CurrencyConverter, files: [FileReconciliation], rejects: [RejectedRow],
        window: ReportWindow, into output: OutputFolder, folder: String, generatedAt: String
    ) throws {
        let sales = insights.sales
        let csv = CSVTables(currency: definition.currency, options: definition.excelCSV ? .excel : .standard)
        try output.write(folder + "sales_margin.csv", csv.salesMargin(sales.detail, withSKU: true))
        try output.write(folder + "sales_margin_summary.csv", csv.salesMargin(sales.summary, withSKU: false))
        try output.write(folder + "reconciliation.csv", csv.reconciliation(files))
        try output.write(folder + "rejects.csv", csv.rejects(rejects))
        try output.write(folder + "fx_rates_used.csv", csv.ratesUsed(Array(converter.used)))
        try output.write(folder + "flags.csv", csv.flags(sales.flags))
        try output.write(folder + "clv_cohorts.csv", csv.clvCohorts(clv.cohorts))
        try output.write(folder + "clv_customers.csv", csv.clvCustomers(clv))
        try output.write(folder + "clv_model.csv", csv.clvModel(clv))
        try output.write(folder + "funnel.csv", csv.funnel(insights.funnel))
        try output.write(folder + "acquisition.csv", csv.acquisition(insights.acquisition))
        try output.write(folder + "campaigns.csv", csv.campaigns(insights.campaigns))
        try output.write(folder + "logistics.csv", csv.logistics(insights.logistics))
        let extras = try writeExtraTables(insights: insights, clv: clv, csv: csv, into: output, folder: folder)  // PipelineExtras.swift
        var model = ReportModel(
            pipeline: definition.windows.isEmpty ? definition.name : "\(definition.name) · \(window.name)",
            currency: definition.currency, timeZone: definition.timeZone.identifier, generatedAt: generatedAt, sales: sales,
            files: files, rejectCount: rejects.count, ratesUsed: converter.used.count, clv: clv, funnel: insights.funnel,
            acquisition: insights.acquisition, campaigns: insights.campaigns, logistics: insights.logistics, series: insights.series)
        model.extras = extras
        try output.write(folder + "report.html", HTMLReport.render(model))
    }

    /// Loads every input file that is new; lists the others with their earlier counts or as duplicates.
    ///
    /// Two threads share the work: a reader thread fingerprints, detects and parses the files in the pipeline's
    /// order and hands their facts over in batches (``InputReader``); this thread writes them into the warehouse in
    /// the same order. The result is the same as loading file after file; only the reading overlaps the writing.
    func loadInputs(into warehouse: Warehouse, keyer: CustomerKeyer, runDate: CivilDate, log: Logger) throws -> [FileReconciliation] {
        let earlier = Dictionary(try warehouse.loadedFiles().map { ($0.sha256, $0) }, uniquingKeysWith: { a, _ in a })
        let reader = InputReader(definition: definition, keyer: keyer, runDate: runDate, earlier: earlier, knownStats: try warehouse.fileStats(), log: log)
        let channel = reader.start()
        defer { reader.wait() }
        var results: [FileReconciliation] = []
        var current: (loader: FactLoader, name: String, bytes: Int, started: UInt64, facts: Int)?
        let report = environment.progress
        func seconds(since t0: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9 }
        do {
            while let item = channel.receive() {
                switch item {
                case .listed(let rec):
                    results.append(rec)
                case .begin(let name, let sha, let rank, let bytes):
                    current = (try warehouse.beginFile(sha256: sha, exportRank: rank), name, bytes, DispatchTime.now().uptimeNanoseconds, 0)
                case .facts(let batch):
                    guard var file = current else { preconditionFailure("facts before begin") }
                    // Each fact is bound where it lies (no copy of its texts per fact, and none released here:
                    // the reader empties the batch when it takes it back).
                    try batch.facts.withUnsafeBufferPointer { facts in
                        for i in facts.indices { try file.loader.load(facts[i]) }
                    }
                    let before = file.facts
                    file.facts += batch.facts.count
                    reader.recycle(batch)
                    current = file
                    if let report, before / 50_000 != file.facts / 50_000 {
                        report(LoadProgress(file: file.name, bytes: file.bytes, facts: file.facts, seconds: seconds(since: file.started), done: false))
                    }
                case .end(let rec):
                    guard let file = current else { preconditionFailure("end before begin") }
                    let stored = try warehouse.finishFile(rec, loader: file.loader)
                    report?(LoadProgress(file: file.name, bytes: file.bytes, facts: file.facts, seconds: seconds(since: file.started), done: true))
                    var log = log
                    log[metadataKey: "source.file"] = .string(file.name)
                    log.info("file.loaded", metadata: ["format": "\(stored.format)", "rows.loaded": "\(stored.rowsLoaded)", "rows.rejected": "\(stored.rowsRejected)", "rows.skipped": "\(stored.rowsSkipped)"])
                    results.append(stored)
                    current = nil
                case .seen(let stat):
                    try warehouse.recordFileStat(stat)
                case .failed(let error):
                    // The file could not be read to its end: nothing of this run stays, and the run fails (exit 1).
                    // Logged once, below, with the file's name.
                    throw error
                }
            }
        } catch {
            channel.cancel()
            if let current {
                var log = log
                log[metadataKey: "source.file"] = .string(current.name)
                log.error("file.failed", metadata: ["reason": "\(error)"])
            }
            throw error
        }
        // The compute stages scan tables in key order: the page cache goes down to their size here, so writing out
        // the load's pages beyond it counts in the load.
        try warehouse.useComputeCacheSize()
        return results
    }

    func startSales(
        _ warehouse: Warehouse, rates: FXTable, period: ClosedRange<CivilDate>?, alsoFeeding: SalesPassFeed? = nil
    ) throws -> SalesBeside {
        try SalesComputation(
            currency: definition.currency, fxBase: definition.fxBase, zone: definition.timeZone, feeEstimates: definition.feeEstimates
        ).start(warehouse, rates: rates, period: period, alsoFeeding: alsoFeeding)
    }

    /// Data-quality flags about the inputs themselves: failed files (critical), rejects above 1 % (warning),
    /// empty files (info).
    func fileFlags(_ files: [FileReconciliation], runDate: CivilDate) -> [Flag] {
        var flags: [Flag] = []
        for f in files {
            if f.status.hasPrefix("failed") {
                flags.append(Flag(date: runDate, endDate: runDate, severity: .critical, rule: "file_failed", metric: "rows_read", dimensions: ["file": f.file], explanation: "\(f.file) could not be read: \(f.status.dropFirst("failed: ".count))"))
            } else if f.status == "empty" {
                flags.append(Flag(date: runDate, endDate: runDate, severity: .info, rule: "file_empty", metric: "rows_read", dimensions: ["file": f.file], explanation: "\(f.file) has no data rows"))
            } else if f.rowsRead > 0, f.rowsRejected * 100 > f.rowsRead {
                let rate = Ratio(f.rowsRejected, over: f.rowsRead)!
                flags.append(Flag(date: runDate, endDate: runDate, severity: .warning, rule: "rejects_above_1pct", metric: "rows_rejected", dimensions: ["file": f.file], observed: rate.formatted(decimals: 4), expected: "0.0100", explanation: "\(f.rowsRejected) of \(f.rowsRead) rows of \(f.file) were rejected; see rejects.csv"))
            }
        }
        return flags
    }

    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
