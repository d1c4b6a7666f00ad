import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Amazon settlement V2")
struct AmazonSettlementTests {
    static let eu = "amazon-payments/settlement-2026-09-eu.txt"
    static let us = "amazon-payments/settlement-2026-10-us.txt"

    @Test func recognisesTheEUFileWithDecimalCommas() throws {
        let run = try readPlatformFile(Self.eu)
        #expect(run.detection.format.id == "amazon_settlement_v2")
        #expect(run.detection.decimalSeparator == .comma)
        #expect(run.detection.dialect.quoting == false)
        let rec = run.reconciliation
        // 291 records = 1 summary + 136 sales components + 10 promotions + 6 refund tax rows + 1 reimbursement
        // (154 skipped) + 127 ItemFees rows + 6 refund principals + 4 fee rows of other transactions (137 loaded).
        #expect((rec.rowsRead, rec.rowsLoaded, rec.rowsRejected, rec.rowsSkipped) == (291, 137, 0, 154))
        #expect(rec.skippedReasons["settlement summary row"] == 1)
        #expect(rec.skippedReasons["settlement sales component (orders come from the All Orders report)"] == 136)
        #expect(rec.skippedReasons["settlement tax component (tax is not revenue)"] == 6)
        #expect(run.refunds.count == 6)
        #expect(run.fees.count == 127 + 4)
        #expect(run.facts.count == rec.rowsLoaded)  // natural grain: one fact per loaded row
        #expect(run.refunds.allSatisfy { $0.currency == .EUR && $0.unitsReturned == 0 })
    }

    @Test func refundsAndFeeReversalsOfOneReturn() throws {
        let run = try readPlatformFile(Self.eu)
        // Refund 303-6969896-6424393 / TM-BLANKET-Q posted 07.09.2026 09:15:00 UTC on Amazon.de:
        //   ItemPrice/Principal -71,34 → refund 71.34; ItemPrice/Tax -13,56 → skipped;
        //   ItemFees/Commission +12,74 → commission -12.74 (given back); RefundCommission -2,55 → commission 2.55.
        let refund = try #require(run.refunds.first { $0.orderID == "303-6969896-6424393" })
        #expect(refund.amount == m("71.34"))
        #expect(refund.refundDate == day("2026-09-07"))
        #expect(refund.market == Market(code: "DE"))
        #expect(refund.sku == "TM-BLANKET-Q")
        let fees = run.fees.filter { $0.orderID == "303-6969896-6424393" && $0.date == day("2026-09-07") }
        #expect(fees.map(\.amount).sorted() == [m("-12.74"), m("2.55")])
        #expect(fees.allSatisfy { $0.type == .commission })
    }

    @Test func feesByTypeForAmazonDEInSeptember() throws {
        // The worked example of fixtures/README.md: Amazon.de rows of the September settlement.
        let fees = try readPlatformFile(Self.eu).fees.filter { $0.market == Market(code: "DE") }
        func total(_ t: FeeType) -> Money { Money.sum(fees.filter { $0.type == t }.map(\.amount)) }
        // commission: 33 order commissions 250.45 − 5 reversals 32.08 + 5 refund commissions 6.42 = 224.79
        #expect(total(.commission) == m("224.79"))
        // fulfillment: 18 FBAPerUnitFulfillmentFee 64.90 + 8 FBAWeightBasedFee 53.35 = 118.25
        #expect(total(.fulfillment) == m("118.25"))
        #expect(total(.storage) == m("18.47"))  // other-transaction/Storage Fee -18,47
        #expect(total(.advertising) == m("1042.30"))  // Cost of Advertising -1.042,30 (thousands separator)
        #expect(total(.other) == m("39.00"))  // Subscription Fee -39,00
        // refunds of Amazon.de in September: 71.34 + 17.56 + 21.84 + 21.84 + 47.04 = 179.62
        let refunds = try readPlatformFile(Self.eu).refunds.filter { $0.market == Market(code: "DE") }
        #expect(Money.sum(refunds.map(\.amount)) == m("179.62"))
        #expect(refunds.count == 5)
    }

    @Test func recognisesTheUSFileWithISOLikeDates() throws {
        let run = try readPlatformFile(Self.us)
        #expect(run.detection.decimalSeparator == .point)
        let rec = run.reconciliation
        #expect((rec.rowsRead, rec.rowsLoaded, rec.rowsRejected, rec.rowsSkipped) == (163, 97, 0, 66))
        // Refund 112-5054979-4394023 Principal -39.98 posted 2026-10-16 17:40:00 UTC.
        let r = try #require(run.refunds.first { $0.orderID == "112-5054979-4394023" })
        #expect(r.amount == m("39.98") && r.currency == .USD && r.refundDate == day("2026-10-16") && r.market == Market(code: "US"))
        #expect(run.refunds.count == 4)
        // FBA Long-Term Storage Fee -22.15 → storage 22.15, without order.
        #expect(run.fees.contains { $0.type == .storage && $0.amount == m("22.15") && $0.orderID == nil })
    }

    @Test("rows classify by their own three texts, however often a triple repeats and past the memo's limit")
    func repeatedAndManyDistinctComponents() throws {
        let header = try String(contentsOfFile: TestPaths.fixture(Self.us), encoding: .utf8).split(separator: "\n")[0]
        func row(_ type: String, _ amountType: String, _ description: String, _ amount: String, _ order: String) -> String {
            "1\t\t\t\t\tUSD\t\(type)\t\(order)\t\t\t\tAmazon.com\t\(amountType)\t\(description)\t\(amount)\tAFN\t2026-10-01\t2026-10-01 06:00:00 UTC\t\t\t\tSKU-1\t1\t"
        }
        var lines = [String(header), "1\t2026-10-01 00:00:00 UTC\t2026-11-01 00:00:00 UTC\t2026-11-03 00:00:00 UTC\t0\tUSD" + String(repeating: "\t", count: 18)]
        let limit = AmazonSettlement.Parser.componentMemoLimit
        // limit + 500 distinct descriptions of other-transaction service fees (each a fee of type other, 1.00), with
        // a refund principal, an order principal (same description, other transaction type), a refund tax row and an
        // order commission repeated between them.
        for i in 0..<(limit + 500) {
            lines.append(row("other-transaction", "ServiceFee", "Service Fee \(i)", "-1.00", ""))
            if i % 100 == 0 {
                lines.append(row("Refund", "ItemPrice", "Principal", "-5.00", "111-0000000-\(i)"))
                lines.append(row("Order", "ItemPrice", "Principal", "7.00", "111-0000000-\(i)"))  // same description
                lines.append(row("Refund", "ItemPrice", "Tax", "-0.50", "111-0000000-\(i)"))
                lines.append(row("Order", "ItemFees", "Commission", "-2.00", "111-0000000-\(i)"))
            }
        }
        let path = try writeTemporaryFile("settlement-memo.txt", lines.joined(separator: "\n") + "\n")
        let run = try readPlatformFile(path)
        let repeats = (limit + 500 + 99) / 100  // i = 0, 100, …
        #expect(run.reconciliation.rowsRejected == 0)
        #expect(run.refunds.count == repeats)
        #expect(run.refunds.allSatisfy { $0.amount == m("5.00") })
        #expect(run.reconciliation.skippedReasons["settlement tax component (tax is not revenue)"] == repeats)
        #expect(run.reconciliation.skippedReasons["settlement sales component (orders come from the All Orders report)"] == repeats)
        #expect(run.fees.filter { $0.type == .commission }.count == repeats)
        #expect(run.fees.filter { $0.type == .commission }.allSatisfy { $0.amount == m("2.00") })
        let other = run.fees.filter { $0.type == .other }
        #expect(other.count == limit + 500)
        #expect(Money.sum(other.map(\.amount)) == Money(micros: Int64(limit + 500) * 1_000_000))
    }

    @Test(arguments: [
        ("Order", "ItemPrice", "Principal", AmazonSettlement.Component.skip("settlement sales component (orders come from the All Orders report)")),
        ("Order", "ItemFees", "Commission", .fee(.commission)),
        ("Order", "ItemFees", "FBAPerUnitFulfillmentFee", .fee(.fulfillment)),
        ("Order", "ItemFees", "FBAWeightBasedFee", .fee(.fulfillment)),
        ("Order", "ItemFees", "ShippingChargeback", .fee(.other)),
        ("Order", "ItemFees", "VariableClosingFee", .fee(.commission)),
        ("Order", "Promotion", "Principal", .skip("settlement promotion component (discounts come from the All Orders report)")),
        ("Refund", "ItemPrice", "Principal", .refund),
        ("Refund", "ItemPrice", "Shipping", .refund),
        ("Refund", "Promotion", "Principal", .refund),
        ("Refund", "ItemPrice", "Tax", .skip("settlement tax component (tax is not revenue)")),
        ("Refund", "ItemFees", "RefundCommission", .fee(.commission)),
        ("other-transaction", "other-transaction", "Storage Fee", .fee(.storage)),
        ("other-transaction", "other-transaction", "FBA Long-Term Storage Fee", .fee(.storage)),
        ("Cost of Advertising", "Cost of Advertising", "TransactionTotalAmount", .fee(.advertising)),
        ("other-transaction", "other-transaction", "Subscription Fee", .fee(.other)),
        ("other-transaction", "FBA Inventory Reimbursement", "REVERSAL_REIMBURSEMENT",
         .skip("settlement component not used: other-transaction/FBA Inventory Reimbursement/REVERSAL_REIMBURSEMENT")),
    ])
    func classifiesComponents(_ t: String, _ a: String, _ d: String, _ expected: AmazonSettlement.Component) {
        #expect(AmazonSettlement.classify(transaction: t, amountType: a, description: d) == expected)
    }

    @Test func rowsWithoutASummaryRowHaveNoCurrency() throws {
        // fixtures/malformed/settlement_without_summary.tsv: line 2 Principal (skipped, needs no currency),
        // lines 3–5 Commission, FBAWeightBasedFee, Refund Principal: rejected at `currency`.
        let run = try readPlatformFile("malformed/settlement_without_summary.tsv")
        let rec = run.reconciliation
        #expect((rec.rowsRead, rec.rowsLoaded, rec.rowsRejected, rec.rowsSkipped) == (4, 0, 3, 1))
        #expect(run.rejects.map(\.line) == [3, 4, 5])
        #expect(run.rejects.allSatisfy { $0.column == "currency" && $0.reason.contains("summary row") })
    }

    @Test func postedDateFallsBackOnlyToUnambiguousDates() throws {
        let header = AmazonSettlementTests.header
        let summary = row(["settlement-id": "1", "currency": "EUR", "total-amount": "0"])
        let fee = { (posted: String) in row(["settlement-id": "1", "transaction-type": "Order", "order-id": "A", "marketplace-name": "amazon.fr", "amount-type": "ItemFees", "amount-description": "Commission", "amount": "-1.50", "posted-date": posted]) }
        let path = try writeTemporaryFile("s.txt", ([header, summary, fee("2026-09-03"), fee("03.09.2026"), fee("09/03/26")].joined(separator: "\n")) + "\n")
        let run = try readPlatformFile(path, options: IngestOptions(decimalSeparator: .point))
        #expect(run.fees.map(\.date) == [day("2026-09-03"), day("2026-09-03")])
        #expect(run.fees.allSatisfy { $0.market == Market(code: "FR") && $0.amount == m("1.50") })
        #expect(run.rejects.map(\.column) == ["posted-date"])
    }

    static let header = ["settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount", "currency", "transaction-type", "order-id", "marketplace-name", "amount-type", "amount-description", "amount", "posted-date", "posted-date-time", "sku"].joined(separator: "\t")
    func row(_ values: [String: String]) -> String {
        AmazonSettlementTests.header.split(separator: "\t").map { values[String($0)] ?? "" }.joined(separator: "\t")
    }
}
