import ArgumentParser
import Foundation
import TidemarkCommerce
import TidemarkPipeline

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reports computed from the warehouse without loading anything.",
        subcommands: [MarginReport.self])
}

struct MarginReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "margin",
        abstract: "Finance's monthly margin report: CSV and HTML, FX rates used, reconciliation, and what changed since the previous issue.",
        discussion: """
            Settings (warehouse, time zone, fee estimates, output folder) come from --pipeline, by default \
            pipelines/monthly-margin.yaml when it exists. Each call writes the next issue: \
            <output>/<month>-<currency>/issue-<n>/. Exit codes: 0 written; 1 failed; 2 usage or configuration error.
            """)

    @Option(help: "The month, YYYY-MM.")
    var month: String

    @Option(help: "Reporting currency (ISO 4217); default the pipeline's.")
    var currency: String?

    @Option(help: "Pipeline file with the warehouse and settings (default pipelines/monthly-margin.yaml).")
    var pipeline: String?

    @Option(help: "Warehouse file, replacing the pipeline's.")
    var warehouse: String?

    @Option(help: "Output root, replacing the pipeline's (issues go to <out>/<month>-<currency>/issue-<n>/).")
    var out: String?

    @OptionGroup var logging: LogOptions

    func validate() throws {
        guard YearMonth(month) != nil else { throw ValidationError("--month \(month) is not YYYY-MM") }
        if let currency, Currency(code: currency) == nil { throw ValidationError("--currency \(currency) is not an ISO 4217 code") }
    }

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : URL(fileURLWithPath: cwd).appendingPathComponent(p).standardized.path }
        let pipelinePath = pipeline ?? (FileManager.default.fileExists(atPath: "pipelines/monthly-margin.yaml") ? "pipelines/monthly-margin.yaml" : nil)
        var definition: PipelineDefinition?
        if let pipelinePath {
            do {
                definition = try PipelineLoader.load(path: pipelinePath)
            } catch let e as PipelineError {
                FileHandle.standardError.write(Data("\(e)\n".utf8))
                throw ExitCode(ExitStatus.usage)
            }
        }
        guard let warehousePath = warehouse.map(absolute) ?? definition?.warehousePath else {
            FileHandle.standardError.write(Data("tidemark: give --warehouse FILE or --pipeline FILE (no pipelines/monthly-margin.yaml here)\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }
        let reportCurrency = currency.flatMap { Currency(code: $0) } ?? definition?.currency ?? .EUR
        let computation = SalesComputation(
            currency: reportCurrency, fxBase: definition?.fxBase ?? .EUR, zone: definition?.timeZone ?? .utc,
            feeEstimates: definition?.feeEstimates ?? [:])
        let root = out.map(absolute) ?? definition.map { URL(fileURLWithPath: $0.outputPath).path } ?? absolute("reports/margin")
        let environment = RunEnvironment(
            now: try clock(), logger: logging.makeLogger(), toolVersion: toolVersion, customerKeySecret: nil)
        do {
            let result = try MarginReportIssuer(
                warehousePath: warehousePath, outputRoot: root, month: YearMonth(month)!, computation: computation, environment: environment
            ).issue()
            if !logging.quiet {
                print("Margin report \(month) \(reportCurrency.code), issue \(result.issue): \(result.folder)/margin.html")
                if result.issue > 1 {
                    print("  since the previous issue: \(result.lateFiles.count) file(s) arrived, \(result.changes.count) figure(s) changed (changes.csv)")
                }
            }
        } catch {
            FileHandle.standardError.write(Data("tidemark: margin report failed: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
