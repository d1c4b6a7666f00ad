import Foundation
import Testing
import TidemarkCSV
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Alibaba.com data manager traffic")
struct AlibabaTrafficTests {
    @Test func readsTheGBKFixtureWithChineseHeaders() throws {
        let run = try ingestSource(TestPaths.fixture("traffic/alibaba-data-manager.csv"), fallbackEncoding: .gb18030)
        #expect(run.detection.format.id == "alibaba_traffic")
        #expect(run.detection.encoding == .gb18030)
        // 92 days × 3 products × 4 countries = 1104
        #expect(counts(run) == [1104, 1104, 0, 0])
        #expect(Set(run.traffic.map(\.market.code)) == ["US", "DE", "GB", "AU"])  // 美国 德国 英国 澳大利亚
        #expect(Set(run.traffic.compactMap(\.sku)) == ["TM-PILLOW-18", "TM-LAMP-01", "TM-BASKET-L"])
        #expect(run.traffic.allSatisfy { $0.platform == .alibaba && $0.pageViews == nil && $0.addToCarts == nil })
        #expect(run.traffic.allSatisfy { $0.impressions != nil && $0.clicks != nil && $0.sessions != nil && $0.inquiries != nil })
        #expect(run.traffic.contains { ($0.inquiries ?? 0) > 0 })
    }

    @Test func englishHeadersMissingCountsAndUnknownCountries() throws {
        let run = try ingestSource(TestPaths.fixture("malformed/alibaba_english_bom.csv"))
        #expect(run.detection.format.id == "alibaba_traffic")
        #expect(run.detection.encoding == .utf8BOM)
        // line 5 has inquiries -1
        #expect(counts(run) == [4, 3, 1, 0])
        #expect(run.rejectPlaces == ["5 Inquiries -1"])
        let us = run.traffic[0]
        #expect(us.sku == "TM-LAMP-01")  // no SKU column: the product name
        #expect([us.impressions, us.clicks, us.sessions, us.inquiries] == [412, 9, 7, 1])
        let de = run.traffic[1]
        #expect(de.market.code == "DE")
        #expect(de.clicks == nil)  // "--"
        #expect(de.sessions == nil)  // empty
        #expect(de.inquiries == 0)
        #expect(run.traffic[2].market == .unknown)  // Atlantis: loaded as ZZ
    }

    @Test func readWithTheWrongFallbackTheFileIsNotRecognised() {
        // GBK bytes read as Windows-1252 give no known header: the source must say GB18030
        #expect(throws: IngestError.self) { try ingestSource(TestPaths.fixture("traffic/alibaba-data-manager.csv")) }
    }
}
