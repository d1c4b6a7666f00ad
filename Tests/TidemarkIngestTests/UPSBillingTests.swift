import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("UPS billing data")
struct UPSBillingTests {
    @Test func aHeaderlessFileIsRecognisedByItsShape() throws {
        let run = try ingestSource(TestPaths.fixture("logistics/ups-billing-data.csv"))
        #expect(run.detection.format.id == "ups_billing")
        #expect(run.detection.headerLine == 0)
        #expect(run.reconciliation.preambleLines == 0)
        // 30 charge lines, 6 of them weekly account-level fees without a tracking number
        #expect(counts(run) == [30, 24, 0, 6])
        #expect(run.reconciliation.skippedReasons == ["account-level charge without a tracking number": 6])
        #expect(run.shipments.allSatisfy { $0.carrier == "UPS" && $0.destination.code == "JP" && $0.trackingNumber.hasPrefix("1Z") })
        #expect(Set(run.shipments.flatMap { $0.charges.keys }) == [.freight, .fuel, .dutyTax])
    }

    @Test func classificationsShortRowsAndReturns() throws {
        let run = try ingestSource(TestPaths.fixture("malformed/ups_short_row.csv"))
        #expect(run.detection.format.id == "ups_billing")
        #expect(counts(run) == [5, 2, 2, 1])
        #expect(run.rejectPlaces == ["3 Charge Classification Code (#44) XYZ", "5 #121 "])
        let frt = run.shipments[0]
        #expect(frt.trackingNumber == "1Z9999W99999999999")
        #expect(frt.orderID == "503-0000001-0000001")
        #expect(frt.charges == [.freight: m("29.48")])
        #expect(frt.service == "Worldwide Saver")
        #expect(frt.weightGrams == 1200)  // 1.20 K
        #expect(frt.shipDate == day("2026-09-16"))
        #expect(frt.invoiceDate == day("2026-09-28"))
        #expect(run.shipments[1].charges == [.fuel: m("5.45")])
    }

    @Test func aFewCommasAreNotTakenForUPS() {
        let text = "2026-09-15,USD,1Z9999W99999999999\n"
        #expect(throws: IngestError.self) { try ingestSource(try writeTemporaryFile("few.csv", text)) }
    }
}
