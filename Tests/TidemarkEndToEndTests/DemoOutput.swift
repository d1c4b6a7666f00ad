import Foundation
import TidemarkTestSupport

/// One run of the real binary on the demo store (pipelines/demo.yaml, every demo input), shared by the tests that
/// only read its output: the hostile-value tests and the golden files. The clock and the customer key are
/// injected, so the output is the same on every machine and every day.
enum DemoOutput {
    /// The same environment as ``DemoRunTests``.
    static let environment = ["TIDEMARK_NOW": "2026-11-22T06:00:00Z", "TIDEMARK_CUSTOMER_KEY": "test-secret"]

    /// The finished run: its output folder, exit code and stderr. Run once, on first use.
    static let run: (out: URL, exitCode: Int32, stderr: String) = {
        let dir = TestPaths.temporaryDirectory()
        let out = dir.appendingPathComponent("out")
        do {
            let result = try TidemarkBinary.run(
                ["run", "pipelines/demo.yaml", "--out", out.path, "--warehouse", dir.appendingPathComponent("warehouse.sqlite").path,
                 "--log-format", "json", "--fail-on", "never"],
                environment: environment)
            return (out, result.exitCode, result.stderr)
        } catch {
            return (out, -1, "\(error)")
        }
    }()

    /// A file of the run's output folder.
    static func data(_ name: String) throws -> Data { try Data(contentsOf: run.out.appendingPathComponent(name)) }

    /// A file of the run's output folder as UTF-8 text.
    static func text(_ name: String) throws -> String { String(decoding: try data(name), as: UTF8.self) }

    /// The CSV tables of outputs.md as of issue 5, sorted by name (a run may write more).
    static let outputTables = [
        "acquisition.csv", "campaigns.csv", "clv_cohorts.csv", "clv_customers.csv", "clv_model.csv", "fx_rates_used.csv",
        "flags.csv", "funnel.csv", "logistics.csv", "reconciliation.csv", "rejects.csv", "sales_margin.csv",
        "sales_margin_summary.csv",
    ].sorted()

    /// Every file the run wrote, by name.
    static func writtenFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: run.out.path).sorted()
    }

    /// The CSV files the run wrote, by name.
    static func csvNames() throws -> [String] { try writtenFiles().filter { $0.hasSuffix(".csv") } }
}

/// A plain RFC 4180 reader for the tests (comma, `"` quoting with doubled quotes, LF or CRLF): records of fields,
/// independent of the product's own CSV code.
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false, wasQuoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" {
                    chars.removeFirst()
                    field.unicodeScalars.append("\"")
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(c)
            }
            continue
        }
        switch c {
        case "\"" where field.isEmpty && !wasQuoted:
            quoted = true
            wasQuoted = true
        case ",":
            record.append(field)
            field = ""
            wasQuoted = false
        case "\r" where chars.first == "\n":
            break
        case "\n":
            record.append(field)
            records.append(record)
            record = []
            field = ""
            wasQuoted = false
        default:
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !record.isEmpty {
        record.append(field)
        records.append(record)
    }
    return records
}
