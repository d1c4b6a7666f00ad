import Foundation
import Testing
import TidemarkCSV
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

// Helpers for the ad, traffic and logistics format tests (issue 4).

extension IngestRun {
    var ads: [AdPerformance] { facts.compactMap { if case .ad(let a) = $0 { return a } else { return nil } } }
    var traffic: [Traffic] { facts.compactMap { if case .traffic(let t) = $0 { return t } else { return nil } } }
    var shipments: [Shipment] { facts.compactMap { if case .shipment(let s) = $0 { return s } else { return nil } } }
    /// Rejects as (line, column header, value).
    var rejectPlaces: [String] { reconciliation.rejects.map { "\($0.line) \($0.column) \($0.value)" } }
}

/// Detects and ingests `path` with the run settings of ``testContext`` plus a source's settings: fallback
/// encoding and default market.
func ingestSource(
    _ path: String, fallbackEncoding: TextEncoding = .windows1252, defaultMarket: Market? = nil,
    sourceZone: ReportingTimeZone = .utc
) throws -> IngestRun {
    let name = URL(fileURLWithPath: path).lastPathComponent
    let detection = try FileDetector.detect(path: path, displayName: name, options: IngestOptions(fallbackEncoding: fallbackEncoding))
    var context = testContext(fileName: name, separator: detection.decimalSeparator)
    context.defaultMarket = defaultMarket
    context.sourceZone = sourceZone
    var facts: [IngestedFact] = []
    let sha = try Fingerprint.sha256(ofFileAt: path)
    let rec = try FileIngestor.ingest(path: path, detection: detection, context: context, sha256: sha) { facts.append($0) }
    return IngestRun(detection: detection, reconciliation: rec, facts: facts)
}

/// Writes `bytes` to a fresh temporary file.
func writeTemporaryBytes(_ name: String, _ bytes: [UInt8]) throws -> String {
    let url = TestPaths.temporaryDirectory().appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

// `m("16.22")` and `day("2026-09-15")` are shared with the platform tests (PlatformTestSupport.swift).

/// The counts of a reconciliation: (read, loaded, rejected, skipped).
func counts(_ r: IngestRun) -> [Int] {
    [r.reconciliation.rowsRead, r.reconciliation.rowsLoaded, r.reconciliation.rowsRejected, r.reconciliation.rowsSkipped]
}
