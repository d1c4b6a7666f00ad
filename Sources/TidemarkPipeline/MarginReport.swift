import Foundation
import Logging
import TidemarkCommerce
import TidemarkIngest
import TidemarkMetrics
import TidemarkReports
import TidemarkWarehouse

/// One figure that moved between two issues of a month's margin report.
public struct MarginChange: Sendable, Equatable {
    public var market: String
    public var platform: String
    public var figure: String
    /// As printed in the previous issue (`""` when the row did not exist or the figure was empty).
    public var previous: String
    public var current: String
}

/// What issuing a month's margin report produced.
public struct MarginReportResult: Sendable {
    public var folder: String
    public var issue: Int
    /// Files the warehouse received since the previous issue (name and SHA-256).
    public var lateFiles: [String]
    public var changes: [MarginChange]
}

/// Finance's monthly margin report (product.md, "Finance's month"): computed from the warehouse for one month and
/// reporting currency, with the FX rates used, the reconciliation block, and — when the month was issued before —
/// what changed since the previous issue. Every issue is kept: `<root>/<month>-<currency>/issue-<n>/`, and the
/// warehouse remembers each issue's files and figures.
public struct MarginReportIssuer {
    public var warehousePath: String
    public var outputRoot: String
    public var month: YearMonth
    public var computation: SalesComputation
    public var environment: RunEnvironment

    public init(warehousePath: String, outputRoot: String, month: YearMonth, computation: SalesComputation, environment: RunEnvironment) {
        self.warehousePath = warehousePath
        self.outputRoot = outputRoot
        self.month = month
        self.computation = computation
        self.environment = environment
    }

    /// Computes and writes the next issue of the month's report.
    public func issue() throws -> MarginReportResult {
        let issuedAt = PipelineRunner.iso(environment.now())
        guard FileManager.default.fileExists(atPath: warehousePath) else {
            throw PipelineError(file: warehousePath, keyPath: "", message: "no warehouse here: run a pipeline first (e.g. make demo)")
        }
        let lock = try RunLock(warehousePath: warehousePath, pipeline: "report margin \(month)", startedAt: issuedAt)
        defer { withExtendedLifetime(lock) {} }
        let warehouse = try Warehouse(path: warehousePath)
        let currency = computation.currency
        let (tables, converter) = try computation.compute(warehouse, period: month.firstDay...month.lastDay)
        let csv = CSVTables(currency: currency)
        let figures = csv.printedFigures(tables.summary)
        let files = try warehouse.loadedFiles()
        var fileMap: [String: String] = [:]
        for f in files { fileMap[f.file] = f.sha256 }

        let previous = try warehouse.marginIssues(month: month.description, currency: currency.code).last
        let number = (previous?.issue ?? 0) + 1
        var changes: [MarginChange] = []
        var lateFiles: [String] = []
        if let previous {
            let known = Set(previous.files.values)
            lateFiles = files.filter { !known.contains($0.sha256) }.map(\.file).sorted()
            for key in Set(previous.figures.keys).union(figures.keys).sorted() {
                let old = previous.figures[key] ?? "", new = figures[key] ?? ""
                guard old != new else { continue }
                let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                changes.append(MarginChange(market: parts[0], platform: parts[1], figure: parts[2], previous: old, current: new))
            }
        }

        let folder = URL(fileURLWithPath: outputRoot).appendingPathComponent("\(month)-\(currency.code)").appendingPathComponent("issue-\(number)")
        let output = try OutputFolder(destination: folder)
        do {
            try output.write("margin.csv", csv.salesMargin(tables.detail, withSKU: true))
            try output.write("margin_summary.csv", csv.salesMargin(tables.summary, withSKU: false))
            try output.write("fx_rates_used.csv", csv.ratesUsed(Array(converter.used)))
            try output.write("reconciliation.csv", csv.reconciliation(files))
            try output.write("flags.csv", csv.flags(tables.flags))
            try output.write("changes.csv", csv.changes(changes.map { ($0.market, $0.platform, $0.figure, $0.previous, $0.current) }, lateFiles: lateFiles))
            let model = MarginReportModel(
                month: month, currency: currency, timeZone: computation.zone.identifier, issue: number,
                previousIssue: previous.map { ($0.issue, $0.issuedAt) }, issuedAt: issuedAt, sales: tables,
                ratesUsed: converter.used.sorted(), files: files, lateFiles: lateFiles,
                changes: changes.map { MarginReportModel.Change(market: $0.market, platform: $0.platform, figure: $0.figure, previous: $0.previous, current: $0.current) })
            try output.write("margin.html", MarginReportHTML.render(model))
            try warehouse.recordMarginIssue(
                MarginIssue(month: month.description, currency: currency.code, issue: number, issuedAt: issuedAt, files: fileMap, figures: figures))
            try output.commit()
        } catch {
            output.abandon()
            throw error
        }
        environment.logger.info(
            "report.margin.issued",
            metadata: ["month": "\(month)", "currency": "\(currency.code)", "issue": "\(number)", "changes": "\(changes.count)", "files.late": "\(lateFiles.count)"])
        return MarginReportResult(folder: folder.path, issue: number, lateFiles: lateFiles, changes: changes)
    }
}
