import Testing

@testable import TidemarkIngest

@Suite("HeaderName")
struct HeaderNameTests {
    @Test func treatsKebabTitleAndSnakeCaseAsOneName() {
        let kebab = HeaderName.normalize("amazon-order-id")
        #expect(kebab == "amazon order id")
        #expect(HeaderName.normalize("Amazon Order ID") == kebab)
        #expect(HeaderName.normalize("amazon_order_id") == kebab)
        #expect(HeaderName.normalize("AMAZON-ORDER-ID") == kebab)
    }

    @Test func dropsAByteOrderMark() {
        #expect(HeaderName.normalize("\u{FEFF}amazon-order-id") == "amazon order id")
    }

    @Test(arguments: [
        ("7 Day Total Sales ", "7 day total sales"),
        ("Total Advertising Cost of Sales (ACoS) ", "total advertising cost of sales (acos)"),
        ("  sku", "sku"),
        ("\tsku\t", "sku"),
        ("Order  ID", "order id"),
        ("order - id", "order id"),
        ("valid_from", "valid from"),
        ("Amount\u{00A0}spent (EUR)", "amount spent (eur)"),
    ])
    func ignoresSurroundingSpacesAndFoldsRuns(_ raw: String, _ expected: String) {
        #expect(HeaderName.normalize(raw) == expected)
    }

    @Test func keepsTheAttributionWindowInTheName() {
        // 7 Day and 14 Day columns are different columns
        #expect(HeaderName.normalize("7 Day Total Sales ") != HeaderName.normalize("14 Day Total Sales"))
    }

    @Test func keepsNonLatinNames() {
        #expect(HeaderName.normalize("订单号") == "订单号")
    }

    @Test func matchesAFormatByAnySpellingOfItsColumns() throws {
        // Amazon's columns written in Title Case, with a BOM on the first one, still map to the format's fields.
        let raw = ["\u{FEFF}Amazon Order ID", "Purchase Date", "Order Status", "SKU", "Quantity", "Currency", "Item Price"]
        let map = try AmazonAllOrders.declaration.match(normalizedHeader: raw.map(HeaderName.normalize), rawHeader: raw).get()
        #expect(map.index("order_id") == 0)
        #expect(map.index("item_price") == 6)
        #expect(map.index("item_tax") == nil)
    }
}
