import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Amazon payments Date Range report")
struct AmazonDateRangeTests {
    static let file = "amazon-payments/date-range-2026-08-us.csv"

    @Test func recognisesTheReportAfterItsSevenPreambleLines() throws {
        let run = try readPlatformFile(Self.file)
        #expect(run.detection.format.id == "amazon_date_range")
        #expect(run.detection.preambleLines == 7)
        let rec = run.reconciliation
        // 50 rows: 44 orders + 2 refunds + 2 service fees (loaded), 1 adjustment + 1 transfer (skipped).
        #expect((rec.rowsRead, rec.rowsLoaded, rec.rowsRejected, rec.rowsSkipped) == (50, 48, 0, 2))
        #expect(rec.skippedReasons == ["transfer to bank": 1, "adjustment (reimbursement, not a sale, refund or fee)": 1])
        #expect(run.facts.allSatisfy { fact in
            switch fact {
            case .fee(let f): return f.currency == .USD
            case .refund(let r): return r.currency == .USD
            default: return false
            }
        })
    }

    @Test func anOrderRowGivesItsSellingAndFBAFees() throws {
        // "Aug 2, 2026 11:00:00 PM PDT" = 2026-08-03 06:00 UTC; selling fees -3.75, fba fees -3.22.
        let fees = try readPlatformFile(Self.file).fees.filter { $0.orderID == "117-2664434-0882464" }
        #expect(fees.map(\.type) == [.commission, .fulfillment])
        #expect(fees.map(\.amount) == [m("3.75"), m("3.22")])
        #expect(fees.allSatisfy { $0.date == day("2026-08-03") && $0.sku == "TM-PILLOW-18" && $0.market == Market(code: "US") })
    }

    @Test func aRefundRowGivesTheMoneyBackAndTheCommissionReversal() throws {
        // "Aug 14, 2026 8:05:09 AM PDT" Refund 113-5995238-1642260: product sales -89.99 → refund 89.99;
        // selling fees +10.80 (13.50 commission given back − 2.70 refund administration fee) → commission -10.80.
        let run = try readPlatformFile(Self.file)
        let refund = try #require(run.refunds.first { $0.orderID == "113-5995238-1642260" })
        #expect(refund.amount == m("89.99") && refund.refundDate == day("2026-08-14") && refund.unitsReturned == 0)
        let fee = try #require(run.fees.first { $0.orderID == "113-5995238-1642260" && $0.date == day("2026-08-14") })
        #expect(fee.amount == m("-10.80") && fee.type == .commission)
        #expect(run.refunds.count == 2)
    }

    @Test func serviceFeesHaveNoOrderAndAdvertisingIsNamed() throws {
        let fees = try readPlatformFile(Self.file).fees.filter { $0.orderID == nil }
        // Cost of Advertising -612.48 on Aug 14 00:02:11 PDT = 07:02:11 UTC; Subscription -39.99 on Aug 12.
        #expect(fees.map(\.type).sorted { $0.rawValue < $1.rawValue } == [.advertising, .other])
        #expect(fees.first { $0.type == .advertising }?.amount == m("612.48"))
        #expect(fees.first { $0.type == .advertising }?.date == day("2026-08-14"))
        #expect(fees.first { $0.type == .other }?.amount == m("39.99"))
    }

    @Test func theCurrencyComesOnlyFromThePreamble() throws {
        #expect(AmazonDateRange.preambleCurrency([["All amounts in GBP, unless specified"]]) == .GBP)
        #expect(AmazonDateRange.preambleCurrency([["Alle Beträge in EUR, sofern nicht anders angegeben"]]) == .EUR)
        let header = "date/time,settlement id,type,order id,sku,description,quantity,marketplace,product sales,selling fees,fba fees,other transaction fees,total"
        let row = "\"Dec 1, 2019 12:07:47 AM PST\",1,Order,111-1,SKU1,x,1,amazon.com,10.00,-1.50,-3.00,0,5.50"
        let path = try writeTemporaryFile("dr.csv", "\"Title\"\n\(header)\n\(row)")
        let run = try readPlatformFile(path)
        #expect(run.reconciliation.rowsRejected == 1)
        #expect(run.rejects.first?.reason.contains("All amounts in") == true)
        // With the preamble line the same row loads: 12:07:47 AM PST = 08:07:47 UTC on 1 Dec 2019.
        let ok = try writeTemporaryFile("dr.csv", "\"All amounts in USD, unless specified\"\n\(header)\n\(row)")
        let fees = try readPlatformFile(ok) { $0.runDate = day("2026-11-21") }.fees
        #expect(fees.map(\.amount) == [m("1.50"), m("3.00")] && fees.allSatisfy { $0.date == day("2019-12-01") })
    }
}
