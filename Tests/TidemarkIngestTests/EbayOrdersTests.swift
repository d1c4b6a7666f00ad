import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("eBay Seller Hub orders report")
struct EbayOrdersTests {
    static let us = "ebay/ebay-orders-2026-09-us.csv"
    static let de = "ebay/ebay-orders-2026-10-de.csv"

    @Test func recognisesTheUSReportWithItsFraming() throws {
        let run = try readPlatformFile(Self.us)
        #expect(run.detection.format.id == "ebay_orders")
        #expect(run.detection.headerLine == 2)  // a blank first line before the header
        let rec = run.reconciliation
        // 29 records after the header: padding row + blank line before the footer (2 blank), 2 footer lines,
        // 5 multi-item summary rows (skipped); 20 item rows (loaded). Titles with raw `"` read as data.
        #expect((rec.rowsRead, rec.rowsLoaded, rec.rowsRejected, rec.rowsSkipped) == (29, 20, 0, 9))
        #expect(rec.skippedReasons == ["blank line": 2, "footer line": 2, "order summary row": 5])
        #expect(run.orderLines.count == 20)
        #expect(run.orderLines.allSatisfy { $0.currency == .USD && $0.platform == .ebay })
    }

    @Test func aMultiItemOrderTakesBuyerAndShippingFromItsSummaryRow() throws {
        // Record 3102: summary (noah.miller@…, United States, S&H $6.50, eBay Collected Tax $8.41, Sep-03-26, shipped
        // Sep-04-26) + TM-RUG-23 2 × $27.99 = 55.98 and TM-THROW-01 1 × $59.99. Weights 55.98 : 59.99 (sum 115.97):
        // shipping 6.50 × 55.98 / 115.97 = 3.137621… → 3.137622, the rest 3.362378; tax 8.41 × 55.98 / 115.97 =
        // 4.059600, the rest 4.350400.
        let lines = try readPlatformFile(Self.us).orderLines.filter { $0.orderID == "26-80995-93709" }
        #expect(lines.map(\.sku) == ["TM-RUG-23", "TM-THROW-01"])
        #expect(lines.map(\.itemAmount) == [m("55.98"), m("59.99")])
        #expect(lines.map(\.shippingCharged) == [m("3.137622"), m("3.362378")])
        #expect(lines.map(\.tax) == [m("4.0596"), m("4.3504")])
        #expect(lines.allSatisfy { $0.customerKey == "email:noah.miller(at)example.com" && $0.market == Market(code: "US") })
        #expect(lines.allSatisfy { $0.status == .shipped && $0.orderTime.description == "2026-09-03T12:00:00Z" })
    }

    @Test func aSingleItemRowIsAnOrderOfItsOwn() throws {
        // Record 3101: TM-TRAY-OAK 1 × $42.00, S&H $6.50, eBay Collected Tax $3.05, Sep-01-26.
        let line = try #require(try readPlatformFile(Self.us).orderLines.first { $0.orderID == "23-15130-91628" })
        #expect(line.itemAmount == m("42.00") && line.shippingCharged == m("6.50") && line.tax == m("3.05"))
        #expect(line.quantity == 1 && line.sku == "TM-TRAY-OAK")
    }

    @Test func readsTheGermanReportWithDecimalCommasAndLocalCountryNames() throws {
        // `EUR 27,99` carries no plain number for the sniffer: the source configures the decimal comma.
        let run = try readPlatformFile(Self.de, options: IngestOptions(decimalSeparator: .comma))
        let rec = run.reconciliation
        #expect(run.detection.preambleLines == 1)  // the all-commas first line
        #expect(rec.rowsRejected == 0 && rec.rowsRead == rec.rowsLoaded + rec.rowsSkipped)
        #expect(run.orderLines.allSatisfy { $0.currency == .EUR })
        // 7201: 1 × EUR 27,99 + EUR 4,90 shipping on 01-Oct-26 (dd-MMM-yy), Deutschland → DE.
        let first = try #require(run.orderLines.first)
        #expect(first.itemAmount == m("27.99") && first.shippingCharged == m("4.90") && first.market == Market(code: "DE"))
        #expect(first.orderTime.utcDate == day("2026-10-01"))
        // 7203 ships to Österreich → AT; without an email the key is eBay + buyer username.
        let at = try #require(run.orderLines.first { $0.market == Market(code: "AT") && $0.customerKey?.hasPrefix("buyer:ebay:") == true })
        #expect(at.customerKey == "buyer:ebay:kunde_5134")
    }

    @Test func summaryWithoutItemsAndItemsWithoutSummary() throws {
        // fixtures/malformed/ebay_summary_without_items.csv (see its README entry).
        let run = try readPlatformFile("malformed/ebay_summary_without_items.csv")
        let rec = run.reconciliation
        #expect((rec.rowsRead, rec.rowsLoaded, rec.rowsRejected, rec.rowsSkipped) == (11, 3, 2, 6))
        #expect(run.rejects.map { "\($0.line):\($0.column)" } == ["6:Sale Date", "7:Sale Date"])
        #expect(run.orderLines.map(\.orderID) == ["11-11111-11111", "44-44444-44444", "44-44444-44444"])
        // 9004 ships to Canada; $ means US dollars without a default market; $10.00 over 34.99 : 44.98 →
        // 10 × 34.99 / 79.97 = 4.375391, the rest 5.624609.
        let multi = run.orderLines.filter { $0.orderID == "44-44444-44444" }
        #expect(multi.map(\.shippingCharged) == [m("4.375391"), m("5.624609")])
        #expect(multi.allSatisfy { $0.market == Market(code: "CA") && $0.currency == .USD })
    }

    @Test func aBareDollarIsTheDefaultMarketsDollarAndCurrencyTextWins() throws {
        let header = "Sales Record Number,Order Number,Buyer Username,Ship To Country,Item Number,Item Title,Custom Label,Quantity,Sold For,Shipping And Handling,Sale Date"
        let rows = [
            "1,01-1,u1,Australia,111,Lamp 14\" Brass,TM-LAMP-01,1,\"AU $3,000.00\",AU $20.00,26-May-26",
            "2,01-2,u2,Australia,112,Vase,TM-VASE-10,2,$12.50,,26-May-26",
            "3,01-3,u3,United Kingdom,113,Mug,TM-MUG-SET4,1,£12.50,£3.00,May-27-26",
        ]
        let path = try writeTemporaryFile("au.csv", ([",,,,", header, ",,,,,,,,,,"] + rows).joined(separator: "\n") + "\n")
        let run = try readPlatformFile(path) { $0.defaultMarket = Market(code: "AU") }
        #expect(run.orderLines.map(\.currency) == [Currency("AUD"), Currency("AUD"), .GBP])
        #expect(run.orderLines.map(\.itemAmount) == [m("3000.00"), m("25.00"), m("12.50")])
        #expect(run.orderLines.map { $0.orderTime.utcDate } == [day("2026-05-26"), day("2026-05-26"), day("2026-05-27")])
        #expect(run.orderLines.map(\.status) == [.placed, .placed, .placed])
    }

    @Test func noFactCarriesAnEmail() throws {
        for run in [try readPlatformFile(Self.us), try readPlatformFile(Self.de, options: IngestOptions(decimalSeparator: .comma))] {
            #expect(run.orderLines.contains { $0.customerKey?.hasPrefix("email:") == true })
            for fact in run.facts { #expect(!strings(in: fact).contains { $0.contains("@") }) }
        }
    }
}
