import ArgumentParser
import Foundation
import TidemarkCSV
import TidemarkCommerce
import TidemarkIngest
import TidemarkNormalize

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Say what a file is: format, encoding, delimiter, header, columns, and which rows would load, be rejected or skipped.",
        discussion: "Exit codes: 0 recognised; 2 unknown format, empty or unreadable file.")

    @Argument(help: "The export file.")
    var file: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "Show at most this many rejected rows.")
    var maxRejects = 10

    @Option(help: "Force a format id (see `tidemark formats`).")
    var format: String?

    @Option(help: "Encoding to assume when the file is not UTF-8 and has no BOM (default Windows-1252; GB18030 for Chinese tools).")
    var fallbackEncoding: String?

    @Option(help: "Decimal separator: point or comma (default: sniffed from the file).")
    var decimal: String?

    @Option(help: "Market for rows that name none (ISO code or country name).")
    var defaultMarket: String?

    @Option(help: "Currency of files that name none (ISO 4217).")
    var currency: String?

    @Option(help: "IANA time zone of times written without an offset (default UTC).")
    var timeZone: String?

    func validate() throws {
        if let fallbackEncoding, TextEncoding.named(fallbackEncoding) == nil {
            throw ValidationError("--fallback-encoding \(fallbackEncoding) is not one of \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let decimal, DecimalSeparator(rawValue: decimal) == nil { throw ValidationError("--decimal must be point or comma") }
        if let defaultMarket, Market.named(defaultMarket) == nil { throw ValidationError("--default-market \(defaultMarket) is not a known market") }
        if let currency, Currency(code: currency) == nil { throw ValidationError("--currency \(currency) is not an ISO 4217 code") }
        if let timeZone, ReportingTimeZone(identifier: timeZone) == nil { throw ValidationError("--time-zone \(timeZone) is not an IANA time zone") }
    }

    func run() throws {
        let now = try clock()()
        let runDate = ReportingTimeZone.utc.date(of: Timestamp(secondsSinceEpoch: Int64(now.timeIntervalSince1970)))
        var options = IngestOptions()
        options.formatID = format
        if let fallbackEncoding { options.fallbackEncoding = TextEncoding.named(fallbackEncoding)! }
        if let decimal { options.decimalSeparator = DecimalSeparator(rawValue: decimal) }
        let zone = timeZone.flatMap(ReportingTimeZone.init(identifier:)) ?? .utc
        let detection: FileDetection
        do {
            detection = try FileDetector.detect(path: file, displayName: file, options: options)
        } catch let e as IngestError {
            if json {
                printJSON(["file": file, "recognised": false, "status": e.code == .empty ? "empty" : "failed", "message": e.message])
            } else {
                FileHandle.standardError.write(Data("\(e)\n".utf8))
            }
            throw ExitCode(ExitStatus.usage)
        }
        var context = ParseContext(
            fileName: file, decimalSeparator: detection.decimalSeparator, sourceZone: zone, reportingZone: .utc,
            runDate: runDate, defaultMarket: defaultMarket.flatMap(Market.named), fxBase: .EUR,
            customerKeys: CustomerKeyer(secret: Array("inspect".utf8)))
        context.defaultCurrency = currency.flatMap { Currency(code: $0) }
        let sha = try Fingerprint.sha256(ofFileAt: file)
        let rec = try FileIngestor.ingest(path: file, detection: detection, context: context, sha256: sha) { _ in }
        let d = detection
        if json {
            printJSON([
                "file": file, "recognised": true, "format": d.format.id, "format_title": d.format.title, "facts": d.format.kind.rawValue,
                "encoding": d.encoding.rawValue, "delimiter": d.dialect.delimiterName, "quoting": d.dialect.quoting,
                "decimal_separator": d.decimalSeparator.rawValue, "header_line": d.headerLine, "preamble_lines": d.preambleLines,
                "columns": d.columns.headerNames, "absent_optional_columns": d.absentOptionalColumns, "sha256": sha,
                "rows_read": rec.rowsRead, "rows_loadable": rec.rowsLoaded, "rows_rejected": rec.rowsRejected, "rows_skipped": rec.rowsSkipped,
                "skipped_reasons": rec.skippedReasons, "status": rec.status,
                "rejects": rec.rejects.prefix(maxRejects).map { ["line": $0.line, "column": $0.column, "column_number": $0.columnNumber, "value": $0.value, "reason": $0.reason] as [String: Any] },
            ])
            return
        }
        var out = """
            \(file)
              format        \(d.format.title) (\(d.format.id)) → \(d.format.kind.rawValue)
              encoding      \(d.encoding.rawValue)
              delimiter     \(d.dialect.delimiterName)\(d.dialect.quoting ? "" : ", quotes are data (not quoting)")
              decimals      \(d.decimalSeparator == .point ? "point (1,234.56)" : "comma (1.234,56)")
              header        line \(d.headerLine)\(d.preambleLines > 0 ? " (\(d.preambleLines) preamble lines before it)" : "")
              columns       \(d.columns.headerNames.count): \(d.columns.headerNames.joined(separator: ", "))

            """
        if !d.absentOptionalColumns.isEmpty { out += "  not present   \(d.absentOptionalColumns.joined(separator: ", ")) (optional)\n" }
        out += "  rows          \(rec.rowsRead) read: \(rec.rowsLoaded) would load, \(rec.rowsRejected) rejected, \(rec.rowsSkipped) skipped\n"
        if !rec.skippedReasons.isEmpty { out += "  skipped       \(rec.skippedReasonsText)\n" }
        if !rec.rejects.isEmpty {
            out += "  first rejects\n"
            for r in rec.rejects.prefix(maxRejects) { out += "    \(r)\n" }
        }
        print(out, terminator: "")
    }

    func printJSON(_ object: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        print(String(decoding: data, as: UTF8.self))
    }
}

struct Formats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the export formats Tidemark recognises and their signature columns.")

    func run() throws {
        for f in FormatRegistry.all {
            print("\(f.id)\n  \(f.title) → \(f.kind.rawValue); \(f.quoting ? "quoted CSV" : "quotes are data")")
            print("  recognised by: \(f.signatureNames.joined(separator: ", "))\(f.headerPredicate != nil ? " (+ header shape)" : "")")
            let optional = f.columns.filter { !$0.required && !f.signature.contains($0.field) }.compactMap { $0.names.first }
            if !optional.isEmpty { print("  also reads: \(optional.joined(separator: ", "))") }
        }
    }
}
