import TidemarkCommerce

/// What RFM scoring needs of one customer: the last purchase day, the number of purchase days and the total value.
public struct RFMInput: Hashable, Sendable {
    /// The keyed hash identifying the customer.
    public var customerKey: String
    /// The customer's last purchase day up to the as-of date (recency: later is better).
    public var lastPurchase: CivilDate
    /// Purchase days up to the as-of date, the first included (frequency: more is better).
    public var frequency: Int
    /// Total purchase value up to the as-of date, in the reporting currency (monetary: more is better).
    public var monetary: Money

    /// An RFM input from its parts.
    public init(customerKey: String, lastPurchase: CivilDate, frequency: Int, monetary: Money) {
        self.customerKey = customerKey
        self.lastPurchase = lastPurchase
        self.frequency = frequency
        self.monetary = monetary
    }

    /// The RFM input of a customer's purchases on or before `asOf`; `nil` when there are none.
    public init?(_ t: CustomerTransactions, asOf: CivilDate) {
        let days = t.days.filter { $0.date <= asOf }
        guard let last = days.last else { return nil }
        self.init(customerKey: t.customerKey, lastPurchase: last.date, frequency: days.count, monetary: Money.sum(days.map(\.amount)))
    }
}

/// The named RFM segments and the rules that assign them from the recency (R) and frequency (F) scores, and for
/// Champions also the monetary (M) score. The rules are tried in this order and the first that matches wins;
/// together they cover all 125 score combinations:
///
/// | segment | rule |
/// |---|---|
/// | Champions | R ≥ 4, F ≥ 4, M ≥ 4 |
/// | Loyal | R ≥ 3, F ≥ 4 |
/// | Can't lose them | R = 1, F ≥ 4 |
/// | At risk | R ≤ 2, F ≥ 3 |
/// | New customers | R ≥ 4, F = 1 |
/// | Potential loyalists | R ≥ 3, F 2–3 |
/// | Hibernating | R = 2 and F ≤ 2, or R = 3 and F = 1 |
/// | Lost | R = 1, F ≤ 2 |
public enum RFMSegment: String, Hashable, Sendable, CaseIterable {
    /// Recent, frequent, high-spending: the best customers.
    case champions = "Champions"
    /// Buy often and fairly recently, but not (yet) Champions.
    case loyal = "Loyal"
    /// Used to buy often but have not bought for the longest time.
    case cantLoseThem = "Can't lose them"
    /// Bought fairly often but not recently.
    case atRisk = "At risk"
    /// Bought recently, for the first time or almost.
    case newCustomers = "New customers"
    /// Recent customers with a few purchases who could become loyal.
    case potentialLoyalists = "Potential loyalists"
    /// Few purchases, a while ago.
    case hibernating = "Hibernating"
    /// Few purchases, the longest time ago.
    case lost = "Lost"

    /// The segment of scores R, F, M (each 1–5) by the rules in the table above.
    public static func classify(recency r: Int, frequency f: Int, monetary m: Int) -> RFMSegment {
        if r >= 4, f >= 4, m >= 4 { return .champions }
        if r >= 3, f >= 4 { return .loyal }
        if r == 1, f >= 4 { return .cantLoseThem }
        if r <= 2, f >= 3 { return .atRisk }
        if r >= 4, f == 1 { return .newCustomers }
        if r >= 3, f >= 2 { return .potentialLoyalists }
        if r >= 2 { return .hibernating }
        return .lost
    }
}

/// How RFM quintiles treat customers with equal values.
public enum RFMTies: Hashable, Sendable {
    /// Rank by value, then by customer key, and cut the ranking into fifths: every customer gets a distinct
    /// rank, so equal values can land in different quintiles (deterministically, by key).
    case byCustomerKey
    /// As ``byCustomerKey``, but every customer with the same value gets the score of the lowest-ranked of them.
    case sameValueSameScore
}

/// A customer's RFM scores and segment.
public struct RFMScore: Hashable, Sendable {
    /// The keyed hash identifying the customer.
    public var customerKey: String
    /// Recency quintile, 5 = bought most recently.
    public var recency: Int
    /// Frequency quintile, 5 = most purchase days.
    public var frequency: Int
    /// Monetary quintile, 5 = highest total value.
    public var monetary: Int
    /// The named segment.
    public var segment: RFMSegment

    /// The three scores written together, e.g. `"543"`.
    public var code: String { "\(recency)\(frequency)\(monetary)" }
}

/// RFM quintile scoring.
public enum RFM {
    /// Scores every customer 1–5 on recency, frequency and monetary value. For each dimension the customers are
    /// ranked from worst to best (oldest last purchase, fewest purchase days, lowest total first), ties by
    /// customer key ascending; the customer at 0-based rank i of n gets score ⌊5i / n⌋ + 1, so each score holds
    /// a fifth of the customers (when n is not a multiple of 5 the fifths differ by at most one). With
    /// ``RFMTies/sameValueSameScore``, equal values share the lowest score among them. Customer keys must be
    /// distinct. Result sorted by customer key.
    public static func score(_ customers: [RFMInput], ties: RFMTies = .byCustomerKey) -> [RFMScore] {
        let n = customers.count
        guard n > 0 else { return [] }
        func quintiles<V: Comparable>(_ value: (RFMInput) -> V) -> [String: Int] {
            let ranked = customers.sorted { (value($0), $0.customerKey) < (value($1), $1.customerKey) }
            var scores: [String: Int] = [:]
            var groupScore = 0
            for (i, c) in ranked.enumerated() {
                let own = 5 * i / n + 1
                if ties == .sameValueSameScore, i > 0, value(ranked[i - 1]) == value(c) {
                    scores[c.customerKey] = groupScore
                } else {
                    groupScore = own
                    scores[c.customerKey] = own
                }
            }
            return scores
        }
        let r = quintiles { $0.lastPurchase }
        let f = quintiles { $0.frequency }
        let m = quintiles { $0.monetary }
        return customers.map(\.customerKey).sorted().map { key in
            let (rs, fs, ms) = (r[key]!, f[key]!, m[key]!)
            return RFMScore(
                customerKey: key, recency: rs, frequency: fs, monetary: ms,
                segment: RFMSegment.classify(recency: rs, frequency: fs, monetary: ms))
        }
    }
}
