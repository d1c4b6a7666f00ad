import TidemarkCommerce
import TidemarkNormalize

/// One row of `sales_margin.csv` (sku set) or `sales_margin_summary.csv` (sku `nil`), in the reporting currency,
/// unrounded. A figure that does not exist (no source yet, or a cost missing) is `nil`, never zero.
public struct SalesMarginRow: Hashable, Sendable {
    public var month: YearMonth
    public var market: Market
    public var platform: Platform
    public var sku: String?
    /// Distinct order ids with at least one non-cancelled line in the row.
    public var orders: Int
    /// Σ quantity of non-cancelled lines.
    public var units: Int
    /// Σ item amount excl. tax + shipping charged.
    public var grossSales: Money
    /// Σ promotional discounts, as a positive amount (written negative).
    public var discounts: Money
    /// Σ refunds in the refund's period, positive; `nil` until a refund source is loaded.
    public var refunds: Money?
    /// Σ units × unit cost valid on the order date; `nil` when any line lacks a cost or its cost's rate.
    public var cogs: Money?
    /// Tax collected from buyers (not revenue).
    public var taxCollected: Money

    /// Gross sales − discounts − refunds.
    public var netRevenue: Money { grossSales - discounts - (refunds ?? .zero) }
    /// Net revenue − COGS.
    public var grossMargin: Money? { cogs.map { netRevenue - $0 } }
    /// Gross margin / net revenue.
    public var grossMarginRate: Ratio? { grossMargin.flatMap { Ratio($0, over: netRevenue) } }
    /// Gross sales / orders, truncated toward zero at the sixth decimal: rounding that once to the currency's
    /// minor unit gives exactly the rounded quotient (rounding at the sixth decimal first could round twice).
    public var averageOrderValue: Money? {
        orders == 0 ? nil : Money(micros: grossSales.micros / Int64(orders))
    }

    /// Whether any figure is non-zero (a row exists only then).
    public var hasAnyFigure: Bool {
        orders != 0 || units != 0 || !grossSales.isZero || !discounts.isZero || !(refunds?.isZero ?? true)
            || !(cogs?.isZero ?? true) || !taxCollected.isZero
    }
}

/// The finance view (metrics.md §3) as far as the loaded sources go.
public struct SalesMarginTables: Sendable {
    /// Month × market × platform × SKU, sorted.
    public var detail: [SalesMarginRow]
    /// Month × market × platform, sorted.
    public var summary: [SalesMarginRow]
    /// Data-quality flags raised while computing (`fx_missing`, `cost_missing`, `market_unknown`).
    public var flags: [Flag]
    /// Order lines left out because their amounts could not be converted.
    public var linesWithoutRate: Int
}

/// Computes the sales-and-margin tables from order lines.
///
/// Amounts are summed in their own currency per group, currency and date, then converted with that date's rate
/// (conversion is linear, so this equals converting line by line, up to the sixth decimal), and added up
/// unrounded; rounding happens only when the tables are written. Cancelled lines contribute nothing. A line whose
/// sale amounts cannot be converted is left out of every figure and raises `fx_missing`.
public struct SalesMarginCalculator {
    public let converter: CurrencyConverter
    public let costs: CostBook
    public let zone: ReportingTimeZone
    /// Only months in this range are kept (`nil` = all).
    public let months: ClosedRange<YearMonth>?

    public init(converter: CurrencyConverter, costs: CostBook, zone: ReportingTimeZone, months: ClosedRange<YearMonth>? = nil) {
        self.converter = converter
        self.costs = costs
        self.zone = zone
        self.months = months
    }

    fileprivate struct GroupKey: Hashable {
        let month: YearMonth
        let market: Market
        let platform: Platform
        let sku: String
    }

    fileprivate struct NativeKey: Hashable {
        let group: GroupKey
        let currency: Currency
        let date: CivilDate
    }

    fileprivate struct NativeSums {
        var gross = Money.zero
        var discount = Money.zero
        var tax = Money.zero
    }

    fileprivate struct GroupState {
        var orders: Set<String> = []
        var units = 0
        var costMissing = false
    }

    /// Accumulates lines; call ``finish()`` for the tables.
    public final class Accumulator {
        fileprivate var states: [GroupKey: GroupState] = [:]
        fileprivate var sales: [NativeKey: NativeSums] = [:]
        fileprivate var cogs: [NativeKey: Money] = [:]
        fileprivate var summaryOrders: [GroupKey: Set<String>] = [:]
        fileprivate var flags: [Flag] = []
        fileprivate var costMissingKeys: Set<String> = []
        fileprivate var unknownMarketKeys: Set<String> = []
        fileprivate var linesWithoutRate = 0
        fileprivate init() {}
    }

    /// A fresh accumulator.
    public func makeAccumulator() -> Accumulator { Accumulator() }

    /// Adds one order line.
    public func add(_ line: OrderLine, to acc: Accumulator) {
        guard line.status != .cancelled else { return }
        let date = zone.date(of: line.orderTime)
        let month = date.month
        if let months, !months.contains(month) { return }
        guard converter.canConvert(line.currency, on: date) else {
            acc.linesWithoutRate += 1
            return
        }
        let key = GroupKey(month: month, market: line.market, platform: line.platform, sku: line.sku)
        var state = acc.states[key] ?? GroupState()
        state.orders.insert(line.orderID)
        state.units += line.quantity
        let nk = NativeKey(group: key, currency: line.currency, date: date)
        var sums = acc.sales[nk] ?? NativeSums()
        sums.gross += line.itemAmount + line.shippingCharged
        sums.discount += line.discount
        sums.tax += line.tax
        acc.sales[nk] = sums
        if let (unitCost, costCurrency) = costs.cost(sku: line.sku, market: line.market, on: date),
            converter.canConvert(costCurrency, on: date)
        {
            acc.cogs[NativeKey(group: key, currency: costCurrency, date: date), default: .zero] += unitCost.times(line.quantity)
        } else {
            state.costMissing = true
            let flagKey = "\(line.platform.name)|\(line.sku)|\(line.market.code)|\(month)"
            if acc.costMissingKeys.insert(flagKey).inserted {
                acc.flags.append(
                    Flag(
                        date: month.firstDay, endDate: month.lastDay, severity: .warning, rule: "cost_missing", metric: "cogs",
                        dimensions: ["market": line.market.code, "platform": line.platform.name, "sku": line.sku],
                        explanation: "No unit cost (or no rate for its currency) for SKU \(line.sku) in \(line.market.code) in \(month): COGS and margins of its rows are left empty"))
            }
        }
        if line.market == .unknown, acc.unknownMarketKeys.insert("\(line.platform.name)|\(month)").inserted {
            acc.flags.append(
                Flag(
                    date: month.firstDay, endDate: month.lastDay, severity: .warning, rule: "market_unknown", metric: "orders",
                    dimensions: ["platform": line.platform.name],
                    explanation: "Some \(line.platform.name) order lines in \(month) name no recognisable market; they are reported under ZZ"))
        }
        acc.states[key] = state
        acc.summaryOrders[GroupKey(month: month, market: line.market, platform: line.platform, sku: ""), default: []].insert(line.orderID)
    }

    /// Converts the sums and builds the sorted tables.
    public func finish(_ acc: Accumulator) -> SalesMarginTables {
        var detail: [GroupKey: SalesMarginRow] = [:]
        for (key, state) in acc.states {
            detail[key] = SalesMarginRow(
                month: key.month, market: key.market, platform: key.platform, sku: key.sku, orders: state.orders.count,
                units: state.units, grossSales: .zero, discounts: .zero, refunds: nil, cogs: state.costMissing ? nil : .zero,
                taxCollected: .zero)
        }
        for (nk, sums) in acc.sales {
            // canConvert was checked when the line was added.
            let convert = { (m: Money) in self.converter.convert(m, from: nk.currency, on: nk.date)! }
            detail[nk.group]!.grossSales += convert(sums.gross)
            detail[nk.group]!.discounts += convert(sums.discount)
            detail[nk.group]!.taxCollected += convert(sums.tax)
        }
        for (nk, cost) in acc.cogs where detail[nk.group]!.cogs != nil {
            detail[nk.group]!.cogs! += converter.convert(cost, from: nk.currency, on: nk.date)!
        }
        var summary: [GroupKey: SalesMarginRow] = [:]
        for (key, row) in detail {
            let sk = GroupKey(month: key.month, market: key.market, platform: key.platform, sku: "")
            var s = summary[sk] ?? SalesMarginRow(
                month: key.month, market: key.market, platform: key.platform, sku: nil, orders: acc.summaryOrders[sk]?.count ?? 0,
                units: 0, grossSales: .zero, discounts: .zero, refunds: nil, cogs: .zero, taxCollected: .zero)
            s.units += row.units
            s.grossSales += row.grossSales
            s.discounts += row.discounts
            s.taxCollected += row.taxCollected
            s.cogs = row.cogs.flatMap { c in s.cogs.map { $0 + c } }
            summary[sk] = s
        }
        var flags = acc.flags
        for m in converter.missing.sorted() {
            flags.append(
                Flag(
                    date: m.date, endDate: m.date, severity: .critical, rule: "fx_missing", metric: "fx_rate",
                    dimensions: ["currency": m.currency.code],
                    explanation: "No \(m.currency.code) rate for \(m.date) or the 7 days before: amounts in \(m.currency.code) on that date are left out of the sales figures"))
        }
        let order: (SalesMarginRow, SalesMarginRow) -> Bool = {
            ($0.month, $0.market, $0.platform.name, $0.sku ?? "") < ($1.month, $1.market, $1.platform.name, $1.sku ?? "")
        }
        return SalesMarginTables(
            detail: detail.values.filter(\.hasAnyFigure).sorted(by: order),
            summary: summary.values.filter(\.hasAnyFigure).sorted(by: order),
            flags: mergeEpisodes(flags).sorted(),
            linesWithoutRate: acc.linesWithoutRate)
    }
}

/// Merges flags of one rule and series on consecutive days into one episode (first and last date).
public func mergeEpisodes(_ flags: [Flag]) -> [Flag] {
    let sorted = flags.sorted { ($0.rule, $0.dimensionsText, $0.date) < ($1.rule, $1.dimensionsText, $1.date) }
    var out: [Flag] = []
    for f in sorted {
        if var last = out.last, last.rule == f.rule, last.dimensions == f.dimensions, last.severity == f.severity,
            last.endDate.advanced(by: 1) >= f.date
        {
            last.endDate = max(last.endDate, f.endDate)
            out[out.count - 1] = last
        } else {
            out.append(f)
        }
    }
    return out
}
