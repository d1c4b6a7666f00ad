import Foundation
import TidemarkCommerce

/// Content fingerprints: the same content under any name is the same file.
public enum Fingerprint {
    /// Bytes read per `read(2)` call: below glibc's mapping threshold (256 KiB, see
    /// `ProcessUsage.returnLargeBlocksWhenFreed`), so the one buffer a file needs comes from the heap's free lists.
    static let pieceSize = 128 * 1024

    /// SHA-256 of the file's bytes as lower-case hex, read in pieces of ``pieceSize`` into one buffer.
    ///
    /// One buffer for the whole file: reading 1 MiB `Data` pieces (as this did before) allocated each piece above the
    /// mapping threshold, so every piece was a fresh mapping whose pages faulted in during the copy and were unmapped
    /// after: at scale 100 (960 MB of input) about 4.5 s of the reader thread's 41 s of CPU, against 0.2 s for the
    /// CSV reader's second read of the same bytes into a buffer it keeps.
    public static func sha256(ofFileAt path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw readError(path, errno: errno) }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: pieceSize, alignment: 16)
        defer { buffer.deallocate() }
        let digest = Digest.SHA256()
        while true {
            let count = read(descriptor, buffer, pieceSize)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw readError(path, errno: errno)
            }
            digest.update(UnsafeRawBufferPointer(start: buffer, count: count))
        }
        return digest.finalizeHex()
    }

    /// The error for a failed `open` or `read` of `path`: missing, not permitted, or another system error (a
    /// directory, an I/O error), with the system's reason kept.
    static func readError(_ path: String, errno code: Int32) -> CocoaError {
        let kind: CocoaError.Code = code == ENOENT ? .fileReadNoSuchFile : code == EACCES || code == EPERM ? .fileReadNoPermission : .fileReadUnknown
        return CocoaError(kind, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)])
    }
}
