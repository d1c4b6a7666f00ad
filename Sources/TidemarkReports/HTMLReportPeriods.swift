import TidemarkCommerce
import TidemarkMetrics

/// The report sections added after the first release: period comparisons, LTV:CAC per cohort, and the facts left
/// out for a missing exchange rate.
public struct ReportExtras: Sendable {
    /// Day, ISO week and month summaries with comparisons.
    public var periods: [PeriodSummaryRow]
    /// LTV:CAC per acquisition cohort and channel.
    public var ltvCAC: [LTVCACRow]
    /// Order lines, refunds and fees left out for a missing rate.
    public var unconverted: [UnconvertedFact]

    public init(periods: [PeriodSummaryRow] = [], ltvCAC: [LTVCACRow] = [], unconverted: [UnconvertedFact] = []) {
        self.periods = periods
        self.ltvCAC = ltvCAC
        self.unconverted = unconverted
    }
}

extension HTMLReport {
    /// How many of the latest periods of each type the report shows (all are in `period_summary.csv`).
    static let periodsShown: [PeriodType: Int] = [.day: 14, .week: 8, .month: 12]

    /// Net revenue, orders and new customers of all markets per month, ISO week and day, against the previous period
    /// and the same period last year.
    static func periodsSection(_ m: ReportModel) -> HTMLNode {
        let all = m.extras.periods.filter { $0.market == nil }
        guard !all.isEmpty else { return .fragment([]) }
        let c = m.currency
        func change(_ r: Ratio?) -> Cell {
            guard let r else { return Cell(text: "—", number: true, sort: "") }
            let text = percent(r)
            return Cell(text: r.numerator * r.denominator > 0 ? "+" + text : text, number: true, sort: r.formatted(decimals: 6))
        }
        func table(_ type: PeriodType, _ title: String) -> HTMLNode {
            let rows = all.filter { $0.period.type == type }.suffix(periodsShown[type] ?? 12).reversed()
            guard !rows.isEmpty else { return .fragment([]) }
            let head = ["Period", "Net revenue", "vs previous", "vs last year", "Orders", "vs previous", "vs last year", "New customers", "vs previous", "vs last year", "AOV"]
            return el("div", [], [
                el("h3", text: title),
                HTMLReport.table(head, rows.map { r in
                    let f = r.figures
                    return [
                        Cell(text: r.period.label + (r.complete ? "" : " (partial)"), sort: r.period.firstDay.description,
                             attributes: [("title", "\(r.period.firstDay) – \(r.period.lastDay)")]),
                        .money(f.netRevenue, c),
                        change(PeriodSummaryRow.change(f.netRevenue, r.previous?.netRevenue)),
                        change(PeriodSummaryRow.change(f.netRevenue, r.lastYear?.netRevenue)),
                        .count(f.orders),
                        change(PeriodSummaryRow.change(f.orders, r.previous?.orders)),
                        change(PeriodSummaryRow.change(f.orders, r.lastYear?.orders)),
                        .count(f.newCustomers),
                        change(PeriodSummaryRow.change(f.newCustomers, r.previous?.newCustomers)),
                        change(PeriodSummaryRow.change(f.newCustomers, r.lastYear?.newCustomers)),
                        .money(r.averageOrderValue, c),
                    ]
                }),
            ])
        }
        return el("section", [], [
            el("h2", text: "Periods: change on the previous period and on last year (\(c.code))"),
            el("p", cls("note"), text: "All markets. Weeks are ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday), days and months are calendar days and months in \(m.timeZone). Each period is compared with the one before (环比) and with the same period a year earlier (同比: the same date, the same week number of the previous week-year — none for week 53 when that year has 52 weeks — or the same month). — means the comparison period is not (fully) covered by the loaded data, or was 0. \"partial\": the loaded data covers only part of the period. Per-market rows are in period_summary.csv."),
            table(.month, "Months"), table(.week, "ISO weeks (latest \(periodsShown[.week]!))"), table(.day, "Days (latest \(periodsShown[.day]!))"),
        ])
    }

    /// LTV:CAC per acquisition cohort and channel.
    static func ltvCACSection(_ m: ReportModel) -> HTMLNode {
        let rows = m.extras.ltvCAC
        guard !rows.isEmpty else { return .fragment([]) }
        let c = m.currency
        let head = ["Cohort", "Market", "Channel", "New customers", "Channel's customers", "Spend", "Blended CAC", "Paid CAC", "12-month CLV", "CLV basis", "LTV:CAC", "LTV:paid CAC"]
        return el("section", [], [
            el("h2", text: "LTV:CAC per acquisition cohort (\(c.code))"),
            el("p", cls("note"), text: "LTV:CAC = 12-month CLV per customer of the cohort (month and market of the first order) / blended CAC (all ad spend of that month and market / its new customers). The CLV is the mean predictive CLV of the cohort's customers when the model converged, otherwise the cohort's historical contribution margin per customer over its first 12 months (net revenue where costs are unknown; fewer months while the cohort is younger, as the basis says). Orders carry no channel: each ad channel is credited with the new customers its ad report attributes (capped at the cohort's), organic with the rest; the CLV is the cohort's on every row."),
            HTMLReport.table(head, rows.map { r in
                [
                    .text(r.month.description), .text(r.market.code), .text(r.channel.name),
                    .count(r.newCustomers), .count(r.channelCustomers),
                    .money(r.spend, c), .money(r.blendedCAC, c), .money(r.paidCAC, c), .money(r.clv, c),
                    .text(r.basis.map { $0.rawValue + (r.monthsObserved.map { " (\($0) mo)" } ?? "") } ?? "—"),
                    .ratio(r.ltvToCAC), .ratio(r.ltvToPaidCAC),
                ]
            }),
        ])
    }

    /// The facts left out of the sales figures for a missing rate (the first 50; all are in `fx_missing.csv`).
    static func fxMissingSection(_ m: ReportModel) -> HTMLNode {
        let facts = m.extras.unconverted
        guard !facts.isEmpty else { return .fragment([]) }
        let shown = facts.prefix(50)
        let head = ["File", "Line", "Fact", "Platform", "Order", "SKU", "Market", "Date", "Amount"]
        return el("section", [], [
            el("h3", text: "Left out for a missing exchange rate"),
            el("p", cls("note"), text: "\(facts.count) order lines, refunds and fees have no \(m.currency.code) rate for their date or the 7 days before; they are left out of every sales figure (fx_missing flags).\(facts.count > shown.count ? " The first \(shown.count) are shown;" : "") all are in fx_missing.csv, amounts in their own currency."),
            HTMLReport.table(head, shown.map { f in
                [
                    .text(f.file), Cell(text: String(f.line), number: true), .text(f.kind.rawValue), .text(f.platform.name),
                    .text(f.orderID), .text(f.sku), .text(f.market.code), .text(f.date.description),
                    Cell(text: grouped(f.amount.formatted(minorUnits: f.currency.minorUnits)) + " " + f.currency.code, number: true,
                         sort: f.amount.formatted(minorUnits: f.currency.minorUnits)),
                ]
            }),
        ])
    }
}
