import TidemarkCommerce
import TidemarkMetrics

extension HTMLReport {
    /// Customer lifetime value: the cohort table as a heat map, 90-day repurchase, the predictive model (parameters
    /// and convergence, or why it is not shown), the distribution of 12-month CLV, and RFM segments.
    static func clvSection(_ m: ReportModel) -> HTMLNode {
        guard let clv = m.clv else { return .fragment([]) }
        let c = m.currency
        var nodes: [HTMLNode] = [el("h2", text: "Customer lifetime value (\(c.code))")]
        nodes.append(el("p", cls("note"), text: "\(clv.summaries.count) customers with a customer key; \(clv.ordersWithoutCustomer) orders have no buyer identity (e.g. Amazon) and count in sales only. Calibration ends \(clv.calibrationEnd)."))
        nodes.append(cohortHeatMap(clv, c))
        nodes.append(predictiveBlock(clv, c))
        nodes.append(segmentsTable(clv))
        return el("section", cls("page"), nodes)
    }

    /// Cohorts by acquisition month, all markets together: customers and cumulative net revenue by months since
    /// acquisition.
    static func cohortCells(_ clv: CLVTables) -> [YearMonth: [Int: (customers: Int, revenue: Money)]] {
        var byCohort: [YearMonth: [Int: (customers: Int, revenue: Money)]] = [:]
        for r in clv.cohorts {
            var cell = byCohort[r.cohort.month, default: [:]][r.monthsSince] ?? (0, .zero)
            cell.customers += r.customers
            cell.revenue += r.cumulativeNetRevenue
            byCohort[r.cohort.month, default: [:]][r.monthsSince] = cell
        }
        return byCohort
    }

    /// Cohort curves: cumulative net revenue per customer by months since acquisition, one line per cohort month,
    /// the most recent ``cohortCurveLimit`` cohorts.
    static func cohortCurves(_ clv: CLVTables, _ c: Currency) -> HTMLNode {
        let byCohort = cohortCells(clv)
        let months = Array(byCohort.keys.sorted().suffix(cohortCurveLimit))
        guard !months.isEmpty else { return .fragment([]) }
        let maxSince = months.compactMap { byCohort[$0]?.keys.max() }.max() ?? 0
        let series = months.map { month -> (name: String, values: [Double?]) in
            let cells = byCohort[month]!
            return (month.description, (0...maxSince).map { k in
                guard let cell = cells[k], cell.customers > 0 else { return nil }
                return d(Money(micros: cell.revenue.micros / Int64(cell.customers)))
            })
        }
        let older = byCohort.count - months.count
        return el("div", cls("keep"), [
            el("h3", text: "Cohort curves"),
            Charts.lines(
                title: "Cumulative net revenue per customer by months since acquisition (\(c.code))", xLabels: (0...maxSince).map { "M\($0)" },
                series: series, unit: c.code, xTitle: "months since the first order"),
            el("p", cls("note"), text: "One line per cohort (month of the first order)" + (older > 0 ? "; the \(cohortCurveLimit) most recent cohorts, \(older) older ones are in the table." : ".")),
        ])
    }

    /// How many cohorts the curves show (the most recent ones); more lines would be unreadable.
    static let cohortCurveLimit = 8

    static func cohortHeatMap(_ clv: CLVTables, _ c: Currency) -> HTMLNode {
        let byCohort = cohortCells(clv)
        let months = byCohort.keys.sorted()
        let maxSince = byCohort.values.flatMap(\.keys).max() ?? 0
        var best = Money.zero
        for cells in byCohort.values {
            for cell in cells.values where cell.customers > 0 {
                best = max(best, Money(micros: cell.revenue.micros / Int64(cell.customers)))
            }
        }
        let repurchase = Dictionary(grouping: clv.repurchase, by: \.cohort.month)
        let head = ["Cohort", "Customers"] + (0...maxSince).map { "M\($0)" } + ["90-day repurchase"]
        let rows = months.map { month -> [Cell] in
            let cells = byCohort[month]!
            let customers = cells[0]?.customers ?? 0
            var tds: [Cell] = [.text(month.description), .count(customers)]
            for k in 0...maxSince {
                guard let cell = cells[k], cell.customers > 0 else {
                    tds.append(.money(nil, c))
                    continue
                }
                let perCustomer = Money(micros: cell.revenue.micros / Int64(cell.customers))
                let shade = best.isZero ? 0 : Int(Double(perCustomer.micros) / Double(best.micros) * 60)
                var td = Cell.money(perCustomer, c)
                // White text on the darker shades so every figure stays legible.
                td.attributes = [("class", shade > 35 ? "num heat dark" : "num heat"), ("style", "background: hsl(195, 55%, \(95 - shade)%)")]
                tds.append(td)
            }
            let reps = repurchase[month] ?? []
            let acquired = reps.reduce(0) { $0 + $1.customers }, again = reps.reduce(0) { $0 + $1.repurchased }
            let complete = reps.allSatisfy(\.windowComplete)
            tds.append(.percent(Ratio(again, over: acquired), suffix: complete ? "" : " (so far)"))
            return tds
        }
        return el("div", [], [
            el("h3", text: "Cohorts: cumulative net revenue per customer by months since the first order"),
            table(head, rows, narrow: true),
            el("p", cls("note"), text: "Per market in clv_cohorts.csv. Darker is more revenue per customer; — : that month has not come yet. \"(so far)\": the 90 days are not over."),
            cohortCurves(clv, c),
        ])
    }

    static func predictiveBlock(_ clv: CLVTables, _ c: Currency) -> HTMLNode {
        if let why = clv.predictive.unavailable {
            return el("div", [], [el("h3", text: "Predictive CLV (BG/NBD + Gamma-Gamma)"), el("p", text: "Not shown: \(why).")])
        }
        var nodes: [HTMLNode] = [el("h3", text: "Predictive CLV over 12 months (BG/NBD + Gamma-Gamma)")]
        if let p = clv.predictive.purchaseModel, let s = clv.predictive.spendModel {
            func f(_ v: Double) -> String { CSVTables.decimal(v, 4) }
            nodes.append(el("p", cls("note"), text: "BG/NBD r = \(f(p.parameters.r)), α = \(f(p.parameters.alpha)), a = \(f(p.parameters.a)), b = \(f(p.parameters.b)) (log-likelihood \(f(p.logLikelihood)), \(p.converged ? "converged" : "not converged")); Gamma-Gamma p = \(f(s.parameters.p)), q = \(f(s.parameters.q)), γ = \(f(s.parameters.gamma)) (\(s.converged ? "converged" : "not converged"), \(s.customers) repeat customers)."))
        }
        // Distribution: customers by CLV band.
        let values = clv.predictive.customers.compactMap(\.clv).map { Double($0.micros) / 1e6 }.sorted()
        if let top = values.last, top > 0 {
            let step = Charts.niceStep(top / 6)
            let bands = Int((top / step).rounded(.up))
            var counts = [Double](repeating: 0, count: max(bands, 1))
            for v in values { counts[min(Int(v / step), counts.count - 1)] += 1 }
            let labels = (0..<counts.count).map { "\(Charts.shortNumber(Double($0) * step))–\(Charts.shortNumber(Double($0 + 1) * step))" }
            nodes.append(Charts.groupedBars(title: "Customers by predicted 12-month CLV (\(c.code))", categories: labels, series: [(name: "customers", values: counts)], unit: "customers", wholeNumbers: true))
        }
        return el("div", [], nodes)
    }

    static func segmentsTable(_ clv: CLVTables) -> HTMLNode {
        var counts: [String: Int] = [:]
        for s in clv.rfm { counts[s.segment.rawValue, default: 0] += 1 }
        return el("div", [], [
            el("h3", text: "RFM segments"),
            table(["Segment", "Customers"], counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { [.text($0.key), .count($0.value)] }, narrow: true),
        ])
    }
}
