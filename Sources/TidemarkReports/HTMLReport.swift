import TidemarkCommerce
import TidemarkIngest
import TidemarkMetrics
import TidemarkNormalize

/// Everything the HTML report shows, already computed.
public struct ReportModel {
    public var pipeline: String
    public var currency: Currency
    public var timeZone: String
    /// When the run happened, as text (injected, so golden files are stable).
    public var generatedAt: String
    public var sales: SalesMarginTables
    public var files: [FileReconciliation]
    public var rejectCount: Int
    public var ratesUsed: Int
    /// Customer lifetime value, when computed.
    public var clv: CLVTables?
    public var funnel: [FunnelRow]
    public var acquisition: AcquisitionTables?
    public var campaigns: [CampaignRow]
    public var logistics: LogisticsTable?
    /// Daily series behind deviation flags (key `metric|dimensions`), with expected values.
    public var series: [String: [DeviationPoint]]
    /// Period comparisons, LTV:CAC and facts without a rate (HTMLReportPeriods.swift).
    public var extras = ReportExtras()

    public init(
        pipeline: String, currency: Currency, timeZone: String, generatedAt: String, sales: SalesMarginTables,
        files: [FileReconciliation], rejectCount: Int, ratesUsed: Int, clv: CLVTables? = nil, funnel: [FunnelRow] = [],
        acquisition: AcquisitionTables? = nil, campaigns: [CampaignRow] = [], logistics: LogisticsTable? = nil,
        series: [String: [DeviationPoint]] = [:]
    ) {
        self.clv = clv
        self.funnel = funnel
        self.acquisition = acquisition
        self.campaigns = campaigns
        self.logistics = logistics
        self.series = series
        self.pipeline = pipeline
        self.currency = currency
        self.timeZone = timeZone
        self.generatedAt = generatedAt
        self.sales = sales
        self.files = files
        self.rejectCount = rejectCount
        self.ratesUsed = ratesUsed
    }
}

/// Renders `report.html`: one self-contained, printable page with no network access and everything escaped.
public enum HTMLReport {
    public static func render(_ m: ReportModel) -> String {
        let body: [HTMLNode] = [
            header(m), tiles(m), revenueChart(m), periodsSection(m), marginTable(m), funnelSection(m), acquisitionSection(m),
            ltvCACSection(m), clvSection(m), logisticsSection(m), flagsSection(m), reconciliation(m), fxMissingSection(m), definitions(m),
        ]
        let page = el("html", [("lang", "en")], [
            el("head", [], [
                el("meta", [("charset", "utf-8")]),
                el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                el("title", text: "Tidemark — \(m.pipeline)"),
                el("style", [], [.trustedCSS(css)]),
            ]),
            el("body", [], [el("main", [], body), el("script", [], [.trustedScript(sortScript)])]),
        ])
        return "<!doctype html>\n" + page.render() + "\n"
    }

    static func money(_ v: Money?, _ c: Currency) -> String {
        guard let v else { return "—" }
        return grouped(v.formatted(minorUnits: c.minorUnits))
    }

    /// `1234567.5` → `1,234,567.5`.
    static func grouped(_ s: String) -> String {
        groupedPlainDecimal(s) ?? groupedByCharacters(s)
    }

    /// ``grouped(_:)`` of a plain decimal (`-?[0-9]+(\.[0-9]+)?`, what money and counts are written as), from its
    /// bytes: the same text without the string slicing of ``groupedByCharacters(_:)`` (a few for every figure of the
    /// report). `nil` for any other text.
    static func groupedPlainDecimal(_ s: String) -> String? {
        let u = s.utf8
        let negative = u.first == UInt8(ascii: "-")
        let body = negative ? u.dropFirst() : u[...]
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        let dot = body.firstIndex(of: UInt8(ascii: "."))
        let whole = body[..<(dot ?? body.endIndex)]
        let fraction = dot.map { body[body.index(after: $0)...] }
        guard !whole.isEmpty, whole.allSatisfy(isDigit), fraction.map({ !$0.isEmpty && $0.allSatisfy(isDigit) }) ?? true else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(u.count + u.count / 3 + 3)
        if negative { out += "−".utf8 }
        for (i, digit) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(digit)
        }
        if let fraction {
            out.append(UInt8(ascii: "."))
            out += fraction
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``grouped(_:)`` of any text, by characters.
    static func groupedByCharacters(_ s: String) -> String {
        var sign = ""
        var body = Substring(s)
        if body.hasPrefix("-") {
            sign = "−"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var out = ""
        while whole.count > 3 {
            out = "," + whole.suffix(3) + out
            whole = String(whole.dropLast(3))
        }
        out = whole + out
        return sign + out + (parts.count > 1 ? "." + parts[1] : "")
    }

    static func percent(_ r: Ratio?) -> String {
        guard let r else { return "—" }
        // The fraction times 1000, rounded once, is the percentage with one decimal: 0.7456 gives 74.6 %.
        let perMille = Money.divideRoundingHalfAwayFromZero(r.numerator * 1000, by: r.denominator)
        return replacing(Money.decimalString(Int64(perMille), decimals: 1), UInt8(ascii: "-"), with: "−") + " %"
    }

    /// `s.replacingOccurrences(of: target, with: replacement)` for an ASCII `target`: byte by byte when `s` is ASCII
    /// (then the two agree exactly; Foundation's search was most of the time of these small strings), through
    /// Foundation otherwise (whose matching of a character followed by a combining mark is its own).
    static func replacing(_ s: String, _ target: UInt8, with replacement: String) -> String {
        guard s.utf8.contains(target) else { return s }
        guard s.utf8.allSatisfy({ $0 < 0x80 }) else { return s.replacingOccurrences(of: String(UnicodeScalar(target)), with: replacement) }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        for byte in s.utf8 {
            if byte == target { out.append(contentsOf: replacement.utf8) } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func header(_ m: ReportModel) -> HTMLNode {
        let months = m.sales.summary.map(\.month)
        let period = months.isEmpty ? "no sales data" : "\(months.min()!) – \(months.max()!)"
        return el("header", [], [
            el("h1", text: "Tidemark report: \(m.pipeline)"),
            el("p", cls("meta"), text: "Period \(period) · reporting currency \(m.currency.code) · time zone \(m.timeZone) · generated \(m.generatedAt)"),
        ])
    }

    static func tiles(_ m: ReportModel) -> HTMLNode {
        // The latest month in the data, against the month before it.
        let months = Array(Set(m.sales.summary.map(\.month))).sorted()
        func rows(_ month: YearMonth?) -> [SalesMarginRow] { month.map { mo in m.sales.summary.filter { $0.month == mo } } ?? [] }
        let latest = months.last, previous = months.count > 1 ? months[months.count - 2] : nil
        let now = Totals(rows(latest)), before = previous.map { Totals(rows($0)) }
        let critical = m.sales.flags.filter { $0.severity == .critical }.count
        func tile(_ label: String, _ value: String, _ note: String, _ status: String = "") -> HTMLNode {
            el("div", cls(status.isEmpty ? "tile" : "tile \(status)"), [el("div", cls("label"), text: label), el("div", cls("value"), text: value), el("div", cls("note"), text: note)])
        }
        /// "+12.3 % vs 2026-09" and a status: green when up, amber when down by less than 10 %, red below that.
        func change(_ a: Money?, _ b: Money?) -> (String, String) {
            guard let a, let b, let previous, let r = Ratio(Int128(a.micros - b.micros), Int128(b.micros)) else { return ("", "") }
            let pct = percent(r)
            let status = a >= b ? "green" : (Ratio(Int128(b.micros - a.micros) * 10, Int128(b.micros)).map { $0.numerator < $0.denominator } == true ? "amber" : "red")
            return ((a >= b ? "+" : "") + pct + " vs \(previous)", status)
        }
        let title = latest.map { "\($0)" } ?? "no data"
        let (netNote, netStatus) = change(now.net, before?.net)
        let (ordersNote, ordersStatus) = change(Money(units: Int64(now.orders)), before.map { Money(units: Int64($0.orders)) })
        let gmRate = now.margin.flatMap { Ratio($0, over: now.net) }
        let beforeRate = before?.margin.flatMap { b in Ratio(b, over: before!.net) }
        let gmNote = gmRate == nil ? "costs missing for some lines" : (beforeRate.map { "\(percent(gmRate)) of net revenue (\(percent($0)) in \(previous!))" } ?? "\(percent(gmRate)) of net revenue")
        return el("section", [], [
            el("p", cls("note"), text: "Tiles show \(title)\(previous.map { ", compared with \($0)" } ?? ""); tables and charts below cover the whole period."),
            el("div", cls("tiles"), [
                tile("Net revenue \(title)", money(now.net, m.currency), netNote.isEmpty ? m.currency.code : netNote, netStatus),
                tile("Orders \(title)", String(now.orders), ordersNote.isEmpty ? "distinct orders" : ordersNote, ordersStatus),
                tile("Gross margin \(title)", money(now.margin, m.currency), gmNote, now.margin == nil ? "amber" : ""),
                tile("Average order value", money(now.orders == 0 ? nil : Money(micros: now.gross.micros / Int64(now.orders)), m.currency), "gross sales per order, \(title)"),
                tile("Flags", String(m.sales.flags.count), "\(critical) critical", critical > 0 ? "red" : (m.sales.flags.isEmpty ? "green" : "amber")),
                tile("Rows rejected", String(m.rejectCount), "see rejects.csv", m.rejectCount > 0 ? "amber" : "green"),
            ]),
        ])
    }

    /// Totals of summary rows; money that is unknown in any row is unknown in the total.
    struct Totals {
        var gross = Money.zero, discounts = Money.zero, refunds = Money.zero, fees = Money.zero
        var cogs: Money? = .zero
        var orders = 0, units = 0
        init(_ rows: [SalesMarginRow]) {
            for r in rows {
                gross += r.grossSales
                discounts += r.discounts
                refunds += r.refunds ?? .zero
                fees += r.platformFees ?? .zero
                cogs = r.cogs.flatMap { c in cogs.map { $0 + c } }
                orders += r.orders
                units += r.units
            }
        }
        var net: Money { gross - discounts - refunds }
        var margin: Money? { cogs.map { net - $0 } }
    }

    static func revenueChart(_ m: ReportModel) -> HTMLNode {
        let months = Array(Set(m.sales.summary.map(\.month))).sorted()
        // The six markets with the most net revenue over the period, the rest as "Other".
        var byMarket: [Market: Money] = [:]
        for r in m.sales.summary { byMarket[r.market, default: .zero] += r.netRevenue }
        // Markets and platforms without net revenue in any month of the period (ad networks, whose rows carry only ad
        // spend) get no series: they would only add empty legend entries.
        let withRevenue = m.sales.summary.filter { $0.netRevenue != .zero }
        let marketsWithRevenue = Set(withRevenue.map(\.market)), platformsWithRevenue = Set(withRevenue.map(\.platform))
        byMarket = byMarket.filter { marketsWithRevenue.contains($0.key) }
        let top = byMarket.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(6).map(\.key)
        func value(_ rows: [SalesMarginRow]) -> Double { Double(Money.sum(rows.map(\.netRevenue)).micros) / 1e6 }
        var series = top.map { market in
            (name: market.code, values: months.map { month in value(m.sales.summary.filter { $0.month == month && $0.market == market }) })
        }
        if byMarket.count > top.count {
            series.append((name: "Other", values: months.map { month in value(m.sales.summary.filter { $0.month == month && !top.contains($0.market) }) }))
        }
        var byPlatform: [Platform: Money] = [:]
        for r in m.sales.summary { byPlatform[r.platform, default: .zero] += r.netRevenue }
        let platforms = byPlatform.keys.filter { platformsWithRevenue.contains($0) }.sorted()
        let platformSeries = platforms.map { p in
            (name: p.name, values: months.map { month in value(m.sales.summary.filter { $0.month == month && $0.platform == p }) })
        }
        return el("section", [], [
            el("h2", text: "Net revenue by month"),
            el("div", cls("charts"), [
                el("div", cls("keep"), [
                    el("h3", text: "By market (the six largest, the rest as Other)"),
                    Charts.groupedBars(title: "Net revenue by month and market (\(m.currency.code))", categories: months.map(\.description), series: series, unit: m.currency.code),
                ]),
                el("div", cls("keep"), [
                    el("h3", text: "By platform"),
                    Charts.groupedBars(title: "Net revenue by month and platform (\(m.currency.code))", categories: months.map(\.description), series: platformSeries, unit: m.currency.code),
                ]),
            ]),
        ])
    }

    /// The margin waterfall over the whole period (shared with the monthly margin report).
    static func waterfall(_ rows: [SalesMarginRow], _ c: Currency, title: String) -> HTMLNode {
        let t = Totals(rows)
        var steps: [Charts.WaterfallStep] = [
            .init(label: "Gross sales", value: d(t.gross), total: true), .init(label: "Discounts", value: -d(t.discounts), total: false),
            .init(label: "Refunds", value: -d(t.refunds), total: false), .init(label: "Net revenue", value: d(t.net), total: true),
        ]
        var labels = [money(t.gross, c), money(-t.discounts, c), money(-t.refunds, c), money(t.net, c)]
        if let cogs = t.cogs, let margin = t.margin {
            steps += [
                .init(label: "COGS", value: -d(cogs), total: false), .init(label: "Gross margin", value: d(margin), total: true),
                .init(label: "Platform fees", value: -d(t.fees), total: false), .init(label: "After fees", value: d(margin - t.fees), total: true),
            ]
            labels += [money(-cogs, c), money(margin, c), money(-t.fees, c), money(margin - t.fees, c)]
        }
        return Charts.waterfall(title: title, steps: steps, labels: labels, unit: c.code)
    }

    static func d(_ m: Money) -> Double { Double(m.micros) / 1e6 }

    static func marginTable(_ m: ReportModel) -> HTMLNode {
        let c = m.currency
        let head = ["Month", "Market", "Platform", "Orders", "Units", "Gross sales", "Discounts", "Refunds", "Net revenue", "COGS", "Gross margin", "GM %", "Fees", "Shipping + duties", "Ad spend", "Contri\u{AD}bution", "AOV", "Returns"]  // a soft hyphen lets the widest header wrap
        let rows = m.sales.summary.map { r -> [Cell] in
            [
                .text(r.month.description), .text(r.market.code), .text(r.platform.name), .count(r.orders), .count(r.units),
                .money(r.grossSales, c), .money(-r.discounts, c), .money(r.refunds.map { -$0 }, c), .money(r.netRevenue, c),
                .money(r.cogs, c), .money(r.grossMargin, c), .percent(r.grossMarginRate), .money(r.platformFees, c, suffix: r.feesEstimated ? "*" : ""),
                .money(r.shippingFulfilment.flatMap { s in r.duties.map { s + $0 } }, c), .money(r.adSpend, c), .money(r.contributionMargin, c),
                .money(r.averageOrderValue, c), .percent(r.returnRate),
            ]
        }
        return el("section", cls("page"), [
            el("h2", text: "Margin (\(c.code))"),
            waterfall(m.sales.summary, c, title: "Margin waterfall over the period (\(c.code))"),
            el("h3", text: "By month, market and platform"),
            table(head, rows),
            el("p", cls("note"), text: "* fees estimated from the pipeline's rate (the platform has no fee export). — means not known: no source covers it, or a unit cost is missing. Rows named after an ad network (google_ads, meta_ads) carry ad spend that belongs to no selling platform; unlinked_shipping carries charges linked to no order. Per-SKU rows are in sales_margin.csv."),
            skuTable(m),
        ])
    }

    /// The 15 SKUs with the most net revenue over the period, across markets and platforms.
    static func skuTable(_ m: ReportModel) -> HTMLNode {
        let c = m.currency
        var bySKU: [String: [SalesMarginRow]] = [:]
        for r in m.sales.detail { bySKU[r.sku ?? "", default: []].append(r) }
        let ranked = bySKU.map { (sku: $0.key, t: Totals($0.value), markets: Set($0.value.map(\.market)).count) }
            .sorted { ($0.t.net, $1.sku) > ($1.t.net, $0.sku) }.prefix(15)
        let head = ["SKU", "Markets", "Units", "Net revenue", "COGS", "Gross margin", "GM %"]
        return el("div", [], [
            el("h3", text: "Top SKUs by net revenue"),
            table(head, ranked.map { s in
                [
                    .text(s.sku), .count(s.markets), .count(s.t.units), .money(s.t.net, c), .money(s.t.cogs, c), .money(s.t.margin, c),
                    .percent(s.t.margin.flatMap { Ratio($0, over: s.t.net) }),
                ]
            }),
        ])
    }

    static func flagsSection(_ m: ReportModel) -> HTMLNode {
        let flags = m.sales.flags
        guard !flags.isEmpty else { return el("section", [], [el("h2", text: "Flags"), el("p", text: "No flags were raised.")]) }
        return el("section", cls("page"), [
            el("h2", text: "Flags"),
            el("p", cls("note"), text: "Most severe first. The small chart shows the flagged series from 28 days before to 7 days after the flag: the solid line is what was observed, the dashed line the expected baseline, the shaded band the flagged days. Rules without a daily series (costs, shipments) have no chart. Every flag is in flags.csv."),
            table(["Severity", "Dates", "Rule", "Where", "What it means", "Series and baseline"], flags.map { f in
                let dimensions = f.dimensionsText  // built once, used twice
                let points = m.series[f.metric + "|" + dimensions]
                let rank = [Severity.critical, .warning, .info].firstIndex(of: f.severity).map(String.init) ?? "9"
                return [
                    Cell(text: f.severity.rawValue, sort: rank, children: [el("span", cls("badge \(f.severity.rawValue)"), text: f.severity.rawValue)]),
                    Cell(text: f.date == f.endDate ? f.date.description : "\(f.date) –\n\(f.endDate)", attributes: cls("dates")),
                    .text(f.rule), Cell(text: replacing(dimensions, UInt8(ascii: ";"), with: "; "), attributes: cls("where")), .text(f.explanation),
                    Cell(text: "", children: points.flatMap { sparkline($0, around: f) }.map { [$0] } ?? []),
                ]
            }),
        ])
    }

    static func reconciliation(_ m: ReportModel) -> HTMLNode { reconciliationTable(m.files, ratesUsed: m.ratesUsed) }

    /// The input reconciliation: every file's rows read = loaded + rejected + skipped.
    static func reconciliationTable(_ files: [FileReconciliation], ratesUsed: Int) -> HTMLNode {
        let head = ["File", "Format", "Encoding", "Preamble", "Read", "Loaded", "Rejected", "Skipped", "Superseded", "Status"]
        let rows = files.map { f -> [Cell] in
            [
                .text(f.file), .text(f.format), .text(f.encoding), .count(f.preambleLines), .count(f.rowsRead), .count(f.rowsLoaded),
                .count(f.rowsRejected), Cell(text: String(f.rowsSkipped), number: true, attributes: f.skippedReasons.isEmpty ? [] : [("class", "num"), ("title", f.skippedReasonsText)]),
                .count(f.rowsSuperseded), .text(f.status),
            ]
        }
        let unbalanced = Set(files.indices.filter { !files[$0].isBalanced })
        return el("section", cls("page"), [
            el("h2", text: "Reconciliation of inputs"),
            el("p", cls("note"), text: "For every file: rows read = loaded + rejected + skipped. Rejected rows, with file, line, column and reason, are in rejects.csv; the \(ratesUsed) exchange rates used are in fx_rates_used.csv."),
            table(head, rows, rowClass: { unbalanced.contains($0) ? "unbalanced" : nil }),
        ])
    }

    static func definitions(_ m: ReportModel) -> HTMLNode {
        let items: [(String, String)] = [
            ("Gross sales", "Item amounts excluding tax plus shipping charged, on lines that were not cancelled."),
            ("Discounts", "Promotional discounts on items and shipping, shown as a negative amount."),
            ("Net revenue", "Gross sales minus discounts minus refunds."),
            ("COGS", "Units × the SKU's landed unit cost valid on the order date (market-specific cost first)."),
            ("Gross margin", "Net revenue minus COGS; GM % is gross margin divided by net revenue."),
            ("AOV", "Gross sales divided by the number of distinct orders."),
            ("Currency", "Amounts are converted to \(m.currency.code) with the rate of the fact's date (or the latest rate at most 7 days older), and rounded only for display."),
        ]
        return el("section", cls("definitions"), [
            el("h2", text: "Definitions"),
            el("dl", [], items.flatMap { [el("dt", text: $0.0), el("dd", text: $0.1)] }),
        ])
    }

    static let css = """
        :root { --ink:#1d2733; --muted:#5c6b7a; --line:#d9e0e7; --accent:#1f6f8b; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; background: #f5f7f9; }
        main { max-width: 1240px; margin: 0 auto; padding: 24px; background: #fff; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
        .meta, .note { color: var(--muted); font-size: 12.5px; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin-top: 18px; }
        .tile { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; padding: 10px 12px; }
        .tile.green { border-left-color: #3d9970; } .tile.amber { border-left-color: #d4a017; } .tile.red { border-left-color: #c0392b; }
        .tile .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .tile .value { font-size: 22px; font-weight: 600; margin: 2px 0; font-variant-numeric: tabular-nums; }
        .tile .note { color: var(--muted); font-size: 12px; }
        table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
        th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { background: #eef2f5; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; } td.num { white-space: nowrap; }
        th { vertical-align: bottom; }
        td:first-child { white-space: nowrap; }
        tr.unbalanced td { background: #fdecea; }
        .badge { padding: 1px 6px; border-radius: 8px; font-size: 11px; font-weight: 600; color: #fff; background: #5c7080; }
        .badge.critical { background: #c0392b; } .badge.warning { background: #d4a017; } .badge.info { background: #2e86de; }
        svg.chart { width: 100%; height: auto; max-width: 760px; }
        svg.spark { width: 160px; height: 36px; display: block; }
        td.where { overflow-wrap: anywhere; min-width: 120px; }
        td.dates { white-space: pre; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
        h3 { font-size: 14.5px; margin: 18px 0 8px; }
        svg .grid { stroke: #e3e8ee; } svg .baseline { stroke: #8795a1; } svg .axis, svg .legend { font-size: 11px; fill: #5c6b7a; }
        dl { display: grid; grid-template-columns: 160px 1fr; gap: 4px 16px; } dt { font-weight: 600; } dd { margin: 0; color: var(--muted); }
        td.heat.dark { color: #fff; }
        table.js-sortable th { cursor: pointer; user-select: none; position: relative; padding-right: 14px; }
        table.js-sortable th::after { content: "↕"; color: #aab4be; font-size: 9px; position: absolute; right: 3px; bottom: 6px; }
        table.js-sortable th[aria-sort=ascending]::after { content: "▲"; color: var(--accent); }
        table.js-sortable th[aria-sort=descending]::after { content: "▼"; color: var(--accent); }
        .table-wrap { overflow-x: auto; margin: 0 0 4px; } table.narrow { width: auto; min-width: 40%; }
        table.wide { font-size: 12px; } table.wide th, table.wide td { padding: 5px 5px; } table.wide.js-sortable th { padding-right: 12px; }
        .funnels { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 8px 20px; }
        svg.funnel { max-width: 440px; }
        svg .chart-title { font-size: 12.5px; font-weight: 600; fill: #1d2733; } svg .missing { font-size: 11px; font-style: italic; fill: #8795a1; }
        @page { size: A4; margin: 12mm 10mm; }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { background: #fff; font-size: 11px; } main { max-width: none; padding: 0; }
          section.page { break-before: page; } section.page > h2:first-child { margin-top: 0; } h2, h3, .note { break-after: avoid; }
          svg, .tile, tr, .keep, dt, dd { break-inside: avoid; }
          thead { display: table-header-group; }
          .table-wrap { overflow: visible; }
          table { font-size: 9.5px; } table.wide { font-size: 8.5px; } th, td { padding: 2px 4px; } .badge { font-size: 8px; }
          td.where { min-width: 0; } svg.spark { width: 120px; height: 27px; }
          .tiles { grid-template-columns: repeat(3, 1fr); gap: 8px; } .tile .value { font-size: 18px; }
          .charts { grid-template-columns: 1fr; gap: 0; } svg.chart { max-width: 100%; } svg.chart.funnel { max-width: 340px; }
          .funnels { grid-template-columns: 1fr 1fr; gap: 0 12px; }
          table.js-sortable th::after { content: none; } table.js-sortable th, table.wide.js-sortable th { padding-right: 4px; }
        }
        """
}
