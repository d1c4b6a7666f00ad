import TidemarkCommerce

extension Warehouse {
    /// Every stored ad-performance row in key order (date, platform, account, campaign, ad group, SKU, market,
    /// window), reading only the columns the insights pass uses: `adGroup` comes back `nil` and the provenance empty.
    ///
    /// Rows of one campaign come one after another, so account, campaign and window texts equal to the previous
    /// row's are handed out as that row's strings: the calculators compare keys of adjacent rows, which is then a
    /// comparison of identical storage.
    public func forEachInsightsAd(_ body: (AdPerformance) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT ad_date, platform, account, campaign, sku, market, attribution_window, currency, impressions, clicks,
                   spend_micros, attributed_orders, attributed_sales_micros
            FROM ad_performance ORDER BY ad_date, platform, account, campaign, ad_group, sku, market, attribution_window, item_seq
            """)
        var dates = LastValue<CivilDate?>(), markets = Interned<Market?>(), currencies = Interned<Currency?>(), platforms = Interned<Platform>()
        var accounts = LastValue<String>(), campaigns = LastValue<String>(), windows = Interned<String>()
        func unreadable(_ what: String, _ text: String) -> WarehouseError {
            WarehouseError(code: 0, message: "unreadable \(what) \(text)", sql: nil)
        }
        while try s.step() {
            let dateText = s.text(0), marketText = s.text(5), currencyText = s.text(7), sku = s.text(4), window = s.text(6)
            guard let day = dates.value(dateText, { CivilDate(iso: $0) }) else { throw unreadable("date", dateText) }
            guard let m = markets.value(marketText, { Market(code: $0) }) else { throw unreadable("market", marketText) }
            guard let c = currencies.value(currencyText, { Currency(code: $0) }) else { throw unreadable("currency", currencyText) }
            try body(
                AdPerformance(
                    provenance: Provenance(file: "", line: 0), date: day, platform: platforms.value(s.text(1), { Platform($0) }),
                    account: accounts.value(s.text(2), { $0 }), campaign: campaigns.value(s.text(3), { $0 }), adGroup: nil,
                    sku: sku.isEmpty ? nil : sku, market: m, currency: c,
                    impressions: Int(s.int64(8)), clicks: Int(s.int64(9)), spend: Money(micros: s.int64(10)),
                    attributedOrders: s.optionalInt64(11).map { Int($0) }, attributedSales: s.optionalInt64(12).map { Money(micros: $0) },
                    attributionWindow: window.isEmpty ? nil : windows.value(window, { $0 })))
        }
    }
}
