/// Every export format Tidemark reads. Detection tries them all; the most specific match wins.
public enum FormatRegistry {
    /// All known formats, in the order `tidemark formats` lists them.
    public static let all: [FormatDeclaration] = [
        AmazonAllOrders.declaration,
        ECBReferenceRates.declaration,
        PlainFXTable.declaration,
        UnitCosts.declaration,
        // Selling platforms (issue 3).
        AmazonSettlement.declaration,
        AmazonDateRange.declaration,
        AmazonReturns.declaration,
        AmazonFBACustomerReturns.declaration,
        AmazonFBAShipments.declaration,
        ShopifyOrders.declaration,
        EbayOrders.declaration,
        ChineseMarketplaceOrders.aliexpress,
        ChineseMarketplaceOrders.alibaba,
        // Ads, traffic and logistics (issue 4).
        AmazonAdsSponsoredProducts.declaration,
        GoogleAdsReport.declaration,
        GoogleAdsAPIReport.declaration,
        MetaAdsManager.declaration,
        TikTokAds.declaration,
        AlibabaTraffic.declaration,
        GenericTraffic.declaration,
        GenericShipments.declaration,
        FedExBilling.declaration,
        UPSBilling.declaration,
        ShipStationShipments.declaration,
    ]

    /// Header-less formats, recognised by the shape of their first record once no header matched.
    public static let positional: [PositionalLayout] = [UPSBilling.layout]

    /// The format with this id, or `nil`.
    public static func format(id: String) -> FormatDeclaration? { all.first { $0.id == id } }
}
