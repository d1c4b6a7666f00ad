import TidemarkCommerce

/// The named rules of metrics.md §8, each a pure function of simple inputs.
public enum FlagRules {
    /// One campaign's day: its spend and attributed orders (`nil` when the source reports no attribution).
    public struct CampaignDay: Hashable, Sendable {
        public var date: CivilDate
        public var spend: Money
        public var attributedOrders: Int?
        /// A campaign day.
        public init(date: CivilDate, spend: Money, attributedOrders: Int?) {
            self.date = date
            self.spend = spend
            self.attributedOrders = attributedOrders
        }
    }

    /// `campaign_spend_no_orders`: a campaign spending on at least 3 consecutive calendar days with no attributed
    /// order on any of them. A day with no spend, with an order, with unknown attribution or missing breaks the
    /// run. One warning per run, first to last day, with the run's spend. Orders attributed late (a 7-day window)
    /// can clear the last days on a later run.
    public static func idleCampaign(
        _ days: [CampaignDay], dimensions: [String: String], currency: Currency, thresholds: FlagThresholds = .defaults
    ) -> [Flag] {
        var out: [Flag] = []
        var run: [CampaignDay] = []
        func close() {
            defer { run = [] }
            guard run.count >= thresholds.idleCampaignDays else { return }
            let spend = Money.sum(run.map(\.spend))
            let text = spend.formatted(minorUnits: currency.minorUnits)
            out.append(
                Flag(
                    date: run.first!.date, endDate: run.last!.date, severity: .warning, rule: "campaign_spend_no_orders",
                    metric: "ad_spend", dimensions: dimensions, observed: text, expected: "0",
                    explanation:
                        "Campaign \(dimensions["campaign"] ?? "") spent \(text) \(currency.code) on \(run.count) consecutive days (\(run.first!.date) to \(run.last!.date)) with no attributed order"
                ))
        }
        for d in days.sorted(by: { $0.date < $1.date }) {
            let idle = d.spend > .zero && d.attributedOrders == 0
            if idle, let last = run.last, last.date.advanced(by: 1) != d.date { close() }
            if idle { run.append(d) } else { close() }
        }
        close()
        return out
    }

    /// `acos_above_ceiling`: one campaign's month whose ACoS = spend / attributed sales exceeds the ceiling
    /// (compared exactly, the ceiling taken to millionths). Spend with no attributed sales has no ACoS but is above
    /// any ceiling: flagged with the observed value empty. No ceiling configured, no flag.
    public static func acosAboveCeiling(
        month: YearMonth, spend: Money, attributedSales: Money, dimensions: [String: String], currency: Currency,
        thresholds: FlagThresholds = .defaults
    ) -> Flag? {
        guard let ceiling = thresholds.acosCeiling, spend > .zero else { return nil }
        let ceilingMillionths = Int128((ceiling * 1_000_000).rounded())
        let first = month.firstDay, last = first.advanced(by: CivilDate.daysIn(month: month.month, year: month.year) - 1)
        let spendText = spend.formatted(minorUnits: currency.minorUnits)
        guard attributedSales > .zero else {
            return Flag(
                date: first, endDate: last, severity: .warning, rule: "acos_above_ceiling", metric: "acos",
                dimensions: dimensions, expected: fixedDecimals(ceiling, 4),
                explanation: "Spent \(spendText) \(currency.code) in \(month) with no attributed sales: ACoS has no value, above the ceiling of \(fixedDecimals(ceiling * 100, 1)) %")
        }
        // spend / sales > ceiling  ⇔  spend × 10⁶ > ceiling × 10⁶ × sales (sales > 0)
        guard Int128(spend.micros) * 1_000_000 > ceilingMillionths * Int128(attributedSales.micros) else { return nil }
        let acos = Ratio(spend, over: attributedSales)!
        return Flag(
            date: first, endDate: last, severity: .warning, rule: "acos_above_ceiling", metric: "acos", dimensions: dimensions,
            observed: acos.formatted(decimals: 4), expected: fixedDecimals(ceiling, 4),
            explanation:
                "ACoS \(Ratio(spend, over: attributedSales)!.formatted(decimals: 3)) in \(month) (spend \(spendText) / attributed sales \(attributedSales.formatted(minorUnits: currency.minorUnits)) \(currency.code)) is above the ceiling \(fixedDecimals(ceiling, 3))"
        )
    }

    /// `negative_contribution_margin`: a SKU × market whose contribution margin for the month is below zero. An
    /// unknown margin (`nil`, e.g. no unit cost) raises nothing here: `cost_missing` covers it.
    public static func negativeContributionMargin(
        month: YearMonth, contributionMargin: Money?, dimensions: [String: String], currency: Currency
    ) -> Flag? {
        guard let margin = contributionMargin, margin < .zero else { return nil }
        let first = month.firstDay, last = first.advanced(by: CivilDate.daysIn(month: month.month, year: month.year) - 1)
        let text = margin.formatted(minorUnits: currency.minorUnits)
        return Flag(
            date: first, endDate: last, severity: .warning, rule: "negative_contribution_margin", metric: "contribution_margin",
            dimensions: dimensions, observed: text, expected: "0",
            explanation: "SKU \(dimensions["sku"] ?? "") in \(dimensions["market"] ?? "") lost \(margin.magnitude.formatted(minorUnits: currency.minorUnits)) \(currency.code) in \(month) after COGS, fees, shipping, duties and ads")
    }

    /// `shipment_delayed`: a shipment delivered, or still undelivered on the run date, more than 48 hours after its
    /// promised date. Dates have no time, so a promise is kept until the end of its day and "more than 48 hours"
    /// means 3 or more days later (delivered the 4th on a promise of the 1st; the 3rd is exactly 48 h at most).
    /// Lost and returned shipments, those whose delivery is not reported (their sources never report one) and those
    /// without a promised date raise nothing here. The flag runs from the first late day to the delivery (or run)
    /// date.
    public static func shipmentDelayed(_ shipment: Shipment, runDate: CivilDate, thresholds: FlagThresholds = .defaults) -> Flag? {
        switch shipment.status {
        case .delivered, .inTransit: break
        case .deliveryNotReported, .lost, .returned: return nil
        }
        guard let promised = shipment.promisedDate else { return nil }
        let arrived = shipment.status == .delivered ? shipment.deliveryDate : nil
        let end = arrived ?? runDate
        let graceDays = (thresholds.shipmentDelayHours + 23) / 24  // 48 h → 2 days
        let late = promised.distance(to: end)
        guard late > graceDays else { return nil }
        let what = arrived == nil ? "still not delivered on \(end)" : "delivered \(end)"
        return Flag(
            date: promised.advanced(by: graceDays + 1), endDate: end, severity: .warning, rule: "shipment_delayed",
            metric: "delivery_delay_days",
            dimensions: ["carrier": shipment.carrier, "market": shipment.destination.code, "tracking": shipment.trackingNumber],
            observed: String(late), expected: "0",
            explanation: "Shipment \(shipment.trackingNumber) (\(shipment.carrier) to \(shipment.destination.code)) promised for \(promised), \(what): \(late) days late")
    }

    /// `shipment_delayed` as reported: one flag per episode of a carrier and destination market, not per parcel.
    /// The late days of each parcel (``shipmentDelayed(_:runDate:thresholds:)``, one flag each) that touch or
    /// overlap those of another parcel of the same carrier and market join them, so that consecutive days on which the
    /// rule fires for one series form one flag (metrics.md), from its first late day to its last. The flag counts
    /// its parcels (`observed`; metric `delayed_shipments`) and names the most delayed in its explanation: a year
    /// of a busy seller has thousands of late parcels, which as one flag each buried every other flag.
    public static func shipmentDelayedEpisodes(_ parcels: [Flag], thresholds: FlagThresholds = .defaults) -> [Flag] {
        struct Lane: Hashable {
            let carrier: String
            let market: String
        }
        var byLane: [Lane: [Flag]] = [:]
        for p in parcels { byLane[Lane(carrier: p.dimensions["carrier"] ?? "", market: p.dimensions["market"] ?? ""), default: []].append(p) }
        var episodes: [Flag] = []
        for (lane, flags) in byLane {
            let sorted = flags.sorted { ($0.date, $0.endDate, $0.dimensions["tracking"] ?? "") < ($1.date, $1.endDate, $1.dimensions["tracking"] ?? "") }
            var start = 0
            var end = sorted[0].endDate
            for i in 1...sorted.count {
                if i < sorted.count && sorted[i].date <= end.advanced(by: 1) {
                    end = max(end, sorted[i].endDate)
                    continue
                }
                episodes.append(delayedEpisode(lane.carrier, lane.market, sorted[start..<i], end: end, hours: thresholds.shipmentDelayHours))
                if i < sorted.count {
                    start = i
                    end = sorted[i].endDate
                }
            }
        }
        return episodes
    }

    /// One episode of late parcels of a carrier and market, sorted by first late day; `end` is its last late day.
    private static func delayedEpisode(_ carrier: String, _ market: String, _ parcels: ArraySlice<Flag>, end: CivilDate, hours: Int) -> Flag {
        // The most delayed parcel: the most days late, then the first by tracking number.
        let latest = parcels.max { a, b in
            let (x, y) = (Int(a.observed) ?? 0, Int(b.observed) ?? 0)
            return x != y ? x < y : (a.dimensions["tracking"] ?? "") > (b.dimensions["tracking"] ?? "")
        }!
        let first = parcels.first!.date
        let explanation =
            parcels.count == 1
            ? latest.explanation
            : "\(parcels.count) shipments (\(carrier) to \(market)) more than \(hours) hours past their promise between \(first) and \(end); longest delay: \(latest.explanation)"
        return Flag(
            date: first, endDate: end, severity: .warning, rule: "shipment_delayed", metric: "delayed_shipments",
            dimensions: ["carrier": carrier, "market": market], observed: String(parcels.count), expected: "0", explanation: explanation)
    }

    /// `logistics_cost_share_above_ceiling`: a month × carrier × market whose logistics cost share = (shipping &
    /// fulfilment + duties) / net revenue is above the ceiling. No net revenue (≤ 0) means no share and no flag; no
    /// ceiling configured, no flag.
    public static func logisticsCostShareAboveCeiling(
        month: YearMonth, logisticsCost: Money, netRevenue: Money, dimensions: [String: String],
        thresholds: FlagThresholds = .defaults
    ) -> Flag? {
        guard let ceiling = thresholds.logisticsCostShareCeiling, netRevenue > .zero else { return nil }
        guard Int128(logisticsCost.micros) * 1_000_000 > Int128((ceiling * 1_000_000).rounded()) * Int128(netRevenue.micros)
        else { return nil }
        let share = Ratio(logisticsCost, over: netRevenue)!
        let first = month.firstDay, last = first.advanced(by: CivilDate.daysIn(month: month.month, year: month.year) - 1)
        return Flag(
            date: first, endDate: last, severity: .warning, rule: "logistics_cost_share_above_ceiling",
            metric: "logistics_cost_share", dimensions: dimensions, observed: share.formatted(decimals: 4),
            expected: fixedDecimals(ceiling, 4),
            explanation: "Shipping, fulfilment and duties took \(share.formatted(decimals: 3)) of net revenue in \(month), above the ceiling \(fixedDecimals(ceiling, 3))")
    }
}
