import TidemarkCSV
import TidemarkCommerce
import TidemarkMetrics

/// The CSV tables added after the first release: `period_summary.csv`, `ltv_cac.csv`, `fx_missing.csv`.
extension CSVTables {
    /// Column names of `period_summary.csv`.
    public static let periodSummaryColumns = [
        "period_type", "period", "start_date", "end_date", "complete", "market", "currency", "orders", "units", "gross_sales",
        "discounts", "refunds", "net_revenue", "aov", "new_customers", "previous_period", "previous_net_revenue",
        "net_revenue_change", "previous_orders", "orders_change", "previous_new_customers", "new_customers_change",
        "last_year_period", "last_year_net_revenue", "net_revenue_yoy_change", "last_year_orders", "orders_yoy_change",
        "last_year_new_customers", "new_customers_yoy_change",
    ]

    /// `period_summary.csv`: one row per period (day, ISO week, month) × market, and `ALL` for all markets, with the
    /// previous period (环比) and the same period last year (同比). Comparison figures are empty where loaded data
    /// does not cover the comparison period; a change is empty where the comparison is empty or 0.
    public func periodSummary(_ rows: [PeriodSummaryRow]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader(Self.periodSummaryColumns)
        for r in rows {
            let f = r.figures, p = r.previous, y = r.lastYear
            w.writeRow([
                .text(r.period.type.rawValue), .text(r.period.label), .text(r.period.firstDay.description), .text(r.period.lastDay.description),
                .text(r.complete ? "true" : "false"), .text(r.market?.code ?? "ALL"), .text(currency.code), int(f.orders), int(f.units),
                money(f.grossSales), negated(f.discounts), negated(f.refunds), money(f.netRevenue), money(r.averageOrderValue),
                int(f.newCustomers),
                .text(r.previousPeriod.label), money(p?.netRevenue), ratio(PeriodSummaryRow.change(f.netRevenue, p?.netRevenue)),
                p.map { int($0.orders) } ?? .empty, ratio(PeriodSummaryRow.change(f.orders, p?.orders)),
                p.map { int($0.newCustomers) } ?? .empty, ratio(PeriodSummaryRow.change(f.newCustomers, p?.newCustomers)),
                r.lastYearPeriod.map { .text($0.label) } ?? .empty, money(y?.netRevenue), ratio(PeriodSummaryRow.change(f.netRevenue, y?.netRevenue)),
                y.map { int($0.orders) } ?? .empty, ratio(PeriodSummaryRow.change(f.orders, y?.orders)),
                y.map { int($0.newCustomers) } ?? .empty, ratio(PeriodSummaryRow.change(f.newCustomers, y?.newCustomers)),
            ])
        }
        return w.bytes
    }

    /// Column names of `ltv_cac.csv`.
    public static let ltvCACColumns = [
        "cohort_month", "market", "channel", "currency", "new_customers", "channel_customers", "spend", "cohort_spend", "blended_cac",
        "paid_cac", "clv_12m", "clv_basis", "months_observed", "ltv_cac", "ltv_paid_cac",
    ]

    /// `ltv_cac.csv`: one row per acquisition cohort (month × market) × channel.
    public func ltvCAC(_ rows: [LTVCACRow]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader(Self.ltvCACColumns)
        for r in rows {
            w.writeRow([
                .text(r.month.description), .text(r.market.code), .text(r.channel.name), .text(currency.code), int(r.newCustomers),
                r.channelCustomers.map(int) ?? .empty, money(r.spend), money(r.cohortSpend), money(r.blendedCAC), money(r.paidCAC),
                money(r.clv), r.basis.map { .text($0.rawValue) } ?? .empty, r.monthsObserved.map(int) ?? .empty, ratio(r.ltvToCAC),
                ratio(r.ltvToPaidCAC),
            ])
        }
        return w.bytes
    }

    /// Column names of `fx_missing.csv`.
    public static let fxMissingColumns = ["file", "line", "fact", "platform", "order_id", "sku", "market", "date", "currency", "amount", "reason"]

    /// `fx_missing.csv`: every order line, refund and fee left out of the sales figures because no rate converts its
    /// currency on its date (nor in the 7 days before), by file and line. `amount` is in the fact's own currency
    /// (an order line's gross sales: items + shipping, excluding tax).
    public func fxMissing(_ facts: [UnconvertedFact]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader(Self.fxMissingColumns)
        for f in facts {
            w.writeRow([
                .text(f.file), int(f.line), .text(f.kind.rawValue), .text(f.platform.name), .text(f.orderID), .text(f.sku), .text(f.market.code),
                .text(f.date.description), .text(f.currency.code), .number(f.amount.formatted(minorUnits: f.currency.minorUnits)),
                .text("no rate converts \(f.currency.code) to \(currency.code) on \(f.date) or the 7 days before"),
            ])
        }
        return w.bytes
    }
}
