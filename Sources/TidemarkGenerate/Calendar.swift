/// A civil date of the generated year, with its weekday and its index from the corpus start.
struct Day {
    let year: Int
    let month: Int
    let day: Int
    /// Days since 1970-01-01.
    let epochDay: Int

    init(epochDay: Int) {
        // Howard Hinnant's civil_from_days.
        let z = epochDay + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
        self.epochDay = epochDay
    }

    init(_ year: Int, _ month: Int, _ day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.init(epochDay: era * 146_097 + doe - 719_468)
    }

    /// 0 = Monday … 6 = Sunday.
    var weekday: Int { ((epochDay % 7) + 10) % 7 }
    var isWeekend: Bool { weekday >= 5 }

    func adding(_ days: Int) -> Day { Day(epochDay: epochDay + days) }

    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2026-08` for file names.
    var monthKey: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
}

/// Deterministic pseudo-random numbers (SplitMix64): the same seed always gives the same corpus (and the same
/// benchmark file).
public struct SplitMix64 {
    public var state: UInt64
    /// Starts at a raw state.
    public init(state: UInt64) { self.state = state }
    /// One of several independent streams of one seed.
    init(seed: UInt64, stream: UInt64) {
        state = seed &* 0x9E37_79B9_7F4A_7C15 ^ (stream &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    /// A number in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }
    /// A uniform number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }
}
