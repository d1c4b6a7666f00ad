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
        // Billing data never reports a delivery (and this fixture has no RTN line).
        #expect(run.shipments.allSatisfy { $0.status == .deliveryNotReported && $0.deliveryDate == nil && $0.promisedDate == nil })
    }

    /// A return line (category `RTN`) is returned; a shipment line (`SHP`) says nothing about the delivery.
    @Test func aShipmentLineDoesNotReportTheDeliveryAndAReturnLineIsReturned() throws {
        func line(_ tracking: String, _ category: String) -> String {
            var fields = [String](repeating: "", count: 250)
            for (position, value) in [
                (5, "2026-09-28"), (10, "USD"), (12, "2026-09-16"), (21, tracking), (35, category), (44, "FRT"),
                (51, "USD"), (53, "29.48"), (76, "JP"),
            ] { fields[position - 1] = value }
            return fields.joined(separator: ",")
        }
        let path = try writeTemporaryFile("ups.csv", line("1Z9999W99999999991", "SHP") + "\n" + line("1Z9999W99999999992", "RTN") + "\n")
        let run = try ingestSource(path)
        #expect(run.detection.format.id == "ups_billing")
        #expect(counts(run) == [2, 2, 0, 0])
        #expect(run.shipments.map(\.status) == [.deliveryNotReported, .returned])
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
