import Foundation
import Testing
import TidemarkCSV
import TidemarkTestSupport

@testable import TidemarkIngest

/// What detection must find in one fixture (from fixtures/README.md and fixtures/malformed/README.md).
struct DetectionCase: Sendable, CustomTestStringConvertible {
    var file: String
    var format: String
    var encoding: TextEncoding
    var delimiter: Character
    var headerLine: Int = 1
    var separator: DecimalSeparator = .point
    var testDescription: String { file }
}

@Suite("FileDetector")
struct FileDetectorTests {
    static let cases: [DetectionCase] = [
        // demo store
        DetectionCase(file: "amazon/all-orders-2026-08.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
        DetectionCase(file: "amazon/all-orders-2026-09.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
        DetectionCase(file: "amazon/all-orders-2026-10.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
        DetectionCase(file: "fx/eurofxref-hist.csv", format: "ecb_eurofxref", encoding: .utf8, delimiter: ","),
        DetectionCase(file: "costs/unit_costs.csv", format: "unit_costs", encoding: .utf8, delimiter: ","),
        // malformed corpus
        DetectionCase(file: "malformed/utf8_bom.txt", format: "amazon_all_orders", encoding: .utf8BOM, delimiter: "\t"),
        DetectionCase(file: "malformed/utf16le_bom.csv", format: "unit_costs", encoding: .utf16LE, delimiter: ","),
        DetectionCase(file: "malformed/windows1252.txt", format: "amazon_all_orders", encoding: .windows1252, delimiter: "\t"),
        DetectionCase(
            file: "malformed/semicolon_decimal_comma.csv", format: "unit_costs", encoding: .utf8, delimiter: ";",
            separator: .comma),
        DetectionCase(file: "malformed/preamble_and_totals.csv", format: "unit_costs", encoding: .utf8, delimiter: ",", headerLine: 3),
        DetectionCase(file: "malformed/quoted_newline.csv", format: "unit_costs", encoding: .utf8, delimiter: ","),
        DetectionCase(file: "malformed/ragged_rows.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
        DetectionCase(file: "malformed/unterminated_quote.csv", format: "unit_costs", encoding: .utf8, delimiter: ","),
        DetectionCase(file: "malformed/truncated_last_line.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
        DetectionCase(file: "malformed/header_only.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
        DetectionCase(file: "malformed/duplicate_a.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
        DetectionCase(file: "malformed/duplicate_b.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
        DetectionCase(file: "malformed/overlap_older.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
        DetectionCase(file: "malformed/overlap_newer.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
        DetectionCase(file: "malformed/bad_values.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
        DetectionCase(file: "malformed/blank_lines.txt", format: "amazon_all_orders", encoding: .utf8, delimiter: "\t"),
    ]

    static func detect(_ path: String, options: IngestOptions = IngestOptions()) throws -> FileDetection {
        try FileDetector.detect(path: path, displayName: URL(fileURLWithPath: path).lastPathComponent, options: options)
    }

    @Test(arguments: cases)
    func detectsFormatEncodingDelimiterHeaderAndDecimalSeparator(_ c: DetectionCase) throws {
        let d = try Self.detect(TestPaths.fixture(c.file))
        #expect(d.format.id == c.format)
        #expect(d.encoding == c.encoding)
        #expect(d.dialect.delimiter == c.delimiter.asciiValue)
        #expect(d.headerLine == c.headerLine)
        #expect(d.preambleLines == c.headerLine - 1)
        #expect(d.decimalSeparator == c.separator)
    }

    @Test(arguments: ["amazon/all-orders-2026-08.txt", "malformed/utf8_bom.txt", "malformed/windows1252.txt"])
    func readsAmazonFlatFilesWithQuotingOff(_ file: String) throws {
        // product names contain raw `"`: `12" x 18" Pillow Cover`
        #expect(try Self.detect(TestPaths.fixture(file)).dialect.quoting == false)
    }

    @Test(arguments: ["costs/unit_costs.csv", "fx/eurofxref-hist.csv", "malformed/quoted_newline.csv"])
    func readsCommaFilesWithQuotingOn(_ file: String) throws {
        #expect(try Self.detect(TestPaths.fixture(file)).dialect.quoting == true)
    }

    @Test func keepsTheBOMOutOfTheFirstColumnName() throws {
        let d = try Self.detect(TestPaths.fixture("malformed/utf8_bom.txt"))
        #expect(d.columns.headerNames.first == "amazon-order-id")
        #expect(d.columns.index("order_id") == 0)
    }

    @Test func mapsColumnsByNameWhateverTheirPosition() throws {
        // August has `url` and no `cpf`, September `cpf` and no `url`: `sku` is column 12 in August, 11 in
        // September (1-based; see the headers), i.e. index 11 and 10.
        let august = try Self.detect(TestPaths.fixture("amazon/all-orders-2026-08.txt"))
        let september = try Self.detect(TestPaths.fixture("amazon/all-orders-2026-09.txt"))
        #expect(august.columns.index("sku") == 11)
        #expect(september.columns.index("sku") == 10)
    }

    @Test func listsTheOptionalColumnsAFileLacks() throws {
        // the unit-cost layout without its optional `market` column
        let path = try writeTemporaryFile("costs.csv", "sku,valid_from,unit_cost,currency\nTM-X,2026-01-01,1.00,USD\n")
        let d = try Self.detect(path)
        #expect(d.format.id == "unit_costs")
        #expect(d.absentOptionalColumns == ["market"])
    }

    @Test func reportsAnEmptyFileAsEmpty() throws {
        let error = #expect(throws: IngestError.self) { try Self.detect(TestPaths.fixture("malformed/empty.txt")) }
        #expect(error?.code == .empty)
        #expect(error?.file == "empty.txt")
    }

    @Test func reportsAFileOfNoKnownFormatWithTheColumnsFound() throws {
        let error = #expect(throws: IngestError.self) { try Self.detect(TestPaths.fixture("malformed/unknown_format.csv")) }
        #expect(error?.code == .unknownFormat)
        #expect(error?.file == "unknown_format.csv")
        // no format shares a column with foo,bar,baz: the message shows what the first line holds
        #expect(error?.message.contains("foo, bar, baz") == true)
    }

    @Test func namesTheClosestFormatAndItsMissingColumns() throws {
        // two of the four unit-cost signature columns (sku, unit_cost) against one of Amazon's (sku)
        let path = try writeTemporaryFile("costs.csv", "sku,unit_cost\nTM-X,1.00\n")
        let error = #expect(throws: IngestError.self) { try Self.detect(path) }
        #expect(error?.code == .unknownFormat)
        let message = error?.message ?? ""
        #expect(message.contains("unit_costs"))
        #expect(message.contains("valid from"))
        #expect(message.contains("currency"))
        #expect(!message.contains("amazon order id"))
    }

    @Test func reportsAMissingFileAsUnreadable() {
        let error = #expect(throws: IngestError.self) { try Self.detect("/nonexistent/tidemark/orders.txt") }
        #expect(error?.code == .unreadable)
        #expect(error?.message == "cannot be read: No such file or directory")
    }

    @Test func reportsADirectoryAsUnreadable() {
        let error = #expect(throws: IngestError.self) { try Self.detect(TestPaths.temporaryDirectory().path) }
        #expect(error?.code == .unreadable)
        #expect(error?.message == "cannot be read: is a directory")
    }

    @Test func readsAtMostTheFirstBytesAskedFor() throws {
        let text = String(repeating: "0123456789", count: 10_000)  // 100,000 bytes: two 64 KiB pieces
        let path = try writeTemporaryFile("long.txt", text)
        #expect(try FileDetector.readPrefix(path: path, count: 70_000) == Array(text.utf8.prefix(70_000)))
        #expect(try FileDetector.readPrefix(path: path, count: 10) == Array("0123456789".utf8))
        #expect(try FileDetector.readPrefix(path: try writeTemporaryFile("short.txt", "abc"), count: 10) == Array("abc".utf8))
    }

    @Test func findsAHeaderInTitleCaseAfterAPreamble() throws {
        // a title line, then Amazon's columns in Title Case (formats.md: match names case-insensitively, `-`, `_`
        // and space alike)
        let header = ["Amazon Order ID", "Purchase Date", "Order Status", "SKU", "Quantity", "Currency", "Item Price"]
        let row = ["111-1", "2026-10-05T09:30:00+00:00", "Shipped", "TM-X", "1", "USD", "10.00"]
        let text = "All Orders report\n" + header.joined(separator: "\t") + "\n" + row.joined(separator: "\t") + "\n"
        let d = try Self.detect(try writeTemporaryFile("orders.txt", text))
        #expect(d.format.id == "amazon_all_orders")
        #expect(d.headerLine == 2)
        #expect(d.preambleLines == 1)
    }

    @Test func honoursAForcedDecimalSeparator() throws {
        let d = try Self.detect(TestPaths.fixture("costs/unit_costs.csv"), options: IngestOptions(decimalSeparator: .comma))
        #expect(d.decimalSeparator == .comma)
    }

    @Test func decidesTheDecimalSeparatorFromTheValues() {
        // `12,50` and `1.234,56` vote comma; `12.50` and `1,234.56` vote point; dates and codes do not vote
        #expect(FileDetector.sniffDecimalSeparator([["12,50", "1.234,56", "2026-03-01"]], delimiter: UInt8(ascii: ",")) == .comma)
        #expect(FileDetector.sniffDecimalSeparator([["12.50", "1,234.56", "EUR"]], delimiter: UInt8(ascii: ";")) == .point)
        // no evidence: point, except in `;` files
        #expect(FileDetector.sniffDecimalSeparator([["3980", "TM-X"]], delimiter: UInt8(ascii: ",")) == .point)
        #expect(FileDetector.sniffDecimalSeparator([["3980", "TM-X"]], delimiter: UInt8(ascii: ";")) == .comma)
    }

    @Test func onlyValuesOfThreeToTwentyFourCharactersVote() {
        // `1,5` (3 characters) votes comma; `,5` (2) does not.
        #expect(FileDetector.sniffDecimalSeparator([["1,5"]], delimiter: UInt8(ascii: ",")) == .comma)
        #expect(FileDetector.sniffDecimalSeparator([[",5"]], delimiter: UInt8(ascii: ";")) == .comma)
        #expect(FileDetector.sniffDecimalSeparator([[",5"]], delimiter: UInt8(ascii: ",")) == .point)
        // 22 digits + `,50` = 25 characters: too long to vote; 21 digits + `,50` = 24 characters: votes.
        #expect(FileDetector.sniffDecimalSeparator([[String(repeating: "1", count: 22) + ",50"]], delimiter: UInt8(ascii: ",")) == .point)
        #expect(FileDetector.sniffDecimalSeparator([[String(repeating: "1", count: 21) + ",50"]], delimiter: UInt8(ascii: ",")) == .comma)
        // Currency text is stripped first: `12,50 €` is `12,50` (5 characters); a non-ASCII remainder never votes.
        #expect(FileDetector.sniffDecimalSeparator([["12,50 €"]], delimiter: UInt8(ascii: ",")) == .comma)
        #expect(FileDetector.sniffDecimalSeparator([["1٫50"]], delimiter: UInt8(ascii: ";")) == .comma)
    }

    @Test func currencyTextIsStrippedTheSameWithAndWithoutTheByteFastPaths() {
        // Hand-picked cases, then random strings over an alphabet of digits, separators, letters, currency signs,
        // spaces and brackets: the fast paths must answer exactly what the scalar-by-scalar reading answers.
        let cases = ["", "-", "12,50", "EUR 90,00", "$1,234.50", "12,50 €", "N/A", "a-b", "x,--", "a.b.c", "(12.00)", "TM-X", "¥3980", "3980円"]
        for c in cases { #expect(FileDetector.strippingCurrencyText(c) == FileDetector.strippingCurrencyTextByScalars(c), "\(c)") }
        let alphabet = Array("0123456789,.-abXYz €$¥()#/_+\t\u{A0}")
        var rng = SeededRandom(seed: 0xF1E1D)  // fixed, so a failure can be replayed
        for _ in 0..<20_000 {
            let field = String((0..<Int.random(in: 0...8, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            #expect(FileDetector.strippingCurrencyText(field) == FileDetector.strippingCurrencyTextByScalars(field), "\(field)")
        }
    }
}
