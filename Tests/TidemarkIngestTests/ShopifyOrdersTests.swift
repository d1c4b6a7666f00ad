import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Shopify orders export")
struct ShopifyOrdersTests {
    static let augSep = "shopify/orders_export_2026-08_09.csv"
    static let october = "shopify/orders_export_2026-10.csv"

    @Test func recognisesBothExportsWithEveryLineLoaded() throws {
        let a = try readPlatformFile(Self.augSep)
        #expect(a.detection.format.id == "shopify_orders")
        #expect((a.reconciliation.rowsRead, a.reconciliation.rowsLoaded, a.reconciliation.rowsRejected) == (46, 46, 0))
        #expect(a.orderLines.count == 46)
        // #1005, #1014, #1028 partially_refunded and #1010 refunded: four refund facts without SKU.
        #expect(a.refunds.map(\.orderID) == ["#1005", "#1010", "#1014", "#1028"])
        #expect(a.refunds.allSatisfy { $0.sku.isEmpty && $0.unitsReturned == 0 })
        // October: order-level columns repeated on every line, `Lineitem SKU`, `Canceled at`, CRLF.
        let o = try readPlatformFile(Self.october)
        #expect((o.reconciliation.rowsRead, o.reconciliation.rowsLoaded) == (21, 21))
        #expect(o.orderLines.count == 21)
        #expect(o.refunds.map(\.orderID) == ["#1032", "#1037"])
    }

    @Test func theVoidedCancelledOrderCountsNothingAndRefundsNothing() throws {
        let a = try readPlatformFile(Self.augSep)
        let lines = a.orderLines.filter { $0.orderID == "#1021" }
        #expect(lines.count == 2 && lines.allSatisfy { $0.status == .cancelled })
        #expect(!a.refunds.contains { $0.orderID == "#1021" })
    }

    @Test func frenchSeptemberIsTheWorkedExample() throws {
        // fixtures/README.md, "Shopify, 2026-09, market FR": #1017 and #1028, prices including VAT.
        let a = try readPlatformFile(Self.augSep)
        let lines = a.orderLines.filter { $0.market == Market(code: "FR") && $0.orderTime.utcDate.month == YearMonth("2026-09")! }
        #expect(Set(lines.map(\.orderID)) == ["#1017", "#1028"])
        #expect(lines.map(\.quantity).reduce(0, +) == 3)
        // gross = items + shipping, tax taken out: (27.99 + 25.99 + 4.90 − 8.91) + (16.90 + 4.90 − 3.63) = 49.97 + 18.17
        #expect(Money.sum(lines.map { $0.itemAmount + $0.shippingCharged }) == m("68.14"))
        #expect(Money.sum(lines.map(\.discount)) == m("5.40"))  // WELCOME10 on #1017
        #expect(Money.sum(lines.map(\.tax)) == m("12.54"))  // 8.91 + 3.63
        let refund = try #require(a.refunds.first { $0.orderID == "#1028" })
        // Paid at 2026-09-25 18:17:00 +0200 = 16:17 UTC: refund dated 2026-09-25, 16.90 EUR as written.
        #expect(refund.amount == m("16.90") && refund.refundDate == day("2026-09-25") && refund.currency == .EUR)
        #expect(refund.market == Market(code: "FR"))
    }

    @Test func allocatesOrderLevelAmountsInProportionToTheLines() throws {
        let run = try readPlatformFile(try Self.handMadeFile())
        #expect(run.reconciliation.rowsLoaded == 6 && run.reconciliation.rowsRejected == 0)
        // #1: prices exclude tax (Total 44.50 = Subtotal 34.00 + Shipping 8.00 + Taxes 2.50). Lines 10.00 and 30.00
        // (weights 1 : 3). Discount Amount 6.00 − own line discount 2.00 = 4.00 → 1.00 + 3.00. Shipping 8.00 →
        // 2.00 + 6.00. Taxes 2.50 → 0.625 + 1.875.
        let one = run.orderLines.filter { $0.orderID == "#1" }
        #expect(one.map(\.itemAmount) == [m("10.00"), m("30.00")])
        #expect(one.map(\.discount) == [m("1.00"), m("5.00")])
        #expect(one.map(\.shippingCharged) == [m("2.00"), m("6.00")])
        #expect(one.map(\.tax) == [m("0.625"), m("1.875")])
        #expect(one.allSatisfy { $0.currency == .USD && $0.market == Market(code: "US") && $0.status == .shipped })
        #expect(one[0].customerKey == "email:ava.thompson(at)example.com")  // trimmed, lower-cased, never raw
        // Created at 2026-09-01 10:00:00 -0400 = 14:00 UTC.
        #expect(one[0].orderTime.description == "2026-09-01T14:00:00Z")
        // #2: prices include tax (Total 28.70 = Subtotal 23.80 + Shipping 4.90). Taxes 4.58 split over
        // 23.80 : 4.90 → line 4.58 × 23.80 / 28.70 = 3.798048780… → 3.798049, shipping 4.58 − 3.798049 = 0.781951.
        // Item 23.80 − 3.798049 = 20.001951; shipping 4.90 − 0.781951 = 4.118049; tax 4.58.
        let two = try #require(run.orderLines.first { $0.orderID == "#2" })
        #expect(two.itemAmount == m("20.001951") && two.shippingCharged == m("4.118049") && two.tax == m("4.58"))
        #expect(two.quantity == 2 && two.status == .placed && two.market == Market(code: "DE"))
        // partially_refunded 11.90, Paid at 2026-09-02 00:30:00 +0200 = 2026-09-01 22:30 UTC → refund on 09-01.
        let refund = try #require(run.refunds.first)
        #expect(refund.orderID == "#2" && refund.amount == m("11.90") && refund.refundDate == day("2026-09-01"))
        // #3: Cancelled at → cancelled lines; refunded but cancelled → no refund fact. Billing country only → GB.
        let three = run.orderLines.filter { $0.orderID == "#3" }
        #expect(three.count == 2 && three.allSatisfy { $0.status == .cancelled && $0.market == Market(code: "GB") })
        #expect(run.refunds.count == 1)
        // JPY without decimals, quoted newline in Notes, postal code with a leading apostrophe: #4 loads.
        let four = try #require(run.orderLines.first { $0.orderID == "#4" })
        #expect(four.currency == .JPY && four.itemAmount == m("3980") && four.customerKey == nil)
    }

    @Test func rejectsLinesOfUnknownOrNonContiguousOrders() throws {
        // fixtures/malformed/shopify_unknown_order_line.csv
        let run = try readPlatformFile("malformed/shopify_unknown_order_line.csv")
        let rec = run.reconciliation
        #expect((rec.rowsRead, rec.rowsLoaded, rec.rowsRejected, rec.rowsSkipped) == (5, 3, 2, 0))
        #expect(run.rejects.map { "\($0.line):\($0.column):\($0.value)" } == ["4:Created at:", "6:Name:#2001"])
        #expect(run.orderLines.map(\.orderID) == ["#2001", "#2001", "#2003"])
    }

    @Test func noFactCarriesAnEmail() throws {
        for file in [Self.augSep, Self.october] {
            let run = try readPlatformFile(file)
            #expect(run.orderLines.contains { $0.customerKey != nil })
            for fact in run.facts { #expect(!strings(in: fact).contains { $0.contains("@") }, "\(file)") }
        }
    }

    @Test(arguments: [
        (m("10.00"), [m("1"), m("3")], [m("2.50"), m("7.50")]),
        (m("0.01"), [m("1"), m("1"), m("1")], [m("0.003333"), m("0.003333"), m("0.003334")]),
        (m("5.00"), [Money.zero, Money.zero], [m("2.50"), m("2.50")]),
        (m("-3.00"), [m("2"), m("1")], [m("-2.00"), m("-1.00")]),
    ])
    func allocationAddsUpExactly(_ total: Money, _ weights: [Money], _ shares: [Money]) {
        let got = Allocation.proportional(total, weights: weights)
        #expect(got == shares)
        #expect(Money.sum(got) == total)
    }

    static func handMadeFile() throws -> String {
        let header = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Amount", "Created at", "Lineitem quantity", "Lineitem price", "Lineitem sku", "Lineitem discount", "Billing Zip", "Billing Country", "Shipping Country", "Notes", "Cancelled at", "Refunded Amount", "Duties"]
        func row(_ v: [String: String]) -> String {
            header.map { h in
                let s = v[h] ?? ""
                return s.contains(",") || s.contains("\n") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
            }.joined(separator: ",")
        }
        let rows = [
            row(["Name": "#1", "Email": " Ava.Thompson@Example.com ", "Financial Status": "paid", "Fulfillment Status": "fulfilled", "Currency": "USD", "Subtotal": "34.00", "Shipping": "8.00", "Taxes": "2.50", "Total": "44.50", "Discount Amount": "6.00", "Created at": "2026-09-01 10:00:00 -0400", "Lineitem quantity": "1", "Lineitem price": "10.00", "Lineitem sku": "TM-A", "Lineitem discount": "0.00", "Shipping Country": "US", "Refunded Amount": "0.00"]),
            row(["Name": "#1", "Lineitem quantity": "1", "Lineitem price": "30.00", "Lineitem sku": "TM-B", "Lineitem discount": "2.00"]),
            row(["Name": "#2", "Email": "jonas@example.de", "Financial Status": "partially_refunded", "Paid at": "2026-09-02 00:30:00 +0200", "Fulfillment Status": "unfulfilled", "Currency": "EUR", "Subtotal": "23.80", "Shipping": "4.90", "Taxes": "4.58", "Total": "28.70", "Discount Amount": "0.00", "Created at": "2026-09-02 00:20:00 +0200", "Lineitem quantity": "2", "Lineitem price": "11.90", "Lineitem sku": "TM-C", "Shipping Country": "DE", "Refunded Amount": "11.90"]),
            row(["Name": "#3", "Email": "x@example.co.uk", "Financial Status": "refunded", "Currency": "GBP", "Subtotal": "20.00", "Shipping": "0.00", "Taxes": "3.33", "Total": "20.00", "Created at": "2026-09-03 09:00:00 +0100", "Cancelled at": "2026-09-03 12:00:00 +0100", "Lineitem quantity": "1", "Lineitem price": "12.00", "Lineitem sku": "TM-D", "Billing Country": "GB", "Refunded Amount": "20.00"]),
            row(["Name": "#3", "Lineitem quantity": "1", "Lineitem price": "8.00", "Lineitem sku": "TM-E"]),
            row(["Name": "#4", "Financial Status": "paid", "Currency": "JPY", "Subtotal": "3980", "Shipping": "0", "Taxes": "0", "Total": "3980", "Created at": "2026-09-04 09:00:00 +0900", "Lineitem quantity": "1", "Lineitem price": "3980", "Lineitem sku": "TM-F", "Billing Zip": "'150-0001", "Shipping Country": "JP", "Notes": "Leave at the door.\nThank you"]),
        ]
        return try writeTemporaryFile("shopify.csv", ([header.joined(separator: ",")] + rows).joined(separator: "\n") + "\n")
    }
}
