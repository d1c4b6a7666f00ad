import Foundation
import TidemarkCSV
import TidemarkCommerce

/// The reconciliation of one input file: every record after the header is read once and ends up loaded,
/// rejected or skipped (`rowsRead == rowsLoaded + rowsRejected + rowsSkipped`).
public struct FileReconciliation: Sendable {
    public var file: String
    public var format: String
    public var sha256: String
    public var encoding: String
    public var delimiter: String
    public var preambleLines: Int
    public var rowsRead: Int
    public var rowsLoaded: Int
    public var rowsRejected: Int
    public var rowsSkipped: Int
    /// Skip reasons with their counts.
    public var skippedReasons: [String: Int]
    /// Loaded rows a newer export of the same natural key replaced (filled in by the warehouse load).
    public var rowsSuperseded: Int
    /// Facts produced (an ECB row yields one per currency).
    public var factsProduced: Int
    /// `loaded`, `empty`, `failed: …`, `duplicate of …`.
    public var status: String
    /// The rejected rows, in file order.
    public var rejects: [RejectedRow]

    /// A reconciliation with nothing read yet.
    public init(file: String, sha256: String) {
        self.file = file
        self.format = ""
        self.sha256 = sha256
        self.encoding = ""
        self.delimiter = ""
        self.preambleLines = 0
        self.rowsRead = 0
        self.rowsLoaded = 0
        self.rowsRejected = 0
        self.rowsSkipped = 0
        self.skippedReasons = [:]
        self.rowsSuperseded = 0
        self.factsProduced = 0
        self.status = ""
        self.rejects = []
    }

    /// Whether the counts add up.
    public var isBalanced: Bool { rowsRead == rowsLoaded + rowsRejected + rowsSkipped }

    /// Skip reasons as `reason: n; reason: n`, sorted by reason.
    public var skippedReasonsText: String {
        skippedReasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
    }
}

/// Reads one file end to end: every record after the header becomes facts, a reject or a skip.
public enum FileIngestor {
    /// Streams `path` (already detected) through its format's row parser, handing each fact to `onFact`.
    /// Throws only when the file cannot be read; row problems are counted and kept as rejects.
    public static func ingest(
        path: String, detection: FileDetection, context: ParseContext, sha256: String,
        onFact: (IngestedFact) throws -> Void
    ) throws -> FileReconciliation {
        var rec = FileReconciliation(file: context.fileName, sha256: sha256)
        rec.format = detection.format.id
        rec.encoding = detection.encoding.rawValue
        rec.delimiter = detection.dialect.delimiterName
        rec.preambleLines = detection.preambleLines
        var context = context
        context.preamble = detection.preamble
        var parser = detection.format.makeParser(detection.columns, context)
        let headerCount = detection.columns.headerNames.count
        let reader = CSVReader(fileName: context.fileName, dialect: detection.dialect, encoding: detection.encoding)

        func reject(_ line: Int, _ column: Int, _ value: String, _ reason: String) {
            rec.rowsRejected += 1
            let name = column > 0 || headerCount > 0 ? detection.columns.name(ofColumn: column) : ""
            rec.rejects.append(RejectedRow(file: context.fileName, line: line, columnNumber: column + 1, column: name, value: value, reason: reason))
        }
        func skip(_ reason: String) {
            rec.rowsSkipped += 1
            rec.skippedReasons[reason, default: 0] += 1
        }

        _ = try reader.read(path: path) { record in
            if record.line <= detection.headerLine { return }
            rec.rowsRead += 1
            if record.isBlank { return skip("blank line") }
            if let footer = footerReason(record) { return skip(footer) }
            if let problem = record.problem {
                switch problem {
                case .unterminatedQuote:
                    // The open field is the record's last one; it runs to the end of the file.
                    let column = max(record.count - 1, 0)
                    let value = record.count > 0 ? "\"" + (record.string(column) ?? "").trimmingCharacters(in: .newlines) : ""
                    reject(record.line, column, value, "opens a quote that is never closed before the end of the file")
                case .fieldTooLarge(let column):
                    reject(record.line, column, "", "is larger than the field size limit")
                case .tooManyFields:
                    rec.rowsRejected += 1
                    rec.rejects.append(RejectedRow(file: context.fileName, line: record.line, columnNumber: 0, column: "", value: "", reason: "has more fields than the reader accepts"))
                }
                return
            }
            if record.count < headerCount {
                let what = record.endedWithNewline ? "" : " (the last line is cut short)"
                rec.rowsRejected += 1
                rec.rejects.append(RejectedRow(file: context.fileName, line: record.line, columnNumber: record.count + 1, column: detection.columns.name(ofColumn: record.count), value: "", reason: "row has \(record.count) fields, the header has \(headerCount)\(what)"))
                return
            }
            if record.count > headerCount {
                for i in headerCount..<record.count where record[i].contains(where: { $0 != 0x20 && $0 != 0x0D }) {
                    rec.rowsRejected += 1
                    rec.rejects.append(RejectedRow(file: context.fileName, line: record.line, columnNumber: i + 1, column: "#\(i + 1)", value: record.string(i) ?? "", reason: "row has \(record.count) fields, the header has \(headerCount)"))
                    return
                }
            }
            switch parser.parse(record) {
            case .fact(let fact):
                rec.rowsLoaded += 1
                rec.factsProduced += 1
                try onFact(fact)
            case .facts(let facts):
                rec.rowsLoaded += 1
                rec.factsProduced += facts.count
                for fact in facts { try onFact(fact) }
            case .reject(let column, let value, let reason):
                reject(record.line, column, value, reason)
            case .skip(let reason):
                skip(reason)
            }
        }
        let held = parser.finish()
        rec.factsProduced += held.count
        for fact in held { try onFact(fact) }
        rec.status = rec.rowsRead == 0 ? "empty" : "loaded"
        return rec
    }

    /// Totals rows and footer lines exports append after their data.
    static func footerReason(_ record: CSVRecord) -> String? {
        guard record.count > 0, mayBeFooter(record[0]) else { return nil }
        guard let first = record.string(0)?.trimmingASCIISpaces().lowercased() else { return nil }
        if first == "total" || first == "totals" || first == "grand total" || first.hasPrefix("total:") || first == "合计" || first == "总计" {
            return "totals row"
        }
        if first.contains("record(s) downloaded") || first.hasPrefix("seller id") { return "footer line" }
        return nil
    }

    /// A byte-level pre-check for ``footerReason(_:)`` so that ordinary rows cost no `String`: a footer's first
    /// field starts (after spaces) with t, g or s in either case, or 合/总, or contains "(" ("record(s)").
    static func mayBeFooter(_ field: UnsafeRawBufferPointer) -> Bool {
        guard let first = field.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
        switch first | 0x20 {
        case UInt8(ascii: "t"), UInt8(ascii: "g"), UInt8(ascii: "s"): return true
        default: break
        }
        if first == 0xE5 || first == 0xE6 || first == 0xC2 { return true }  // 合计, 总计, or a no-break space first
        return field.contains(UInt8(ascii: "("))
    }
}
