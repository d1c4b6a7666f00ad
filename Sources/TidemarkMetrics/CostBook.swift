import TidemarkCommerce

/// Unit costs by SKU: the SKU's cost for the market valid on a date, falling back to its generic cost only when
/// no market-specific cost is valid on that date (metrics.md §3).
public struct CostBook: Sendable {
    private struct Key: Hashable {
        let sku: String
        let market: String
    }
    /// Per (SKU, market or ""), (valid from, cost, currency) sorted by date.
    private var entries: [Key: [(CivilDate, Money, Currency)]] = [:]

    public init(_ costs: [UnitCost]) {
        for c in costs { entries[Key(sku: c.sku, market: c.market?.code ?? ""), default: []].append((c.validFrom, c.unitCost, c.currency)) }
        for k in entries.keys { entries[k]!.sort { $0.0 < $1.0 } }
    }

    /// The unit cost of `sku` in `market` valid on `date`, or `nil` when there is none.
    public func cost(sku: String, market: Market, on date: CivilDate) -> (Money, Currency)? {
        if let list = entries[Key(sku: sku, market: market.code)], let specific = CostBook.valid(list, on: date) {
            return specific
        }
        guard let list = entries[Key(sku: sku, market: "")] else { return nil }
        return CostBook.valid(list, on: date)
    }

    private static func valid(_ list: [(CivilDate, Money, Currency)], on date: CivilDate) -> (Money, Currency)? {
        var found: (Money, Currency)?
        for (from, cost, currency) in list {
            if from <= date { found = (cost, currency) } else { break }
        }
        return found
    }
}
