import TidemarkCommerce
import TidemarkNormalize

/// One row of `acquisition.csv`: one ad channel (ad platform) in one market and month (metrics.md §5), in the
/// reporting currency, unrounded.
public struct AcquisitionRow: Hashable, Sendable {
    public var month: YearMonth
    public var market: Market
    /// The ad platform (`amazon_ads`, `google_ads`, `meta_ads` …).
    public var channel: Platform
    /// Σ spend, each ad row converted with its own date's rate.
    public var spend: Money
    /// Customers whose first order over all loaded history is in this month and market (all channels: the same
    /// figure on every channel row of the market and month).
    public var newCustomers: Int
    /// Σ attributed orders; `nil` when a row did not report them or windows are mixed.
    public var attributedOrders: Int?
    /// Σ attributed sales; `nil` when a row did not report them or windows are mixed.
    public var attributedSales: Money?
    public var attributionWindow: AttributionWindow
    /// All channels' spend in this market and month (for blended CAC and MER).
    public var marketSpend: Money
    /// Gross sales of the market and month from the margin table, or `nil` when unknown.
    public var grossSales: Money?
    /// Gross-margin % of the market and month from the margin table, or `nil` when unknown.
    public var grossMarginRate: Ratio?

    public init(
        month: YearMonth, market: Market, channel: Platform, spend: Money, newCustomers: Int, attributedOrders: Int?,
        attributedSales: Money?, attributionWindow: AttributionWindow, marketSpend: Money, grossSales: Money?,
        grossMarginRate: Ratio?
    ) {
        self.month = month
        self.market = market
        self.channel = channel
        self.spend = spend
        self.newCustomers = newCustomers
        self.attributedOrders = attributedOrders
        self.attributedSales = attributedSales
        self.attributionWindow = attributionWindow
        self.marketSpend = marketSpend
        self.grossSales = grossSales
        self.grossMarginRate = grossMarginRate
    }

    /// CAC (paid) = spend / min(attributed orders, new customers): attributed orders stand in for the new customers
    /// the channel brought, capped at the market's new customers. `nil` without attributed orders or when the
    /// capped count is 0.
    public var cac: Money? {
        guard let orders = attributedOrders else { return nil }
        return AcquisitionRow.divide(spend, min(orders, newCustomers))
    }
    /// Blended CAC = all ad spend of the market and month / its new customers; `nil` without new customers.
    public var blendedCAC: Money? { AcquisitionRow.divide(marketSpend, newCustomers) }
    /// ROAS = attributed sales / spend.
    public var roas: Ratio? { AdRatios.roas(sales: attributedSales, spend: spend) }
    /// ACoS = spend / attributed sales.
    public var acos: Ratio? { AdRatios.acos(sales: attributedSales, spend: spend) }
    /// TACoS = this channel's spend / gross sales of the market and month (channel rows add up to the market's
    /// TACoS).
    public var tacos: Ratio? { grossSales.flatMap { Ratio(spend, over: $0) } }
    /// MER = gross sales of the market and month / all ad spend there (a market figure, the same on every channel
    /// row).
    public var mer: Ratio? { grossSales.flatMap { Ratio($0, over: marketSpend) } }
    /// ROI = (attributed sales × gross-margin % of the market and month − spend) / spend; see ``AdRatios/roi``.
    public var roi: Ratio? { AdRatios.roi(sales: attributedSales, spend: spend, grossMarginRate: grossMarginRate) }

    /// `amount / count`, truncated toward zero at the sixth decimal (so rounding once at output gives the rounded
    /// quotient, as for AOV); `nil` when `count` is 0.
    static func divide(_ amount: Money, _ count: Int) -> Money? {
        count == 0 ? nil : Money(micros: amount.micros / Int64(count))
    }
}

/// Ad spend and new customers of one market and month over all channels: blended CAC for LTV:CAC and the summary.
public struct AcquisitionMarketRow: Hashable, Sendable {
    public var month: YearMonth
    public var market: Market
    /// Σ ad spend of every channel; `nil` when no ad row of any market is loaded for the month (unknown, not 0).
    public var spend: Money?
    public var newCustomers: Int
    public var grossSales: Money?

    public init(month: YearMonth, market: Market, spend: Money?, newCustomers: Int, grossSales: Money?) {
        self.month = month
        self.market = market
        self.spend = spend
        self.newCustomers = newCustomers
        self.grossSales = grossSales
    }

    /// Blended CAC = all ad spend / all new customers; `nil` without spend figures or new customers.
    public var blendedCAC: Money? { spend.flatMap { AcquisitionRow.divide($0, newCustomers) } }
    /// TACoS = all ad spend / gross sales.
    public var tacos: Ratio? { guard let spend, let grossSales else { return nil }; return Ratio(spend, over: grossSales) }
    /// MER = gross sales / all ad spend.
    public var mer: Ratio? { guard let spend, let grossSales else { return nil }; return Ratio(grossSales, over: spend) }
}

/// The acquisition tables.
public struct AcquisitionTables: Sendable {
    /// Month × market × channel, sorted.
    public var rows: [AcquisitionRow]
    /// Month × market (every market and month with ad spend or new customers), sorted.
    public var markets: [AcquisitionMarketRow]
    /// Ad rows left out because their currency had no rate on their date (the converter records which).
    public var adRowsWithoutRate: Int
}

/// Computes acquisition and return on spend per month × market × channel from ad rows, with new customers, gross
/// sales and gross-margin % per market and month as inputs (from ``FirstOrders`` and the margin table).
///
/// Spend and attributed sales are converted with the ad date's rate; an ad row without a rate is left out and
/// counted. The attribution window is kept per row: a group whose rows state different windows is
/// ``AttributionWindow/mixed`` and has no attributed figures. Memory grows with the number of groups.
public struct AcquisitionCalculator {
    public let converter: CurrencyConverter
    /// New customers per month × market of their first order.
    public let newCustomers: [MonthMarket: Int]
    /// Gross sales per month × market (the margin summary's total over platforms).
    public let grossSales: [MonthMarket: Money]
    /// Gross-margin % per month × market; absent where COGS is unknown.
    public let grossMarginRates: [MonthMarket: Ratio]

    public init(
        converter: CurrencyConverter, newCustomers: [MonthMarket: Int], grossSales: [MonthMarket: Money] = [:],
        grossMarginRates: [MonthMarket: Ratio] = [:]
    ) {
        self.converter = converter
        self.newCustomers = newCustomers
        self.grossSales = grossSales
        self.grossMarginRates = grossMarginRates
    }

    fileprivate struct Key: Hashable {
        let month: YearMonth
        let market: Market
        let channel: Platform
    }

    /// Accumulates ad rows; call ``finish(_:)`` for the tables.
    public final class Accumulator {
        // Touched on every row: `@exclusivity(unchecked)` drops the run-time exclusivity check of each access. Only
        // the calculator's methods reach these, one access at a time.
        @exclusivity(unchecked) fileprivate var groups: [Key: AdTotals] = [:]
        @exclusivity(unchecked) fileprivate var adMonths: Set<YearMonth> = []
        @exclusivity(unchecked) fileprivate var lastMonth: YearMonth?
        /// The month of the last row's date.
        @exclusivity(unchecked) fileprivate var recentMonth = RecentMonth()
        @exclusivity(unchecked) fileprivate var withoutRate = 0
        /// The group of the last rows added and their totals, not yet in ``groups``: ad rows come sorted by date,
        /// so rows of one group arrive in runs and are added to the dictionary once per run.
        @exclusivity(unchecked) fileprivate var current: (key: Key, totals: AdTotals)?
        fileprivate init() {}

        fileprivate func flush() {
            guard let (key, totals) = current else { return }
            groups[key, default: AdTotals()].add(totals)
            current = nil
        }
    }

    /// A fresh accumulator.
    public func makeAccumulator() -> Accumulator { Accumulator() }

    /// Adds one ad row in its date's month.
    public func add(_ ad: AdPerformance, to acc: Accumulator) { add(ad, converted: ConvertedAd.of(ad, converter), to: acc) }

    /// Adds one ad row whose amounts are already converted (`nil`: no rate).
    public func add(_ ad: AdPerformance, converted: ConvertedAd?, to acc: Accumulator) {
        let month = acc.recentMonth.of(ad.date)
        if acc.lastMonth != month {
            acc.adMonths.insert(month)
            acc.lastMonth = month
        }
        guard let converted else {
            acc.withoutRate += 1
            return
        }
        let key = Key(month: month, market: ad.market, channel: ad.platform)
        if acc.current?.key != key {
            acc.flush()
            acc.current = (key, AdTotals())
        }
        acc.current!.totals.add(ad, spend: converted.spend, sales: converted.sales)
    }

    /// The sorted tables.
    public func finish(_ acc: Accumulator) -> AcquisitionTables {
        acc.flush()
        var marketSpend: [MonthMarket: Money] = [:]
        for (k, t) in acc.groups { marketSpend[MonthMarket(k.month, k.market), default: .zero] += t.spend }
        let rows = acc.groups.map { k, t in
            let mm = MonthMarket(k.month, k.market)
            return AcquisitionRow(
                month: k.month, market: k.market, channel: k.channel, spend: t.spend, newCustomers: newCustomers[mm] ?? 0,
                attributedOrders: t.orders, attributedSales: t.sales, attributionWindow: t.window,
                marketSpend: marketSpend[mm] ?? .zero, grossSales: grossSales[mm], grossMarginRate: grossMarginRates[mm])
        }.sorted { ($0.month, $0.market, $0.channel) < ($1.month, $1.market, $1.channel) }
        let keys = Set(marketSpend.keys).union(newCustomers.filter { $0.value > 0 }.keys)
        let markets = keys.sorted().map { mm in
            AcquisitionMarketRow(
                month: mm.month, market: mm.market,
                spend: marketSpend[mm] ?? (acc.adMonths.contains(mm.month) ? .zero : nil),
                newCustomers: newCustomers[mm] ?? 0, grossSales: grossSales[mm])
        }
        return AcquisitionTables(rows: rows, markets: markets, adRowsWithoutRate: acc.withoutRate)
    }
}
