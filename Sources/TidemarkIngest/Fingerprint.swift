import Foundation
import TidemarkCommerce

/// Content fingerprints: the same content under any name is the same file.
public enum Fingerprint {
    /// SHA-256 of the file's bytes as lower-case hex, read in 1 MiB pieces.
    public static func sha256(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? handle.close() }
        let digest = Digest.SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { digest.update($0) }
        }
        return digest.finalizeHex()
    }
}
