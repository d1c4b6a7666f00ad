/// The thresholds of the anomaly and data-quality flags (metrics.md §8), with the spec's defaults.
///
/// A pipeline may override any of them; a ceiling left `nil` switches its rule off, because metrics.md names the
/// ACoS and logistics cost-share ceilings "configured" without giving a default value.
public struct FlagThresholds: Hashable, Sendable {
    // MARK: Robust deviation

    /// Trailing days in the baseline window (the day itself excluded). Default 28.
    public var baselineDays: Int = 28
    /// Days with data, outside promotions, the baseline window must hold before a day is scored. Default 14.
    public var minimumHistoryDays: Int = 14
    /// Multiplier turning the median absolute deviation into a standard-deviation-like scale. Default 1.4826.
    public var madScale: Double = 1.4826
    /// |score| at or above which a day is a warning. Default 3.5.
    public var warningScore: Double = 3.5
    /// |score| at or above which a day is critical. Default 5.
    public var criticalScore: Double = 5
    /// Trailing days from which the weekday pattern is learnt. Default 56 (8 weeks, 8 points per weekday).
    public var seasonalLookbackDays: Int = 56
    /// Points each weekday needs in the seasonal lookback before the weekday pattern is used. Default 2, which
    /// 14 consecutive days of history always give.
    public var minimumPointsPerWeekday: Int = 2
    /// A flag this many days or fewer from a promotion day says so in its explanation. Default 3.
    public var promotionProximityDays: Int = 3

    // MARK: Period drop

    /// Length of each of the two compared periods. Default 7.
    public var periodDays: Int = 7
    /// Fall (as a fraction of the earlier period) at or above which a drop is a warning. Default 0.20.
    public var dropWarning: Double = 0.20
    /// Fall at or above which a drop is critical. Default 0.40.
    public var dropCritical: Double = 0.40
    /// Events the earlier period must have had for a drop to count. Default 20.
    public var dropMinimumEarlierEvents: Double = 20

    // MARK: Rules

    /// Consecutive days of spend with no attributed orders that make a campaign flag. Default 3.
    public var idleCampaignDays: Int = 3
    /// ACoS (spend / attributed sales) above which a campaign-month is flagged; `nil` = rule off (default).
    public var acosCeiling: Double? = nil
    /// Logistics cost share above which a month × carrier × market is flagged; `nil` = rule off (default).
    public var logisticsCostShareCeiling: Double? = nil
    /// Hours past the promised date beyond which a shipment is delayed. Default 48.
    public var shipmentDelayHours: Int = 48

    /// The metrics.md defaults.
    public init() {}

    /// The defaults of metrics.md §8.
    public static let defaults = FlagThresholds()
}
