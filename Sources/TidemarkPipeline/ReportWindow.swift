import TidemarkCommerce

/// A period the reports of a run cover, relative to the run date: all history, the last N days, or the month to
/// date. A pipeline with several windows writes one report folder per window.
public struct ReportWindow: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case all
        /// The run date and the N − 1 days before it.
        case lastDays(Int)
        /// From the first of the run date's month to the run date.
        case monthToDate
    }

    /// The window's name, also its folder name.
    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The dates covered for a run on `runDate`, or `nil` for all history.
    public func dates(runDate: CivilDate) -> ClosedRange<CivilDate>? {
        switch kind {
        case .all: return nil
        case .lastDays(let n): return runDate.advanced(by: -(n - 1))...runDate
        case .monthToDate: return runDate.month.firstDay...runDate
        }
    }
}
