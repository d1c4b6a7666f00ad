/// Numbers a few distinct values (markets, currencies, market × platform lanes, series) 0, 1, 2 … in the order they first
/// appear, so that dictionary keys can hold small integers instead of strings. The last value asked for is
/// remembered: rows arrive in runs, and a repeat costs one comparison instead of a search.
public struct FirstSeenNumbering<Value: Equatable> {
    /// The values by number.
    public private(set) var values: [Value] = []
    private var last: (value: Value, number: Int32)?

    public init() {}

    /// The number of `value`, assigned on first use.
    public mutating func number(_ value: Value) -> Int32 {
        if let last, last.value == value { return last.number }
        let n: Int32
        if let i = values.firstIndex(of: value) {
            n = Int32(i)
        } else {
            n = Int32(values.count)
            values.append(value)
        }
        last = (value, n)
        return n
    }

    /// The value numbered `number`.
    public subscript(number: Int32) -> Value { values[Int(number)] }
}
