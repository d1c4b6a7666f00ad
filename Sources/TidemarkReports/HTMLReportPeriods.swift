import TidemarkCommerce
import TidemarkMetrics

/// The report sections added after the first release: the facts left out for a missing exchange rate.
public struct ReportExtras: Sendable {
    /// Order lines, refunds and fees left out for a missing rate.
    public var unconverted: [UnconvertedFact]

    public init(unconverted: [UnconvertedFact] = []) {
        self.unconverted = unconverted
    }
}

extension HTMLReport {
    /// The facts left out of the sales figures for a missing rate (the first 50; all are in `fx_missing.csv`).
    static func fxMissingSection(_ m: ReportModel) -> HTMLNode {
        let facts = m.extras.unconverted
        guard !facts.isEmpty else { return .fragment([]) }
        let shown = facts.prefix(50)
        let head = ["File", "Line", "Fact", "Platform", "Order", "SKU", "Market", "Date", "Amount"]
        return el("section", [], [
            el("h3", text: "Left out for a missing exchange rate"),
            el("p", cls("note"), text: "\(facts.count) order lines, refunds and fees have no \(m.currency.code) rate for their date or the 7 days before; they are left out of every sales figure (fx_missing flags).\(facts.count > shown.count ? " The first \(shown.count) are shown;" : "") all are in fx_missing.csv, amounts in their own currency."),
            el("table", [], [
                el("thead", [], [el("tr", [], head.map { el("th", text: $0) })]),
                el("tbody", [], shown.map { f in
                    el("tr", [], [
                        el("td", text: f.file), el("td", cls("num"), text: String(f.line)), el("td", text: f.kind.rawValue), el("td", text: f.platform.name),
                        el("td", text: f.orderID), el("td", text: f.sku), el("td", text: f.market.code), el("td", text: f.date.description),
                        el("td", cls("num"), text: grouped(f.amount.formatted(minorUnits: f.currency.minorUnits)) + " " + f.currency.code),
                    ])
                }),
            ]),
        ])
    }
}
