internal import COpenSSL

/// Content fingerprints and keyed hashes (OpenSSL's libcrypto underneath).
public enum Digest {
    /// SHA-256 of a byte sequence fed in pieces.
    public final class SHA256 {
        private let context: OpaquePointer

        /// A fresh digest.
        public init() {
            context = EVP_MD_CTX_new()
            EVP_DigestInit_ex(context, EVP_sha256(), nil)
        }

        deinit { EVP_MD_CTX_free(context) }

        /// Feeds bytes.
        public func update(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            EVP_DigestUpdate(context, base, bytes.count)
        }

        /// The digest as 64 lower-case hex characters. Call once.
        public func finalizeHex() -> String {
            var out = [UInt8](repeating: 0, count: 32)
            var length: UInt32 = 0
            EVP_DigestFinal_ex(context, &out, &length)
            return Digest.hex(out)
        }
    }

    /// HMAC-SHA-256 of `message` under `key`, as 64 lower-case hex characters.
    public static func hmacSHA256Hex(key: [UInt8], message: String) -> String {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let bytes = Array(message.utf8)
        key.withUnsafeBufferPointer { k in
            bytes.withUnsafeBufferPointer { m in
                _ = HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), m.baseAddress, m.count, &out, &length)
            }
        }
        return hex(out)
    }

    /// Lower-case hex of bytes.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var chars = [UInt8]()
        chars.reserveCapacity(bytes.count * 2)
        for b in bytes {
            chars.append(digits[Int(b >> 4)])
            chars.append(digits[Int(b & 0xF)])
        }
        return String(decoding: chars, as: UTF8.self)
    }
}
