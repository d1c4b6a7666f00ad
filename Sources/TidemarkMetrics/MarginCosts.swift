import TidemarkCommerce

/// Adds the costs that come from other sources to the sales-and-margin tables: shipping & fulfilment and duties
/// (allocated to order lines by ``ShippingAllocator``) and ad spend (``MarginAdSpendCalculator``), so that the
/// contribution margin can be computed.
///
/// - A detail row gets its SKU's share; a summary row the sum of its platform's shares, with or without SKU.
/// - In a month with shipments (or ads) loaded a row without any gets 0; in a month without, `nil` (unknown).
/// - Costs that belong to no selling platform get summary rows of their own: shipping charges linked to no order
///   under platform `unlinked_shipping`, ad spend of an ad platform mapped to no selling platform under the ad
///   platform's name (`google_ads`). Their contribution margin is simply minus the cost.
public enum MarginCosts {
    public static func apply(_ tables: SalesMarginTables, shipping: ShippingAllocation, ads: MarginAdSpend, period: ClosedRange<CivilDate>?) -> SalesMarginTables {
        struct Key: Hashable {
            let month: YearMonth
            let market: Market
            let platform: Platform
            let sku: String?
        }
        var shipDetail: [Key: (Money, Money)] = [:]
        var shipSummary: [Key: (Money, Money)] = [:]
        for r in shipping.rows {
            if let sku = r.sku {
                let k = Key(month: r.month, market: r.market, platform: r.platform, sku: sku)
                let v = shipDetail[k] ?? (.zero, .zero)
                shipDetail[k] = (v.0 + r.shippingFulfilment, v.1 + r.duties)
            }
            let k = Key(month: r.month, market: r.market, platform: r.platform, sku: nil)
            let v = shipSummary[k] ?? (.zero, .zero)
            shipSummary[k] = (v.0 + r.shippingFulfilment, v.1 + r.duties)
        }
        func inPeriod(_ month: YearMonth) -> Bool {
            guard let period else { return true }
            return month.lastDay >= period.lowerBound && month.firstDay <= period.upperBound
        }
        var out = tables
        for i in out.detail.indices {
            let r = out.detail[i]
            let covered = shipping.shipmentMonths.contains(r.month)
            let s = shipDetail[Key(month: r.month, market: r.market, platform: r.platform, sku: r.sku)]
            out.detail[i].shippingFulfilment = s?.0 ?? (covered ? .zero : nil)
            out.detail[i].duties = s?.1 ?? (covered ? .zero : nil)
            out.detail[i].adSpend = ads.detail(month: r.month, market: r.market, platform: r.platform, sku: r.sku ?? "")
        }
        var seen: Set<Key> = []
        for i in out.summary.indices {
            let r = out.summary[i]
            let key = Key(month: r.month, market: r.market, platform: r.platform, sku: nil)
            seen.insert(key)
            let covered = shipping.shipmentMonths.contains(r.month)
            let s = shipSummary[key]
            out.summary[i].shippingFulfilment = s?.0 ?? (covered ? .zero : nil)
            out.summary[i].duties = s?.1 ?? (covered ? .zero : nil)
            out.summary[i].adSpend = ads.summary(month: r.month, market: r.market, platform: r.platform)
        }
        func costRow(_ month: YearMonth, _ market: Market, _ platform: Platform) -> SalesMarginRow {
            var row = SalesMarginRow(
                month: month, market: market, platform: platform, sku: nil, orders: 0, units: 0, grossSales: .zero, discounts: .zero,
                refunds: nil, cogs: .zero, taxCollected: .zero, platformFees: .zero)
            row.shippingFulfilment = .zero
            row.duties = .zero
            row.adSpend = .zero
            return row
        }
        // Shares that landed on a platform × market with no sales row (an order outside the period's rows).
        for (key, v) in shipSummary where !seen.contains(key) && inPeriod(key.month) {
            var row = costRow(key.month, key.market, key.platform)
            row.shippingFulfilment = v.0
            row.duties = v.1
            out.summary.append(row)
        }
        var unlinked: [Key: (Money, Money)] = [:]
        for u in shipping.unlinked where inPeriod(u.month) {
            let k = Key(month: u.month, market: u.market, platform: Platform("unlinked_shipping"), sku: nil)
            let v = unlinked[k] ?? (.zero, .zero)
            unlinked[k] = (v.0 + u.shippingFulfilment, v.1 + u.duties)
        }
        for (k, v) in unlinked {
            var row = costRow(k.month, k.market, k.platform)
            row.shippingFulfilment = v.0
            row.duties = v.1
            out.summary.append(row)
        }
        var months: Set<YearMonth> = []
        var markets: Set<Market> = []
        for r in ads.rows where r.sellingPlatform == nil && inPeriod(r.month) {
            months.insert(r.month)
            markets.insert(r.market)
        }
        for month in months.sorted() {
            for market in markets.sorted() {
                for (platform, spend) in ads.unattributed(month: month, market: market) {
                    var row = costRow(month, market, platform)
                    row.adSpend = spend
                    out.summary.append(row)
                }
            }
        }
        out.summary = out.summary.filter(\.hasAnyFigure).sorted {
            ($0.month, $0.market, $0.platform.name) < ($1.month, $1.market, $1.platform.name)
        }
        return out
    }
}
