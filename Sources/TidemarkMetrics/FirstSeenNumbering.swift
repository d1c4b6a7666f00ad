/// Numbers a few distinct values (markets, currencies, market × platform lanes, series) 0, 1, 2 … in the order they first
/// appear, so that dictionary keys can hold small integers instead of strings. The last value asked for is
/// remembered: rows arrive in runs, and a repeat costs one comparison instead of a search.
///
/// Inlinable so that callers in other modules get it specialized for their value type: unspecialized, every call
/// goes through generic metadata and witness tables and costs more than the dictionary look-up it saves.
public struct FirstSeenNumbering<Value: Equatable> {
    /// The values by number.
    @inlinable public var values: [Value] { numbered }
    @usableFromInline var numbered: [Value] = []
    @usableFromInline var last: (value: Value, number: Int32)?

    @inlinable public init() {}

    /// The number of `value`, assigned on first use.
    @inlinable public mutating func number(_ value: Value) -> Int32 {
        if let last, last.value == value { return last.number }
        let n: Int32
        if let i = numbered.firstIndex(of: value) {
            n = Int32(i)
        } else {
            n = Int32(numbered.count)
            numbered.append(value)
        }
        last = (value, n)
        return n
    }

    /// The value numbered `number`.
    @inlinable public subscript(number: Int32) -> Value { numbered[Int(number)] }
}

/// Numbers distinct values 0, 1, 2 … in the order they first appear, like ``FirstSeenNumbering`` but through a
/// dictionary: for value sets too large to search (SKUs, SKU keys: thousands). The last value asked for is
/// remembered, so a run of equal values costs one comparison each.
struct HashedNumbering<Value: Hashable> {
    /// The values by number.
    private(set) var values: [Value] = []
    private var numbers: [Value: Int32] = [:]
    private var last: (value: Value, number: Int32)?

    /// How many values are numbered.
    var count: Int { values.count }

    /// The number of `value`, assigned on first use.
    mutating func number(_ value: Value) -> Int32 {
        if let last, last.value == value { return last.number }
        let n: Int32
        if let known = numbers[value] {
            n = known
        } else {
            n = Int32(values.count)
            numbers[value] = n
            values.append(value)
        }
        last = (value, n)
        return n
    }

    /// The value numbered `number`.
    subscript(number: Int32) -> Value { values[Int(number)] }
}
