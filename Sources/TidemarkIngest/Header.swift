/// Header names as formats match them: case-insensitive, surrounding spaces ignored, and `-`, `_` and space
/// treated alike (`amazon-order-id`, `Amazon Order ID` and `amazon_order_id` are one name).
public enum HeaderName {
    /// The normalised form of a header cell: lower-cased, `-`/`_`/runs of spaces folded to one space, trimmed,
    /// a leading byte-order mark dropped.
    public static func normalize(_ raw: String) -> String {
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        var pendingSpace = false
        for ch in raw.lowercased() {
            if ch == "\u{FEFF}" { continue }
            if ch == " " || ch == "-" || ch == "_" || ch == "\t" || ch == "\u{A0}" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(ch)
        }
        return out
    }
}

/// Where each field a format reads sits in a file's header.
public struct ColumnMap: Sendable {
    /// The header cells as written in the file.
    public let headerNames: [String]
    /// Index of each field (by the format's field name) in the header.
    public let indexByField: [String: Int]

    /// The column index holding `field`, or `nil` if the file does not have it.
    @inlinable public func index(_ field: String) -> Int? { indexByField[field] }

    /// The header name of column `index` as written in the file (or `#N` past the header).
    public func name(ofColumn index: Int) -> String {
        index < headerNames.count ? headerNames[index] : "#\(index + 1)"
    }
}
