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
        schedule(sku: sku, market: market).cost(on: date)
    }

    /// Every cost of `sku` that can apply in `market`: look it up once for many dates (a caller that meets the
    /// same SKU and market on many lines keeps it, instead of hashing the SKU for every line).
    public func schedule(sku: String, market: Market) -> CostSchedule {
        CostSchedule(specific: entries[Key(sku: sku, market: market.code)] ?? [], generic: entries[Key(sku: sku, market: "")] ?? [])
    }
}

/// The costs of one SKU in one market (``CostBook/schedule(sku:market:)``).
public struct CostSchedule: Sendable {
    /// The market-specific and the generic costs, each sorted by the date they are valid from.
    fileprivate let specific: [(CivilDate, Money, Currency)]
    fileprivate let generic: [(CivilDate, Money, Currency)]

    /// The unit cost valid on `date` (market-specific first), or `nil` when there is none: the same as
    /// ``CostBook/cost(sku:market:on:)``.
    public func cost(on date: CivilDate) -> (Money, Currency)? {
        CostSchedule.valid(specific, on: date) ?? CostSchedule.valid(generic, on: date)
    }

    private static func valid(_ list: [(CivilDate, Money, Currency)], on date: CivilDate) -> (Money, Currency)? {
        var found: (Money, Currency)?
        for (from, cost, currency) in list {
            if from <= date { found = (cost, currency) } else { break }
        }
        return found
    }
}
