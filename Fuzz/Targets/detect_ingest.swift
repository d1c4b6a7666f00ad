// libFuzzer target: format detection and ingest (TidemarkIngest) on a whole file.
//
// The input is written to a temporary file (one per process, reused), `FileDetector.detect` chooses encoding,
// delimiter, header and format, and `FileIngestor.ingest` streams every row through the format's row parser
// into a sink that drops the facts.
//
// Invariants (a failure traps with "INVARIANT: …"):
// - detection throws nothing but `IngestError` (unreadable, empty, unknown format);
// - ingest of a detected file does not throw (only an unreadable file may);
// - rows read == loaded + rejected + skipped, and every reject names a line of the file.
import Glibc
import TidemarkCommerce
import TidemarkIngest

func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("INVARIANT: \(message())") }
}

struct NoCustomerKeys: CustomerKeying {
    func key(email: String) -> String? { email.isEmpty ? nil : "email-key" }
    func key(platform: Platform, buyerID: String) -> String? { buyerID.isEmpty ? nil : "buyer-key" }
}

let path = "/tmp/tidemark-fuzz-\(getpid()).csv"

func write(_ bytes: UnsafeRawBufferPointer) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(descriptor >= 0, "cannot create \(path)")
    var offset = 0
    while offset < bytes.count {
        let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        precondition(written > 0, "cannot write \(path)")
        offset += written
    }
    close(descriptor)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    write(UnsafeRawBufferPointer(start: start, count: count))
    let detection: FileDetection
    do {
        detection = try FileDetector.detect(path: path, displayName: "fuzz.csv", options: IngestOptions())
    } catch is IngestError {
        return 0
    } catch {
        fatalError("INVARIANT: detect threw \(type(of: error)): \(error)")
    }
    let context = ParseContext(
        fileName: "fuzz.csv", decimalSeparator: detection.decimalSeparator, sourceZone: .utc, reportingZone: .utc,
        runDate: CivilDate(year: 2026, month: 11, day: 21)!, defaultMarket: nil, fxBase: .EUR,
        customerKeys: NoCustomerKeys())
    let reconciliation: FileReconciliation
    do {
        reconciliation = try FileIngestor.ingest(path: path, detection: detection, context: context, sha256: "") { _ in }
    } catch {
        fatalError("INVARIANT: ingest of a detected file threw \(type(of: error)): \(error)")
    }
    let r = reconciliation
    invariant(r.isBalanced, "rows read \(r.rowsRead) != loaded \(r.rowsLoaded) + rejected \(r.rowsRejected) + skipped \(r.rowsSkipped)")
    invariant(r.rejects.count == r.rowsRejected, "\(r.rejects.count) rejects listed, \(r.rowsRejected) counted")
    for reject in r.rejects { invariant(reject.line > detection.headerLine, "a reject on line \(reject.line), header on \(detection.headerLine)") }
    return 0
}
