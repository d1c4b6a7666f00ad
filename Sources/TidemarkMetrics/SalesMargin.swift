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
    /// Σ refunds dated in the row's month, positive; `nil` when no refund source covers the platform that month.
    public var refunds: Money?
    /// Σ units × unit cost valid on the order date; `nil` when any line lacks a cost or its cost's rate.
    public var cogs: Money?
    /// Tax collected from buyers (not revenue).
    public var taxCollected: Money
    /// Σ platform fees dated in the row's month (actual, where a fee source covers the platform, market and month),
    /// or the configured rate × gross sales (estimated); `nil` when neither.
    public var platformFees: Money?
    /// Whether ``platformFees`` is an estimate.
    public var feesEstimated: Bool
    /// Σ units returned dated in the row's month; `nil` when no return source covers the platform that month.
    public var unitsReturned: Int?
    /// Shipping & fulfilment charges allocated to the row (0 in months with shipments loaded, else `nil`).
    public var shippingFulfilment: Money? = nil
    /// Duties and import taxes the seller paid, allocated like shipping.
    public var duties: Money? = nil
    /// Ad spend attributed to the row (per SKU where the ad report is per product, else only in the summary).
    public var adSpend: Money? = nil

    public init(
        month: YearMonth, market: Market, platform: Platform, sku: String?, orders: Int, units: Int, grossSales: Money,
        discounts: Money, refunds: Money?, cogs: Money?, taxCollected: Money, platformFees: Money? = nil,
        feesEstimated: Bool = false, unitsReturned: Int? = nil
    ) {
        self.month = month
        self.market = market
        self.platform = platform
        self.sku = sku
        self.orders = orders
        self.units = units
        self.grossSales = grossSales
        self.discounts = discounts
        self.refunds = refunds
        self.cogs = cogs
        self.taxCollected = taxCollected
        self.platformFees = platformFees
        self.feesEstimated = feesEstimated
        self.unitsReturned = unitsReturned
    }

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
    /// Net revenue − COGS − platform fees − shipping & fulfilment − duties − ad spend; `nil` when any is unknown.
    public var contributionMargin: Money? {
        ContributionMargin.amount(netRevenue: netRevenue, cogs: cogs, platformFees: platformFees, shippingFulfilment: shippingFulfilment, duties: duties, adSpend: adSpend)
    }
    /// Contribution margin / net revenue.
    public var contributionMarginRate: Ratio? { contributionMargin.flatMap { Ratio($0, over: netRevenue) } }
    /// Units returned / units sold in the same month; `nil` without a return source or without units sold.
    public var returnRate: Ratio? { unitsReturned.flatMap { Ratio($0, over: units) } }

    /// Whether any figure is non-zero (a row exists only then).
    public var hasAnyFigure: Bool {
        orders != 0 || units != 0 || !grossSales.isZero || !discounts.isZero || !(refunds?.isZero ?? true)
            || !(cogs?.isZero ?? true) || !taxCollected.isZero || !(platformFees?.isZero ?? true) || (unitsReturned ?? 0) != 0
            || !(shippingFulfilment?.isZero ?? true) || !(duties?.isZero ?? true) || !(adSpend?.isZero ?? true)
    }
}

/// The finance view (metrics.md §3) as far as the loaded sources go.
public struct SalesMarginTables: Sendable {
    /// Month × market × platform × SKU, sorted.
    public var detail: [SalesMarginRow]
    /// Month × market × platform, sorted; includes refunds and fees that name no SKU.
    public var summary: [SalesMarginRow]
    /// Data-quality flags raised while computing (`fx_missing`, `cost_missing`, `market_unknown`).
    public var flags: [Flag]
    /// Order lines left out because their amounts could not be converted.
    public var linesWithoutRate: Int
    /// Every order line, refund and fee left out for a missing rate, sorted by file and line (`fx_missing.csv` and
    /// the report's reconciliation list them).
    public var unconverted: [UnconvertedFact] = []
}

/// A fact left out of the sales tables because its currency had no rate on its date, nor in the 7 days before
/// (metrics.md §2): listed in the reconciliation so finance can see exactly what is missing from the figures.
public struct UnconvertedFact: Hashable, Comparable, Sendable {
    /// Which kind of fact.
    public enum Kind: String, Sendable, Comparable {
        case orderLine = "order_line", refund, fee
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }
    public var kind: Kind
    /// The input file and the physical line the row starts on.
    public var file: String
    public var line: Int
    public var platform: Platform
    /// The order id (empty for a fee that names no order).
    public var orderID: String
    /// The SKU (empty when the fact names none).
    public var sku: String
    public var market: Market
    /// The date that needed the rate (order date in the reporting time zone, refund date, fee date).
    public var date: CivilDate
    public var currency: Currency
    /// The amount left out, in its own currency: gross sales (items + shipping, excl. tax) of an order line, the
    /// refunded amount, the fee.
    public var amount: Money

    public init(
        kind: Kind, file: String, line: Int, platform: Platform, orderID: String, sku: String, market: Market, date: CivilDate,
        currency: Currency, amount: Money
    ) {
        self.kind = kind
        self.file = file
        self.line = line
        self.platform = platform
        self.orderID = orderID
        self.sku = sku
        self.market = market
        self.date = date
        self.currency = currency
        self.amount = amount
    }

    /// By file, line, then kind.
    public static func < (a: UnconvertedFact, b: UnconvertedFact) -> Bool { (a.file, a.line, a.kind) < (b.file, b.line, b.kind) }
}

/// Computes the sales-and-margin tables from order lines, refunds and platform fees.
///
/// Amounts are summed in their own currency per group, currency and date, then converted with that date's rate
/// (conversion is linear, so this equals converting line by line, up to the sixth decimal), and added up
/// unrounded; rounding happens only when the tables are written. Cancelled lines contribute nothing. A fact whose
/// amounts cannot be converted is left out of every figure and raises `fx_missing`.
///
/// Add every order line before refunds and fees: a refund or fee takes the market of its order where the order
/// is loaded.
public struct SalesMarginCalculator {
    public let converter: CurrencyConverter
    public let costs: CostBook
    public let zone: ReportingTimeZone
    /// Only facts dated in this range (in the reporting time zone) count (`nil` = all history).
    public let period: ClosedRange<CivilDate>?
    /// Fee rates (fraction of gross sales) for platforms that have no fee export.
    public let feeEstimates: [Platform: Ratio]

    public init(
        converter: CurrencyConverter, costs: CostBook, zone: ReportingTimeZone, period: ClosedRange<CivilDate>? = nil,
        feeEstimates: [Platform: Ratio] = [:]
    ) {
        self.converter = converter
        self.costs = costs
        self.zone = zone
        self.period = period
        self.feeEstimates = feeEstimates
    }

    /// A row's key; `sku` is empty for amounts that name no SKU (they appear only in the summary).
    fileprivate struct GroupKey: Hashable {
        let month: YearMonth
        let market: Market
        let platform: Platform
        let sku: String
    }

    /// A ``GroupKey`` in numbers: the SKU's number, the month (`year × 12 + month − 1`) and the market's and
    /// platform's numbers, all given on first sight. A summary group (month × market × platform) has SKU number −1.
    /// Hashing four integers costs far less than hashing the strings of a ``GroupKey`` for every order line.
    fileprivate struct GroupNumbers: Equatable {
        let sku: Int32
        let month: Int32
        let market: Int32
        let platform: Int32

        /// The numbers of the summary group this group's amounts add up in.
        var summary: GroupNumbers { GroupNumbers(sku: -1, month: month, market: market, platform: platform) }
    }

    /// A group (its index in the accumulator's interned groups), a currency (its interned index) and a date: the
    /// unit amounts are summed in before conversion. Small integers, so hashing one costs no string hashing.
    fileprivate struct NativeKey: Hashable, Comparable {
        let group: Int32
        let currency: Int32
        let day: Int32

        static func < (a: NativeKey, b: NativeKey) -> Bool { (a.group, a.currency, a.day) < (b.group, b.currency, b.day) }

        /// The key in 64 bits: the group in the high 32, the currency in the next 8, the day (offset by 2^23) in the
        /// low 24; `nil` when a part does not fit (a 257th currency, a day beyond ±23,000 years of 1970).
        var packed: UInt64? {
            let day = Int64(self.day) + 1 << 23
            guard group >= 0, (0..<256).contains(currency), (0..<(1 << 24)).contains(day) else { return nil }
            return UInt64(UInt32(group)) << 32 | UInt64(currency) << 24 | UInt64(day)
        }
    }

    /// Sums by ``NativeKey`` in a flat array, one entry per distinct key (found through a ``PackedKeyMap``), sorted
    /// by key once at the end.
    ///
    /// One entry per key rather than one per run of equal keys: order lines come in order-id order, not by date, so
    /// appending kept nearly one entry per line (scale 100: 2 M entries and 230 MB with the sort's copy, where the
    /// distinct keys are under 0.5 M).
    fileprivate struct KeyedSums<Value> {
        var entries: [(key: NativeKey, value: Value)] = []
        let zero: Value
        /// The entry of each packed key (see ``NativeKey/packed``); keys that do not pack (never met in practice)
        /// are in `unpacked`.
        private var positions = PackedKeyMap()
        private var unpacked: [NativeKey: Int] = [:]
        /// The entry found last: the lines of an order usually share its key.
        private var last = -1

        init() where Value == LineSums { zero = LineSums() }
        init() where Value == Money { zero = .zero }

        /// The index of the entry to add to under `key`, made on first use.
        mutating func index(for key: NativeKey) -> Int {
            if last >= 0 && entries[last].key == key { return last }
            let i: Int
            if let packed = key.packed {
                if let known = positions.value(packed) {
                    i = Int(known)
                } else {
                    i = entries.count
                    entries.append((key, zero))
                    positions.insert(packed, Int32(i))
                }
            } else if let known = unpacked[key] {
                i = known
            } else {
                i = entries.count
                entries.append((key, zero))
                unpacked[key] = i
            }
            last = i
            return i
        }

        /// Sorts the entries by key; every group number is below `groups`.
        ///
        /// The entries are first placed by group (a counting sort: two passes, no comparisons), then each group's
        /// few entries sorted by currency and date: far cheaper than a comparison sort of the whole array.
        mutating func sortByKey(groups: Int) {
            positions = PackedKeyMap()
            unpacked = [:]
            last = -1
            var starts = [Int](repeating: 0, count: groups + 1)
            for e in entries { starts[Int(e.key.group) + 1] += 1 }
            for g in 0..<groups { starts[g + 1] += starts[g] }
            var byGroup = Array(unsafeUninitializedCapacity: entries.count) { buffer, count in
                var next = starts
                for e in entries {
                    let g = Int(e.key.group)
                    (buffer.baseAddress! + next[g]).initialize(to: e)
                    next[g] += 1
                }
                count = entries.count
            }
            entries = []
            for g in 0..<groups where starts[g + 1] - starts[g] > 1 {
                byGroup[starts[g]..<starts[g + 1]].sort { $0.key < $1.key }
            }
            entries = byGroup
        }
    }

    /// Sums of order lines (and COGS) in one currency on one date.
    fileprivate struct LineSums {
        var gross = Money.zero
        var discount = Money.zero
        var tax = Money.zero
        var cogs = Money.zero
    }

    /// Sums of refunds and fees in one currency on one date (few, so kept apart from the many line sums).
    fileprivate struct OtherSums {
        var refunds = Money.zero
        var fees = Money.zero
    }

    /// A platform × month (× market) a source reports on.
    fileprivate struct Coverage: Hashable {
        let platform: Platform
        let month: YearMonth
        let market: Market?
    }

    fileprivate struct GroupState {
        /// The group's key in numbers.
        let numbers: GroupNumbers
        /// The number of the summary group (month × market × platform) the group adds up in.
        let summary: Int32
        /// Distinct orders, counted by adjacency (see ``add(_:to:)-order line``).
        var orders = 0
        var units = 0
        var unitsReturned = 0
        var costMissing = false
        /// The unit costs of the group's SKU in its market, looked up at its first order line.
        var costs: CostSchedule?

        init(numbers: GroupNumbers, summary: Int32) {
            self.numbers = numbers
            self.summary = summary
        }
    }

    /// Accumulates facts; call ``finish(_:)`` for the tables.
    public final class Accumulator {
        /// Everything accumulated. One stored struct rather than many stored properties: a method works on it
        /// through one `inout` access, where each access to a class's property is checked for exclusivity at run
        /// time (several checks per property and order line added up to about a sixth of the time of adding lines).
        fileprivate var tally = Tally()
        /// Whether every order's lines arrived one after another (else ``SalesMarginCalculator/finish(_:)`` traps:
        /// check this first where the input order is not guaranteed).
        public var orderLinesArrivedTogether: Bool { !tally.linesNotGrouped }
        fileprivate init() {}
    }

    /// The state of an ``Accumulator``.
    fileprivate struct Tally {
        /// Every group met so far, by index (the index of a key in ``groupIndex``), and its counts.
        var groups: [GroupKey] = []
        var states: [GroupState] = []
        /// Group numbers by SKU number (high 32 bits) and summary number.
        var groupIndex = PackedKeyMap()
        /// The group found last and its numbers: the lines of an order share them when they share a SKU.
        var lastGroup: (numbers: GroupNumbers, index: Int32)?
        /// SKUs, markets and platforms numbered on first sight (SKUs many, so by dictionary; the SKU of the last
        /// line is remembered, lines of an order often repeating it).
        var skus = HashedNumbering<String>()
        var markets = FirstSeenNumbering<Market>()
        var platforms = FirstSeenNumbering<Platform>()
        /// Every summary group (``GroupKey`` with `sku` empty) by number, and its number by its month ordinal, market
        /// and platform numbers (packed), and the summary group found last.
        var summaries: [GroupKey] = []
        var summaryIndex = PackedKeyMap()
        var lastSummary: (numbers: GroupNumbers, index: Int32)?
        /// Currencies met so far (few), by index.
        var currencies = FirstSeenNumbering<Currency>()
        /// Line sums per group, currency and date for lines not in the reporting currency, one flat entry per key
        /// (a third of the memory a dictionary of the same entries took), sorted by key at the end; integer sums do
        /// not depend on the order of addition.
        var lineSums = KeyedSums<LineSums>()
        /// COGS in a currency other than its line's (and than the reporting currency), by group, currency and date:
        /// a narrower entry than a whole ``LineSums``. Joined with `lineSums` of the same key before converting, so
        /// each group × currency × date is still converted once.
        var cogsSums = KeyedSums<Money>()
        /// Sums in the reporting currency by group: converting them is the identity, so their date does not matter.
        var targetSums: [LineSums] = []
        var otherSums: [NativeKey: OtherSums] = [:]
        /// Distinct orders per summary group (month × market × platform), counted by adjacency.
        var summaryOrders: [Int] = []
        /// Every order's market (that of its last line), for refunds and fees added without one; empty when
        /// `linesInKeyOrder` (they come with theirs).
        var orderMarkets: [OrderRef: Market] = [:]
        /// Set by ``makeAccumulatorForJoinedFacts()``: lines come in key order and no order's market is kept.
        var linesInKeyOrder = false
        /// The order whose lines are being added (lines of one order arrive together), the market last recorded
        /// for it, and the detail and summary groups it has been counted in so far (a handful at most).
        var currentPlatform: Platform?
        var currentOrderID = ""
        var currentMarket = Market.unknown
        var currentGroups: [Int32] = []
        var currentSummaries: [Int32] = []
        /// Set when an order's lines did not arrive together: the order counts would be wrong (``finish(_:)`` traps).
        var linesNotGrouped = false
        /// The last rate check of an order line's currency and date (lines of one order share both).
        var lastRateCurrency: Currency?
        var lastRateDate = CivilDate(year: 1970, month: 1, day: 1)!
        var lastRateOK = false
        /// Which platform × month a refund, return or fee source covers: only there is "none" a true zero.
        var refundCoverage: Set<Coverage> = []
        var returnCoverage: Set<Coverage> = []
        /// Fees accompany every sale, so their coverage is per market too (a US settlement says nothing of DE).
        var feeCoverage: Set<Coverage> = []
        var flags: [Flag] = []
        /// Platform × month already flagged `market_unknown`.
        var unknownMarketKeys: Set<GroupKey> = []
        var linesWithoutRate = 0
        var unconverted: [UnconvertedFact] = []

        /// The index of a group, interned on first use.
        ///
        /// Found by numbers: the SKU's (one string hash, none when the SKU is the last line's), then the summary
        /// group's (month × market × platform, which the lines of an order share), then the group by the two.
        mutating func index(_ key: GroupKey) -> Int32 {
            let numbers = GroupNumbers(
                sku: skus.number(key.sku), month: Int32(key.month.year * 12 + key.month.month - 1), market: markets.number(key.market),
                platform: platforms.number(key.platform))
            if let last = lastGroup, last.numbers == numbers { return last.index }
            let summary = summaryNumber(key, numbers)
            let packed = UInt64(UInt32(bitPattern: numbers.sku)) << 32 | UInt64(UInt32(bitPattern: summary))
            let i: Int32
            if let known = groupIndex.value(packed) {
                i = known
            } else {
                i = Int32(groups.count)
                groups.append(key)
                states.append(GroupState(numbers: numbers, summary: summary))
                groupIndex.insert(packed, i)
            }
            lastGroup = (numbers, i)
            return i
        }

        /// The number of the summary group of `key` (whose numbers are `numbers`), interned on first use.
        private mutating func summaryNumber(_ key: GroupKey, _ numbers: GroupNumbers) -> Int32 {
            let s = numbers.summary
            if let last = lastSummary, last.numbers == s { return last.index }
            // Month ordinals are below 2^17 (years below 10000); markets and platforms are numbered on first sight.
            precondition(s.market < 1 << 23 && s.platform < 1 << 23, "too many markets or platforms to number")
            let packed = UInt64(s.month) << 46 | UInt64(s.market) << 23 | UInt64(s.platform)
            let n: Int32
            if let known = summaryIndex.value(packed) {
                n = known
            } else {
                n = Int32(summaries.count)
                summaries.append(GroupKey(month: key.month, market: key.market, platform: key.platform, sku: ""))
                summaryOrders.append(0)
                summaryIndex.insert(packed, n)
            }
            lastSummary = (s, n)
            return n
        }

        /// The index of a currency, interned on first use (a linear search: a run meets a handful).
        mutating func nativeKey(_ group: Int32, _ currency: Currency, _ date: CivilDate) -> NativeKey {
            NativeKey(group: group, currency: currencies.number(currency), day: date.daysSinceEpoch)
        }

        /// The sums in the reporting currency of `group`.
        mutating func targetSumsIndex(_ group: Int32) -> Int {
            let g = Int(group)
            if targetSums.count <= g { targetSums.append(contentsOf: repeatElement(LineSums(), count: g + 1 - targetSums.count)) }
            return g
        }
    }

    /// A fresh accumulator.
    public func makeAccumulator() -> Accumulator { Accumulator() }

    /// A fresh accumulator that remembers no order's market: its refunds and fees come with their order's market
    /// (``add(_:orderMarket:to:)-refund``, ``add(_:orderMarket:to:)-fee``), from a walk beside the order lines in
    /// key order, so that its memory does not grow with the orders. Its order lines must come in the warehouse's key
    /// order (platform name, then order id, by UTF-8 bytes).
    public func makeAccumulatorForJoinedFacts() -> Accumulator {
        let acc = Accumulator()
        acc.tally.linesInKeyOrder = true
        return acc
    }

    /// Adds one order line.
    ///
    /// Lines of one order (platform and order id) must be added one after another, as the warehouse's key order
    /// gives them (``finish(_:)`` traps otherwise): orders are counted per group when an order first reaches it, without keeping order ids.
    public func add(_ line: OrderLine, to acc: Accumulator) { add(line, &acc.tally) }

    private func add(_ line: OrderLine, _ t: inout Tally) {
        if line.orderID != t.currentOrderID || line.platform != t.currentPlatform {
            // A new order: record its market (refunds and fees take it) and forget the previous order's groups.
            if t.linesInKeyOrder {
                // Lines in key order: an order seen before would break it.
                if let platform = t.currentPlatform, compareOrderKeys(platform, t.currentOrderID, line.platform, line.orderID) >= 0 {
                    t.linesNotGrouped = true
                }
            } else if t.orderMarkets.updateValue(line.market, forKey: OrderRef(platform: line.platform, orderID: line.orderID)) != nil {
                t.linesNotGrouped = true
            }
            t.currentPlatform = line.platform
            t.currentOrderID = line.orderID
            t.currentMarket = line.market
            t.currentGroups.removeAll(keepingCapacity: true)
            t.currentSummaries.removeAll(keepingCapacity: true)
        } else if line.market != t.currentMarket {
            // The last line's market wins, as when every line wrote it.
            if !t.linesInKeyOrder { t.orderMarkets[OrderRef(platform: line.platform, orderID: line.orderID)] = line.market }
            t.currentMarket = line.market
        }
        guard line.status != .cancelled else { return }
        let date = zone.date(of: line.orderTime)
        let month = date.month
        if let period, !period.contains(date) { return }
        let convertible: Bool
        if line.currency == t.lastRateCurrency && date == t.lastRateDate {
            convertible = t.lastRateOK
        } else {
            convertible = converter.canConvert(line.currency, on: date)
            t.lastRateCurrency = line.currency
            t.lastRateDate = date
            t.lastRateOK = convertible
        }
        guard convertible else {
            t.linesWithoutRate += 1
            let origin = line.provenance
            t.unconverted.append(
                UnconvertedFact(
                    kind: .orderLine, file: origin.file, line: origin.line, platform: line.platform, orderID: line.orderID,
                    sku: line.sku, market: line.market, date: date, currency: line.currency, amount: line.itemAmount + line.shippingCharged))
            return
        }
        let key = GroupKey(month: month, market: line.market, platform: line.platform, sku: line.sku)
        let group = t.index(key)
        let newInGroup = !t.currentGroups.contains(group)
        if newInGroup { t.currentGroups.append(group) }
        if t.states[Int(group)].costs == nil { t.states[Int(group)].costs = costs.schedule(sku: line.sku, market: line.market) }
        var cogs: (Money, Currency)?
        if let (unitCost, costCurrency) = t.states[Int(group)].costs!.cost(on: date),
            costCurrency == line.currency || converter.canConvert(costCurrency, on: date)
        {
            cogs = (unitCost.times(line.quantity), costCurrency)
        }
        // The group's first missing cost raises the flag (only order lines set costMissing).
        let firstCostMissing = cogs == nil && !t.states[Int(group)].costMissing
        // One lookup per dictionary: the state and the sums are modified in place.
        Self.count(&t.states[Int(group)], newOrder: newInGroup, units: line.quantity, costMissing: cogs == nil)
        let sameCurrencyCogs = cogs.flatMap { $0.1 == line.currency ? $0.0 : nil }
        if line.currency == converter.target {
            Self.sum(&t.targetSums[t.targetSumsIndex(group)], line: line, cogs: sameCurrencyCogs)
        } else {
            Self.sum(&t.lineSums.entries[t.lineSums.index(for: t.nativeKey(group, line.currency, date))].value, line: line, cogs: sameCurrencyCogs)
        }
        if let (amount, costCurrency) = cogs, costCurrency != line.currency {
            if costCurrency == converter.target {
                t.targetSums[t.targetSumsIndex(group)].cogs += amount
            } else {
                t.cogsSums.entries[t.cogsSums.index(for: t.nativeKey(group, costCurrency, date))].value += amount
            }
        }
        if firstCostMissing {
            t.flags.append(
                Flag(
                    date: month.firstDay, endDate: month.lastDay, severity: .warning, rule: "cost_missing", metric: "cogs",
                    dimensions: ["market": line.market.code, "platform": line.platform.name, "sku": line.sku],
                    explanation: "No unit cost (or no rate for its currency) for SKU \(line.sku) in \(line.market.code) in \(month): COGS and margins of its rows are left empty"))
        }
        if line.market == .unknown, t.unknownMarketKeys.insert(GroupKey(month: month, market: .unknown, platform: line.platform, sku: "")).inserted {
            t.flags.append(
                Flag(
                    date: month.firstDay, endDate: month.lastDay, severity: .warning, rule: "market_unknown", metric: "orders",
                    dimensions: ["platform": line.platform.name],
                    explanation: "Some \(line.platform.name) order lines in \(month) name no recognisable market; they are reported under ZZ"))
        }
        if newInGroup {
            let summary = t.states[Int(group)].summary
            if !t.currentSummaries.contains(summary) {
                t.currentSummaries.append(summary)
                t.summaryOrders[Int(summary)] += 1
            }
        }
    }

    private static func count(_ state: inout GroupState, newOrder: Bool, units: Int, costMissing: Bool) {
        if newOrder { state.orders += 1 }
        state.units += units
        if costMissing { state.costMissing = true }
    }

    private static func sum(_ sums: inout LineSums, line: OrderLine, cogs: Money?) {
        sums.gross += line.itemAmount + line.shippingCharged
        sums.discount += line.discount
        sums.tax += line.tax
        if let cogs { sums.cogs += cogs }
    }

    /// Adds one refund or return: its amount to refunds and its units to units returned, in the refund date's
    /// month, under the order's market where the order is loaded (an accumulator of ``makeAccumulator()``, which
    /// knows every order's market; its lines must all have been added).
    public func add(_ refund: Refund, to acc: Accumulator) {
        add(refund, market: market(refund.platform, refund.orderID, refund.market, acc.tally), &acc.tally)
    }

    /// Adds one refund or return named by an order whose market is `orderMarket` (`nil`: no line of that order is
    /// loaded, or the refund names none): the same as ``add(_:to:)-refund`` without looking the order up.
    public func add(_ refund: Refund, orderMarket: Market?, to acc: Accumulator) {
        add(refund, market: refund.orderID.isEmpty ? refund.market : orderMarket ?? refund.market, &acc.tally)
    }

    private func add(_ refund: Refund, market: Market, _ t: inout Tally) {
        guard let key = key(refund.platform, refund.sku, market, refund.refundDate) else { return }
        t.refundCoverage.insert(Coverage(platform: key.platform, month: key.month, market: nil))
        if refund.unitsReturned != 0 { t.returnCoverage.insert(Coverage(platform: key.platform, month: key.month, market: nil)) }
        guard refund.amount.isZero || converter.canConvert(refund.currency, on: refund.refundDate) else {
            t.unconverted.append(
                UnconvertedFact(
                    kind: .refund, file: refund.provenance.file, line: refund.provenance.line, platform: refund.platform, orderID: refund.orderID,
                    sku: refund.sku, market: key.market, date: refund.refundDate, currency: refund.currency, amount: refund.amount))
            return
        }
        let group = t.index(key)
        t.states[Int(group)].unitsReturned += refund.unitsReturned
        if !refund.amount.isZero {
            t.otherSums[t.nativeKey(group, refund.currency, refund.refundDate), default: OtherSums()].refunds += refund.amount
        }
    }

    /// Adds one platform fee in its date's month, under its order's market where the order is loaded.
    ///
    /// Advertising charges a platform bills through its settlement (Amazon's "Cost of Advertising") are the same
    /// money as the spend of its ad reports, which the margin table counts as ad spend: they are left out of platform
    /// fees so that no ad cost is counted twice.
    public func add(_ fee: PlatformFee, to acc: Accumulator) {
        add(fee, market: market(fee.platform, fee.orderID ?? "", fee.market, acc.tally), &acc.tally)
    }

    /// Adds one platform fee named by an order whose market is `orderMarket` (`nil`: no line of that order is
    /// loaded, or the fee names none): the same as ``add(_:to:)-fee`` without looking the order up.
    public func add(_ fee: PlatformFee, orderMarket: Market?, to acc: Accumulator) {
        add(fee, market: (fee.orderID ?? "").isEmpty ? fee.market : orderMarket ?? fee.market, &acc.tally)
    }

    private func add(_ fee: PlatformFee, market: Market, _ t: inout Tally) {
        guard fee.type != .advertising else { return }
        guard let key = key(fee.platform, fee.sku ?? "", market, fee.date) else { return }
        t.feeCoverage.insert(Coverage(platform: key.platform, month: key.month, market: key.market))
        guard converter.canConvert(fee.currency, on: fee.date) else {
            t.unconverted.append(
                UnconvertedFact(
                    kind: .fee, file: fee.provenance.file, line: fee.provenance.line, platform: fee.platform, orderID: fee.orderID ?? "",
                    sku: fee.sku ?? "", market: key.market, date: fee.date, currency: fee.currency, amount: fee.amount))
            return
        }
        let group = t.index(key)
        t.otherSums[t.nativeKey(group, fee.currency, fee.date), default: OtherSums()].fees += fee.amount
    }

    /// The market a refund or fee counts under: its order's where the accumulator knows it, else its own.
    private func market(_ platform: Platform, _ orderID: String, _ own: Market, _ t: borrowing Tally) -> Market {
        orderID.isEmpty ? own : (t.orderMarkets[OrderRef(platform: platform, orderID: orderID)] ?? own)
    }

    /// The group of a refund or fee dated `date` under `market`; `nil` outside the period.
    private func key(_ platform: Platform, _ sku: String, _ market: Market, _ date: CivilDate) -> GroupKey? {
        if let period, !period.contains(date) { return nil }
        return GroupKey(month: date.month, market: market, platform: platform, sku: sku)
    }

    /// Converts the sums and builds the sorted tables.
    public func finish(_ acc: Accumulator) -> SalesMarginTables { finish(&acc.tally) }

    private func finish(_ t: inout Tally) -> SalesMarginTables {
        precondition(!t.linesNotGrouped, "SalesMarginCalculator: the lines of an order must be added one after another")
        // Coverage depends on month, market and platform only: looked up once per summary group.
        let covered = t.summaries.map { key in
            (refunds: t.refundCoverage.contains(Coverage(platform: key.platform, month: key.month, market: nil)),
             fees: t.feeCoverage.contains(Coverage(platform: key.platform, month: key.month, market: key.market)),
             returns: t.returnCoverage.contains(Coverage(platform: key.platform, month: key.month, market: nil)),
             feeEstimate: feeEstimates[key.platform])
        }
        var rows: [SalesMarginRow] = []
        rows.reserveCapacity(t.groups.count)
        for (key, state) in zip(t.groups, t.states) {
            let c = covered[Int(state.summary)]
            rows.append(SalesMarginRow(
                month: key.month, market: key.market, platform: key.platform, sku: key.sku, orders: state.orders,
                units: state.units, grossSales: .zero, discounts: .zero, refunds: c.refunds ? .zero : nil,
                cogs: state.costMissing ? nil : .zero, taxCollected: .zero, platformFees: c.fees ? .zero : nil,
                unitsReturned: c.returns ? state.unitsReturned : nil))
        }
        // Every currency and date here passed canConvert when it was added.
        // An entry converts up to four amounts of one currency and date: its rates are looked up once.
        var last: (currency: Int32, day: Int32, conversion: CurrencyConverter.Conversion)?
        func convert(_ m: Money, _ nk: NativeKey) -> Money {
            if m.isZero { return .zero }
            if let last, last.currency == nk.currency && last.day == nk.day { return last.conversion.convert(m) }
            let conversion = converter.conversion(from: t.currencies[nk.currency], on: CivilDate(daysSinceEpoch: nk.day))!
            last = (nk.currency, nk.day, conversion)
            return conversion.convert(m)
        }
        for (g, s) in t.targetSums.enumerated() {
            rows[g].grossSales += s.gross
            rows[g].discounts += s.discount
            rows[g].taxCollected += s.tax
            if rows[g].cogs != nil { rows[g].cogs! += s.cogs }
        }
        // Line sums and the COGS of other lines in their currency, joined by key (both sorted): one conversion per
        // group × currency × date, as when they shared an entry.
        t.lineSums.sortByKey(groups: t.groups.count)
        t.cogsSums.sortByKey(groups: t.groups.count)
        var c = 0
        let cogsEntries = t.cogsSums.entries
        func addCOGS(_ amount: Money, _ nk: NativeKey) {
            let g = Int(nk.group)
            if rows[g].cogs != nil { rows[g].cogs! += convert(amount, nk) }
        }
        for (nk, s) in t.lineSums.entries {
            while c < cogsEntries.count && cogsEntries[c].key < nk {
                addCOGS(cogsEntries[c].value, cogsEntries[c].key)
                c += 1
            }
            var cogs = s.cogs
            if c < cogsEntries.count && cogsEntries[c].key == nk {
                cogs += cogsEntries[c].value
                c += 1
            }
            let g = Int(nk.group)
            rows[g].grossSales += convert(s.gross, nk)
            rows[g].discounts += convert(s.discount, nk)
            rows[g].taxCollected += convert(s.tax, nk)
            addCOGS(cogs, nk)
        }
        while c < cogsEntries.count {
            addCOGS(cogsEntries[c].value, cogsEntries[c].key)
            c += 1
        }
        for (nk, s) in t.otherSums {
            let g = Int(nk.group)
            // As for line sums, an entry converts its zero figures too (to nothing): refunds and fees only here.
            if !s.refunds.isZero { rows[g].refunds! += convert(s.refunds, nk) }
            if !s.fees.isZero { rows[g].platformFees! += convert(s.fees, nk) }
        }
        for (i, state) in t.states.enumerated() where rows[i].platformFees == nil {
            if let rate = covered[Int(state.summary)].feeEstimate {
                rows[i].platformFees = rate.times(rows[i].grossSales)
                rows[i].feesEstimated = true
            }
        }
        var summary = zip(t.summaries, t.summaryOrders).map { key, orders in
            SalesMarginRow(
                month: key.month, market: key.market, platform: key.platform, sku: nil, orders: orders, units: 0, grossSales: .zero,
                discounts: .zero, refunds: nil, cogs: .zero, taxCollected: .zero)
        }
        for (state, row) in zip(t.states, rows) {
            let si = Int(state.summary)
            var s = summary[si]
            s.units += row.units
            s.grossSales += row.grossSales
            s.discounts += row.discounts
            s.taxCollected += row.taxCollected
            s.refunds = SalesMarginCalculator.add(s.refunds, row.refunds)
            s.platformFees = SalesMarginCalculator.add(s.platformFees, row.platformFees)
            s.feesEstimated = s.feesEstimated || row.feesEstimated
            if let returned = row.unitsReturned { s.unitsReturned = (s.unitsReturned ?? 0) + returned }
            // A summary's COGS exists only when every row under it has one.
            s.cogs = row.cogs.flatMap { c in s.cogs.map { $0 + c } }
            summary[si] = s
        }
        var flags = t.flags
        for m in converter.missing.sorted() {
            flags.append(
                Flag(
                    date: m.date, endDate: m.date, severity: .critical, rule: "fx_missing", metric: "fx_rate",
                    dimensions: ["currency": m.currency.code],
                    explanation: "No \(m.currency.code) rate for \(m.date) or the 7 days before: amounts in \(m.currency.code) on that date are left out of the figures"))
        }
        let order: (SalesMarginRow, SalesMarginRow) -> Bool = {
            ($0.month, $0.market, $0.platform.name, $0.sku ?? "") < ($1.month, $1.market, $1.platform.name, $1.sku ?? "")
        }
        return SalesMarginTables(
            detail: sortedDetail(rows, t),
            summary: summary.filter(\.hasAnyFigure).sorted(by: order),
            flags: mergeEpisodes(flags).sorted(),
            linesWithoutRate: t.linesWithoutRate, unconverted: t.unconverted.sorted())
    }

    /// The rows of groups with a SKU that have any figure, sorted by month, market, platform name and SKU.
    ///
    /// The same order as comparing those fields, but by integer ranks: the distinct SKUs, markets and platforms are
    /// sorted once, and the rows by their ranks. Comparing strings was most of the sort's time, with tens of
    /// thousands of rows and a few thousand SKUs. Keys are distinct (a group per key), so the order is total.
    private func sortedDetail(_ rows: [SalesMarginRow], _ t: borrowing Tally) -> [SalesMarginRow] {
        func ranks<T>(_ values: [T], _ less: (T, T) -> Bool) -> [Int32] {
            var rank = [Int32](repeating: 0, count: values.count)
            for (r, i) in values.indices.sorted(by: { less(values[$0], values[$1]) }).enumerated() { rank[i] = Int32(r) }
            return rank
        }
        let skuRank = ranks(t.skus.values, <)
        let marketRank = ranks(t.markets.values, <)
        let platformRank = ranks(t.platforms.values) { $0.name < $1.name }
        var keyed: [(key: (Int32, Int32, Int32, Int32), row: Int)] = []
        for (i, key) in t.groups.enumerated() where !key.sku.isEmpty && rows[i].hasAnyFigure {
            let n = t.states[i].numbers
            keyed.append(((n.month, marketRank[Int(n.market)], platformRank[Int(n.platform)], skuRank[Int(n.sku)]), i))
        }
        keyed.sort { $0.key < $1.key }
        return keyed.map { rows[$0.row] }
    }

    private static func add(_ a: Money?, _ b: Money?) -> Money? {
        switch (a, b) {
        case (nil, nil): return nil
        default: return (a ?? .zero) + (b ?? .zero)
        }
    }
}

/// An order: its platform and order id (order ids are unique per platform only).
struct OrderRef: Hashable {
    let platform: Platform
    let orderID: String
}
