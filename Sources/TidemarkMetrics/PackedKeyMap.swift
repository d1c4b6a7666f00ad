/// A map from 64-bit keys to small non-negative numbers (indices), by open addressing with linear probing in one
/// flat array: a lookup is a multiplication, a shift and usually one comparison, where a `Dictionary` runs the
/// seeded SipHash over the key. Made for the per-line lookups of numbered groups (several per order line).
///
/// Keys are never removed; the table doubles when half full.
struct PackedKeyMap {
    /// A key and its value side by side: a lookup in a large table touches one cache line, not one per array.
    private struct Slot {
        var key: UInt64
        /// `-1` marks an empty slot (values are never negative).
        var value: Int32
    }

    private var slots: [Slot]
    /// `64 − log2(slot count)`: the top bits of the mixed key pick the slot.
    private var shift: UInt64
    /// How many keys are stored.
    private(set) var count = 0

    /// An empty map.
    init() {
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: 64)
        shift = 64 - 6
    }

    /// The value stored under `key`, or `nil`.
    func value(_ key: UInt64) -> Int32? {
        let mask = slots.count - 1
        var i = slotOf(key)
        while slots[i].value >= 0 {
            if slots[i].key == key { return slots[i].value }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Stores `value` (not negative) under `key`, which must not be stored yet.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        precondition(value >= 0, "PackedKeyMap holds non-negative values only")
        if (count + 1) * 2 > slots.count { grow() }
        place(Slot(key: key, value: value))
        count += 1
    }

    private func slotOf(_ key: UInt64) -> Int {
        // Fibonacci hashing: the multiplication spreads every key bit into the top bits.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var i = slotOf(slot.key)
        while slots[i].value >= 0 { i = (i + 1) & mask }
        slots[i] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: old.count * 2)
        shift -= 1
        for slot in old where slot.value >= 0 { place(slot) }
    }
}
