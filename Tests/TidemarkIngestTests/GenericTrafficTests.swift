import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Generic traffic layout")
struct GenericTrafficTests {
    @Test func absentCountColumnsAreNilNeverZero() throws {
        let text = "date,platform,market,sku,sessions,page_views,add_to_carts\n2026-09-15,Amazon,US,TM-LAMP-01,41,57,3\n2026-09-15,shopify,,,12,,\n"
        let run = try ingestSource(try writeTemporaryFile("traffic.csv", text), defaultMarket: Market(code: "DE"))
        #expect(run.detection.format.id == "generic_traffic")
        #expect(counts(run) == [2, 2, 0, 0])
        let a = run.traffic[0]
        #expect(a.platform == "amazon")
        #expect(a.market.code == "US")
        #expect(a.sessions == 41)
        #expect(a.pageViews == 57)
        #expect(a.addToCarts == 3)
        #expect(a.impressions == nil && a.clicks == nil && a.inquiries == nil)
        let b = run.traffic[1]
        #expect(b.market.code == "DE")  // empty market: the source's default
        #expect(b.sku == nil)
        #expect(b.pageViews == nil && b.addToCarts == nil)
    }

    @Test func aDateTimeIsDatedInTheReportingZone() throws {
        let text = "date,platform,market,clicks\n2026-09-15T23:30:00-07:00,shopify,US,5\n"
        let run = try ingestSource(try writeTemporaryFile("t2.csv", text))
        #expect(run.traffic.first?.date == day("2026-09-16"))  // 06:30 UTC
    }
}
