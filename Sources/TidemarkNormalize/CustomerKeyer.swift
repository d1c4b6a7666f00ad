import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import TidemarkCommerce
import TidemarkIngest

/// Customer keys as metrics.md §2 defines them: HMAC-SHA-256 of the normalised buyer email (trimmed, lower-cased),
/// else of `platform:buyer id`. The secret never appears in outputs; the raw identity never leaves this type.
public struct CustomerKeyer: CustomerKeying {
    private let secret: [UInt8]

    /// A keyer with this secret.
    public init(secret: [UInt8]) { self.secret = secret }

    public func key(email: String) -> String? {
        let normalized = Self.trimmingWhitespace(email).lowercased()
        guard !normalized.isEmpty else { return nil }
        return Digest.hmacSHA256Hex(key: secret, message: "email:" + normalized)
    }

    public func key(platform: Platform, buyerID: String) -> String? {
        let id = Self.trimmingWhitespace(buyerID)
        guard !id.isEmpty else { return nil }
        return Digest.hmacSHA256Hex(key: secret, message: "buyer:" + platform.name + ":" + id)
    }

    /// `text` without leading and trailing white space and newlines (Foundation's `.whitespacesAndNewlines`).
    /// An identity that starts and ends with a visible ASCII character (the usual case) has nothing to trim and
    /// is returned as it is, without the cost of Foundation's character-set search.
    static func trimmingWhitespace(_ text: String) -> String {
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return text
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The secret from `environmentValue` (hex or text) if given, else from `keyFile`, else a new random 32-byte
    /// secret written to `keyFile` with owner-only permissions (0600).
    public static func loadOrCreateSecret(environmentValue: String?, keyFile: String) throws -> [UInt8] {
        if let env = environmentValue, !env.isEmpty { return Array(env.utf8) }
        if let data = FileManager.default.contents(atPath: keyFile), !data.isEmpty {
            return Array(data)
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        let hex = Array(Digest.hex(bytes).utf8)
        // Created with mode 0600 in one step (never readable by others, not even briefly), and only if absent.
        let fd = open(keyFile, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: keyFile]) }
        defer { close(fd) }
        let written = hex.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == hex.count, fsync(fd) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: keyFile]) }
        return hex
    }
}
