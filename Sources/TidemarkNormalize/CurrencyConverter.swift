import TidemarkCommerce

/// Rates by currency and date against one base, with the metrics.md §2 lookup rule: the rate of the day, else the
/// latest earlier rate at most ``maxFallbackDays`` older, else no rate.
public struct FXTable: Sendable {
    /// How many days back a missing day may borrow a rate from (weekends, holidays).
    public static let maxFallbackDays = 7

    /// The currency every rate is quoted against (EUR for ECB).
    public let base: Currency
    /// Per currency, (date, rate) sorted by date.
    private var series: [Currency: [(CivilDate, ExchangeRate)]] = [:]

    /// An empty table quoted against `base`.
    public init(base: Currency) { self.base = base }

    /// Builds a table from rates; rates against another base are ignored (reported by the caller).
    public init(base: Currency, rates: [FXRate]) {
        self.base = base
        for r in rates where r.base == base { series[r.currency, default: []].append((r.date, r.rate)) }
        for key in series.keys { series[key]!.sort { $0.0 < $1.0 } }
    }

    /// Currencies with at least one rate.
    public var currencies: [Currency] { series.keys.sorted() }

    /// The rate used for `currency` on `date` and the date it was published, or `nil` when there is none within
    /// the fallback window. The base itself is always 1.
    public func rate(of currency: Currency, on date: CivilDate) -> (rate: ExchangeRate, rateDate: CivilDate)? {
        if currency == base { return (.one, date) }
        guard let list = series[currency], !list.isEmpty else { return nil }
        // Last index with list[i].date <= date.
        var lo = 0
        var hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].0 <= date { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        let (d, r) = list[lo - 1]
        guard d.distance(to: date) <= FXTable.maxFallbackDays else { return nil }
        return (r, d)
    }
}

/// One rate the run used, for `fx_rates_used.csv`.
public struct RateUse: Hashable, Sendable, Comparable {
    public var date: CivilDate
    public var currency: Currency
    public var rateDate: CivilDate
    public var rate: ExchangeRate
    public var base: Currency
    public static func < (a: RateUse, b: RateUse) -> Bool { (a.date, a.currency) < (b.date, b.currency) }
}

/// A currency and date for which no rate could be found (raises `fx_missing`).
public struct MissingRate: Hashable, Sendable, Comparable {
    public var currency: Currency
    public var date: CivilDate
    public static func < (a: MissingRate, b: MissingRate) -> Bool { (a.date, a.currency) < (b.date, b.currency) }
}

/// Converts amounts to the reporting currency by the metrics.md §2 rules and remembers every rate used and every
/// rate missing.
public final class CurrencyConverter {
    /// The reporting currency.
    public let target: Currency
    public let table: FXTable
    public private(set) var used: Set<RateUse> = []
    public private(set) var missing: Set<MissingRate> = []

    public init(table: FXTable, target: Currency) {
        self.table = table
        self.target = target
    }

    /// `amount` in `currency` on `date` converted to the reporting currency: `amount × rate(RC) / rate(C)`, both
    /// rates against the table's base, rounded half away from zero to millionths. `nil` when a rate is missing.
    public func convert(_ amount: Money, from currency: Currency, on date: CivilDate) -> Money? {
        conversion(from: currency, on: date)?.convert(amount)
    }

    /// The conversion of amounts in `currency` on `date`, with its rates looked up (and recorded) as
    /// ``convert(_:from:on:)`` looks them up; `nil` when a rate is missing. For converting several amounts of one
    /// currency and date with one lookup.
    public func conversion(from currency: Currency, on date: CivilDate) -> Conversion? {
        if currency == target { return Conversion(rates: nil) }
        guard let source = lookup(currency, date), let dest = lookup(target, date) else { return nil }
        return Conversion(rates: (source, dest))
    }

    /// Converts amounts of one currency on one date (``conversion(from:on:)``).
    public struct Conversion {
        /// The rates of the source currency and of the reporting currency; `nil` when they are the same currency.
        let rates: (source: ExchangeRate, target: ExchangeRate)?

        /// `amount` converted: `amount × rate(RC) / rate(C)`, rounded half away from zero to millionths.
        public func convert(_ amount: Money) -> Money {
            guard let rates else { return amount }
            return ExchangeRate.convert(amount, from: rates.source, to: rates.target)
        }
    }

    /// Whether amounts in `currency` on `date` can be converted (records a missing rate if not).
    public func canConvert(_ currency: Currency, on date: CivilDate) -> Bool {
        if currency == target { return true }
        return lookup(currency, date) != nil && lookup(target, date) != nil
    }

    /// Every lookup's result: a currency and date are looked up once (and recorded in ``used`` or ``missing``
    /// then); converting a million lines in a few currencies asks for the same few thousand rates again and again.
    private var looked = RateMemo()

    private func lookup(_ currency: Currency, _ date: CivilDate) -> ExchangeRate? {
        if currency == table.base { return .one }
        switch looked.result(currency, date) {
        case .known(let rate): return rate
        case .unknown:
            let rate = lookupOnce(currency, date)
            looked.record(rate, currency, date)
            return rate
        }
    }

    private func lookupOnce(_ currency: Currency, _ date: CivilDate) -> ExchangeRate? {
        guard let (rate, rateDate) = table.rate(of: currency, on: date) else {
            missing.insert(MissingRate(currency: currency, date: date))
            return nil
        }
        used.insert(RateUse(date: date, currency: currency, rateDate: rateDate, rate: rate, base: table.base))
        return rate
    }
}

/// The results of rate lookups by currency and day, kept in one flat array of days per currency: finding a result
/// is a comparison of a few currency codes and an index, where a dictionary keyed by currency and date hashed a
/// string on every lookup (several per order line, millions per run).
struct RateMemo {
    /// What is known of one currency on one day.
    enum Result: Equatable {
        /// Not looked up yet.
        case unknown
        /// Looked up: the rate, or `nil` when there is none.
        case known(ExchangeRate?)
    }

    /// Days further than this from the first day looked up for a currency are kept in ``farDays`` instead, so that
    /// a stray date decades away cannot make a currency's array huge.
    static let maxSpan: Int32 = 1 << 14

    /// The currencies met, by number (a handful).
    private var currencies: [Currency] = []
    /// Per currency number: the first day of its slots and one slot per day, `0` not looked up, `-1` no rate,
    /// else the rate's scaled value (always positive).
    private var firstDay: [Int32] = []
    private var slots: [[Int64]] = []
    /// Days outside a currency's span.
    private var farDays: [FarKey: ExchangeRate?] = [:]
    /// The number of the currency looked up last (lines come in runs of one currency).
    private var last = 0

    private struct FarKey: Hashable {
        let currency: Currency
        let date: CivilDate
    }

    /// What is known of `currency` on `date`.
    mutating func result(_ currency: Currency, _ date: CivilDate) -> Result {
        guard let c = find(currency) else { return .unknown }
        let offset = date.daysSinceEpoch - firstDay[c]
        guard offset >= 0 && offset < Int32(slots[c].count) else {
            return farDays[FarKey(currency: currency, date: date)].map { .known($0) } ?? .unknown
        }
        let slot = slots[c][Int(offset)]
        switch slot {
        case 0: return .unknown
        case -1: return .known(nil)
        default: return .known(ExchangeRate(scaled: slot)!)
        }
    }

    /// Remembers the result of looking up `currency` on `date`.
    mutating func record(_ rate: ExchangeRate?, _ currency: Currency, _ date: CivilDate) {
        let slot = rate?.scaled ?? -1
        let c: Int
        if let known = find(currency) {
            c = known
        } else {
            currencies.append(currency)
            firstDay.append(date.daysSinceEpoch)
            slots.append([])
            c = currencies.count - 1
            last = c
        }
        let day = date.daysSinceEpoch
        // Widen the span to take `day`, unless that would take it past maxSpan.
        let low = min(firstDay[c], day)
        let high = max(firstDay[c] + Int32(slots[c].count), day + 1)
        guard high - low <= Self.maxSpan else {
            farDays[FarKey(currency: currency, date: date)] = .some(rate)
            return
        }
        if low < firstDay[c] {
            slots[c].insert(contentsOf: repeatElement(0, count: Int(firstDay[c] - low)), at: 0)
            firstDay[c] = low
        }
        let offset = Int(day - low)
        if offset >= slots[c].count { slots[c].append(contentsOf: repeatElement(0, count: offset + 1 - slots[c].count)) }
        slots[c][offset] = slot
    }

    /// The number of `currency`, if met before.
    private mutating func find(_ currency: Currency) -> Int? {
        if last < currencies.count && currencies[last] == currency { return last }
        guard let i = currencies.firstIndex(of: currency) else { return nil }
        last = i
        return i
    }
}
