import Foundation
import Testing
import TidemarkCSV
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Custom order layouts")
struct CustomLayoutTests {
    static let layout = CustomOrderLayout(
        platform: "bol_com",
        columns: [
            "order_id": "Bestelnummer", "order_time": "Besteldatum", "sku": "EAN", "quantity": "Aantal",
            "unit_price": "Prijs", "shipping": "Verzendkosten", "status": "Status", "country": "Land",
            "buyer_email": "E-mail",
        ],
        datePattern: "dd-MM-yyyy HH:mm", timeZone: "Europe/Amsterdam", decimalSeparator: .comma, defaultCurrency: "EUR",
        statusValues: ["Verzonden": "shipped", "Open": "placed", "Geannuleerd": "cancelled"],
        negativeQuantitiesAreReturns: true)

    /// Reads `text` as the layout: detection by the layout's declaration (registered by the pipeline in real runs).
    func read(_ text: String, layout: CustomOrderLayout = CustomLayoutTests.layout) throws -> PlatformRun {
        let declaration = try layout.declaration(id: "bol_orders")
        let path = try writeTemporaryFile("bol.csv", text)
        let header = text.split(separator: "\n")[0].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let map = try declaration.match(normalizedHeader: header.map(HeaderName.normalize), rawHeader: header).get()
        let detection = FileDetection(
            format: declaration, encoding: .utf8, dialect: CSVDialect(delimiter: UInt8(ascii: ";"), quoting: true), headerLine: 1,
            columns: map, decimalSeparator: .point, absentOptionalColumns: [], preamble: [])
        var ctx = testContext(fileName: "bol.csv", separator: .point)
        ctx.customerKeys = VisibleCustomerKeys()
        var facts: [IngestedFact] = []
        let rec = try FileIngestor.ingest(path: path, detection: detection, context: ctx, sha256: "") { facts.append($0) }
        return PlatformRun(detection: detection, reconciliation: rec, facts: facts)
    }

    @Test func loadsAnExportTidemarkHasNeverSeen() throws {
        let text = """
            Bestelnummer;Besteldatum;EAN;Aantal;Prijs;Verzendkosten;Status;Land;E-mail;Opmerking
            A-1;03-09-2026 21:30;8712345000011;2;12,50;€ 2,95;Verzonden;Nederland;Sanne.deVries@example.nl;x
            A-2;04-09-2026 10:00;8712345000028;1;1.250,00;;Open;BE;;
            A-3;05-09-2026 10:00;8712345000028;1;9,99;;Geannuleerd;;;
            A-4;06-09-2026 10:00;8712345000011;-1;12,50;;Verzonden;NL;;
            A-5;07-09-2026 10:00;8712345000011;1;12,50;;Onbekend;NL;;

            """
        let run = try read(text)
        #expect((run.reconciliation.rowsRead, run.reconciliation.rowsLoaded, run.reconciliation.rowsRejected) == (5, 4, 1))
        // 21:30 in Amsterdam (CEST, +02:00) = 19:30 UTC; 2 × 12,50 = 25.00 EUR; shipping € 2,95; Nederland → NL.
        let a1 = try #require(run.orderLines.first)
        #expect(a1.orderTime.description == "2026-09-03T19:30:00Z" && a1.itemAmount == m("25.00") && a1.shippingCharged == m("2.95"))
        #expect(a1.platform == Platform("bol_com") && a1.market == Market(code: "NL") && a1.status == .shipped)
        #expect(a1.customerKey == "email:sanne.devries(at)example.nl")
        #expect(run.orderLines.map(\.status) == [.shipped, .placed, .cancelled])
        #expect(run.orderLines[1].itemAmount == m("1250.00") && run.orderLines[1].market == Market(code: "BE"))
        // -1 is a return: a refund of 12.50 and 1 unit, dated the order date.
        let refund = try #require(run.refunds.first)
        #expect(refund.amount == m("12.50") && refund.unitsReturned == 1 && refund.refundDate == day("2026-09-06"))
        #expect(run.rejects.map(\.column) == ["Status"])
    }

    @Test func negativeQuantitiesAreRejectedUnlessDeclaredReturns() throws {
        var layout = Self.layout
        layout.negativeQuantitiesAreReturns = false
        let run = try read("Bestelnummer;Besteldatum;EAN;Aantal;Prijs;Verzendkosten;Status;Land;E-mail\nA;06-09-2026 10:00;1;-1;12,50;;;NL;\n", layout: layout)
        #expect(run.rejects.map(\.column) == ["Aantal"])
    }

    @Test func aMissingMappedColumnMeansTheFileIsNotInThisLayout() throws {
        let declaration = try Self.layout.declaration(id: "bol_orders")
        let header = ["Bestelnummer", "Besteldatum", "EAN", "Aantal", "Prijs"]
        guard case .failure(let missing) = declaration.match(normalizedHeader: header.map(HeaderName.normalize), rawHeader: header) else {
            Issue.record("matched without the mapped columns")
            return
        }
        #expect(missing.missing.contains("verzendkosten"))
    }

    @Test func validationListsEveryProblemWithItsKey() {
        let bad = CustomOrderLayout(
            platform: "Bol.com", columns: ["order_id": "Nr", "when": "Datum", "sku": " ", "item_amount": "Bedrag", "unit_price": "Prijs"],
            datePattern: "HH:mm", timeZone: "Mars/Olympus", defaultCurrency: "XYZ", defaultMarket: "Atlantis",
            statusValues: ["Verzonden": "sent"])
        let error = #expect(throws: CustomLayoutError.self) { try bad.validate() }
        let problems = error?.problems ?? []
        for expected in ["platform:", "columns.when:", "columns.sku: the header name is empty", "columns.order_time: is required",
                         "columns.quantity: is required", "not both", "date_pattern:", "time_zone:", "default_currency:",
                         "default_market:", "status_values.Verzonden:"] {
            #expect(problems.contains { $0.contains(expected) }, "\(expected)")
        }
        #expect(error?.description.hasPrefix("invalid custom layout: ") == true)
        #expect(throws: Never.self) { try Self.layout.validate() }
    }
}
