/// The text encodings found in seller exports. Everything is transcoded to UTF-8 before parsing.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8 without a byte order mark (a BOM, if present anyway, is skipped).
    case utf8 = "UTF-8"
    /// UTF-8 starting with the byte order mark `EF BB BF` (Excel "CSV UTF-8"); the BOM is skipped.
    case utf8BOM = "UTF-8 BOM"
    /// UTF-16 little-endian, normally with the BOM `FF FE` (Google Ads UI downloads); the BOM is skipped.
    case utf16LE = "UTF-16LE"
    /// UTF-16 big-endian, normally with the BOM `FE FF`; the BOM is skipped.
    case utf16BE = "UTF-16BE"
    /// Windows-1252, a superset of ISO-8859-1 for printable characters (Amazon EU reports).
    case windows1252 = "Windows-1252"
    /// GB18030, a superset of GBK and GB2312 (Chinese tools).
    case gb18030 = "GB18030"
    /// CP932, Microsoft's Shift_JIS (Amazon Japan).
    case cp932 = "CP932"

    /// The encoding a user names, by its name here or a common alias (`utf8`, `latin1`, `cp1252`, `gbk`,
    /// `shift-jis`), case-insensitive; `nil` if unknown.
    public static func named(_ text: String) -> TextEncoding? {
        let wanted = String(text.lowercased().map { $0 == "_" ? "-" : $0 })
        let aliases: [String: TextEncoding] = [
            "utf8": .utf8, "latin1": .windows1252, "iso-8859-1": .windows1252, "cp1252": .windows1252, "gbk": .gb18030,
            "gb2312": .gb18030, "shift-jis": .cp932, "sjis": .cp932,
        ]
        return allCases.first { $0.rawValue.lowercased() == wanted } ?? aliases[wanted]
    }

    /// The glibc iconv name to convert from, or `nil` for UTF-8, which is passed through unchanged.
    var iconvName: String? {
        switch self {
        case .utf8, .utf8BOM: return nil
        case .utf16LE: return "UTF-16LE"
        case .utf16BE: return "UTF-16BE"
        case .windows1252: return "CP1252"
        case .gb18030: return "GB18030"
        case .cp932: return "CP932"
        }
    }

    /// How many bytes to skip past an invalid sequence: one code unit.
    var codeUnitSize: Int {
        switch self {
        case .utf16LE, .utf16BE: return 2
        default: return 1
        }
    }
}

/// Decides the encoding of a file from its first bytes.
public enum EncodingSniffer {
    /// The encoding of a file whose first bytes are `prefix`.
    ///
    /// A byte order mark decides (`EF BB BF` → ``TextEncoding/utf8BOM``, `FF FE` → ``TextEncoding/utf16LE``,
    /// `FE FF` → ``TextEncoding/utf16BE``); otherwise a prefix that is valid UTF-8 gives ``TextEncoding/utf8``
    /// (a multi-byte character cut at the end of the prefix still counts as valid); otherwise `fallback`, the
    /// encoding configured for the source.
    public static func sniff(prefix: [UInt8], fallback: TextEncoding) -> TextEncoding {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8BOM }
        if prefix.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if prefix.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        return isValidUTF8(prefix, allowTruncatedEnd: true) ? .utf8 : fallback
    }

    /// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
    /// With `allowTruncatedEnd`, a sequence cut short by the end of `bytes` is accepted if it is valid so far.
    static func isValidUTF8(_ bytes: [UInt8], allowTruncatedEnd: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            // The valid range of the second byte depends on the lead byte (Unicode Table 3-7).
            var secondLow: UInt8 = 0x80
            var secondHigh: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                secondLow = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                secondHigh = 0x9F
            case 0xF0:
                length = 4
                secondLow = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                secondHigh = 0x8F
            default: return false
            }
            for k in 1..<length {
                guard i + k < n else { return allowTruncatedEnd }
                let byte = bytes[i + k]
                let (low, high) = k == 1 ? (secondLow, secondHigh) : (UInt8(0x80), UInt8(0xBF))
                guard byte >= low && byte <= high else { return false }
            }
            i += length
        }
        return true
    }
}
