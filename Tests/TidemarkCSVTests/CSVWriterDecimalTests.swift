import Testing
import TidemarkTestSupport

@testable import TidemarkCSV

/// `.decimal` cells are written as the `.number` cell of the same decimal text, for any value, scale, delimiter.
@Suite struct CSVWriterDecimalTests {
    /// `value / 10^decimals` as text, the plain way (as `Money.decimalString` writes it).
    static func text(_ value: Int64, _ decimals: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let digits = String(value.magnitude)
        guard decimals > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        return sign + padded.dropLast(decimals) + "." + padded.suffix(decimals)
    }

    static func written(_ cell: CSVCell, _ options: CSVWriterOptions) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeRow([.text("a"), cell, .empty])
        return w.bytes
    }

    @Test func decimalCellsAreWrittenAsTheirText() {
        var rng = SeededRandom(seed: 5)
        let values: [Int64] = [0, 1, -1, 9, -10, 123_456, -123_456, .max, .min, .min + 1]
        for delimiter in [",", ";", "\t", ".", "-", "5"].map({ UInt8(ascii: Unicode.Scalar($0)!) }) {
            let options = CSVWriterOptions(delimiter: delimiter, crlf: false, byteOrderMark: false)
            for decimals in [0, 1, 2, 3, 4, 6] {
                for value in values + (0..<50).map({ _ in Int64.random(in: -99_999_999...99_999_999, using: &rng) }) {
                    #expect(Self.written(.decimal(value, decimals: decimals), options) == Self.written(.number(Self.text(value, decimals)), options))
                }
            }
        }
        #expect(Self.text(-5, 2) == "-0.05" && Self.text(1250, 2) == "12.50" && Self.text(7, 0) == "7")
    }

    @Test func aNeutralisedTextIsQuotedWhenTheDelimiterIsTheApostrophe() {
        // The `'` put before a formula is itself the delimiter here: the field must be quoted (as when the `'` was
        // inserted into the text before checking).
        let options = CSVWriterOptions(delimiter: UInt8(ascii: "'"), crlf: false, byteOrderMark: false)
        #expect(Self.written(.text("=1"), options) == Array("a'\"'=1\"'\n".utf8))
    }
}
