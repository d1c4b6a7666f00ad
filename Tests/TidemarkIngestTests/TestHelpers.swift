import Foundation
import Testing
import TidemarkCSV
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

/// Runs `body` over the UTF-8 bytes of `text`, as a row parser sees a field.
func withBytes<R>(_ text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes(body)
}

extension ParsedValue {
    /// The value, or `nil` when missing or invalid.
    var value: Value? {
        if case .value(let v) = self { return v }
        return nil
    }
    var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }
    var isInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }
}

/// Customer keys for ingest tests: Ingest only sees the protocol; the real keyer lives in Normalize.
struct StubCustomerKeys: CustomerKeying {
    func key(email: String) -> String? { email.isEmpty ? nil : "email-key" }
    func key(platform: Platform, buyerID: String) -> String? { buyerID.isEmpty ? nil : "buyer-key" }
}

/// The run settings the malformed README asks for: a run date of 2026-11-21 (after every demo date, before the
/// 2027-01-05 future row of bad_values.txt), UTC everywhere, EUR as FX base.
func testContext(fileName: String, separator: DecimalSeparator) -> ParseContext {
    ParseContext(
        fileName: fileName, decimalSeparator: separator, sourceZone: .utc, reportingZone: .utc,
        runDate: CivilDate(year: 2026, month: 11, day: 21)!, defaultMarket: nil, fxBase: .EUR,
        customerKeys: StubCustomerKeys())
}

/// The outcome of detecting and ingesting one file.
struct IngestRun {
    var detection: FileDetection
    var reconciliation: FileReconciliation
    var facts: [IngestedFact]

    var orderLines: [OrderLine] {
        facts.compactMap { if case .orderLine(let l) = $0 { return l } else { return nil } }
    }
    var fxRates: [FXRate] {
        facts.compactMap { if case .fxRate(let r) = $0 { return r } else { return nil } }
    }
    var unitCosts: [UnitCost] {
        facts.compactMap { if case .unitCost(let c) = $0 { return c } else { return nil } }
    }
}

/// Detects and ingests the file at `path`, named by its last path component.
func ingestFile(_ path: String, options: IngestOptions = IngestOptions()) throws -> IngestRun {
    let name = URL(fileURLWithPath: path).lastPathComponent
    let detection = try FileDetector.detect(path: path, displayName: name, options: options)
    let context = testContext(fileName: name, separator: detection.decimalSeparator)
    var facts: [IngestedFact] = []
    let sha = try Fingerprint.sha256(ofFileAt: path)
    let rec = try FileIngestor.ingest(path: path, detection: detection, context: context, sha256: sha) { facts.append($0) }
    return IngestRun(detection: detection, reconciliation: rec, facts: facts)
}

/// Writes `text` to a new file in a fresh temporary directory and returns its path.
func writeTemporaryFile(_ name: String, _ text: String) throws -> String {
    let url = TestPaths.temporaryDirectory().appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// A minimal RFC 4180 reader for the expectation files (quoted fields, doubled quotes; no quoted newlines there).
/// Deliberately independent of TidemarkCSV, which is part of what the expectations check.
func readSimpleCSV(_ path: String) throws -> [[String: String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var rows: [[String]] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var chars = Array(line.hasSuffix("\r") ? line.dropLast() : line)[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.append("\"")
                        chars.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        fields.append(field)
        rows.append(fields)
    }
    guard let header = rows.first else { return [] }
    return rows.dropFirst().map { row in
        Dictionary(uniqueKeysWithValues: zip(header, row + Array(repeating: "", count: max(0, header.count - row.count))))
    }
}

/// `fixtures/malformed/expected_reconciliation.csv`, keyed by file name.
let expectedReconciliation: [String: [String: String]] = {
    let rows = try! readSimpleCSV(TestPaths.fixture("malformed/expected_reconciliation.csv"))
    return Dictionary(uniqueKeysWithValues: rows.map { ($0["file"]!, $0) })
}()

/// `fixtures/malformed/expected_rejects.csv`, in file order.
let expectedRejects: [[String: String]] = try! readSimpleCSV(TestPaths.fixture("malformed/expected_rejects.csv"))

/// The encoding spellings of the expectation files mapped onto Tidemark's encodings.
let expectedEncodingNames: [String: TextEncoding] = [
    "UTF-8": .utf8, "UTF-8 (BOM)": .utf8BOM, "UTF-16LE (BOM)": .utf16LE, "windows-1252": .windows1252,
]
