import Foundation
import TidemarkCommerce
import TidemarkCSV

/// Content fingerprints: the same content under any name is the same file.
public enum Fingerprint {
    /// Bytes per piece: below glibc's mapping threshold (256 KiB, see `ProcessUsage.returnLargeBlocksWhenFreed`), so
    /// the one buffer a file needs comes from the heap's free lists.
    static let pieceSize = 128 * 1024

    /// SHA-256 of the file's bytes as lower-case hex, read in pieces of ``pieceSize`` into one buffer (``FilePieces``).
    ///
    /// One buffer for the whole file: reading 1 MiB `Data` pieces (as this did before) allocated each piece above the
    /// mapping threshold, so every piece was a fresh mapping whose pages faulted in during the copy and were unmapped
    /// after: at scale 100 (960 MB of input) about 4.5 s of the reader thread's 41 s of CPU, against 0.2 s for the
    /// CSV reader's second read of the same bytes into a buffer it keeps.
    public static func sha256(ofFileAt path: String) throws -> String {
        let digest = Digest.SHA256()
        do {
            try FilePieces(path: path).forEach(pieceSize: pieceSize) { digest.update($0) }
        } catch let failure as FileReadFailure {
            throw readError(path, failure.code)
        }
        return digest.finalizeHex()
    }

    /// The error for a file that could not be opened or read: missing, not permitted, or another system error (a
    /// directory, an I/O error), with the system's reason kept.
    static func readError(_ path: String, _ code: Int32) -> CocoaError {
        let kind: CocoaError.Code = code == ENOENT ? .fileReadNoSuchFile : code == EACCES || code == EPERM ? .fileReadNoPermission : .fileReadUnknown
        return CocoaError(kind, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)])
    }
}
