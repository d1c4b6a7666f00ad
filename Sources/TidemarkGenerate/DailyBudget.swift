/// Spreads a year's total of rows over the days by the sales weight of each day (``CorpusGenerator/weight(_:)``),
/// with exact totals: each day gets the rounded cumulative target less what earlier days got.
struct DailyBudget {
    let total: Int
    private let allWeight: Double
    private var cumulative = 0.0
    private var done = 0

    init(total: Int) {
        self.total = total
        var w = 0.0
        var d = CorpusGenerator.firstDay
        while d.epochDay <= CorpusGenerator.lastDay.epochDay { w += CorpusGenerator.weight(d); d = d.adding(1) }
        allWeight = w
    }

    /// The rows of `day` (call once per day, in order).
    mutating func take(_ day: Day) -> Int {
        cumulative += CorpusGenerator.weight(day)
        let target = Int((Double(total) * cumulative / allWeight).rounded())
        let n = target - done
        done = target
        return n
    }
}

/// A pool of repeat buyers: low numbers come back often (a buyer is drawn as `pool × u²`).
struct BuyerPool {
    let size: Int
    func draw(_ rng: inout SplitMix64) -> Int {
        let u = rng.unit()
        return Int(Double(size) * u * u)
    }
}
