import TidemarkCommerce

/// The unit in which the predictive CLV models measure time (recency, age and horizons).
///
/// The models are fitted in one unit and every time they are given or return must be in that same unit. A month
/// is a calendar-average month of 365.25 / 12 = 30.4375 days, so that 12 months are exactly one average year.
public enum CLVTimeUnit: String, Sendable, CaseIterable {
    /// Calendar days.
    case days
    /// Weeks of 7 days (the unit of the published BG/NBD and Gamma-Gamma estimates).
    case weeks
    /// Average calendar months of 30.4375 days.
    case months

    /// The length of one unit in days: 1, 7 or 30.4375.
    public var days: Double {
        switch self {
        case .days: return 1
        case .weeks: return 7
        case .months: return 365.25 / 12
        }
    }

    /// A count of days expressed in this unit (e.g. 272 days = 38.857 weeks).
    public func fromDays(_ count: Int) -> Double { Double(count) / days }

    /// The length of one average calendar month (30.4375 days) in this unit.
    public var oneMonth: Double { (365.25 / 12) / days }
}

/// One purchase by one customer: the day it was placed (in the reporting time zone) and its value in the
/// reporting currency. Which orders count as purchases (status, refunds, currency conversion) is decided by the
/// caller; the models only see these three fields. The cohort table also takes refunds in this shape (the refund
/// date and the amount refunded).
public struct CLVPurchase: Hashable, Sendable {
    /// The keyed hash identifying the customer.
    public var customerKey: String
    /// The calendar day of the purchase.
    public var date: CivilDate
    /// The purchase value in the reporting currency.
    public var amount: Money

    /// A purchase of `amount` by `customerKey` on `date`.
    public init(customerKey: String, date: CivilDate, amount: Money) {
        self.customerKey = customerKey
        self.date = date
        self.amount = amount
    }
}

/// One purchase day of one customer: every purchase of that customer on that calendar day merged into one, with
/// the values added up and the number of merged records kept.
public struct CLVPurchaseDay: Hashable, Sendable {
    /// The calendar day.
    public var date: CivilDate
    /// The total value of the customer's purchases on that day.
    public var amount: Money
    /// How many purchase records were merged into this day (at least 1).
    public var records: Int

    /// A purchase day worth `amount`, made of `records` purchase records.
    public init(date: CivilDate, amount: Money, records: Int = 1) {
        self.date = date
        self.amount = amount
        self.records = records
    }
}

/// The purchase history of one customer as the models see it: purchase days in date order, with purchases on the
/// same calendar day merged into one (the models count purchase days, not order lines or orders).
public struct CustomerTransactions: Hashable, Sendable {
    /// The keyed hash identifying the customer.
    public var customerKey: String
    /// The customer's purchase days, ascending, one per calendar date.
    public var days: [CLVPurchaseDay]

    /// A history of already-merged purchase days (sorted here by date; dates must be distinct).
    public init(customerKey: String, days: [CLVPurchaseDay]) {
        self.customerKey = customerKey
        self.days = days.sorted { $0.date < $1.date }
    }

    /// Groups purchases by customer and merges each customer's purchases on the same day into one purchase day
    /// (values added). The result is sorted by customer key, each customer's days by date.
    public static func build<S: Sequence>(from purchases: S) -> [CustomerTransactions] where S.Element == CLVPurchase {
        var byCustomer: [String: [CivilDate: CLVPurchaseDay]] = [:]
        for p in purchases {
            byCustomer[p.customerKey, default: [:]][p.date, default: CLVPurchaseDay(date: p.date, amount: .zero, records: 0)]
                .merge(p.amount)
        }
        return byCustomer.keys.sorted().map { key in
            CustomerTransactions(customerKey: key, days: Array(byCustomer[key]!.values))
        }
    }

    /// ``build(from:)`` for purchases whose customer is a number: an index into `keys`, the distinct customer
    /// keys. Customers without a purchase are left out; the result is the same, sorted by customer key.
    public static func build<S: Sequence>(customers keys: [String], orders: S) -> [CustomerTransactions]
    where S.Element == (customer: Int32, date: CivilDate, amount: Money) {
        var purchases = [[(date: CivilDate, amount: Money)]](repeating: [], count: keys.count)
        for p in orders { purchases[Int(p.customer)].append((p.date, p.amount)) }
        let numbers = keys.indices.filter { !purchases[$0].isEmpty }.sorted { keys[$0] < keys[$1] }
        return numbers.map { n in
            var days: [CLVPurchaseDay] = []
            for p in purchases[n].sorted(by: { $0.date < $1.date }) {
                if let last = days.last, last.date == p.date {
                    days[days.count - 1].merge(p.amount)
                } else {
                    days.append(CLVPurchaseDay(date: p.date, amount: p.amount, records: 1))
                }
            }
            return CustomerTransactions(customerKey: keys[n], days: days)
        }
    }

    /// The model inputs of this customer for a calibration period ending on `calibrationEnd` (inclusive), in
    /// `unit`; `nil` when the customer's first purchase is after the calibration end. Purchases after the end
    /// are ignored. See ``CLVCustomerSummary`` for the definitions.
    public func summary(calibrationEnd: CivilDate, unit: CLVTimeUnit = .weeks) -> CLVCustomerSummary? {
        let calibration = days.filter { $0.date <= calibrationEnd }
        guard let first = calibration.first, let last = calibration.last else { return nil }
        let repeats = calibration.dropFirst()
        var monetary: Money? = nil
        if !repeats.isEmpty {
            let total = Money.sum(repeats.map(\.amount))
            monetary = Money(micros: Int64(Money.divideRoundingHalfAwayFromZero(Int128(total.micros), by: Int128(repeats.count))))
        }
        return CLVCustomerSummary(
            customerKey: customerKey, firstPurchase: first.date, lastPurchase: last.date,
            orders: calibration.reduce(0) { $0 + $1.records }, frequency: repeats.count,
            recency: unit.fromDays(first.date.distance(to: last.date)),
            age: unit.fromDays(first.date.distance(to: calibrationEnd)),
            monetaryValue: monetary, totalValue: Money.sum(calibration.map(\.amount)))
    }

    /// The model inputs of every customer whose first purchase is on or before `calibrationEnd`, in the order
    /// given (customers acquired after the calibration end are left out).
    public static func summaries(
        _ customers: [CustomerTransactions], calibrationEnd: CivilDate, unit: CLVTimeUnit = .weeks
    ) -> [CLVCustomerSummary] {
        customers.compactMap { $0.summary(calibrationEnd: calibrationEnd, unit: unit) }
    }
}

extension CLVPurchaseDay {
    fileprivate mutating func merge(_ value: Money) {
        amount += value
        records += 1
    }
}

/// What the BG/NBD and Gamma-Gamma models know about one customer at the end of the calibration period.
///
/// - `frequency` x: the number of repeat purchase days, i.e. purchase days after the first one (same-day
///   purchases count once);
/// - `recency` t_x: time from the first to the last purchase day (0 when x = 0);
/// - `age` T: time from the first purchase day to the calibration end date;
/// - `monetaryValue` m̄: the mean value of the repeat purchase days, not counting the first purchase, rounded to
///   millionths; `nil` when x = 0.
///
/// Times are in the ``CLVTimeUnit`` the summary was built with.
public struct CLVCustomerSummary: Hashable, Sendable {
    /// The keyed hash identifying the customer.
    public var customerKey: String
    /// The customer's first purchase day.
    public var firstPurchase: CivilDate
    /// The customer's last purchase day within the calibration period.
    public var lastPurchase: CivilDate
    /// Purchase records in the calibration period before same-day merging (for reports).
    public var orders: Int
    /// x: repeat purchase days in the calibration period.
    public var frequency: Int
    /// t_x: time from first to last purchase day.
    public var recency: Double
    /// T: time from first purchase day to the calibration end.
    public var age: Double
    /// m̄: mean value of the repeat purchase days; `nil` without repeat purchases.
    public var monetaryValue: Money?
    /// The total value of all purchase days in the calibration period, the first included (for RFM).
    public var totalValue: Money

    /// A summary from its parts (the builder is ``CustomerTransactions/summary(calibrationEnd:unit:)``).
    public init(
        customerKey: String, firstPurchase: CivilDate, lastPurchase: CivilDate, orders: Int, frequency: Int,
        recency: Double, age: Double, monetaryValue: Money?, totalValue: Money
    ) {
        self.customerKey = customerKey
        self.firstPurchase = firstPurchase
        self.lastPurchase = lastPurchase
        self.orders = orders
        self.frequency = frequency
        self.recency = recency
        self.age = age
        self.monetaryValue = monetaryValue
        self.totalValue = totalValue
    }
}

extension Money {
    /// The amount in currency units as a `Double`, for statistical models only (never for money arithmetic).
    var clvDouble: Double { Double(micros) / Double(Money.scale) }

    /// A model's `Double` amount in currency units rounded once, to the nearest millionth (halves away from zero);
    /// `nil` when it is not finite or does not fit.
    static func clvRounded(_ value: Double) -> Money? {
        let micros = (value * Double(Money.scale)).rounded(.toNearestOrAwayFromZero)
        guard micros.isFinite, let exact = Int64(exactly: micros) else { return nil }
        return Money(micros: exact)
    }
}
