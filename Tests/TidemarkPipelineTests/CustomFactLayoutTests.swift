import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport
import TidemarkWarehouse

@testable import TidemarkPipeline

/// Ads, traffic and shipment exports of unknown layouts load through a column mapping in the pipeline file.
@Suite struct CustomFactLayoutTests {
    func run(_ yaml: String, files: [String: String]) throws -> (RunOutcome, Warehouse) {
        let dir = TestPaths.temporaryDirectory()
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        try Data(yaml.utf8).write(to: dir.appendingPathComponent("p.yaml"))
        var d = try PipelineLoader.load(path: dir.appendingPathComponent("p.yaml").path)
        d.outputPath = dir.appendingPathComponent("out").path
        d.datedReports = false
        d.warehousePath = dir.appendingPathComponent("w.sqlite").path  // not the default ../reports/, shared between runs
        d.customerKeyFile = dir.appendingPathComponent("key").path
        let now = Date(timeIntervalSince1970: 1_795_327_200)  // 2026-11-22T06:00:00Z
        let outcome = PipelineRunner(definition: d, environment: RunEnvironment(now: { now }, logger: MemoryLog().logger(), toolVersion: "t", customerKeySecret: "k")).run()
        return (outcome, try Warehouse(path: d.warehousePath))
    }

    @Test func adsTrafficAndShipmentsLoadThroughMappings() throws {
        let yaml = """
            name: mapped
            inputs:
              - path: bing.csv
                currency: EUR
                layout:
                  kind: ads
                  platform: bing_ads
                  attribution_window: 30 Day
                  columns: { date: Day, campaign: Campaign, spend: Spend, impressions: Impr, clicks: Clicks, country: Country, attributed_orders: Conv }
              - path: visits.csv
                layout:
                  kind: traffic
                  platform: own_shop
                  columns: { date: Datum, country: Land, sessions: Besuche }
              - path: dhl.csv
                layout:
                  kind: shipments
                  platform: DHL
                  columns: { tracking_number: AWB, order_id: Ref, ship_date: Shipped, delivery_date: Delivered, freight: Freight, duty: Duty, currency: Cur, country: Dest }
            """
        let (outcome, w) = try run(yaml, files: [
            "bing.csv": "Day,Campaign,Spend,Impr,Clicks,Country,Conv\n2026-09-15,Brand DE,12.34,1000,40,Germany,2\n2026-09-16,Brand DE,7.66,800,30,Germany,\n",
            "visits.csv": "Datum,Land,Besuche\n2026-09-15,DE,321\n",
            "dhl.csv": "AWB,Ref,Shipped,Delivered,Freight,Duty,Cur,Dest\n0012345,O-1,2026-09-10,2026-09-14,18.50,4.20,EUR,DE\n",
        ])
        #expect(outcome.files.allSatisfy { $0.rowsRejected == 0 && $0.status == "loaded" })
        var ads: [AdPerformance] = []
        try w.forEachAd { ads.append($0) }
        // 12.34 + 7.66 = 20.00 EUR over two days; Germany → DE; the window kept on every row; an empty conversion
        // cell is unknown, not 0.
        #expect(ads.count == 2)
        #expect(Money.sum(ads.map(\.spend)) == Money(micros: 20_000_000))
        #expect(ads.allSatisfy { $0.market.code == "DE" && $0.attributionWindow == "30 Day" && $0.platform.name == "bing_ads" })
        #expect(ads.map(\.attributedOrders) == [2, nil])
        var traffic: [Traffic] = []
        try w.forEachTraffic { traffic.append($0) }
        #expect(traffic.count == 1 && traffic[0].sessions == 321 && traffic[0].clicks == nil)
        var parcels: [Shipment] = []
        try w.forEachShipment { s, _ in parcels.append(s) }
        // Tracking id keeps its leading zeros; a delivery date makes the parcel delivered.
        #expect(parcels.count == 1)
        #expect(parcels[0].trackingNumber == "0012345" && parcels[0].carrier == "DHL" && parcels[0].status == .delivered)
        #expect(parcels[0].charges == [.freight: Money(micros: 18_500_000), .dutyTax: Money(micros: 4_200_000)])
    }

    @Test func adSpendWithoutARateIsLeftOutAndRaisesFxMissing() throws {
        // GBP spend with no rate table loaded: it cannot be converted to EUR, so it is left out of every sum
        // (never added as if it were EUR) and the run raises the critical fx_missing flag, exit 3.
        let yaml = "name: fx\ninputs:\n  - path: ads.csv\n    currency: GBP\n    layout:\n      kind: ads\n      platform: bing_ads\n      columns: { date: Day, campaign: Campaign, spend: Spend, country: Country }\n"
        let (outcome, _) = try run(yaml, files: ["ads.csv": "Day,Campaign,Spend,Country\n2026-09-15,Brand GB,10.00,GB\n"])
        #expect(outcome.exitCode == 3)
        let flags = try String(contentsOfFile: outcome.reportFolder! + "/flags.csv", encoding: .utf8)
        #expect(flags.contains(",critical,fx_missing,fx_rate,currency=GBP,"))
        let acquisition = try String(contentsOfFile: outcome.reportFolder! + "/acquisition.csv", encoding: .utf8)
        #expect(!acquisition.contains("10.00"))
    }

    @Test func aMappingMissingRequiredFieldsIsAConfigurationError() {
        let yaml = "name: x\ninputs:\n  - path: a.csv\n    layout:\n      kind: ads\n      platform: bing_ads\n      columns: { date: Day }\n"
        do {
            _ = try PipelineLoader.parse(yaml: yaml, file: "p.yaml", baseDirectory: URL(fileURLWithPath: "/tmp"), sha256: "")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("inputs[0].layout: invalid custom layout: columns.campaign: is required for ads; columns.spend: is required for ads"))
        }
    }
}
