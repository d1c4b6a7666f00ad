import TidemarkCommerce
import TidemarkNormalize

/// An ISO 8601 week: weeks run Monday to Sunday, and week 1 of a week-year is the week that contains the year's
/// first Thursday (equivalently, 4 January). A date near New Year can belong to the previous or next week-year:
/// 2021-01-03 (a Sunday) is in 2020-W53, 2024-12-30 (a Monday) in 2025-W01.
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The ISO week-numbering year (not always the calendar year of the date).
    public let weekYear: Int
    /// 1…52, or 53 in a long week-year.
    public let week: Int

    /// The week `week` of `weekYear`; `nil` when the week-year has no such week (W53 of a 52-week year).
    public init?(weekYear: Int, week: Int) {
        guard week >= 1, week <= ISOWeek.weeks(in: weekYear) else { return nil }
        self.weekYear = weekYear
        self.week = week
    }

    /// The ISO week of `date`: the week-year is the calendar year of the week's Thursday, the week number counts
    /// the Thursdays of that year up to it.
    public init(_ date: CivilDate) {
        let thursday = date.advanced(by: 4 - date.isoWeekday)
        let year = thursday.components.year
        weekYear = year
        week = CivilDate(year: year, month: 1, day: 1)!.distance(to: thursday) / 7 + 1
    }

    /// 52 or 53: a week-year has 53 weeks when 28 December (always in the last week) falls in week 53.
    public static func weeks(in weekYear: Int) -> Int { ISOWeek(CivilDate(year: weekYear, month: 12, day: 28)!).week }

    /// The Monday that starts the week.
    public var firstDay: CivilDate {
        let jan4 = CivilDate(year: weekYear, month: 1, day: 4)!
        return jan4.advanced(by: 1 - jan4.isoWeekday + 7 * (week - 1))
    }

    /// The Sunday that ends the week.
    public var lastDay: CivilDate { firstDay.advanced(by: 6) }

    /// The week before (W01 → the last week of the previous week-year).
    public var previous: ISOWeek { ISOWeek(firstDay.advanced(by: -7)) }

    /// The same week number in the previous week-year; `nil` for W53 when the previous week-year has 52 weeks.
    public var sameWeekLastYear: ISOWeek? { ISOWeek(weekYear: weekYear - 1, week: week) }

    /// `2020-W53`.
    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(v).count)) + String(v) }
        return pad(weekYear, 4) + "-W" + pad(week, 2)
    }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.weekYear, a.week) < (b.weekYear, b.week) }
}

/// The kinds of reporting period of metrics.md ("Period"), in the reporting time zone.
public enum PeriodType: String, Sendable, CaseIterable, Comparable {
    case day, week, month

    /// Day, week, month.
    public static func < (a: PeriodType, b: PeriodType) -> Bool { a.rank < b.rank }
    private var rank: Int {
        switch self {
        case .day: return 0
        case .week: return 1
        case .month: return 2
        }
    }
}

/// One reporting period: a calendar day, an ISO week or a calendar month.
public struct ReportingPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let type: PeriodType
    public let firstDay: CivilDate
    public let lastDay: CivilDate
    /// `2026-09-15`, `2026-W38` or `2026-09`.
    public let label: String

    /// The day, ISO week or month containing `date`.
    public init(_ type: PeriodType, containing date: CivilDate) {
        self.type = type
        switch type {
        case .day:
            (firstDay, lastDay, label) = (date, date, date.description)
        case .week:
            let w = ISOWeek(date)
            (firstDay, lastDay, label) = (w.firstDay, w.lastDay, w.description)
        case .month:
            let m = date.month
            (firstDay, lastDay, label) = (m.firstDay, m.lastDay, m.description)
        }
    }

    /// The period before: the day before, the ISO week before, the month before.
    public var previous: ReportingPeriod { ReportingPeriod(type, containing: firstDay.advanced(by: -1)) }

    /// The same period a year earlier (同比): the same calendar date (none for 29 February), the same ISO week
    /// number of the previous week-year (none for W53 when that year has only 52 weeks), the same month.
    public var sameLastYear: ReportingPeriod? {
        switch type {
        case .day:
            let c = firstDay.components
            return CivilDate(year: c.year - 1, month: c.month, day: c.day).map { ReportingPeriod(.day, containing: $0) }
        case .week:
            return ISOWeek(firstDay).sameWeekLastYear.map { ReportingPeriod(.week, containing: $0.firstDay) }
        case .month:
            let c = firstDay.components
            return ReportingPeriod(.month, containing: CivilDate(year: c.year - 1, month: c.month, day: 1)!)
        }
    }

    public var description: String { label }

    /// By type (day, week, month), then by start.
    public static func < (a: ReportingPeriod, b: ReportingPeriod) -> Bool { (a.type, a.firstDay) < (b.type, b.firstDay) }
}

/// The sales figures of one day in one market, reporting currency, unrounded: the input of ``PeriodSummary``.
public struct DailyFigures: Hashable, Sendable {
    /// Distinct orders with a non-cancelled line placed that day (an order counts on its order day).
    public var orders = 0
    public var units = 0
    /// Item amounts excl. tax + shipping charged, non-cancelled lines.
    public var grossSales = Money.zero
    /// Promotional discounts, positive.
    public var discounts = Money.zero
    /// Refunds dated that day, positive.
    public var refunds = Money.zero
    /// Customers whose first order over all loaded history was placed that day, in this market.
    public var newCustomers = 0

    public init(orders: Int = 0, units: Int = 0, grossSales: Money = .zero, discounts: Money = .zero, refunds: Money = .zero, newCustomers: Int = 0) {
        self.orders = orders
        self.units = units
        self.grossSales = grossSales
        self.discounts = discounts
        self.refunds = refunds
        self.newCustomers = newCustomers
    }

    /// Gross sales − discounts − refunds.
    public var netRevenue: Money { grossSales - discounts - refunds }

    /// Whether any figure is non-zero.
    public var hasAnyFigure: Bool { orders != 0 || units != 0 || !grossSales.isZero || !discounts.isZero || !refunds.isZero || newCustomers != 0 }

    static func + (a: DailyFigures, b: DailyFigures) -> DailyFigures {
        DailyFigures(
            orders: a.orders + b.orders, units: a.units + b.units, grossSales: a.grossSales + b.grossSales, discounts: a.discounts + b.discounts,
            refunds: a.refunds + b.refunds, newCustomers: a.newCustomers + b.newCustomers)
    }
}

/// One row of `period_summary.csv`: one period in one market (or all markets) with its comparison periods.
public struct PeriodSummaryRow: Hashable, Sendable {
    public var period: ReportingPeriod
    /// The market; `nil` for the total over all markets (written `ALL`).
    public var market: Market?
    /// Whether loaded data covers the whole period (false for the first and last, partly covered periods).
    public var complete: Bool
    public var figures: DailyFigures
    /// The period before and its figures; figures `nil` when loaded data does not cover all of it.
    public var previousPeriod: ReportingPeriod
    public var previous: DailyFigures?
    /// The same period last year (`nil` when there is none: 29 February, W53) and its figures; figures `nil` when
    /// loaded data does not cover all of it.
    public var lastYearPeriod: ReportingPeriod?
    public var lastYear: DailyFigures?

    public init(
        period: ReportingPeriod, market: Market?, complete: Bool, figures: DailyFigures, previousPeriod: ReportingPeriod,
        previous: DailyFigures?, lastYearPeriod: ReportingPeriod?, lastYear: DailyFigures?
    ) {
        self.period = period
        self.market = market
        self.complete = complete
        self.figures = figures
        self.previousPeriod = previousPeriod
        self.previous = previous
        self.lastYearPeriod = lastYearPeriod
        self.lastYear = lastYear
    }

    /// AOV = gross sales / orders (truncated at the sixth decimal, like the margin table); `nil` without orders.
    public var averageOrderValue: Money? { figures.orders == 0 ? nil : Money(micros: figures.grossSales.micros / Int64(figures.orders)) }

    /// (current − comparison) / comparison; `nil` when the comparison is unknown or 0.
    public static func change(_ current: Money, _ comparison: Money?) -> Ratio? {
        comparison.flatMap { Ratio(current - $0, over: $0) }
    }

    /// (current − comparison) / comparison for counts; `nil` when the comparison is unknown or 0.
    public static func change(_ current: Int, _ comparison: Int?) -> Ratio? {
        comparison.flatMap { Ratio(current - $0, over: $0) }
    }
}

/// Period summaries with comparisons: each day, ISO week and month against the period before (环比) and the same
/// period last year (同比).
public enum PeriodSummary {
    /// Rows for every period of `types` that overlaps `coverage` (the dates loaded data spans) and, when given,
    /// `window`: one per market with a non-zero figure in the period and one for all markets (`market` `nil`) when
    /// any market has one. A comparison period's figures exist only when `coverage` contains all of it (0 is then a
    /// true zero); otherwise they are `nil`, never 0. Sorted by type (day, week, month), period, then market with
    /// the all-markets row first.
    public static func table(
        _ daily: [CivilDate: [Market: DailyFigures]], coverage: ClosedRange<CivilDate>, window: ClosedRange<CivilDate>? = nil,
        types: [PeriodType] = PeriodType.allCases
    ) -> [PeriodSummaryRow] {
        var rows: [PeriodSummaryRow] = []
        for type in types.sorted() {
            var sums: [ReportingPeriod: [Market: DailyFigures]] = [:]
            for (date, markets) in daily where coverage.contains(date) {
                let p = ReportingPeriod(type, containing: date)
                var inPeriod = sums[p] ?? [:]
                for (market, f) in markets { inPeriod[market] = (inPeriod[market] ?? DailyFigures()) + f }
                sums[p] = inPeriod
            }
            func covered(_ p: ReportingPeriod) -> Bool { coverage.contains(p.firstDay) && coverage.contains(p.lastDay) }
            func figures(_ p: ReportingPeriod?, _ market: Market?) -> DailyFigures? {
                guard let p, covered(p) else { return nil }
                guard let market else { return total(sums[p]) }
                return sums[p]?[market] ?? DailyFigures()
            }
            for (p, markets) in sums.sorted(by: { $0.key < $1.key }) {
                if let window, p.lastDay < window.lowerBound || p.firstDay > window.upperBound { continue }
                let present = markets.filter { $0.value.hasAnyFigure }
                guard !present.isEmpty else { continue }
                let keys: [Market?] = [nil] + present.keys.sorted().map { Optional($0) }
                for m in keys {
                    rows.append(
                        PeriodSummaryRow(
                            period: p, market: m, complete: covered(p), figures: figures(p, m) ?? (m.map { markets[$0]! } ?? total(markets)),
                            previousPeriod: p.previous, previous: figures(p.previous, m), lastYearPeriod: p.sameLastYear,
                            lastYear: figures(p.sameLastYear, m)))
                }
            }
        }
        return rows
    }

    private static func total(_ markets: [Market: DailyFigures]?) -> DailyFigures {
        (markets ?? [:]).values.reduce(DailyFigures(), +)
    }
}

/// Collects ``DailyFigures`` per day × market from order lines, refunds and first orders, with the dates loaded
/// data spans, for ``PeriodSummary``. Follows the margin table's rules: cancelled lines count for nothing, a line or
/// refund whose currency has no rate is left out, a refund counts on its refund date under its order's market
/// (when the order is loaded). Amounts are summed per day, market and currency and converted once with that day's
/// rate. Feed every order line before refunds.
public final class DailySalesCollector {
    public let converter: CurrencyConverter
    public let zone: ReportingTimeZone

    /// A day and a market's number in ``markets`` (the key of the set-per-day mode's orders).
    private struct DayMarket: Hashable {
        let date: CivilDate
        let market: Int32
    }
    /// A market's and a currency's number: the rows of ``native``.
    private struct MarketCurrency: Equatable {
        let market: Int32
        let currency: Int32
    }
    /// The native sums of one day, market and currency.
    private struct NativeSums {
        var gross = Money.zero
        var discounts = Money.zero
        var refunds = Money.zero
    }
    // Figures are kept in day tables by market (or market × currency) number: lines of consecutive orders fall on
    // different days, and a table slot is found without hashing.
    // The state below is touched on every line: `@exclusivity(unchecked)` drops the run-time exclusivity check of
    // each access (a tenth of the collector's time). Only this class's own methods reach it, one access at a time:
    // no closure given to a table's update touches another property.
    @exclusivity(unchecked) private var markets = FirstSeenNumbering<Market>()
    @exclusivity(unchecked) private var currencies = FirstSeenNumbering<Currency>()
    @exclusivity(unchecked) private var pairs = FirstSeenNumbering<MarketCurrency>()
    @exclusivity(unchecked) private var native = DayTable<NativeSums>()
    @exclusivity(unchecked) private var orders: [DayMarket: Set<OrderRef>] = [:]
    @exclusivity(unchecked) private var units = DayTable<Int>()
    @exclusivity(unchecked) private var orderMarkets: [OrderRef: Market] = [:]
    @exclusivity(unchecked) private var first: CivilDate?
    @exclusivity(unchecked) private var last: CivilDate?
    /// Set by ``init(converter:zone:keepingMarketsOf:)``: the orders whose market refunds need, by platform, found
    /// by walking their sorted ids as the lines' order ids ascend; and the distinct orders per day and market counted
    /// by adjacency instead of kept in ``orders``.
    @exclusivity(unchecked) private var marketsNeeded: [Platform: AscendingIDLookup]?
    /// The look-up of the current order's platform (taken from ``marketsNeeded`` when the platform changes).
    @exclusivity(unchecked) private var neededOfPlatform: (platform: Platform, lookup: AscendingIDLookup?)?
    @exclusivity(unchecked) private var orderCounts = DayTable<Int>()
    /// The order whose lines are being added and the days and markets it has been counted in (a handful at most).
    @exclusivity(unchecked) private var currentPlatform: Platform?
    @exclusivity(unchecked) private var currentOrderID = ""
    @exclusivity(unchecked) private var currentDays: [DayMarket] = []
    /// Whether the current order is one of ``marketsNeeded``.
    @exclusivity(unchecked) private var currentNeeded = false
    /// Whether each currency (by number) converts on each day, once asked.
    @exclusivity(unchecked) private var convertibleOn = DayTable<Bool>()

    public init(converter: CurrencyConverter, zone: ReportingTimeZone) {
        self.converter = converter
        self.zone = zone
    }

    /// A collector whose memory grows with days and markets rather than with orders: it remembers the market of
    /// only the orders named here (order ids by platform: those of the refunds that will be added) and counts an
    /// order once per day and market when its first line there arrives. The lines of one order must be added one
    /// after another (as the warehouse's key order gives them); otherwise the same as ``init(converter:zone:)``.
    public init(converter: CurrencyConverter, zone: ReportingTimeZone, keepingMarketsOf named: [Platform: Set<String>]) {
        self.converter = converter
        self.zone = zone
        marketsNeeded = named.mapValues { ids in AscendingIDLookup(Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })) }
    }

    private func seen(_ date: CivilDate) {
        first = min(first ?? date, date)
        last = max(last ?? date, date)
    }

    /// Adds one order line on its order date in the reporting time zone.
    public func add(_ line: OrderLine) {
        let date = zone.date(of: line.orderTime)
        seen(date)
        if let needed = marketsNeeded {
            if line.orderID != currentOrderID || line.platform != currentPlatform {
                currentPlatform = line.platform
                currentOrderID = line.orderID
                currentDays.removeAll(keepingCapacity: true)
                if neededOfPlatform?.platform != line.platform { neededOfPlatform = (line.platform, needed[line.platform]) }
                currentNeeded = neededOfPlatform!.lookup?.number(of: line.orderID) != nil
            }
            // The last line's market wins, as when every line wrote it.
            if currentNeeded { orderMarkets[OrderRef(platform: line.platform, orderID: line.orderID)] = line.market }
        } else {
            orderMarkets[OrderRef(platform: line.platform, orderID: line.orderID)] = line.market
        }
        guard line.status != .cancelled else { return }
        let currency = number(line.currency)
        guard convertible(currency, line.currency, on: date) else { return }
        let market = number(line.market)
        let dm = DayMarket(date: date, market: market)
        if marketsNeeded != nil {
            if !currentDays.contains(dm) {
                currentDays.append(dm)
                orderCounts.update(market, date, initial: 0) { $0 += 1 }
            }
        } else {
            orders[dm, default: []].insert(OrderRef(platform: line.platform, orderID: line.orderID))
        }
        units.update(market, date, initial: 0) { $0 += line.quantity }
        native.update(pairs.number(MarketCurrency(market: market, currency: currency)), date, initial: NativeSums()) {
            $0.gross += line.itemAmount + line.shippingCharged
            $0.discounts += line.discount
        }
    }

    /// The number of `market` in ``markets``, assigned on first use.
    private func number(_ market: Market) -> Int32 { markets.number(market) }

    private func number(_ currency: Currency) -> Int32 { currencies.number(currency) }

    /// ``CurrencyConverter/canConvert(_:on:)`` of `currency` (numbered `n`), asked once per currency and day.
    private func convertible(_ n: Int32, _ currency: Currency, on date: CivilDate) -> Bool {
        if let known = convertibleOn[n, date] { return known }
        let answer = converter.canConvert(currency, on: date)
        convertibleOn[n, date] = answer
        return answer
    }

    /// Adds one refund on its refund date.
    public func add(_ refund: Refund) {
        seen(refund.refundDate)
        guard !refund.amount.isZero, converter.canConvert(refund.currency, on: refund.refundDate) else { return }
        let market = refund.orderID.isEmpty ? refund.market : (orderMarkets[OrderRef(platform: refund.platform, orderID: refund.orderID)] ?? refund.market)
        let row = pairs.number(MarketCurrency(market: number(market), currency: number(refund.currency)))
        native.update(row, refund.refundDate, initial: NativeSums()) { $0.refunds += refund.amount }
    }

    /// The figures per day and market (new customers from `firstOrders`), and the first and last date of any order
    /// line or refund (`nil` when none is loaded).
    public func finish(firstOrders: [FirstOrder]) -> (daily: [CivilDate: [Market: DailyFigures]], coverage: ClosedRange<CivilDate>?) {
        var daily: [CivilDate: [Market: DailyFigures]] = [:]
        func update(_ date: CivilDate, _ market: Market, _ body: (inout DailyFigures) -> Void) {
            var f = daily[date]?[market] ?? DailyFigures()
            body(&f)
            daily[date, default: [:]][market] = f
        }
        for (dm, set) in orders { update(dm.date, markets[dm.market]) { $0.orders = set.count } }
        orderCounts.forEach { m, date, n in update(date, markets[m]) { $0.orders = n } }
        units.forEach { m, date, n in update(date, markets[m]) { $0.units = n } }
        native.forEach { row, date, s in
            let pair = pairs[row], currency = currencies[pair.currency]
            let convert = { (m: Money) -> Money in m.isZero ? .zero : self.converter.convert(m, from: currency, on: date) ?? .zero }
            update(date, markets[pair.market]) {
                $0.grossSales += convert(s.gross)
                $0.discounts += convert(s.discounts)
                $0.refunds += convert(s.refunds)
            }
        }
        for f in firstOrders { update(f.date, f.market) { $0.newCustomers += 1 } }
        guard let first, let last else { return (daily, nil) }
        return (daily, first...last)
    }
}
