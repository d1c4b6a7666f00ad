import Foundation
import Testing
import TidemarkCSV
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

/// The outcome of reading one selling-platform file: the reconciliation from ``FileIngestor`` and every fact the
/// parser produced, including those it held back until the end of the file.
///
/// ``FileIngestor`` does not call ``FinishingRowParser/finish()`` yet (see the proposal in the Shopify parser's
/// documentation), so the facts are collected by replaying the file's records through a second parser with the
/// ingestor's own filters (blank, footer, ragged and unreadable records never reach the parser) and finishing it.
struct PlatformRun {
    var detection: FileDetection
    var reconciliation: FileReconciliation
    var facts: [IngestedFact]

    var orderLines: [OrderLine] { facts.compactMap { if case .orderLine(let l) = $0 { return l } else { return nil } } }
    var refunds: [Refund] { facts.compactMap { if case .refund(let r) = $0 { return r } else { return nil } } }
    var fees: [PlatformFee] { facts.compactMap { if case .fee(let f) = $0 { return f } else { return nil } } }
    var shipments: [Shipment] { facts.compactMap { if case .shipment(let s) = $0 { return s } else { return nil } } }
    var rejects: [RejectedRow] { reconciliation.rejects }
}

/// Customer keys that keep the identity visible to tests without an `@`: `email:` + the local part, `buyer:` +
/// platform and id.
struct VisibleCustomerKeys: CustomerKeying {
    func key(email: String) -> String? {
        let e = email.trimmingASCIISpaces().lowercased()
        return e.isEmpty ? nil : "email:" + e.replacingOccurrences(of: "@", with: "(at)")
    }
    func key(platform: Platform, buyerID: String) -> String? { buyerID.isEmpty ? nil : "buyer:\(platform.name):\(buyerID)" }
}

/// Reads `path` (absolute) or `fixtures/<path>` with detection, the run settings of ``testContext`` and
/// `configure` applied to the context.
func readPlatformFile(
    _ path: String, options: IngestOptions = IngestOptions(), configure: (inout ParseContext) -> Void = { _ in }
) throws -> PlatformRun {
    let full = path.hasPrefix("/") ? path : TestPaths.fixture(path)
    let name = URL(fileURLWithPath: full).lastPathComponent
    let detection = try FileDetector.detect(path: full, displayName: name, options: options)
    var context = testContext(fileName: name, separator: detection.decimalSeparator)
    context.customerKeys = VisibleCustomerKeys()
    configure(&context)
    let sha = try Fingerprint.sha256(ofFileAt: full)
    var streamed: [IngestedFact] = []
    let rec = try FileIngestor.ingest(path: full, detection: detection, context: context, sha256: sha) { streamed.append($0) }

    var replayContext = context
    replayContext.preamble = detection.preamble
    var parser = detection.format.makeParser(detection.columns, replayContext)
    let headerCount = detection.columns.headerNames.count
    var facts: [IngestedFact] = []
    let reader = CSVReader(fileName: name, dialect: detection.dialect, encoding: detection.encoding)
    _ = try reader.read(path: full) { record in
        if record.line <= detection.headerLine || record.isBlank || FileIngestor.footerReason(record) != nil { return }
        if record.problem != nil || record.count < headerCount { return }
        switch parser.parse(record) {
        case .fact(let f): facts.append(f)
        case .facts(let fs): facts += fs
        case .reject, .skip: break
        }
    }
    if var finishing = parser as? any FinishingRowParser { facts += finishing.finish() }
    // What the ingestor streamed is exactly what the replay produced before the end of the file.
    #expect(streamed.count <= facts.count)
    return PlatformRun(detection: detection, reconciliation: rec, facts: facts)
}

/// Every `String` reachable in a fact (fields, optionals, nested values), for the "no raw email" checks.
func strings(in value: Any) -> [String] {
    if let s = value as? String { return [s] }
    var out: [String] = []
    for child in Mirror(reflecting: value).children { out += strings(in: child.value) }
    return out
}

/// `Money` from a decimal literal written as text, e.g. `m("12.34")`.
func m(_ text: String) -> Money {
    guard case .value(let v) = withBytes(text, { ValueParser.money($0, separator: .point) }) else { fatalError(text) }
    return v
}

func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }
