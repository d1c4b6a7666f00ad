import Foundation
import Testing
import TidemarkTestSupport

/// `tidemark inspect` on real files: what it recognises, and how it says what is wrong.
@Suite struct InspectCommandTests {
    static let env = ["TIDEMARK_NOW": "2026-11-22T06:00:00Z"]

    struct Case: Sendable, CustomStringConvertible {
        let file: String, format: String, encoding: String, delimiter: String, read: Int, loadable: Int, rejected: Int, skipped: Int
        var description: String { file }
    }

    // Counts from fixtures/malformed/README.md and fixtures/README.md (written independently of the code).
    static let cases: [Case] = [
        Case(file: "amazon/all-orders-2026-08.txt", format: "amazon_all_orders", encoding: "UTF-8", delimiter: "tab", read: 114, loadable: 114, rejected: 0, skipped: 0),
        Case(file: "amazon/all-orders-2026-10.txt", format: "amazon_all_orders", encoding: "UTF-8", delimiter: "tab", read: 144, loadable: 144, rejected: 0, skipped: 0),
        Case(file: "fx/eurofxref-hist.csv", format: "ecb_eurofxref", encoding: "UTF-8", delimiter: "comma", read: 87, loadable: 87, rejected: 0, skipped: 0),
        Case(file: "costs/unit_costs.csv", format: "unit_costs", encoding: "UTF-8", delimiter: "comma", read: 20, loadable: 20, rejected: 0, skipped: 0),
        Case(file: "malformed/utf16le_bom.csv", format: "unit_costs", encoding: "UTF-16LE", delimiter: "comma", read: 4, loadable: 4, rejected: 0, skipped: 0),
        Case(file: "malformed/windows1252.txt", format: "amazon_all_orders", encoding: "Windows-1252", delimiter: "tab", read: 4, loadable: 4, rejected: 0, skipped: 0),
        Case(file: "malformed/semicolon_decimal_comma.csv", format: "unit_costs", encoding: "UTF-8", delimiter: "semicolon", read: 4, loadable: 4, rejected: 0, skipped: 0),
        Case(file: "malformed/bad_values.txt", format: "amazon_all_orders", encoding: "UTF-8", delimiter: "tab", read: 10, loadable: 5, rejected: 5, skipped: 0),
        Case(file: "malformed/preamble_and_totals.csv", format: "unit_costs", encoding: "UTF-8", delimiter: "comma", read: 5, loadable: 4, rejected: 0, skipped: 1),
        Case(file: "malformed/blank_lines.txt", format: "amazon_all_orders", encoding: "UTF-8", delimiter: "tab", read: 7, loadable: 4, rejected: 0, skipped: 3),
    ]

    @Test(arguments: cases) func recognisesEachFixture(_ c: Case) throws {
        let r = try TidemarkBinary.run(["inspect", "--json", "fixtures/" + c.file], environment: Self.env)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == c.format)
        #expect(json["encoding"] as? String == c.encoding)
        #expect(json["delimiter"] as? String == c.delimiter)
        #expect(json["rows_read"] as? Int == c.read)
        #expect(json["rows_loadable"] as? Int == c.loadable)
        #expect(json["rows_rejected"] as? Int == c.rejected)
        #expect(json["rows_skipped"] as? Int == c.skipped)
    }

    @Test func textOutputNamesFileLineColumnAndReason() throws {
        let r = try TidemarkBinary.run(["inspect", "fixtures/malformed/bad_values.txt"], environment: Self.env)
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("fixtures/malformed/bad_values.txt:6:17 (item-price): \"12.3O\" is not a number"))
        #expect(r.stdout.contains("10 read: 5 would load, 5 rejected, 0 skipped"))
    }

    @Test func unknownCSVExitsTwoNamingTheMissingColumns() throws {
        let dir = TestPaths.temporaryDirectory()
        let file = dir.appendingPathComponent("costs-ish.csv")
        try Data("sku,unit_cost\nA,1.00\n".utf8).write(to: file)
        let r = try TidemarkBinary.run(["inspect", file.path], environment: Self.env)
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("closest is Unit costs"))
        #expect(r.stderr.contains("valid from"))
        #expect(r.stderr.contains("currency"))
    }

    @Test func entirelyForeignCSVExitsTwo() throws {
        let r = try TidemarkBinary.run(["inspect", "fixtures/malformed/unknown_format.csv"], environment: Self.env)
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("is not a known export format"))
    }

    @Test func emptyFileExitsTwo() throws {
        let r = try TidemarkBinary.run(["inspect", "fixtures/malformed/empty.txt"], environment: Self.env)
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("is empty"))
    }

    @Test func formatsListsEveryFormatWithItsSignature() throws {
        let r = try TidemarkBinary.run(["formats"])
        #expect(r.exitCode == 0)
        for id in ["amazon_all_orders", "ecb_eurofxref", "fx_rates_table", "unit_costs"] { #expect(r.stdout.contains(id)) }
        #expect(r.stdout.contains("amazon order id, purchase date, order status, sku, item price"))
    }
}
