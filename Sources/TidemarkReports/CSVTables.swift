import Foundation
import TidemarkCSV
import TidemarkCommerce
import TidemarkIngest
import TidemarkMetrics
import TidemarkNormalize

/// The CSV tables of outputs.md, written deterministically: rows sorted by their keys, money rounded once to the
/// reporting currency's minor unit, rates as fractions with four decimals, a figure that does not exist empty.
public struct CSVTables {
    public let currency: Currency
    public let options: CSVWriterOptions

    public init(currency: Currency, options: CSVWriterOptions = .standard) {
        self.currency = currency
        self.options = options
    }

    // Figures are `.decimal` cells: the same text as `formatted(…)` and `String(v)` give, written by the CSV writer
    // straight from the integer (no String per figure).
    func money(_ m: Money?) -> CSVCell { m.map { .decimal($0.rounded(toMinorUnits: currency.minorUnits), decimals: currency.minorUnits) } ?? .empty }
    func negated(_ m: Money?) -> CSVCell { money(m.map { -$0 }) }
    /// As `Ratio.formatted(decimals: 4)`: the fraction × 10⁴, rounded half away from zero once.
    func ratio(_ r: Ratio?) -> CSVCell {
        r.map { .decimal(Int64(Money.divideRoundingHalfAwayFromZero($0.numerator * 10_000, by: $0.denominator)), decimals: 4) } ?? .empty
    }
    func int(_ v: Int) -> CSVCell { .decimal(Int64(v), decimals: 0) }

    /// Column names of `sales_margin.csv` (the summary drops `sku`).
    public static let salesMarginColumns = [
        "month", "market", "platform", "sku", "currency", "orders", "units", "gross_sales", "discounts", "refunds",
        "net_revenue", "cogs", "platform_fees", "fees_estimated", "shipping_fulfilment", "duties", "ad_spend",
        "gross_margin", "gross_margin_pct", "contribution_margin", "contribution_margin_pct", "aov", "units_returned",
        "return_rate", "tax_collected",
    ]

    /// `sales_margin.csv` (detail rows) or `sales_margin_summary.csv` (summary rows).
    ///
    /// Refunds, platform fees and returns stay empty while the platform has no such source loaded; shipping,
    /// duties, ad spend and contribution margin are not computed yet. None is ever written as 0 for "unknown".
    public func salesMargin(_ rows: [SalesMarginRow], withSKU: Bool) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader(withSKU ? Self.salesMarginColumns : Self.salesMarginColumns.filter { $0 != "sku" })
        var cells: [CSVCell] = []
        cells.reserveCapacity(Self.salesMarginColumns.count)
        for r in rows {
            // One array reused for every row.
            cells.removeAll(keepingCapacity: true)
            cells += [.text(r.month.description), .text(r.market.code), .text(r.platform.name)]
            if withSKU { cells.append(.text(r.sku ?? "")) }
            cells.append(.text(currency.code))
            appendFigures(r, to: &cells)
            w.writeRow(cells)
        }
        return w.bytes
    }

    /// The figures of a row, in `salesMarginColumns` order from `orders` on, as written.
    func figures(_ r: SalesMarginRow) -> [CSVCell] {
        var cells: [CSVCell] = []
        appendFigures(r, to: &cells)
        return cells
    }

    /// Appends ``figures(_:)`` to `cells`.
    func appendFigures(_ r: SalesMarginRow, to cells: inout [CSVCell]) {
        cells += [
            int(r.orders), int(r.units), money(r.grossSales), negated(r.discounts), negated(r.refunds), money(r.netRevenue),
            money(r.cogs), money(r.platformFees), r.platformFees == nil ? .empty : .text(r.feesEstimated ? "true" : "false"),
            money(r.shippingFulfilment), money(r.duties), money(r.adSpend), money(r.grossMargin), ratio(r.grossMarginRate),
            money(r.contributionMargin), ratio(r.contributionMarginRate), money(r.averageOrderValue),
            r.unitsReturned.map(int) ?? .empty, ratio(r.returnRate), money(r.taxCollected),
        ]
    }

    /// Every figure of summary rows as printed, keyed `market|platform|column` (empty figures included as ""), so
    /// that two issues of a report can be compared figure by figure.
    public func printedFigures(_ summary: [SalesMarginRow]) -> [String: String] {
        let names = Self.salesMarginColumns.drop { $0 != "orders" }
        var out: [String: String] = [:]
        for r in summary {
            for (name, cell) in zip(names, figures(r)) {
                let text: String
                switch cell {
                case .text(let t), .number(let t): text = t
                case .decimal(let value, let decimals): text = Money.decimalString(value, decimals: decimals)
                case .empty: text = ""
                }
                out["\(r.market.code)|\(r.platform.name)|\(name)"] = text
            }
        }
        return out
    }

    /// `changes.csv` of a reissued margin report: one row per figure that moved since the previous issue, then one
    /// row per file that arrived since (figure `file_arrived`).
    public func changes(_ changes: [(market: String, platform: String, figure: String, previous: String, current: String)], lateFiles: [String]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader(["market", "platform", "figure", "previous", "current", "change"])
        for c in changes {
            let delta = MarginDelta.difference(c.previous, c.current)
            w.writeRow([.text(c.market), .text(c.platform), .text(c.figure), c.previous.isEmpty ? .empty : .number(c.previous), c.current.isEmpty ? .empty : .number(c.current), delta.map { .number($0) } ?? .empty])
        }
        for f in lateFiles { w.writeRow([.empty, .empty, .text("file_arrived"), .empty, .text(f), .empty]) }
        return w.bytes
    }

    /// `reconciliation.csv`: one row per input file.
    public func reconciliation(_ files: [FileReconciliation]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader([
            "file", "format", "sha256", "encoding", "preamble_lines", "rows_read", "rows_loaded", "rows_rejected",
            "rows_skipped", "skipped_reasons", "rows_superseded", "status",
        ])
        for f in files.sorted(by: { ($0.file, $0.sha256) < ($1.file, $1.sha256) }) {
            w.writeRow([
                .text(f.file), .text(f.format), .text(f.sha256), .text(f.encoding), int(f.preambleLines), int(f.rowsRead),
                int(f.rowsLoaded), int(f.rowsRejected), int(f.rowsSkipped), .text(f.skippedReasonsText),
                int(f.rowsSuperseded), .text(f.status),
            ])
        }
        return w.bytes
    }

    /// `rejects.csv`: one row per rejected row, by file and line.
    public func rejects(_ rows: [RejectedRow]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader(["file", "line", "column", "value", "reason"])
        for r in rows.sorted(by: { ($0.file, $0.line, $0.columnNumber) < ($1.file, $1.line, $1.columnNumber) }) {
            w.writeRow([.text(r.file), int(r.line), .text(r.column), .text(r.value), .text(r.reason)])
        }
        return w.bytes
    }

    /// `fx_rates_used.csv`: one row per currency × date a conversion used.
    public func ratesUsed(_ uses: [RateUse]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader(["date", "currency", "rate_date", "rate", "base"])
        for u in uses.sorted() {
            w.writeRow([.text(u.date.description), .text(u.currency.code), .text(u.rateDate.description), .number(u.rate.description), .text(u.base.code)])
        }
        return w.bytes
    }

    /// `flags.csv`: one row per flag episode, most severe first.
    public func flags(_ flags: [Flag]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader(["date", "end_date", "severity", "rule", "metric", "dimensions", "observed", "expected", "score", "explanation"])
        for f in flags.sorted() {
            w.writeRow([
                .text(f.date.description), .text(f.endDate.description), .text(f.severity.rawValue), .text(f.rule),
                .text(f.metric), .text(f.dimensionsText), f.observed.isEmpty ? .empty : .number(f.observed),
                f.expected.isEmpty ? .empty : .number(f.expected), f.score.isEmpty ? .empty : .number(f.score), .text(f.explanation),
            ])
        }
        return w.bytes
    }
}

extension CSVTables {
    /// `clv_cohorts.csv`: cohort month × market × months since acquisition.
    public func clvCohorts(_ rows: [CohortCLVRow]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader([
            "cohort_month", "market", "months_since", "customers", "active_customers", "cumulative_net_revenue_per_customer",
            "cumulative_contribution_margin_per_customer",
        ])
        for r in rows.sorted(by: { ($0.cohort, $0.monthsSince) < ($1.cohort, $1.monthsSince) }) {
            w.writeRow([
                .text(r.cohort.month.description), .text(r.cohort.market.code), int(r.monthsSince), int(r.customers), int(r.activeCustomers),
                money(r.cumulativeNetRevenuePerCustomer), money(r.cumulativeContributionMarginPerCustomer),
            ])
        }
        return w.bytes
    }

    /// `clv_customers.csv`: one row per customer key (never an email or a name).
    public func clvCustomers(_ t: CLVTables) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader([
            "customer_key", "first_order_date", "market", "orders", "frequency", "recency_weeks", "age_weeks", "monetary_value",
            "expected_purchases", "expected_spend", "clv", "rfm_score", "segment",
        ])
        let order = t.summaries.indices.sorted { t.summaries[$0].customerKey < t.summaries[$1].customerKey }
        let distinct = zip(order, order.dropFirst()).allSatisfy { t.summaries[$0].customerKey != t.summaries[$1].customerKey }
        let prediction = Self.entries(t.predictive.customers, of: t.summaries, distinct: distinct, \.customerKey)
        let rfm = Self.entries(t.rfm, of: t.summaries, distinct: distinct, \.customerKey)
        let weeks = CLVTimeUnit.weeks.days / t.unit.days
        for i in order {
            let s = t.summaries[i]
            let p = t.predictive.unavailable == nil ? prediction(i) : nil
            let score = rfm(i)
            let market: String = t.cohortOfCustomer[s.customerKey]?.market.code ?? ""
            var purchases = CSVCell.empty
            if let e = p?.expectedPurchases { purchases = Self.decimalCell(e, 4) }
            var spend = CSVCell.empty
            if let e = p?.expectedSpend { spend = money(Money(micros: Int64((e * 1e6).rounded()))) }
            var cells: [CSVCell] = [.text(s.customerKey), .text(s.firstPurchase.description), .text(market)]
            cells += [int(s.orders), int(s.frequency), Self.decimalCell(s.recency / weeks, 4), Self.decimalCell(s.age / weeks, 4)]
            cells += [money(s.monetaryValue), purchases, spend, money(p?.clv)]
            cells += [score.map { CSVCell.text($0.code) } ?? .empty, score.map { CSVCell.text($0.segment.rawValue) } ?? .empty]
            w.writeRow(cells)
        }
        return w.bytes
    }

    /// The entry of `list` for each summary (by its index): the first entry with its customer key.
    ///
    /// By position when `list` names the customers of `summaries` in the same order (as the CLV tables are built)
    /// and no key repeats (`distinct`): comparing keys once costs less than hashing each 64-character key into a
    /// dictionary and again to look it up. By a dictionary otherwise.
    static func entries<T>(_ list: [T], of summaries: [CLVCustomerSummary], distinct: Bool, _ key: KeyPath<T, String>) -> (Int) -> T? {
        if distinct && list.count == summaries.count && zip(list, summaries).allSatisfy({ $0[keyPath: key] == $1.customerKey }) {
            return { list[$0] }
        }
        let byKey = Dictionary(list.map { ($0[keyPath: key], $0) }, uniquingKeysWith: { a, _ in a })
        return { byKey[summaries[$0].customerKey] }
    }

    /// `clv_model.csv`: one row per fitted parameter of BG/NBD and Gamma-Gamma.
    public func clvModel(_ t: CLVTables) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader(["model", "parameter", "value", "log_likelihood", "customers", "converged"])
        if let m = t.predictive.purchaseModel {
            for (name, v) in [("r", m.parameters.r), ("alpha", m.parameters.alpha), ("a", m.parameters.a), ("b", m.parameters.b)] {
                w.writeRow([.text("bg_nbd"), .text(name), .number(Self.decimal(v, 6)), .number(Self.decimal(m.logLikelihood, 4)), int(m.customers), .text(m.converged ? "true" : "false")])
            }
        }
        if let m = t.predictive.spendModel {
            for (name, v) in [("p", m.parameters.p), ("q", m.parameters.q), ("gamma", m.parameters.gamma)] {
                w.writeRow([.text("gamma_gamma"), .text(name), .number(Self.decimal(v, 6)), .number(Self.decimal(m.logLikelihood, 4)), int(m.customers), .text(m.converged ? "true" : "false")])
            }
        }
        return w.bytes
    }

    /// A model statistic written with fixed decimals (these are estimates, not money).
    static func decimal(_ v: Double, _ places: Int) -> String {
        guard let scaled = scaled(v, places) else { return "" }
        return Money.decimalString(scaled, decimals: places)
    }

    /// ``decimal(_:_:)`` as a cell (empty where that is the empty text), written without a `String`.
    static func decimalCell(_ v: Double, _ places: Int) -> CSVCell {
        scaled(v, places).map { .decimal($0, decimals: places) } ?? .empty
    }

    /// `v × 10^places` rounded half away from zero, or `nil` when `v` is not finite.
    private static func scaled(_ v: Double, _ places: Int) -> Int64? {
        guard v.isFinite else { return nil }
        let scale = pow(10.0, Double(places))
        let scaled = (abs(v) * scale).rounded()
        return Int64(v < 0 ? -scaled : scaled)
    }
}

extension CSVTables {
    func count(_ v: Int?) -> CSVCell { v.map(int) ?? .empty }

    /// `funnel.csv`: date × market × platform; a stage no source reports is empty, never 0.
    public func funnel(_ rows: [FunnelRow]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader([
            "date", "market", "platform", "impressions", "clicks", "sessions", "inquiries", "orders", "repeat_orders", "ctr",
            "session_rate", "inquiry_rate", "conversion_rate", "repeat_rate",
        ])
        for r in rows.sorted(by: { ($0.date, $0.market, $0.platform.name) < ($1.date, $1.market, $1.platform.name) }) {
            var cells: [CSVCell] = [.text(r.date.description), .text(r.market.code), .text(r.platform.name)]
            cells += [count(r.impressions), count(r.clicks), count(r.sessions), count(r.inquiries), count(r.orders), count(r.repeatOrders)]
            cells += [ratio(r.ctr), ratio(r.sessionRate), ratio(r.inquiryRate), ratio(r.conversionRate), ratio(r.repeatRate)]
            w.writeRow(cells)
        }
        return w.bytes
    }

    /// `acquisition.csv`: month × market × channel.
    public func acquisition(_ t: AcquisitionTables) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader([
            "month", "market", "channel", "currency", "spend", "new_customers", "attributed_orders", "attributed_sales",
            "attribution_window", "cac", "blended_cac", "roas", "acos", "tacos", "mer", "roi",
        ])
        for r in t.rows.sorted(by: { ($0.month, $0.market, $0.channel.name) < ($1.month, $1.market, $1.channel.name) }) {
            var cells: [CSVCell] = [.text(r.month.description), .text(r.market.code), .text(r.channel.name), .text(currency.code)]
            cells += [money(r.spend), int(r.newCustomers), count(r.attributedOrders), money(r.attributedSales), .text(r.attributionWindow.text)]
            cells += [money(r.cac), money(r.blendedCAC), ratio(r.roas), ratio(r.acos), ratio(r.tacos), ratio(r.mer), ratio(r.roi)]
            w.writeRow(cells)
        }
        return w.bytes
    }

    /// `campaigns.csv`: month × platform × campaign, the attribution window on every row.
    public func campaigns(_ rows: [CampaignRow]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader([
            "month", "platform", "account", "campaign", "market", "currency", "impressions", "clicks", "spend", "attributed_orders",
            "attributed_sales", "attribution_window", "ctr", "cpc", "roas", "acos", "roi",
        ])
        for r in rows.sorted(by: { ($0.month, $0.platform.name, $0.account, $0.campaign, $0.market) < ($1.month, $1.platform.name, $1.account, $1.campaign, $1.market) }) {
            var cells: [CSVCell] = [.text(r.month.description), .text(r.platform.name), .text(r.account), .text(r.campaign), .text(r.market.code), .text(currency.code)]
            cells += [int(r.impressions), int(r.clicks), money(r.spend), count(r.attributedOrders), money(r.attributedSales), .text(r.attributionWindow.text)]
            cells += [ratio(r.ctr), money(r.cpc), ratio(r.roas), ratio(r.acos), ratio(r.roi)]
            w.writeRow(cells)
        }
        return w.bytes
    }

    /// `logistics.csv`: month × carrier × destination market.
    public func logistics(_ t: LogisticsTable) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader([
            "month", "carrier", "market", "currency", "shipments", "orders", "cost", "cost_per_shipment", "duties",
            "logistics_cost_share", "avg_transit_days", "p90_transit_days", "on_time_rate", "delayed", "lost", "returned",
        ])
        for r in t.rows.sorted(by: { ($0.month, $0.carrier, $0.market) < ($1.month, $1.carrier, $1.market) }) {
            var cells: [CSVCell] = [.text(r.month.description), .text(r.carrier), .text(r.market.code), .text(currency.code)]
            cells += [int(r.shipments), int(r.orders), money(r.cost), money(r.costPerShipment), money(r.duties), ratio(r.logisticsCostShare)]
            cells += [r.averageTransitDays.map { .number($0.formatted(decimals: 2)) } ?? .empty, count(r.p90TransitDays), ratio(r.onTimeRate)]
            cells += [int(r.delayed), int(r.lost), int(r.returned)]
            w.writeRow(cells)
        }
        return w.bytes
    }
}
