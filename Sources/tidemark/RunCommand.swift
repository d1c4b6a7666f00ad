import ArgumentParser
import Foundation
import TidemarkCommerce
import TidemarkIngest
import TidemarkPipeline

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: load new exports into the warehouse, compute the metrics, write the reports.",
        discussion: """
            Exit codes: 0 success; 1 the run failed and nothing was committed; 2 usage or configuration error; \
            3 success with flags at or above --fail-on (default: critical), including files that could not be read.
            Without a pipeline file, --input and --out run ad hoc with a temporary warehouse (or --warehouse FILE).
            """)

    @Argument(help: "The pipeline file (pipelines/*.yaml).")
    var pipeline: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Input files or globs, replacing the pipeline's inputs.")
    var input: [String] = []

    @Option(help: "Output folder, replacing the pipeline's.")
    var out: String?

    @Option(help: "Warehouse file, replacing the pipeline's.")
    var warehouse: String?

    @Option(help: "Reporting currency (ISO 4217), replacing the pipeline's.")
    var currency: String?

    @Option(help: "Exit 3 on flags of this severity or worse: critical, warning or never.")
    var failOn: String?

    @OptionGroup var logging: LogOptions

    func validate() throws {
        if pipeline == nil && (input.isEmpty || out == nil) {
            throw ValidationError("give a pipeline file, or --input FILE... and --out DIR for an ad-hoc run")
        }
        if let currency, Currency(code: currency) == nil { throw ValidationError("--currency \(currency) is not an ISO 4217 code") }
        if let failOn, FailOn(rawValue: failOn) == nil { throw ValidationError("--fail-on must be critical, warning or never") }
    }

    func run() throws {
        var definition: PipelineDefinition
        do {
            if let pipeline {
                definition = try PipelineLoader.load(path: pipeline)
            } else {
                definition = .adhoc(output: URL(fileURLWithPath: out!).standardized.path, inputs: [])
            }
        } catch let e as PipelineError {
            FileHandle.standardError.write(Data("\(e)\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : cwd.appendingPathComponent(p).standardized.path }
        if !input.isEmpty {
            let template = definition.inputs.first
            definition.inputs = input.map {
                InputDefinition(pattern: absolute($0), sourceZone: template?.sourceZone ?? .utc)
            }
        }
        if let out {
            definition.outputPath = absolute(out)
            definition.datedReports = false
        }
        if let warehouse {
            definition.warehousePath = absolute(warehouse)
            definition.temporaryWarehouse = false
        }
        if let currency { definition.currency = Currency(code: currency)! }
        if let failOn { definition.failOn = FailOn(rawValue: failOn)! }

        let environment = RunEnvironment(
            now: try clock(), logger: logging.makeLogger(), toolVersion: toolVersion,
            customerKeySecret: ProcessInfo.processInfo.environment["TIDEMARK_CUSTOMER_KEY"],
            progress: logging.showsProgress ? ProgressBar.draw : nil)
        let outcome = PipelineRunner(definition: definition, environment: environment).run()
        if !logging.quiet {
            for report in outcome.reports { print("Report: \(report)") }
        }
        if case .failed(let why) = outcome.status {
            FileHandle.standardError.write(Data("tidemark: run failed, nothing committed: \(why)\n".utf8))
        }
        throw ExitCode(outcome.exitCode)
    }
}
