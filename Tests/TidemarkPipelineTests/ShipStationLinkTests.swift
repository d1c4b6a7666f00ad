import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkPipeline

/// A ShipStation parcel of a Shopify order (`#1001` in both exports) is that order's shipping, not unlinked.
@Suite struct ShipStationLinkTests {
    @Test func aShipStationParcelLinksToItsShopifyOrder() throws {
        let dir = TestPaths.temporaryDirectory()
        let parcels = dir.appendingPathComponent("shipstation.csv")
        try """
            Order - Number,Date - Shipped Date,Shipment - Tracking Number,Shipment - Carrier,Shipment - Service,Ship To - Country,Shipment - Cost,Shipment - Currency
            #1001,8/3/2026 10:00:00 AM,9400111202555842761234,USPS,First Class Mail,GB,5.00,USD

            """.write(to: parcels, atomically: true, encoding: .utf8)
        let tests = PipelineRunnerTests()
        var d = tests.definition(["shopify/orders_export_2026-08_09.csv", "fx/eurofxref-hist.csv"], in: dir)
        d.inputs.append(InputDefinition(pattern: parcels.path))
        let outcome = tests.run(d)
        #expect(outcome.exitCode == 0 || outcome.exitCode == 3)
        let rows = try String(contentsOf: dir.appendingPathComponent("out/sales_margin_summary.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(rows.first)
        let platform = try #require(header.firstIndex(of: "platform")), shipping = try #require(header.firstIndex(of: "shipping_fulfilment"))
        #expect(!rows.contains { $0[platform] == "unlinked_shipping" })
        // 5.00 USD at the ECB rate of 2026-08-03 (1.1637 USD per EUR) = 4.2966… EUR, on the order's row.
        let gb = try #require(rows.first { $0.starts(with: ["2026-08", "GB", "shopify"]) })
        #expect(gb[shipping] == "4.30")
    }
}
