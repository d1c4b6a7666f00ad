import TidemarkCommerce

/// Values per row and day, where a row is a small number (a market, a market × platform lane or a currency numbered
/// by ``FirstSeenNumbering``): the flat replacement of a `[Key: [CivilDate: Value]]` or `[DateAndKey: Value]`
/// dictionary for passes that touch a different day on almost every record (order lines come by order id, not by
/// date), where each touch would otherwise hash a key.
///
/// A row keeps its days in pages of 256 consecutive days, allocated when a day of the page is first stored, so a
/// stray date decades away costs one page, not the days in between. A slot is `nil` until a value is stored, which
/// keeps "no value" apart from a stored 0, as a dictionary does.
///
/// Inlinable so that callers in other modules get it specialized for their value type (a generic call per record
/// would cost more than the hashing it replaces).
public struct DayTable<Value> {
    @usableFromInline static var pageShift: Int32 { 8 }
    @usableFromInline static var pageSize: Int { 1 << 8 }

    @usableFromInline struct Row {
        /// The page number (day since the epoch >> 8) of `pages[0]`.
        @usableFromInline var firstPage: Int32 = 0
        /// The row's pages from `firstPage` on; an empty page holds no value yet.
        @usableFromInline var pages: [[Value?]] = []

        @inlinable init() {}
    }

    @usableFromInline var rows: [Row] = []

    /// An empty table.
    @inlinable public init() {}

    /// The value of `row` on `date`; `nil` when none is stored.
    @inlinable public subscript(row: Int32, date: CivilDate) -> Value? {
        get {
            let r = Int(row)
            guard r < rows.count else { return nil }
            let page = Int((date.daysSinceEpoch >> Self.pageShift) - rows[r].firstPage)
            guard page >= 0, page < rows[r].pages.count, !rows[r].pages[page].isEmpty else { return nil }
            return rows[r].pages[page][Int(date.daysSinceEpoch) & (Self.pageSize - 1)]
        }
        set {
            let (r, page) = makeSlot(row, date)
            rows[r].pages[page][Int(date.daysSinceEpoch) & (Self.pageSize - 1)] = newValue
        }
    }

    /// Applies `change` to the value of `row` on `date`, which starts as `initial` when none is stored; the value is
    /// changed in place.
    @inlinable public mutating func update(_ row: Int32, _ date: CivilDate, initial: Value, _ change: (inout Value) -> Void) {
        let (r, page) = makeSlot(row, date)
        let slot = Int(date.daysSinceEpoch) & (Self.pageSize - 1)
        if rows[r].pages[page][slot] == nil { rows[r].pages[page][slot] = initial }
        change(&rows[r].pages[page][slot]!)
    }

    /// Every stored value with its row and date, by row, then date.
    @inlinable public func forEach(_ body: (Int32, CivilDate, Value) throws -> Void) rethrows {
        for (r, row) in rows.enumerated() {
            for (p, page) in row.pages.enumerated() where !page.isEmpty {
                let firstDay = (row.firstPage + Int32(p)) << Self.pageShift
                for (i, value) in page.enumerated() {
                    if let value { try body(Int32(r), CivilDate(daysSinceEpoch: firstDay + Int32(i)), value) }
                }
            }
        }
    }

    /// The values of `row` by date (empty when the row has none).
    @inlinable public func values(ofRow row: Int32) -> [CivilDate: Value] {
        var out: [CivilDate: Value] = [:]
        guard Int(row) < rows.count else { return out }
        let r = rows[Int(row)]
        for (p, page) in r.pages.enumerated() where !page.isEmpty {
            let firstDay = (r.firstPage + Int32(p)) << Self.pageShift
            for (i, value) in page.enumerated() {
                if let value { out[CivilDate(daysSinceEpoch: firstDay + Int32(i))] = value }
            }
        }
        return out
    }

    /// The number of rows that may hold values (one more than the largest row stored into).
    @inlinable public var rowCount: Int { rows.count }

    /// The indices of `row` and of the page holding `date` in it, creating the row and the page as needed.
    @inlinable mutating func makeSlot(_ row: Int32, _ date: CivilDate) -> (row: Int, page: Int) {
        let r = Int(row)
        if r >= rows.count { rows.append(contentsOf: repeatElement(Row(), count: r - rows.count + 1)) }
        let pageNumber = date.daysSinceEpoch >> Self.pageShift
        if rows[r].pages.isEmpty {
            rows[r].firstPage = pageNumber
            rows[r].pages = [[]]
        } else if pageNumber < rows[r].firstPage {
            rows[r].pages.insert(contentsOf: repeatElement([], count: Int(rows[r].firstPage - pageNumber)), at: 0)
            rows[r].firstPage = pageNumber
        } else if Int(pageNumber - rows[r].firstPage) >= rows[r].pages.count {
            rows[r].pages.append(contentsOf: repeatElement([], count: Int(pageNumber - rows[r].firstPage) - rows[r].pages.count + 1))
        }
        let page = Int(pageNumber - rows[r].firstPage)
        if rows[r].pages[page].isEmpty { rows[r].pages[page] = Array(repeating: nil, count: Self.pageSize) }
        return (r, page)
    }
}

/// The month of the last day asked for, remembered: rows read in date order ask for the same day many times in a
/// row, and working out a day's month costs a calendar conversion.
struct RecentMonth {
    private var last: (day: CivilDate, month: YearMonth)?

    /// `date.month`.
    mutating func of(_ date: CivilDate) -> YearMonth {
        if let last, last.day.daysSinceEpoch == date.daysSinceEpoch { return last.month }
        let m = date.month
        last = (date, m)
        return m
    }
}
