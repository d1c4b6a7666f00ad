import TidemarkCommerce
import TidemarkNormalize

/// Ad spend for the margin table (metrics.md §3, "ad spend"): one month × market × ad platform, with the selling
/// platform and SKU it can be attributed to, in the reporting currency, unrounded.
public struct AdSpendRow: Hashable, Sendable {
    public var month: YearMonth
    public var market: Market
    /// The ad platform the spend was reported by.
    public var adPlatform: Platform
    /// The selling platform the spend belongs to (``AdPlatformMapping``), or `nil` when it is known only at market
    /// level.
    public var sellingPlatform: Platform?
    /// The advertised SKU when the ad report is per product and the selling platform is known; otherwise `nil`
    /// (the spend belongs in `sales_margin_summary.csv` only).
    public var sku: String?
    /// Σ spend, each ad row converted with its own date's rate.
    public var spend: Money

    public init(month: YearMonth, market: Market, adPlatform: Platform, sellingPlatform: Platform?, sku: String?, spend: Money) {
        self.month = month
        self.market = market
        self.adPlatform = adPlatform
        self.sellingPlatform = sellingPlatform
        self.sku = sku
        self.spend = spend
    }
}

/// Ad spend by month × market × (selling platform) × (SKU), ready to join to the margin table.
public struct MarginAdSpend: Sendable {
    /// Sorted by month, market, ad platform, selling platform and SKU (`nil` first).
    public var rows: [AdSpendRow]
    /// Months in which any ad row is loaded: there, a margin row with no ad spend has a true 0; elsewhere the figure
    /// is unknown (`nil`).
    public var coveredMonths: Set<YearMonth>
    /// Ad rows left out because their currency had no rate on their date.
    public var rowsWithoutRate: Int

    /// Σ spend per month × market × selling platform × SKU.
    private var bySKU: [MarginKey: Money] = [:]
    /// Σ spend per month × market × selling platform (SKU rows included).
    private var byPlatform: [MarginKey: Money] = [:]

    private struct MarginKey: Hashable {
        let month: YearMonth
        let market: Market
        let platform: Platform
        let sku: String?
    }

    /// The table of `rows`, with the months any ad row is loaded for.
    public init(rows: [AdSpendRow], coveredMonths: Set<YearMonth>, rowsWithoutRate: Int) {
        self.rows = rows
        self.coveredMonths = coveredMonths
        self.rowsWithoutRate = rowsWithoutRate
        for r in rows {
            guard let p = r.sellingPlatform else { continue }
            byPlatform[MarginKey(month: r.month, market: r.market, platform: p, sku: nil), default: .zero] += r.spend
            if let sku = r.sku { bySKU[MarginKey(month: r.month, market: r.market, platform: p, sku: sku), default: .zero] += r.spend }
        }
    }

    /// Spend for one `sales_margin.csv` row: Σ spend naming this selling platform and SKU; 0 when none but some ad
    /// row is loaded for the month; `nil` when none is.
    public func detail(month: YearMonth, market: Market, platform: Platform, sku: String) -> Money? {
        guard coveredMonths.contains(month) else { return nil }
        return bySKU[MarginKey(month: month, market: market, platform: platform, sku: sku)] ?? .zero
    }

    /// Spend for one `sales_margin_summary.csv` row: Σ spend of this selling platform, with or without a SKU; 0 when
    /// none but some ad row is loaded for the month; `nil` when none is.
    public func summary(month: YearMonth, market: Market, platform: Platform) -> Money? {
        guard coveredMonths.contains(month) else { return nil }
        return byPlatform[MarginKey(month: month, market: market, platform: platform, sku: nil)] ?? .zero
    }

    /// Spend of a market and month that belongs to no selling platform, per ad platform (shown at market level, or
    /// as a summary row under the ad platform's own name).
    public func unattributed(month: YearMonth, market: Market) -> [Platform: Money] {
        var out: [Platform: Money] = [:]
        for r in rows where r.month == month && r.market == market && r.sellingPlatform == nil { out[r.adPlatform, default: .zero] += r.spend }
        return out
    }

    /// All ad spend per month × market (every ad platform).
    public var byMarket: [MonthMarket: Money] {
        var out: [MonthMarket: Money] = [:]
        for r in rows { out[MonthMarket(r.month, r.market), default: .zero] += r.spend }
        return out
    }
}

/// Accumulates ad rows into ``MarginAdSpend``: spend in the ad date's month and market, under the selling platform
/// ``AdPlatformMapping`` gives (Amazon Ads → amazon; others only where configured) and, where the selling platform
/// is known and the row names an advertised SKU, under that SKU. Memory grows with the number of output rows.
public struct MarginAdSpendCalculator {
    public let converter: CurrencyConverter
    public let mapping: AdPlatformMapping

    public init(converter: CurrencyConverter, mapping: AdPlatformMapping = AdPlatformMapping()) {
        self.converter = converter
        self.mapping = mapping
    }

    /// A month, the number of a market × ad platform × selling platform in ``Accumulator/lanes`` and a SKU: hashing
    /// it hashes one string rather than four.
    fileprivate struct Key: Hashable {
        let month: YearMonth
        let lane: Int32
        let sku: String?
    }

    fileprivate struct Lane: Equatable {
        let market: Market
        let adPlatform: Platform
        let sellingPlatform: Platform?
    }

    /// Accumulates ad rows; call ``finish(_:)``.
    ///
    /// Keys are numbered and their sums kept in an array. Ad rows come by date, and the rows of a campaign's day list
    /// the same SKUs in the same order every day, so the key that followed a key last time is tried before hashing:
    /// a key whose run of rows ends costs a comparison, not a dictionary look-up, once the month's first day is seen.
    public final class Accumulator {
        // Touched on every row: `@exclusivity(unchecked)` drops the run-time exclusivity check of each access. Only
        // the calculator's methods reach these, one access at a time.
        @exclusivity(unchecked) fileprivate var numbers: [Key: Int32] = [:]
        @exclusivity(unchecked) fileprivate var keys: [Key] = []
        @exclusivity(unchecked) fileprivate var sums: [Money] = []
        /// By key number: the number of the key whose rows came next the last time (-1: none yet).
        @exclusivity(unchecked) fileprivate var successor: [Int32] = []
        /// The number of the key flushed last (-1: none yet).
        @exclusivity(unchecked) fileprivate var lastFlushed: Int32 = -1
        @exclusivity(unchecked) fileprivate var months: Set<YearMonth> = []
        @exclusivity(unchecked) fileprivate var lastMonth: YearMonth?
        /// The month of the last row's date.
        @exclusivity(unchecked) fileprivate var recentMonth = RecentMonth()
        @exclusivity(unchecked) fileprivate var withoutRate = 0
        /// The selling platform of the last ad platform looked up.
        @exclusivity(unchecked) fileprivate var lastMapping: (adPlatform: Platform, selling: Platform?)?
        /// The market × ad platform × selling platform pairs of the keys, numbered (a few dozen).
        @exclusivity(unchecked) fileprivate var lanes = FirstSeenNumbering<Lane>()
        /// The key of the last rows added and their spend, not yet in ``sums``.
        @exclusivity(unchecked) fileprivate var current: (key: Key, spend: Money)?
        fileprivate init() {}

        fileprivate func number(_ lane: Lane) -> Int32 { lanes.number(lane) }

        fileprivate func flush() {
            guard let (key, amount) = current else { return }
            let n = number(key)
            sums[Int(n)] += amount
            current = nil
        }

        /// The number of `key`, assigned on first use: the successor of the key flushed last when it is that one.
        private func number(_ key: Key) -> Int32 {
            let predicted = lastFlushed >= 0 ? successor[Int(lastFlushed)] : -1
            let n: Int32
            if predicted >= 0 && keys[Int(predicted)] == key {
                n = predicted
            } else {
                if let known = numbers[key] {
                    n = known
                } else {
                    n = Int32(keys.count)
                    numbers[key] = n
                    keys.append(key)
                    sums.append(.zero)
                    successor.append(-1)
                }
                if lastFlushed >= 0 { successor[Int(lastFlushed)] = n }
            }
            lastFlushed = n
            return n
        }
    }

    /// A fresh accumulator.
    public func makeAccumulator() -> Accumulator { Accumulator() }

    /// Adds one ad row's spend.
    public func add(_ ad: AdPerformance, to acc: Accumulator) { add(ad, converted: ConvertedAd.of(ad, converter), to: acc) }

    /// Adds one ad row's spend, already converted (`nil`: no rate).
    public func add(_ ad: AdPerformance, converted: ConvertedAd?, to acc: Accumulator) {
        let month = acc.recentMonth.of(ad.date)
        if acc.lastMonth != month {
            acc.months.insert(month)
            acc.lastMonth = month
        }
        guard let converted else {
            acc.withoutRate += 1
            return
        }
        let selling: Platform?
        if let last = acc.lastMapping, last.adPlatform == ad.platform {
            selling = last.selling
        } else {
            selling = mapping.sellingPlatform(for: ad.platform)
            acc.lastMapping = (ad.platform, selling)
        }
        let sku = selling == nil ? nil : ad.sku.flatMap { $0.isEmpty ? nil : $0 }
        let key = Key(month: month, lane: acc.number(Lane(market: ad.market, adPlatform: ad.platform, sellingPlatform: selling)), sku: sku)
        if acc.current?.key != key {
            acc.flush()
            acc.current = (key, .zero)
        }
        acc.current!.spend += converted.spend
    }

    /// The rows, sorted.
    public func finish(_ acc: Accumulator) -> MarginAdSpend {
        acc.flush()
        let rows = zip(acc.keys, acc.sums).map { k, v in
            let lane = acc.lanes[k.lane]
            return AdSpendRow(month: k.month, market: lane.market, adPlatform: lane.adPlatform, sellingPlatform: lane.sellingPlatform, sku: k.sku, spend: v)
        }.sorted(by: MarginAdSpendCalculator.precedes)
        return MarginAdSpend(rows: rows, coveredMonths: acc.months, rowsWithoutRate: acc.withoutRate)
    }

    /// The order of ``MarginAdSpend/rows``: (month, market, ad platform, selling platform name or "", SKU or ""),
    /// compared field by field without building a tuple of strings per comparison.
    static func precedes(_ a: AdSpendRow, _ b: AdSpendRow) -> Bool {
        if a.month != b.month { return a.month < b.month }
        if a.market != b.market { return a.market < b.market }
        if a.adPlatform != b.adPlatform { return a.adPlatform < b.adPlatform }
        let (sa, sb) = (a.sellingPlatform?.name ?? "", b.sellingPlatform?.name ?? "")
        if sa != sb { return sa < sb }
        return (a.sku ?? "") < (b.sku ?? "")
    }
}

/// Contribution margin (metrics.md §3): net revenue − COGS − platform fees − shipping & fulfilment − duties − ad
/// spend, and CM % = contribution margin / net revenue.
///
/// Every cost must be known: a `nil` cost (no source, a unit cost missing) leaves the margin `nil`, never a margin
/// that silently treats the unknown cost as 0.
public enum ContributionMargin {
    /// The contribution margin, or `nil` when any cost is unknown.
    public static func amount(
        netRevenue: Money, cogs: Money?, platformFees: Money?, shippingFulfilment: Money?, duties: Money?, adSpend: Money?
    ) -> Money? {
        guard let cogs, let platformFees, let shippingFulfilment, let duties, let adSpend else { return nil }
        return netRevenue - cogs - platformFees - shippingFulfilment - duties - adSpend
    }

    /// CM % = contribution margin / net revenue; `nil` when the margin is unknown or net revenue is 0.
    public static func rate(
        netRevenue: Money, cogs: Money?, platformFees: Money?, shippingFulfilment: Money?, duties: Money?, adSpend: Money?
    ) -> Ratio? {
        amount(netRevenue: netRevenue, cogs: cogs, platformFees: platformFees, shippingFulfilment: shippingFulfilment, duties: duties, adSpend: adSpend)
            .flatMap { Ratio($0, over: netRevenue) }
    }
}
