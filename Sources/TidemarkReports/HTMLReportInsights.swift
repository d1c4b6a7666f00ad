import TidemarkCommerce
import TidemarkMetrics

extension HTMLReport {
    static func count(_ v: Int?) -> String { v.map { grouped(String($0)) } ?? "—" }

    /// The funnel per market and platform over the period: impressions → clicks → sessions → inquiries → orders.
    static func funnelSection(_ m: ReportModel) -> HTMLNode {
        guard !m.funnel.isEmpty else { return .fragment([]) }
        struct Key: Hashable, Comparable {
            let market: Market
            let platform: Platform
            static func < (a: Key, b: Key) -> Bool { (a.market, a.platform) < (b.market, b.platform) }
        }
        var sums: [Key: [Int?]] = [:]
        func add(_ a: Int?, _ b: Int?) -> Int? { a == nil && b == nil ? nil : (a ?? 0) + (b ?? 0) }
        for r in m.funnel {
            let k = Key(market: r.market, platform: r.platform)
            let prior = sums[k] ?? [nil, nil, nil, nil, nil, nil]
            let now = [r.impressions, r.clicks, r.sessions, r.inquiries, r.orders, r.repeatOrders]
            sums[k] = zip(prior, now).map { add($0, $1) }
        }
        let keys = sums.keys.sorted()
        let rows = keys.map { k -> [Cell] in
            let v = sums[k]!
            let row = FunnelRow(date: CivilDate(daysSinceEpoch: 0), market: k.market, platform: k.platform, impressions: v[0], clicks: v[1], sessions: v[2], inquiries: v[3], orders: v[4], repeatOrders: v[5])
            return [.text(k.market.code), .text(k.platform.name), .count(v[0]), .count(v[1]), .count(v[2]), .count(v[3]), .count(v[4]),
                    .percent(row.ctr), .percent(row.sessionRate), .percent(row.inquiryRate), .percent(row.conversionRate), .percent(row.repeatRate)]
        }
        // A chart for every market and platform with traffic (a stage before orders); the others report orders only.
        let withTraffic = keys.filter { k in sums[k]![0...3].contains { $0 != nil } }
        var charts: [HTMLNode] = []
        for k in withTraffic {
            let v = sums[k]!
            // Inquiries are a B2B stage (Alibaba.com): shown where a source reports them.
            let stages = [("Impressions", 0), ("Clicks", 1), ("Sessions", 2)] + (v[3] != nil ? [("Inquiries", 3)] : []) + [("Orders", 4)]
            charts.append(Charts.funnel(title: "\(k.market.code) · \(k.platform.name)", stages: stages.map { (name: $0.0, value: v[$0.1]) }))
        }
        let ordersOnly = keys.count - withTraffic.count
        return el("section", cls("page"), [
            el("h2", text: "Funnel"),
            el("p", cls("note"), text: "Sums over the period, one chart per market and platform with traffic data. Bars are on a logarithmic scale (each gridline is ten times the one before), so that orders stay visible next to impressions; the exact count and the rate from the stage before are printed beside each bar. \"not reported\" means no source covers that stage (it is not zero)." + (ordersOnly == 0 ? "" : ordersOnly == 1 ? " 1 market and platform pair reports orders only (no traffic source) and appears in the table alone." : " \(ordersOnly) market and platform pairs report orders only (no traffic source) and appear in the table alone.")),
            el("div", cls("funnels"), charts),
            el("h3", text: "Funnel by market and platform"),
            el("p", cls("note"), text: "— means no source reports that stage (never zero). Each rate is from the stage before; daily rows are in funnel.csv."),
            table(["Market", "Platform", "Impressions", "Clicks", "Sessions", "Inquiries", "Orders", "CTR", "Session rate", "Inquiry rate", "Conversion", "Repeat"], rows),
        ])
    }

    /// Acquisition by channel and market, and the campaigns with the most spend.
    static func acquisitionSection(_ m: ReportModel) -> HTMLNode {
        guard let a = m.acquisition, !a.rows.isEmpty else { return .fragment([]) }
        let c = m.currency
        let rows = a.rows.map { r -> [Cell] in
            [.text(r.month.description), .text(r.market.code), .text(r.channel.name), .money(r.spend, c), .count(r.newCustomers),
             .money(r.cac, c), .money(r.blendedCAC, c), .ratio(r.roas), .percent(r.acos), .percent(r.tacos), .percent(r.roi), .text(r.attributionWindow.text)]
        }
        let campaigns = m.campaigns.sorted { ($0.spend, $1.campaign) > ($1.spend, $0.campaign) }.map { r -> [Cell] in
            [.text(r.month.description), .text(r.platform.name), .text(r.campaign), .text(r.market.code), .money(r.spend, c),
             .count(r.attributedOrders), .ratio(r.roas), .percent(r.acos), .percent(r.roi), .text(r.attributionWindow.text)]
        }
        return el("section", cls("page"), [
            el("h2", text: "Acquisition and return on ad spend (\(c.code))"),
            el("p", cls("note"), text: "CAC = spend / new customers attributed (capped at new customers); blended CAC = all ad spend / all new customers of the market; ROAS = attributed sales / spend; ACoS = spend / attributed sales; TACoS = spend / gross sales; MER = gross sales / all ad spend (in acquisition.csv); ROI = (attributed sales × gross-margin % − spend) / spend, only where attributed sales exist."),
            table(["Month", "Market", "Channel", "Spend", "New customers", "CAC", "Blended CAC", "ROAS", "ACoS", "TACoS", "ROI", "Window"], rows),
            el("h3", text: "Campaigns by spend"),
            el("p", cls("note"), text: "Every campaign and month, most spend first; campaign names are shown as the ad platform exports them."),
            table(["Month", "Platform", "Campaign", "Market", "Spend", "Orders", "ROAS", "ACoS", "ROI", "Window"], campaigns),
        ])
    }

    static func ratioText(_ r: Ratio?) -> String { r.map { $0.formatted(decimals: 2) } ?? "—" }

    /// Logistics per carrier and market: cost, transit, on-time, delays, lost and returned.
    static func logisticsSection(_ m: ReportModel) -> HTMLNode {
        guard let l = m.logistics, !l.rows.isEmpty else { return .fragment([]) }
        let c = m.currency
        let rows = l.rows.map { r -> [Cell] in
            [.text(r.month.description), .text(r.carrier), .text(r.market.code), .count(r.shipments), .money(r.cost, c),
             .money(r.costPerShipment, c), .money(r.duties, c), .percent(r.logisticsCostShare),
             Cell(text: r.averageTransitDays.map { $0.formatted(decimals: 1) } ?? "—", number: true, sort: r.averageTransitDays.map { $0.formatted(decimals: 4) } ?? ""),
             .count(r.p90TransitDays), .percent(r.onTimeRate), .count(r.delayed), .count(r.lost), .count(r.returned)]
        }
        // Transit-day distribution over all delivered parcels.
        var days: [Int: Int] = [:]
        for r in l.rows { for (d, n) in r.transitDays { days[d, default: 0] += n } }
        var nodes: [HTMLNode] = [el("h2", text: "Logistics (\(c.code))")]
        if let maxDay = days.keys.max() {
            let cats = (0...maxDay).map(String.init)
            nodes.append(Charts.groupedBars(title: "Delivered parcels by transit days", categories: cats, series: [(name: "parcels", values: (0...maxDay).map { Double(days[$0] ?? 0) })], unit: "parcels", wholeNumbers: true))
        }
        nodes.append(table(["Month", "Carrier", "Market", "Parcels", "Cost", "Per parcel", "Duties", "Cost share", "Avg days", "P90 days", "On time", "Delayed", "Lost", "Returned"], rows))
        nodes.append(el("p", cls("note"), text: "Cost share = (shipping + duties) / net revenue of the market and month. On time: delivered by the promised date (else within the lane's standard days). Delayed: more than 48 hours past the promise. Parcels whose sources never report a delivery (UPS billing data, ShipStation, FedEx bills without a proof of delivery, Amazon FBA shipments) count in parcels and cost but are never judged on time or delayed."))
        return el("section", cls("page"), nodes)
    }

    /// A small chart of a flagged series and its expected values.
    static func sparkline(_ points: [DeviationPoint], around flag: Flag) -> HTMLNode? {
        let window = points.filter { $0.date >= flag.date.advanced(by: -28) && $0.date <= flag.endDate.advanced(by: 7) }
        guard window.count >= 2 else { return nil }
        let width = 220.0, height = 44.0
        let values = window.map(\.observed) + window.compactMap(\.expected)
        let lo = values.min()!, hi = max(values.max()!, lo + 1e-9)
        let first = Double(window[0].date.daysSinceEpoch), span = max(Double(window.last!.date.daysSinceEpoch) - first, 1)
        func x(_ d: CivilDate) -> Double { (Double(d.daysSinceEpoch) - first) / span * (width - 4) + 2 }
        func y(_ v: Double) -> Double { height - 2 - (v - lo) / (hi - lo) * (height - 4) }
        let observed = window.map { "\(Charts.f(x($0.date))),\(Charts.f(y($0.observed)))" }.joined(separator: " ")
        let expected = window.compactMap { p in p.expected.map { "\(Charts.f(x(p.date))),\(Charts.f(y($0)))" } }.joined(separator: " ")
        return el("svg", [("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("class", "spark"), ("role", "img"), ("aria-label", "series and baseline")], [
            el("rect", [("x", Charts.f(x(flag.date) - 1)), ("y", "0"), ("width", Charts.f(max(x(flag.endDate) - x(flag.date) + 2, 3))), ("height", Charts.f(height)), ("fill", "#fdecea")]),
            el("polyline", [("points", expected), ("fill", "none"), ("stroke", "#8795a1"), ("stroke-dasharray", "3 2")]),
            el("polyline", [("points", observed), ("fill", "none"), ("stroke", "#1f6f8b"), ("stroke-width", "1.5")]),
        ])
    }
}
