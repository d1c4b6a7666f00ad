/// How the fields of a delimited text file are separated and whether `"` quotes them.
///
/// Only TAB, `,` and `;` occur in the exports Tidemark reads; any other single byte works too.
public struct CSVDialect: Hashable, Sendable {
    /// The byte that separates fields: `UInt8(ascii: ",")`, `UInt8(ascii: ";")` or `0x09` (TAB).
    public var delimiter: UInt8

    /// Whether `"` opens a quoted field (RFC 4180). When `false`, `"` is ordinary data: Amazon TAB-separated
    /// flat files have raw `"` in product names (`12" x 18" Pillow`) and must be read this way.
    public var quoting: Bool

    /// A dialect with the given delimiter and quote handling.
    public init(delimiter: UInt8, quoting: Bool) {
        self.delimiter = delimiter
        self.quoting = quoting
    }

    /// Comma-separated, quoted with `"` (RFC 4180).
    public static let comma = CSVDialect(delimiter: UInt8(ascii: ","), quoting: true)

    /// Semicolon-separated, quoted with `"` (French and German localised exports).
    public static let semicolon = CSVDialect(delimiter: UInt8(ascii: ";"), quoting: true)

    /// TAB-separated, quoted with `"` (some Google Ads UI downloads).
    public static let tab = CSVDialect(delimiter: 0x09, quoting: true)

    /// TAB-separated with no quoting at all (Amazon flat files).
    public static let tabUnquoted = CSVDialect(delimiter: 0x09, quoting: false)

    /// A short name of the delimiter for reports and `tidemark inspect`: `"comma"`, `"semicolon"`, `"tab"`,
    /// or the character itself in quotes for any other byte.
    public var delimiterName: String {
        switch delimiter {
        case UInt8(ascii: ","): return "comma"
        case UInt8(ascii: ";"): return "semicolon"
        case 0x09: return "tab"
        case UInt8(ascii: "|"): return "pipe"
        default: return "\"\(Character(Unicode.Scalar(delimiter)))\""
        }
    }
}
