import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("FedEx Billing Online")
struct FedExBillingTests {
    @Test func recognisesTheFixtureWithBOMAnd25ChargePairs() throws {
        let run = try ingestSource(TestPaths.fixture("logistics/fedex-billing-all-columns.csv"))
        #expect(run.detection.format.id == "fedex_billing")
        #expect(run.detection.encoding == .utf8BOM)
        #expect(counts(run) == [16, 16, 0, 0])
        #expect(run.shipments.allSatisfy { $0.carrier == "FedEx" && $0.destination.code == "US" && $0.status == .delivered })
        // the fourth parcel's tracking id starts with 0 and stays a string
        #expect(run.shipments[3].trackingNumber.hasPrefix("0"))
        #expect(run.shipments[3].trackingNumber.count == 12)
    }

    @Test func theWorkedDayParcelOfAnAmazonComOrder() throws {
        let run = try ingestSource(TestPaths.fixture("logistics/fedex-billing-all-columns.csv"))
        let s = try #require(run.shipments.first { $0.orderID == "113-5446759-1986946" })
        #expect(s.trackingNumber == "763991528111")
        #expect(s.shipDate == day("2026-09-15"))
        #expect(s.deliveryDate == day("2026-09-20"))
        #expect(s.invoiceDate == day("2026-09-23"))
        #expect(s.service == "FedEx Ground")
        // 2.1 lb × 453.59237 = 952.544 g → 953
        #expect(s.weightGrams == 953)
        // transportation 12.69 + Earned Discount −1.52 = 11.17 freight; Fuel Surcharge 1.97; net 13.14
        #expect(s.charges == [.freight: m("11.17"), .fuel: m("1.97")])
    }

    @Test func nonNumericChargesScientificTrackingIdsAndNetMismatchesAreRejected() throws {
        let run = try ingestSource(TestPaths.fixture("malformed/fedex_bad_charge.csv"))
        #expect(counts(run) == [5, 2, 3, 0])
        #expect(run.rejectPlaces == [
            "3 Tracking ID Charge Amount 1O.25", "4 Express or Ground Tracking ID 7.94600E+11", "6 Net Charge Amount 15.00",
        ])
        // line 5: 094600000004, 20.00 + 3.10 − 3.31 = 19.79; 1 K = 1000 g
        let s = run.shipments[1]
        #expect(s.trackingNumber == "094600000004")
        #expect(s.charges == [.freight: m("16.69"), .fuel: m("3.10")])  // 20.00 − 3.31
        #expect(s.weightGrams == 1000)
        #expect(run.shipments[0].status == .delivered)
    }

    /// A bill with a proof-of-delivery date says the parcel arrived; one without says nothing about its delivery.
    @Test func aBillWithoutAProofOfDeliveryDoesNotReportTheDelivery() throws {
        let text = """
            Invoice Date,Express or Ground Tracking ID,Transportation Charge Amount,Net Charge Amount,Shipment Date,POD Delivery Date,Recipient Country/Territory,Currency Code,Tracking ID Charge Description,Tracking ID Charge Amount
            20260923,794600000011,12.00,13.86,20260915,20260918,US,USD,Fuel Surcharge,1.86
            20260923,794600000012,12.00,13.86,20260915,,US,USD,Fuel Surcharge,1.86

            """
        let run = try ingestSource(try writeTemporaryFile("fedex.csv", text))
        #expect(run.detection.format.id == "fedex_billing")
        #expect(counts(run) == [2, 2, 0, 0])
        #expect(run.shipments.map(\.status) == [.delivered, .deliveryNotReported])
        #expect(run.shipments.map(\.deliveryDate) == [day("2026-09-18"), nil])
    }

    @Test(arguments: [
        ("Fuel Surcharge", ChargeType.fuel), ("Duty and Tax", .dutyTax), ("Import VAT", .dutyTax),
        ("Customs Clearance Entry Fee", .dutyTax), ("Residential", .other), ("Delivery Area Surcharge", .other),
        ("Earned Discount", .freight), ("Address Correction", .other),
    ])
    func chargeDescriptions(_ text: String, _ type: ChargeType) {
        #expect(ShipmentVocabulary.classifyDescription(text) == type)
    }
}
