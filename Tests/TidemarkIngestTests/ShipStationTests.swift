import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("ShipStation shipments export")
struct ShipStationTests {
    static let text = """
        Order - Number,Date - Shipped Date,Shipment - Tracking Number,Shipment - Carrier,Shipment - Service,Item - SKU,Item - Qty,Ship To - Country,Shipment - Cost,Shipment - Currency
        #1001,4/2/2021 4:00:00 AM,9400111202555842761234,USPS,First Class Mail,TM-MUG-SET4,1,US,4.35,USD
        #1001,4/2/2021 4:00:00 AM,9400111202555842761234,USPS,First Class Mail,TM-VASE-10,2,US,4.35,USD
        1002,4/2/2021 11:30:00 PM,1Z999AA10123456784,UPS,Ground,TM-LAMP-01,1,United States,12.10,USD

        """

    @Test func itemRowsCountTheirShipmentOnce() throws {
        let run = try ingestSource(try writeTemporaryFile("shipstation.csv", Self.text), sourceZone: ReportingTimeZone(identifier: "America/Los_Angeles")!)
        #expect(run.detection.format.id == "shipstation_shipments")
        #expect(counts(run) == [3, 2, 0, 1])
        #expect(run.reconciliation.skippedReasons == ["another item row of a shipment already read": 1])
        let a = run.shipments[0]
        #expect(a.orderID == "#1001")  // as in the Shopify export's Name, the order id of its lines
        #expect(run.shipments[1].orderID == "1002")
        #expect(a.trackingNumber == "9400111202555842761234")
        #expect(a.shipDate == day("2021-04-02"))  // 04:00 PDT = 11:00 UTC
        #expect(a.charges == [.freight: m("4.35")])
        // 11:30 PM PDT on 2 April is 06:30 UTC on 3 April
        #expect(run.shipments[1].shipDate == day("2021-04-03"))
        #expect(run.shipments[1].destination.code == "US")
        // ShipStation knows labels, not deliveries.
        #expect(run.shipments.map(\.status) == [.deliveryNotReported, .deliveryNotReported])
        #expect(run.shipments.allSatisfy { $0.deliveryDate == nil && $0.promisedDate == nil })
    }
}
