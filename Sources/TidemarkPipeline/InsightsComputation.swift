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

    /// The insights, with the sales tables asked for (`sales`, which may wait for a worker still folding them) only
    /// after every pass over the warehouse: the passes add rows without them (acquisition, campaigns and logistics
    /// use the sales figures only when they finish). `firsts` holds every customer's first order over all loaded
    /// history (found by the first sales pass, ``FirstOrdersFeed``).
    func compute(
        _ warehouse: Warehouse, rates: FXTable, period: ClosedRange<CivilDate>?, firsts: FirstOrders,
        sales salesTables: () throws -> SalesMarginTables
    ) throws -> Insights {
        func inPeriod(_ d: CivilDate) -> Bool { period?.contains(d) ?? true }
        func monthInPeriod(_ m: YearMonth) -> Bool {
            guard let period else { return true }
            return m.lastDay >= period.lowerBound && m.firstDay <= period.upperBound
        }

        // Refunds take their order's market: remember only the orders they name. Order lines come in key order, so
        // orders are counted by adjacency rather than kept.
        var named: [Platform: Set<String>] = [:]
        try warehouse.forEachRefund(provenance: false) { if !$0.orderID.isEmpty { named[$0.platform, default: []].insert($0.orderID) } }
        let days = DailySalesCollector(converter: CurrencyConverter(table: rates, target: currency), zone: zone, keepingMarketsOf: named)
        // Funnel, acquisition, campaigns and ad spend from one pass over ads; traffic and orders for the funnel.
        let fx = CurrencyConverter(table: rates, target: currency)
        let funnel = FunnelCalculator(zone: zone, firstOrderDates: firsts.firstOrderDates, mapping: mapping)
        // Rows are added before the sales tables are known; calculators with their figures finish them below.
        let acquisition = AcquisitionCalculator(converter: fx, newCustomers: firsts.newCustomers)
        let campaigns = CampaignCalculator(converter: fx)
        let adSpend = MarginAdSpendCalculator(converter: fx, mapping: mapping)
        let fAcc = funnel.makeAccumulator(linesInKeyOrder: true), aAcc = acquisition.makeAccumulator(), cAcc = campaigns.makeAccumulator(), sAcc = adSpend.makeAccumulator()
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

        // Shipping & duties allocated to orders, and the logistics table.
        let allocator = ShippingAllocator(converter: fx, zone: zone)
        let logistics = LogisticsCalculator(converter: fx, standards: standards, runDate: runDate)
        let parcels = try warehouse.parcelCount()
        let shAcc = allocator.makeAccumulator(expectedParcels: parcels), lAcc = logistics.makeAccumulator(expectedParcels: parcels)
        var flags: [Flag] = [], lateParcels: [Flag] = []
        var charges: [ShipmentCharge] = []  // reused from parcel to parcel
        try warehouse.forEachInsightsParcel { shipment, stored in
            charges.removeAll(keepingCapacity: true)
            for c in stored { charges.append(ShipmentCharge(type: c.type, date: c.date, amount: c.amount, currency: c.currency)) }
            allocator.add(shipment, charges: charges, to: shAcc)
            logistics.add(shipment, charges: charges, to: lAcc)
            if let f = FlagRules.shipmentDelayed(shipment, runDate: runDate, thresholds: thresholds), inPeriod(f.date) || period == nil { lateParcels.append(f) }
        }
        flags += FlagRules.shipmentDelayedEpisodes(lateParcels, thresholds: thresholds)
        // Lines of consecutive orders fall on different days: the series are numbered and their days kept in flat
        // tables (no hashing per line), keyed by series at the end.
        var lanes = FirstSeenNumbering<SeriesKey>()  // the series of order lines (a few dozen market × platform pairs)
        var ordersByLane = DayTable<Double>(), netByLane = DayTable<Double>()
        // Lines come in key order (platform, order id, …), so the lines of an order are adjacent: an order is counted
        // on its first counted line by comparing with the last order counted, without a set of every order id.
        var lastCounted: (platform: Platform, order: String)?
        // The one pass over order lines: daily figures (all history), shipping allocation, funnel and daily series.
        // This thread reads the lines; a worker folds them, in order, meanwhile (reading and folding each took about
        // half of the pass). Until the worker's result, only it touches what the fold changes (`days`, the
        // allocator's, funnel's and series' state, `fx`).
        let lineFold = ChunkedWorker<OrderLine, Void>(
            name: "tidemark-insights",
            fold: { lines in
                for line in lines {
                    days.add(line)
                    allocator.add(line, to: shAcc)
                    let date = zone.date(of: line.orderTime)
                    guard inPeriod(date) || period == nil else { continue }
                    funnel.add(line, to: fAcc)
                    guard line.status != .cancelled else { continue }
                    let key = lanes.number(SeriesKey(market: line.market, platform: line.platform))
                    if lastCounted.map({ $0.order != line.orderID || $0.platform != line.platform }) ?? true {
                        lastCounted = (line.platform, line.orderID)
                        ordersByLane.update(key, date, initial: 0) { $0 += 1 }
                    }
                    if let net = fx.convert(line.itemAmount + line.shippingCharged - line.discount, from: line.currency, on: date) {
                        netByLane.update(key, date, initial: 0) { $0 += Double(net.micros) / 1e6 }
                    }
                }
            },
            finish: {})
        do {
            try warehouse.forEachSalesOrderLine(customerKeys: true) { line, _ in lineFold.add(line) }
        } catch {
            lineFold.abandon()
            throw error
        }
        lineFold.endOfInput()
        try lineFold.result()
        let lineFoldCPUMilliseconds = lineFold.cpuMilliseconds
        var dailyOrders: [SeriesKey: [CivilDate: Double]] = [:]
        var dailyNet: [SeriesKey: [CivilDate: Double]] = [:]
        for n in lanes.values.indices.map(Int32.init) {
            // A lane can be numbered without a value (its line's order was counted under another lane, its amount
            // had no rate): such a series does not exist, as when keyed by dictionary.
            let orders = ordersByLane.values(ofRow: n), net = netByLane.values(ofRow: n)
            if !orders.isEmpty { dailyOrders[lanes[n]] = orders }
            if !net.isEmpty { dailyNet[lanes[n]] = net }
        }
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

        let shipping = allocator.finish(shAcc)
        let ads = adSpend.finish(sAcc)
        let enriched = MarginCosts.apply(sales, shipping: shipping, ads: ads, period: period)
        let funnelRows = funnel.finish(fAcc).filter { inPeriod($0.date) }

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
        for m in fx.missing.sorted() where !salesMissing.contains("\(m.date)|currency=\(m.currency.code)") {
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
            logistics: filter(LogisticsCalculator(converter: fx, standards: standards, runDate: runDate, netRevenue: netRevenue).finish(lAcc), monthInPeriod),
            series: series,
            periods: coverage.map { PeriodSummary.table(daily, coverage: $0, window: period) } ?? [],
            foldCPUMilliseconds: lineFoldCPUMilliseconds)
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
