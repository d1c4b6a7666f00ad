import TidemarkCommerce
import TidemarkIngest
import TidemarkMetrics
import TidemarkNormalize

/// Everything the monthly margin report shows.
public struct MarginReportModel {
    public struct Change: Sendable {
        public var market, platform, figure, previous, current: String
        public init(market: String, platform: String, figure: String, previous: String, current: String) {
            self.market = market
            self.platform = platform
            self.figure = figure
            self.previous = previous
            self.current = current
        }
    }
    public var month: YearMonth
    public var currency: Currency
    public var timeZone: String
    public var issue: Int
    /// The previous issue's number and time, if any.
    public var previousIssue: (Int, String)?
    public var issuedAt: String
    public var sales: SalesMarginTables
    public var ratesUsed: [RateUse]
    public var files: [FileReconciliation]
    public var lateFiles: [String]
    public var changes: [Change]

    public init(
        month: YearMonth, currency: Currency, timeZone: String, issue: Int, previousIssue: (Int, String)?, issuedAt: String,
        sales: SalesMarginTables, ratesUsed: [RateUse], files: [FileReconciliation], lateFiles: [String], changes: [Change]
    ) {
        self.month = month
        self.currency = currency
        self.timeZone = timeZone
        self.issue = issue
        self.previousIssue = previousIssue
        self.issuedAt = issuedAt
        self.sales = sales
        self.ratesUsed = ratesUsed
        self.files = files
        self.lateFiles = lateFiles
        self.changes = changes
    }
}

/// Renders `margin.html`: finance's monthly margin report, self-contained and printable.
public enum MarginReportHTML {
    public static func render(_ m: MarginReportModel) -> String {
        let c = m.currency
        let issueNote = m.previousIssue.map { "Issue \(m.issue), replacing issue \($0.0) of \($0.1)" } ?? "Issue \(m.issue) (first issue of this month)"
        let body: [HTMLNode] = [
            el("header", [], [
                el("h1", text: "Monthly margin report \(m.month) · \(c.code)"),
                el("p", cls("meta"), text: "\(issueNote) · issued \(m.issuedAt) · periods in \(m.timeZone) · amounts rounded once, at display"),
            ]),
            el("section", [], [el("h2", text: "Margin waterfall, all markets and platforms (\(c.code))"),
                               HTMLReport.waterfall(m.sales.summary, c, title: "Margin waterfall \(m.month)")]),
            changesSection(m),
            summaryTable(m),
            ratesSection(m),
            HTMLReport.reconciliationTable(m.files, ratesUsed: m.ratesUsed.count),
        ]
        let page = el("html", [("lang", "en")], [
            el("head", [], [
                el("meta", [("charset", "utf-8")]), el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                el("title", text: "Margin \(m.month) \(c.code) — issue \(m.issue)"), el("style", [], [.trustedCSS(HTMLReport.css)]),
            ]),
            el("body", [], [el("main", [], body)]),
        ])
        return "<!doctype html>\n" + page.render() + "\n"
    }

    static func changesSection(_ m: MarginReportModel) -> HTMLNode {
        guard m.previousIssue != nil else {
            return el("section", [], [el("h2", text: "Changes since the previous issue"), el("p", text: "This is the first issue of \(m.month).")])
        }
        var nodes: [HTMLNode] = [el("h2", text: "Changes since issue \(m.previousIssue!.0)")]
        if m.lateFiles.isEmpty {
            nodes.append(el("p", text: "No files arrived since the previous issue."))
        } else {
            nodes.append(el("p", text: "Files that arrived since the previous issue:"))
            nodes.append(el("ul", [], m.lateFiles.map { el("li", text: $0) }))
        }
        if m.changes.isEmpty {
            nodes.append(el("p", text: "No figure changed."))
        } else {
            nodes.append(el("table", [], [
                el("thead", [], [el("tr", [], ["Market", "Platform", "Figure", "Previous", "Now", "Change"].map { el("th", text: $0) })]),
                el("tbody", [], m.changes.map { ch in
                    el("tr", [], [el("td", text: ch.market), el("td", text: ch.platform), el("td", text: ch.figure),
                                  el("td", cls("num"), text: ch.previous.isEmpty ? "—" : ch.previous), el("td", cls("num"), text: ch.current.isEmpty ? "—" : ch.current),
                                  el("td", cls("num"), text: MarginDelta.difference(ch.previous, ch.current) ?? "")])
                }),
            ]))
        }
        return el("section", [], nodes)
    }

    static func summaryTable(_ m: MarginReportModel) -> HTMLNode {
        let c = m.currency
        let head = ["Market", "Platform", "Orders", "Units", "Gross sales", "Discounts", "Refunds", "Net revenue", "COGS", "Gross margin", "GM %", "Platform fees", "Return rate"]
        return el("section", [], [
            el("h2", text: "By market and platform (\(c.code))"),
            el("table", [], [
                el("thead", [], [el("tr", [], head.map { el("th", text: $0) })]),
                el("tbody", [], m.sales.summary.map { r in
                    el("tr", [], [
                        el("td", text: r.market.code), el("td", text: r.platform.name), el("td", cls("num"), text: String(r.orders)),
                        el("td", cls("num"), text: String(r.units)), el("td", cls("num"), text: HTMLReport.money(r.grossSales, c)),
                        el("td", cls("num"), text: HTMLReport.money(-r.discounts, c)), el("td", cls("num"), text: HTMLReport.money(r.refunds.map { -$0 }, c)),
                        el("td", cls("num"), text: HTMLReport.money(r.netRevenue, c)), el("td", cls("num"), text: HTMLReport.money(r.cogs, c)),
                        el("td", cls("num"), text: HTMLReport.money(r.grossMargin, c)), el("td", cls("num"), text: HTMLReport.percent(r.grossMarginRate)),
                        el("td", cls("num"), text: HTMLReport.money(r.platformFees, c) + (r.feesEstimated ? " (est.)" : "")),
                        el("td", cls("num"), text: HTMLReport.percent(r.returnRate)),
                    ])
                }),
            ]),
            el("p", cls("note"), text: "Per-SKU figures are in margin.csv; \"(est.)\" marks fees estimated from the pipeline's rate where the platform has no fee export."),
        ])
    }

    static func ratesSection(_ m: MarginReportModel) -> HTMLNode {
        // One line per currency: how many days converted, the range of rates used.
        var byCurrency: [Currency: [RateUse]] = [:]
        for u in m.ratesUsed { byCurrency[u.currency, default: []].append(u) }
        let rows = byCurrency.keys.sorted().map { cur -> HTMLNode in
            let uses = byCurrency[cur]!
            let rates = uses.map(\.rate)
            let fallback = uses.filter { $0.rateDate != $0.date }.count
            return el("tr", [], [
                el("td", text: cur.code), el("td", cls("num"), text: String(uses.count)),
                el("td", cls("num"), text: rates.min()!.description), el("td", cls("num"), text: rates.max()!.description),
                el("td", cls("num"), text: String(fallback)), el("td", text: uses[0].base.code),
            ])
        }
        return el("section", [], [
            el("h2", text: "Exchange rates used"),
            el("p", cls("note"), text: "Rates are units of currency per 1 \(m.ratesUsed.first?.base.code ?? "EUR"); a day without a rate uses the latest earlier rate at most 7 days older. Every date and rate is in fx_rates_used.csv."),
            el("table", [], [
                el("thead", [], [el("tr", [], ["Currency", "Days converted", "Lowest rate", "Highest rate", "Days on an earlier rate", "Base"].map { el("th", text: $0) })]),
                el("tbody", [], rows),
            ]),
        ])
    }
}
