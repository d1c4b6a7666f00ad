import TidemarkCommerce
import TidemarkNormalize

/// A calendar month in one market: the key of inputs taken from the margin table (gross sales, net revenue,
/// gross-margin %) and of market-level outputs.
public struct MonthMarket: Hashable, Comparable, Sendable {
    public var month: YearMonth
    public var market: Market
    public init(_ month: YearMonth, _ market: Market) {
        self.month = month
        self.market = market
    }
    public static func < (a: MonthMarket, b: MonthMarket) -> Bool { (a.month, a.market) < (b.month, b.market) }
}

/// Which selling platform an ad platform's figures belong to, for the funnel and for ad spend in the margin table.
///
/// Amazon Ads (`amazon_ads`) only advertises on Amazon, so its rows count under `amazon`. Google, Meta, TikTok and
/// other networks can send traffic anywhere; they belong to a selling platform only where the pipeline says so
/// (`google_ads → shopify` for a seller whose ads all lead to the Shopify store). An ad platform with no mapping
/// keeps its own name in the funnel and its spend stays at market level in the margin table.
public struct AdPlatformMapping: Sendable {
    /// Ad platform → selling platform.
    public var sellingPlatforms: [Platform: Platform]

    /// The default mapping (`amazon_ads → amazon`) overridden and extended by `configured`.
    public init(configured: [Platform: Platform] = [:]) {
        var map: [Platform: Platform] = ["amazon_ads": .amazon]
        for (ad, selling) in configured { map[ad] = selling }
        sellingPlatforms = map
    }

    /// The selling platform `adPlatform`'s figures belong to, or `nil` when none is known.
    public func sellingPlatform(for adPlatform: Platform) -> Platform? { sellingPlatforms[adPlatform] }
}

/// The attribution window of a group of ad rows, as written in the `attribution_window` column.
///
/// Attributed orders and sales counted under different windows (a 7-day and a 14-day click window) measure different
/// things and are never added: a group whose rows state different windows is `mixed`, and its attributed figures
/// (and every ratio built on them) are empty. Windows are compared as the export writes them after trimming spaces
/// (`7 Day` and `7-day click` are different windows); a row that states none is `unstated`, which is a window of its
/// own (it mixes with a stated one).
public enum AttributionWindow: Hashable, Sendable {
    /// Every row states this window.
    case stated(String)
    /// No row states a window (written empty).
    case unstated
    /// Rows state different windows (written `mixed`); attributed figures are empty.
    case mixed

    /// The text of the `attribution_window` column.
    public var text: String {
        switch self {
        case .stated(let w): return w
        case .unstated: return ""
        case .mixed: return "mixed"
        }
    }
}

/// Running totals of a group of ad rows, converted to the reporting currency row by row.
///
/// Each ad row (already a date × campaign aggregate) is converted once with its own date's rate, so every table
/// built from ads (acquisition, campaigns, margin ad spend) adds the same converted amounts and agrees to the
/// millionth.
struct AdTotals {
    var impressions = 0
    var clicks = 0
    var spend = Money.zero
    var attributedOrders = 0
    var attributedSales = Money.zero
    /// Some row of the group did not report attributed orders (the group's figure is unknown).
    var ordersUnreported = false
    var salesUnreported = false
    /// The first window seen (`.some(nil)` = a row that states none; `nil` = no row yet), and whether a row stated
    /// another one (mixed). The same as keeping the set of windows seen, without hashing a string per row.
    var firstWindow: String??
    var windowsDiffer = false

    /// Adds a row whose amounts are already converted.
    mutating func add(_ ad: AdPerformance, spend: Money, sales: Money?) {
        impressions += ad.impressions
        clicks += ad.clicks
        self.spend += spend
        if let o = ad.attributedOrders { attributedOrders += o } else { ordersUnreported = true }
        if let s = sales { attributedSales += s } else { salesUnreported = true }
        let w = ad.attributionWindow?.trimmingASCIISpaces()
        see(window: w?.isEmpty == true ? nil : w)
    }

    /// Adds the totals of other rows of the same group (as if they had been added here one by one).
    mutating func add(_ other: AdTotals) {
        impressions += other.impressions
        clicks += other.clicks
        spend += other.spend
        attributedOrders += other.attributedOrders
        attributedSales += other.attributedSales
        ordersUnreported = ordersUnreported || other.ordersUnreported
        salesUnreported = salesUnreported || other.salesUnreported
        if let w = other.firstWindow { see(window: w) }
        windowsDiffer = windowsDiffer || other.windowsDiffer
    }

    private mutating func see(window w: String?) {
        guard let first = firstWindow else {
            firstWindow = .some(w)
            return
        }
        if first != w { windowsDiffer = true }
    }

    var window: AttributionWindow {
        guard let first = firstWindow else { return .unstated }
        if windowsDiffer { return .mixed }
        return first.map(AttributionWindow.stated) ?? .unstated
    }

    /// Σ attributed orders, or `nil` when a row did not report them or windows are mixed.
    var orders: Int? { ordersUnreported || window == .mixed ? nil : attributedOrders }
    /// Σ attributed sales, or `nil` when a row did not report them or windows are mixed.
    var sales: Money? { salesUnreported || window == .mixed ? nil : attributedSales }
}

/// An ad row's spend and attributed sales in the reporting currency, converted once and handed to every calculator
/// of the ad pass (``MarginAdSpendCalculator``, ``AcquisitionCalculator``, ``CampaignCalculator``), which would
/// otherwise each convert the row again.
public struct ConvertedAd: Sendable {
    public var spend: Money
    public var sales: Money?

    /// `ad`'s amounts converted with the ad date's rate; `nil` when the rate is missing (recorded by `converter`).
    ///
    /// The same as ``convertAd(_:_:)`` without its separate rate check: `convert` looks up (and records) the same
    /// rates in the same order and fails exactly when the check would.
    public static func of(_ ad: AdPerformance, _ converter: CurrencyConverter) -> ConvertedAd? {
        guard let spend = converter.convert(ad.spend, from: ad.currency, on: ad.date) else { return nil }
        return ConvertedAd(spend: spend, sales: ad.attributedSales.flatMap { converter.convert($0, from: ad.currency, on: ad.date) })
    }
}

/// Converts an ad row's spend and attributed sales with the ad date's rate; `nil` when the rate is missing.
func convertAd(_ ad: AdPerformance, _ converter: CurrencyConverter) -> (spend: Money, sales: Money?)? {
    guard converter.canConvert(ad.currency, on: ad.date),
        let spend = converter.convert(ad.spend, from: ad.currency, on: ad.date)
    else { return nil }
    let sales = ad.attributedSales.flatMap { converter.convert($0, from: ad.currency, on: ad.date) }
    return (spend, sales)
}

/// Return-on-spend ratios shared by the acquisition and campaign tables.
public enum AdRatios {
    /// ROAS = attributed sales / spend; `nil` without attributed sales or without spend.
    public static func roas(sales: Money?, spend: Money) -> Ratio? { sales.flatMap { Ratio($0, over: spend) } }

    /// ACoS = spend / attributed sales; `nil` without attributed sales or when they are zero.
    public static func acos(sales: Money?, spend: Money) -> Ratio? { sales.flatMap { Ratio(spend, over: $0) } }

    /// ROI = (attributed sales × gross-margin % − spend) / spend: the gross margin the ads brought back, less what
    /// they cost, per unit of spend. `nil` unless attributed sales are reported, spend is non-zero and the market's
    /// gross-margin % for the month is known. Attributed sales reported as 0 give −1 (the spend brought nothing
    /// back); attributed sales not reported give `nil`.
    public static func roi(sales: Money?, spend: Money, grossMarginRate: Ratio?) -> Ratio? {
        guard let sales, let gm = grossMarginRate, !spend.isZero else { return nil }
        // (S × n/d − P) / P = (S × n − P × d) / (P × d)
        let s = Int128(sales.micros), p = Int128(spend.micros)
        return Ratio(s * gm.numerator - p * gm.denominator, p * gm.denominator)
    }
}
