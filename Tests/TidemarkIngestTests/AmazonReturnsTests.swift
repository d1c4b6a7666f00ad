import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Amazon returns, FBA customer returns and FBA shipments")
struct AmazonReturnsTests {
    @Test func returnsReportGivesUnitsWithoutMoney() throws {
        let run = try readPlatformFile("amazon-payments/returns-2026-09-eu.txt") { $0.defaultMarket = Market(code: "DE") }
        #expect(run.detection.format.id == "amazon_returns")
        let rec = run.reconciliation
        // 7 rows: the 6 refunded returns of the EU settlement and one rejected request (skipped).
        #expect((rec.rowsRead, rec.rowsLoaded, rec.rowsRejected, rec.rowsSkipped) == (7, 6, 0, 1))
        #expect(rec.skippedReasons == ["return request not accepted": 1])
        #expect(run.refunds.allSatisfy { $0.amount == .zero && $0.unitsReturned > 0 && $0.currency == .EUR && $0.reason != nil })
        // 303-6969896-6424393: requested 6 days after the order (placed 2026-08-27), `02-Sep-2026`, 1 unit.
        let r = try #require(run.refunds.first { $0.orderID == "303-6969896-6424393" })
        #expect(r.refundDate == day("2026-09-02") && r.unitsReturned == 1 && r.sku == "TM-BLANKET-Q" && r.market == Market(code: "DE"))
    }

    @Test func fbaCustomerReturnsGiveUnitsInTheFXBase() throws {
        let run = try readPlatformFile("amazon-payments/fba-customer-returns-2026-10-us.txt")
        #expect(run.detection.format.id == "amazon_fba_customer_returns")
        #expect(run.reconciliation.rowsLoaded == 4)
        #expect(run.refunds.allSatisfy { $0.amount == .zero && $0.currency == .EUR && $0.market == .unknown })
        #expect(run.refunds.map(\.unitsReturned) == [2, 4, 1, 1])  // the `quantity` column as written
    }

    @Test func fbaShipmentsGiveOneShipmentPerParcelAndNoBuyerData() throws {
        let run = try readPlatformFile("amazon-payments/fba-shipments-2026-10-us.txt")
        #expect(run.detection.format.id == "amazon_fba_shipments")
        let rec = run.reconciliation
        // 16 item rows of 12 parcels: 4 further items skipped.
        #expect((rec.rowsRead, rec.rowsLoaded, rec.rowsSkipped) == (16, 12, 4))
        #expect(Set(run.shipments.map(\.trackingNumber)).count == 12)
        #expect(run.shipments.allSatisfy { $0.status == .deliveryNotReported && $0.charges.isEmpty && $0.currency == .USD && $0.destination == Market(code: "US") })
        // The fixture's estimated arrivals (3 days after shipping) are not promises: no delivery is ever reported.
        #expect(run.shipments.allSatisfy { $0.promisedDate == nil && $0.shipDate != nil })
        #expect(Set(run.shipments.map(\.carrier)) == ["AMZN_US", "UPS"])
        for fact in run.facts { #expect(!strings(in: fact).contains { $0.contains("@") }) }
    }
}
