import ArgumentParser
import Foundation
import Logging
import TidemarkCSV
import TidemarkCommerce
import TidemarkIngest
import TidemarkPipeline

/// The version printed by `tidemark --version` and written to run.json.
let toolVersion = "0.1.0"

/// Exit codes: 0 success, 1 run failed (nothing committed), 2 usage or configuration error, 3 success with
/// critical flags.
enum ExitStatus {
    static let usage: Int32 = 2
}

@main
struct Tidemark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tidemark",
        abstract: "Cross-border e-commerce exports in; exact, reconciled margin, funnel and CLV reports out.",
        version: toolVersion,
        subcommands: [Run.self, Report.self, Inspect.self, Formats.self, Generate.self])

    /// ArgumentParser exits 64 on validation errors; the product promises 2.
    static func main() {
        ProcessUsage.returnLargeBlocksWhenFreed()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let exit = Self.exitCode(for: error)
            if exit == .success || exit.rawValue == 0 {
                Self.exit(withError: error)
            }
            FileHandle.standardError.write(Data((Self.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage)
        }
    }
}

/// Shared logging options.
struct LogOptions: ParsableArguments {
    @Option(help: "Log format: human or json (default: human on a terminal, json otherwise).")
    var logFormat: String?
    @Flag(help: "Only warnings and errors.")
    var quiet = false
    @Flag(help: "Debug detail.")
    var verbose = false

    /// A progress bar is drawn only for people: on a terminal, with human logs, unless quiet.
    var showsProgress: Bool { !quiet && logFormat != "json" && isatty(STDERR_FILENO) == 1 }

    func makeLogger() -> Logger {
        let style: TidemarkLogHandler.Style
        switch logFormat {
        case "json": style = .json
        case "human": style = .human
        default: style = isatty(STDERR_FILENO) == 1 ? .human : .json
        }
        let level: Logger.Level = quiet ? .warning : (verbose ? .debug : .info)
        return Logger(label: "tidemark") { label in TidemarkLogHandler(label: label, style: style, logLevel: level) }
    }
}

/// Reads the injected clock for reproducible runs (`TIDEMARK_NOW=2026-11-01T00:00:00Z`), else the system clock.
func clock() throws -> @Sendable () -> Date {
    if let fixed = ProcessInfo.processInfo.environment["TIDEMARK_NOW"] {
        guard let date = ISO8601DateFormatter().date(from: fixed) else {
            throw ValidationError("TIDEMARK_NOW=\(fixed) is not an ISO 8601 instant such as 2026-11-01T00:00:00Z")
        }
        return { date }
    }
    return { Date() }
}
