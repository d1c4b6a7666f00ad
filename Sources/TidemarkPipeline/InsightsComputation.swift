import TidemarkCommerce
import TidemarkMetrics
import TidemarkNormalize
import TidemarkWarehouse

/// Everything beyond the sales tables, computed from the warehouse: funnel, acquisition, campaigns, logistics,
/// the costs the margin table takes from ads and shipments, and the anomaly and rule flags.
public struct Insights: Sendable {
    public var sales: SalesMarginTables
    public var funnel: [FunnelRow]
    public var acquisition: AcquisitionTables
    public var campaigns: [CampaignRow]
    public var logistics: LogisticsTable
    /// Daily series the flags were computed on, with their expected values, for the report's small charts.
    public var series: [String: [DeviationPoint]]
    /// Day, ISO week and month summaries with the previous period and the same period last year
    /// (`period_summary.csv`).
    public var periods: [PeriodSummaryRow] = []
    /// CPU time of the worker thread that folded the order lines, in milliseconds (added to the `insights` stage's
    /// `cpu_ms`).
    public var foldCPUMilliseconds = 0
}

/// Computes ``Insights`` for one period from the sales tables and the warehouse.
struct InsightsComputation {
    var currency: Currency
    var fxBase: Currency
    var zone: ReportingTimeZone
    var runDate: CivilDate
    var mapping = AdPlatformMapping()
    var standards = TransitStandards(defaultDays: 7)
    var thresholds = FlagThresholds.defaults

    /// The insights' fold of the order lines, to be fed by the period's sales pass (made before it: it reads the
    /// refunds' orders and the parcels first), handing every fact on to `next`.
    func linePass(_ warehouse: Warehouse, rates: FXTable, period: ClosedRange<CivilDate>?, passingOn next: SalesPassFeed?) throws -> InsightsLinePass {
        try InsightsLinePass(self, warehouse: warehouse, rates: rates, period: period, passingOn: next)
    }

    /// The insights, with the sales tables asked for (`sales`, which may wait for a worker still folding them) only
    /// after every pass over the warehouse: the passes add rows without them (acquisition, campaigns and logistics
    /// use the sales figures only when they finish). `firsts` holds every customer's first order over all loaded
    /// history (found by the first sales pass, ``FirstOrdersFeed``); `lines` is this period's ``linePass(_:rates:period:passingOn:)``,
    /// fed by its sales pass, whose input has ended.
    func compute(
        _ warehouse: Warehouse, rates: FXTable, period: ClosedRange<CivilDate>?, firsts: FirstOrders, lines: InsightsLinePass,
        sales salesTables: () throws -> SalesMarginTables
    ) throws -> Insights {
        func inPeriod(_ d: CivilDate) -> Bool { period?.contains(d) ?? true }
        func monthInPeriod(_ m: YearMonth) -> Bool {
            guard let period else { return true }
            return m.lastDay >= period.lowerBound && m.firstDay <= period.upperBound
        }

        // Funnel, acquisition, campaigns and ad spend from one pass over ads; traffic for the funnel (its orders come
        // from the line pass).
        let fx = CurrencyConverter(table: rates, target: currency)
        // Ads and traffic only: the orders come from the line pass, with repeats decided when the funnel finishes.
        let funnel = FunnelCalculator(zone: zone, firstOrderDates: [:], mapping: mapping)
        // Rows are added before the sales tables are known; calculators with their figures finish them below.
        let acquisition = AcquisitionCalculator(converter: fx, newCustomers: firsts.newCustomers)
        let campaigns = CampaignCalculator(converter: fx)
        let adSpend = MarginAdSpendCalculator(converter: fx, mapping: mapping)
        let fAcc = funnel.makeAccumulator(), aAcc = acquisition.makeAccumulator(), cAcc = campaigns.makeAccumulator(), sAcc = adSpend.makeAccumulator()
        // Each row is converted once for every table. Campaigns and spend series are numbered and their days kept in
        // day tables (updated row by row, in row order); their dimension dictionaries and sort keys are built once per
        // campaign and series at the end. Rows come sorted by date, platform, account and campaign, so a campaign's
        // rows are adjacent and it is looked up once per run of rows.
        var campaignNumbers: [CampaignKey: Int32] = [:], campaignKeys: [CampaignKey] = []
        var lastCampaign: (key: CampaignKey, number: Int32)?
        var campaignDays = DayTable<(Money, Int?)>()
        var spendLanes = FirstSeenNumbering<SeriesKey>(), spendByLane = DayTable<Double>()
        try warehouse.forEachInsightsAd { ad in
            let converted = ConvertedAd.of(ad, fx)
            adSpend.add(ad, converted: converted, to: sAcc)
            guard inPeriod(ad.date) || period == nil else { return }
            funnel.add(ad, to: fAcc)
            acquisition.add(ad, converted: converted, to: aAcc)
            campaigns.add(ad, converted: converted, to: cAcc)
            let key = CampaignKey(account: ad.account, campaign: ad.campaign, market: ad.market, platform: ad.platform)
            let campaign: Int32
            if let last = lastCampaign, last.key == key {
                campaign = last.number
            } else if let known = campaignNumbers[key] {
                campaign = known
                lastCampaign = (key, known)
            } else {
                // Every campaign with a row in the period is listed, also one without a converted row.
                campaign = Int32(campaignKeys.count)
                campaignNumbers[key] = campaign
                campaignKeys.append(key)
                lastCampaign = (key, campaign)
            }
            if let spend = converted?.spend {
                campaignDays.update(campaign, ad.date, initial: (.zero, 0)) { prior in
                    prior = (prior.0 + spend, ad.attributedOrders.map { $0 + (prior.1 ?? 0) })
                }
                spendByLane.update(spendLanes.number(SeriesKey(market: ad.market, platform: ad.platform)), ad.date, initial: 0) {
                    $0 += Double(spend.micros) / 1e6
                }
            }
        }
        var dailySpend: [SeriesKey: [CivilDate: Double]] = [:]
        for n in spendLanes.values.indices.map(Int32.init) { dailySpend[spendLanes[n]] = spendByLane.values(ofRow: n) }
        try warehouse.forEachTraffic(provenance: false) { t in if inPeriod(t.date) || period == nil { funnel.add(t, to: fAcc) } }

        // The line pass's worker has had every line since the sales pass ended; then the refunds for the daily figures.
        let fold = try lines.folded()
        let (dailyOrders, dailyNet) = fold.dailySeries()
        var flags = FlagRules.shipmentDelayedEpisodes(fold.lateParcels, thresholds: thresholds)
        let days = fold.days
        try warehouse.forEachRefund(provenance: false) { days.add($0) }
        let (daily, coverage) = days.finish(firstOrders: firsts.unsortedFirstOrders)  // counted: no order needed

        // Every pass is done: the sales tables (perhaps still being folded on a worker) from here on.
        let sales = try salesTables()
        // Per-market sales figures acquisition, campaigns and logistics finish with.
        var grossSales: [MonthMarket: Money] = [:]
        var netRevenue: [MonthMarket: Money] = [:]
        var cogs: [MonthMarket: Money?] = [:]
        for r in sales.summary {
            let k = MonthMarket(r.month, r.market)
            grossSales[k, default: .zero] += r.grossSales
            netRevenue[k, default: .zero] += r.netRevenue
            let prior: Money?? = cogs[k]
            cogs[k] = r.cogs.flatMap { c in (prior ?? .zero).map { $0 + c } }
        }
        var marginRates: [MonthMarket: Ratio] = [:]
        for (k, net) in netRevenue { if let c = cogs[k] ?? nil, let r = Ratio(net - c, over: net) { marginRates[k] = r } }

        let shipping = fold.allocator.finish(fold.allocation)
        let ads = adSpend.finish(sAcc)
        let enriched = MarginCosts.apply(sales, shipping: shipping, ads: ads, period: period)
        let funnelRows = funnel.finish(fAcc, orders: fold.funnelOrders, firstOrderDates: firsts.firstOrderDates).filter { inPeriod($0.date) }

        // Flags: robust deviation and period drop on daily series, and the named rules.
        var series: [String: [DeviationPoint]] = [:]
        func deviation(_ metric: String, _ all: [SeriesKey: [CivilDate: Double]], decimals: Int) {
            for (key, values) in SeriesKey.sorted(all) {
                let daily = DailySeries(metric: metric, dimensions: key.dimensions, values: values, decimals: decimals)
                let points = RobustDeviation.points(daily, thresholds: thresholds)
                flags += RobustDeviation.flags(daily, points: points, thresholds: thresholds, dates: period)
                series[metric + "|" + key.text] = points
            }
        }
        deviation("orders", dailyOrders, decimals: 0)
        deviation("net_revenue", dailyNet, decimals: 2)
        deviation("spend", dailySpend, decimals: 2)
        var sessions: [SeriesKey: [CivilDate: Double]] = [:]
        var inquiries: [SeriesKey: [CivilDate: Double]] = [:]
        for r in funnelRows {
            let key = SeriesKey(market: r.market, platform: r.platform)
            if let v = r.sessions { sessions[key, default: [:]][r.date, default: 0] += Double(v) }
            if let v = r.inquiries { inquiries[key, default: [:]][r.date, default: 0] += Double(v) }
        }
        deviation("sessions", sessions, decimals: 0)
        deviation("inquiries", inquiries, decimals: 0)
        let lastDay = [dailyOrders, sessions, inquiries].compactMap { $0.values.compactMap { $0.keys.max() }.max() }.max()
        if let lastDay {
            for (metric, all) in [("orders", dailyOrders), ("sessions", sessions), ("inquiries", inquiries)] {
                for (key, values) in SeriesKey.sorted(all) {
                    if let f = PeriodDrop.flag(DailySeries(metric: metric, dimensions: key.dimensions, values: values, decimals: 0), endingOn: lastDay, thresholds: thresholds) {
                        flags.append(f)
                    }
                }
            }
        }
        let byText = campaignKeys.indices.map { (campaignKeys[$0].text, $0) }.sorted { $0.0 < $1.0 }
        for (key, dayTotals) in byText.map({ (campaignKeys[$0.1], campaignDays.values(ofRow: Int32($0.1))) }) {
            let list = dayTotals.keys.sorted().map { FlagRules.CampaignDay(date: $0, spend: dayTotals[$0]!.0, attributedOrders: dayTotals[$0]!.1) }
            flags += FlagRules.idleCampaign(list, dimensions: key.dimensions, currency: currency, thresholds: thresholds)
        }
        for r in enriched.detail where monthInPeriod(r.month) {
            if let f = FlagRules.negativeContributionMargin(
                month: r.month, contributionMargin: r.contributionMargin,
                dimensions: ["market": r.market.code, "platform": r.platform.name, "sku": r.sku ?? ""], currency: currency)
            {
                flags.append(f)
            }
        }
        // Rates missing for ads and shipments raise fx_missing too (the sales tables flag their own).
        let salesMissing = Set(sales.flags.filter { $0.rule == "fx_missing" }.map { "\($0.date)|\($0.dimensionsText)" })
        for m in fx.missing.union(fold.fx.missing).sorted() where !salesMissing.contains("\(m.date)|currency=\(m.currency.code)") {
            flags.append(
                Flag(
                    date: m.date, endDate: m.date, severity: .critical, rule: "fx_missing", metric: "fx_rate",
                    dimensions: ["currency": m.currency.code],
                    explanation: "No \(m.currency.code) rate for \(m.date) or the 7 days before: ad spend or shipping charges in \(m.currency.code) on that date are left out"))
        }
        var out = enriched
        // Facts carry their file's fingerprint: list facts without a rate under the file's name.
        if !out.unconverted.isEmpty {
            let names = Dictionary(try warehouse.loadedFiles().map { ($0.sha256, $0.file) }, uniquingKeysWith: { a, _ in a })
            out.unconverted = out.unconverted.map { f in
                var f = f
                f.file = names[f.file] ?? f.file
                return f
            }.sorted()
        }
        out.flags = Flag.sorted(mergeEpisodes(out.flags + flags.filter { inPeriod($0.endDate) || period == nil }))
        return Insights(
            sales: out, funnel: funnelRows,
            acquisition: filter(
                AcquisitionCalculator(converter: fx, newCustomers: firsts.newCustomers, grossSales: grossSales, grossMarginRates: marginRates).finish(aAcc),
                monthInPeriod),
            campaigns: CampaignCalculator(converter: fx, grossMarginRates: marginRates).finish(cAcc).filter { monthInPeriod($0.month) },
            logistics: filter(LogisticsCalculator(converter: fold.fx, standards: standards, runDate: runDate, netRevenue: netRevenue).withNetRevenue(fold.logisticsTable), monthInPeriod),
            series: series,
            periods: coverage.map { PeriodSummary.table(daily, coverage: $0, window: period) } ?? [],
            foldCPUMilliseconds: lines.cpuMilliseconds)
    }

    private func filter(_ t: LogisticsTable, _ keep: (YearMonth) -> Bool) -> LogisticsTable {
        var out = t
        out.rows = t.rows.filter { keep($0.month) }
        return out
    }

    private func filter(_ t: AcquisitionTables, _ keep: (YearMonth) -> Bool) -> AcquisitionTables {
        var out = t
        out.rows = t.rows.filter { keep($0.month) }
        out.markets = t.markets.filter { keep($0.month) }
        return out
    }
}

/// A daily series' market and platform (the dimensions of the orders, net revenue, spend, sessions and inquiries
/// series).
struct SeriesKey: Hashable {
    let market: Market
    let platform: Platform

    /// `["market": …, "platform": …]`, the flag's dimensions.
    var dimensions: [String: String] { ["market": market.code, "platform": platform.name] }
    /// `market=DE;platform=amazon`: the dimensions sorted by name and joined (the series' name and sort key).
    var text: String { "market=\(market.code);platform=\(platform.name)" }

    /// The series sorted by ``text``.
    static func sorted<V>(_ all: [SeriesKey: V]) -> [(SeriesKey, V)] {
        all.map { ($0.key.text, $0.key, $0.value) }.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
    }
}

/// A campaign of an ad account in one market (the idle-campaign rule's series).
struct CampaignKey: Hashable {
    let account: String
    let campaign: String
    let market: Market
    let platform: Platform

    var dimensions: [String: String] { ["account": account, "campaign": campaign, "market": market.code, "platform": platform.name] }
    /// The dimensions sorted by name and joined, as flags name a series.
    var text: String { "account=\(account);campaign=\(campaign);market=\(market.code);platform=\(platform.name)" }
}
