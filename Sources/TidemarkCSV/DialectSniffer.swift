/// Decides the delimiter of a file from its first lines.
public enum DialectSniffer {
    /// The candidate delimiters, in the order that breaks ties: TAB, `,`, `;`.
    static let candidates: [UInt8] = [0x09, UInt8(ascii: ","), UInt8(ascii: ";")]

    /// The dialect of a file whose first bytes, already in UTF-8, are `prefix`.
    ///
    /// Each candidate (TAB, `,`, `;`) splits the prefix into records with libcsv (quoting on, so a `,` inside a
    /// quoted field is not counted). Over the records that are not blank and have at least two fields (preamble
    /// lines may have none), the most common field count `k` and the number `n` of records with it are found;
    /// the candidate with the highest `n × (k − 1)` wins: many delimiters per line, on many lines alike. A last
    /// line cut by the end of the prefix is ignored (unless it is the only one). With no delimiter anywhere, comma. Returns `quoting: true`;
    /// callers switch quoting off for formats that need it.
    public static func sniff(utf8 prefix: [UInt8]) -> CSVDialect {
        var best = CSVDialect.comma
        var bestScore = 0
        for delimiter in candidates {
            let dialect = CSVDialect(delimiter: delimiter, quoting: true)
            let score = self.score(prefix, dialect)
            if score > bestScore {
                best = dialect
                bestScore = score
            }
        }
        return best
    }

    /// `n × (k − 1)` for `dialect` over `prefix` (see ``sniff(utf8:)``).
    private static func score(_ prefix: [UInt8], _ dialect: CSVDialect) -> Int {
        let reader = CSVReader(
            fileName: "<sniff>", dialect: dialect, encoding: .utf8, maxFieldBytes: 1 << 16, maxFields: 1000)
        // A last line cut short by the end of the prefix says nothing reliable, unless it is the only line.
        let ignoreCutLine = prefix.last != 0x0A && prefix.contains(0x0A)
        var histogram: [Int: Int] = [:]
        _ = try? reader.read(chunks: [prefix]) { record in
            guard record.count >= 2, !record.isBlank, record.endedWithNewline || !ignoreCutLine else { return }
            histogram[record.count, default: 0] += 1
        }
        guard let (fields, lines) = histogram.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { return 0 }
        return lines * (fields - 1)
    }
}
