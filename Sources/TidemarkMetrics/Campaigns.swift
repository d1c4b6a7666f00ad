import TidemarkCommerce
import TidemarkNormalize

/// One row of `campaigns.csv`: one campaign of one ad account, in one market and month, in the reporting currency,
/// unrounded.
///
/// A campaign whose rows name two markets (or two accounts using the same campaign name) gives one row per account
/// and market, so that ROI can use the market's gross-margin %.
public struct CampaignRow: Hashable, Sendable {
    public var month: YearMonth
    /// The ad platform.
    public var platform: Platform
    public var account: String
    public var campaign: String
    public var market: Market
    public var impressions: Int
    public var clicks: Int
    /// Σ spend, each ad row converted with its own date's rate.
    public var spend: Money
    /// Σ attributed orders; `nil` when a row did not report them or windows are mixed.
    public var attributedOrders: Int?
    /// Σ attributed sales; `nil` when a row did not report them or windows are mixed.
    public var attributedSales: Money?
    public var attributionWindow: AttributionWindow
    /// Gross-margin % of the market and month, for ROI.
    public var grossMarginRate: Ratio?

    public init(
        month: YearMonth, platform: Platform, account: String, campaign: String, market: Market, impressions: Int,
        clicks: Int, spend: Money, attributedOrders: Int?, attributedSales: Money?, attributionWindow: AttributionWindow,
        grossMarginRate: Ratio?
    ) {
        self.month = month
        self.platform = platform
        self.account = account
        self.campaign = campaign
        self.market = market
        self.impressions = impressions
        self.clicks = clicks
        self.spend = spend
        self.attributedOrders = attributedOrders
        self.attributedSales = attributedSales
        self.attributionWindow = attributionWindow
        self.grossMarginRate = grossMarginRate
    }

    /// CTR = clicks / impressions; `nil` without impressions.
    public var ctr: Ratio? { Ratio(clicks, over: impressions) }
    /// CPC = spend / clicks, truncated at the sixth decimal; `nil` without clicks.
    public var cpc: Money? { AcquisitionRow.divide(spend, clicks) }
    /// ROAS = attributed sales / spend.
    public var roas: Ratio? { AdRatios.roas(sales: attributedSales, spend: spend) }
    /// ACoS = spend / attributed sales.
    public var acos: Ratio? { AdRatios.acos(sales: attributedSales, spend: spend) }
    /// ROI = (attributed sales × gross-margin % − spend) / spend; see ``AdRatios/roi``.
    public var roi: Ratio? { AdRatios.roi(sales: attributedSales, spend: spend, grossMarginRate: grossMarginRate) }
}

/// Computes the campaign table per month × ad platform × account × campaign × market from ad rows (ad groups and
/// products of a campaign are added together). Amounts are converted with the ad date's rate; a row without a rate
/// is left out and counted in ``Accumulator/rowsWithoutRate``. Memory grows with the number of campaign-months.
public struct CampaignCalculator {
    public let converter: CurrencyConverter
    /// Gross-margin % per month × market, for ROI.
    public let grossMarginRates: [MonthMarket: Ratio]

    public init(converter: CurrencyConverter, grossMarginRates: [MonthMarket: Ratio] = [:]) {
        self.converter = converter
        self.grossMarginRates = grossMarginRates
    }

    fileprivate struct Key: Hashable {
        let month: YearMonth
        let platform: Platform
        let account: String
        let campaign: String
        let market: Market
    }

    /// Accumulates ad rows; call ``finish(_:)`` for the rows.
    public final class Accumulator {
        // Touched on every row: `@exclusivity(unchecked)` drops the run-time exclusivity check of each access. Only
        // the calculator's methods reach these, one access at a time.
        @exclusivity(unchecked) fileprivate var groups: [Key: AdTotals] = [:]
        /// Ad rows left out because their currency had no rate on their date.
        @exclusivity(unchecked) public fileprivate(set) var rowsWithoutRate = 0
        /// The group of the last rows added and their totals, not yet in ``groups`` (the rows of a campaign on one
        /// day come one after another).
        @exclusivity(unchecked) fileprivate var current: (key: Key, totals: AdTotals)?
        /// The month of the last row's date.
        @exclusivity(unchecked) fileprivate var recentMonth = RecentMonth()
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
        guard let converted else {
            acc.rowsWithoutRate += 1
            return
        }
        let key = Key(month: acc.recentMonth.of(ad.date), platform: ad.platform, account: ad.account, campaign: ad.campaign, market: ad.market)
        if acc.current?.key != key {
            acc.flush()
            acc.current = (key, AdTotals())
        }
        acc.current!.totals.add(ad, spend: converted.spend, sales: converted.sales)
    }

    /// The rows sorted by month, platform, campaign, account and market.
    public func finish(_ acc: Accumulator) -> [CampaignRow] {
        acc.flush()
        return acc.groups.map { k, t in
            CampaignRow(
                month: k.month, platform: k.platform, account: k.account, campaign: k.campaign, market: k.market,
                impressions: t.impressions, clicks: t.clicks, spend: t.spend, attributedOrders: t.orders,
                attributedSales: t.sales, attributionWindow: t.window, grossMarginRate: grossMarginRates[MonthMarket(k.month, k.market)])
        }.sorted { ($0.month, $0.platform, $0.campaign, $0.account, $0.market) < ($1.month, $1.platform, $1.campaign, $1.account, $1.market) }
    }
}
