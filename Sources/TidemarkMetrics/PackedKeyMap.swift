/// A map from 64-bit keys to small non-negative numbers (indices), by open addressing with linear probing in two
/// flat arrays: a lookup is a multiplication, a shift and usually one comparison, where a `Dictionary` runs the
/// seeded SipHash over the key. Made for the per-line lookups of numbered groups (several per order line).
///
/// Keys are never removed; the table doubles when half full.
struct PackedKeyMap {
    private var keys: [UInt64]
    /// The value of each slot; `-1` marks an empty slot (values are never negative).
    private var values: [Int32]
    /// `64 − log2(slot count)`: the top bits of the mixed key pick the slot.
    private var shift: UInt64
    /// How many keys are stored.
    private(set) var count = 0

    /// An empty map.
    init() {
        keys = [UInt64](repeating: 0, count: 64)
        values = [Int32](repeating: -1, count: 64)
        shift = 64 - 6
    }

    /// The value stored under `key`, or `nil`.
    func value(_ key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var slot = slotOf(key)
        while values[slot] >= 0 {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `value` (not negative) under `key`, which must not be stored yet.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        precondition(value >= 0, "PackedKeyMap holds non-negative values only")
        if (count + 1) * 2 > keys.count { grow() }
        place(key, value)
        count += 1
    }

    private func slotOf(_ key: UInt64) -> Int {
        // Fibonacci hashing: the multiplication spreads every key bit into the top bits.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func place(_ key: UInt64, _ value: Int32) {
        let mask = keys.count - 1
        var slot = slotOf(key)
        while values[slot] >= 0 { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        shift -= 1
        for i in oldKeys.indices where oldValues[i] >= 0 { place(oldKeys[i], oldValues[i]) }
    }
}
