/// Every export format Tidemark reads. Detection tries them all; the most specific match wins.
public enum FormatRegistry {
    /// All known formats, in the order `tidemark formats` lists them.
    public static let all: [FormatDeclaration] = [
        AmazonAllOrders.declaration,
        ECBReferenceRates.declaration,
        PlainFXTable.declaration,
        UnitCosts.declaration,
        AmazonSettlement.declaration,
        AmazonDateRange.declaration,
        AmazonReturns.declaration,
        AmazonFBACustomerReturns.declaration,
        AmazonFBAShipments.declaration,
        ShopifyOrders.declaration,
        EbayOrders.declaration,
        ChineseMarketplaceOrders.aliexpress,
        ChineseMarketplaceOrders.alibaba,
    ]

    /// The format with this id, or `nil`.
    public static func format(id: String) -> FormatDeclaration? { all.first { $0.id == id } }
}
