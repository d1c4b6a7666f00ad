import Foundation
import Testing
import TidemarkCSV
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

/// The outcome of reading one selling-platform file: the reconciliation from ``FileIngestor`` and every fact it
/// streamed, including those the parser held back until the end of the file (``RowParser/finish()``).
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
    var facts: [IngestedFact] = []
    let rec = try FileIngestor.ingest(path: full, detection: detection, context: context, sha256: sha) { facts.append($0) }
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
