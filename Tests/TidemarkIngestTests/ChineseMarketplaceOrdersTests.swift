import Foundation
import Testing
import TidemarkCSV
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("AliExpress and Alibaba.com orders")
struct ChineseMarketplaceOrdersTests {
    static let gbk = IngestOptions(fallbackEncoding: .gb18030)

    @Test func readsChineseHeadersInGBK() throws {
        let run = try readPlatformFile("aliexpress/aliexpress-orders-2026-10-cn.csv", options: Self.gbk) {
            $0.sourceZone = ReportingTimeZone(identifier: "Asia/Shanghai")!
        }
        #expect(run.detection.format.id == "aliexpress_orders")
        #expect(run.detection.encoding == .gb18030)
        #expect((run.reconciliation.rowsRead, run.reconciliation.rowsLoaded) == (12, 12))
        // 813000000000000: 2026-10-02 22:15:09 China time = 14:15:09 UTC; US $22.40 for 2 × TM-VASE-10; 美国 → US;
        // 交易完成 → shipped; shipping US $2.50; buyer cn699837 → key of aliexpress + id.
        let l = try #require(run.orderLines.first)
        #expect(l.orderID == "813000000000000" && l.orderTime.description == "2026-10-02T14:15:09Z")
        #expect(l.itemAmount == m("22.40") && l.quantity == 2 && l.currency == .USD && l.shippingCharged == m("2.50"))
        #expect(l.market == Market(code: "US") && l.status == .shipped && l.customerKey == "buyer:aliexpress:cn699837")
        // 西班牙 ES, 法国 FR 等待发货 placed, 巴西 BR 交易关闭 cancelled, 韩国 KR, 等待买家收货 shipped.
        #expect(run.orderLines.prefix(6).map(\.market.code) == ["US", "ES", "FR", "BR", "KR", "US"])
        #expect(run.orderLines.prefix(6).map(\.status) == [.shipped, .shipped, .placed, .cancelled, .shipped, .shipped])
    }

    @Test func readsEnglishHeadersWithABOM() throws {
        let run = try readPlatformFile("aliexpress/aliexpress-orders-2026-09-en.csv")
        #expect(run.detection.format.id == "aliexpress_orders" && run.detection.encoding == .utf8BOM)
        #expect(run.reconciliation.rowsLoaded == 8)
        // 2026/09/03 20:18:00, 176.00 CNY (the currency column), United States.
        let l = try #require(run.orderLines.first)
        #expect(l.currency == Currency("CNY") && l.itemAmount == m("176.00") && l.market == Market(code: "US"))
        #expect(l.orderTime.description == "2026-09-03T20:18:00Z")
    }

    @Test func readsAlibabaUnitPricesTimesQuantity() throws {
        let run = try readPlatformFile("alibaba/alibaba-orders-2026-q3.csv")
        #expect(run.detection.format.id == "alibaba_orders")
        #expect(run.reconciliation.rowsLoaded == 6)
        // 200 × US $4.10 = 820.00 USD, shipping 180.00, 瑞典 → SE, buyer company as the buyer id.
        let l = try #require(run.orderLines.first)
        #expect(l.itemAmount == m("820.00") && l.shippingCharged == m("180.00") && l.market == Market(code: "SE"))
        #expect(l.platform == .alibaba && l.customerKey == "buyer:alibaba:Nordic Living AB")
        #expect(run.orderLines.last?.status == .cancelled)  // 已取消
    }

    @Test func rejectsABadAmountAndAnUnknownStatusInGBK() throws {
        // fixtures/malformed/aliexpress_gbk_bad_amount.csv: line 3 `US $22.4O` (letter O), line 4 status 退款中.
        let run = try readPlatformFile("malformed/aliexpress_gbk_bad_amount.csv", options: Self.gbk)
        let rec = run.reconciliation
        #expect((rec.rowsRead, rec.rowsLoaded, rec.rowsRejected, rec.rowsSkipped) == (4, 2, 2, 0))
        #expect(run.rejects.map { "\($0.line):\($0.column):\($0.value)" } == ["3:金额:US $22.4O", "4:订单状态:退款中"])
    }

    @Test(arguments: [
        ("等待发货", OrderStatus.placed), ("已发货", .shipped), ("交易完成", .shipped), ("交易关闭", .cancelled),
        ("已取消", .cancelled), ("Awaiting shipment", .placed), ("Awaiting delivery", .shipped), ("Finished", .shipped),
        ("Closed", .cancelled), ("Canceled", .cancelled),
    ])
    func mapsStatuses(_ text: String, _ status: OrderStatus) {
        #expect(ChineseMarketplaceOrders.status(text) == status)
    }

    @Test func anAmountInAnotherCurrencyThanTheColumnIsRejected() throws {
        let text = "Order ID,Order time,SKU,Quantity,Amount,Currency,Country\n1,2026-09-01 10:00:00,TM-A,1,EUR 9.00,USD,France\n2,2026-09-01 10:00:00,TM-A,1,RMB 88,,China\n"
        let run = try readPlatformFile(try writeTemporaryFile("ali.csv", text))
        #expect(run.rejects.map(\.column) == ["Amount"])
        #expect(run.orderLines.first?.currency == Currency("CNY") && run.orderLines.first?.market == Market(code: "CN"))
    }
}
