#if canImport(Glibc)
    import Glibc
#endif

/// Remembers what the last few distinct values of one column turned into, keyed by the field's raw bytes.
///
/// Many columns hold a handful of values repeated row after row: a currency, a country, a status word, a
/// campaign name, a date. Reading such a field means making a `String`, trimming it, case-folding it and
/// looking it up in a table, for every row, although the answer is always the same for the same bytes. A memo
/// answers a repeated value by comparing bytes with what it holds instead.
///
/// Only functions of the field's bytes may be memoised (the same bytes always give the same value), and only
/// values are remembered: a field that fails (throws) is read the ordinary way every time, so its reject reason
/// is exactly the ordinary one. A memo keeps ``capacity`` values; a new value then takes the place of the one
/// kept longest, so a column that moves on (the dates of a month, row after row) stays answered from memory,
/// and a column with many distinct values costs at most a few comparisons and a copy per row.
struct FieldMemo<Value> {
    /// How many distinct values one memo keeps.
    static var capacity: Int { 16 }

    /// The kept fields' bytes and their values.
    private var entries: [(bytes: [UInt8], value: Value)] = []
    /// The entry that answered last, tried first (a column often repeats the previous row's value).
    private var lastHit = 0
    /// The entry a new value replaces once the memo is full: the one kept longest.
    private var oldest = 0

    init() {}

    /// The value `field` reads as: the remembered one for bytes seen among the last ``capacity`` values, else
    /// `read()`'s (then remembered). Whatever `read` throws is rethrown and nothing is remembered.
    mutating func value(_ field: UnsafeRawBufferPointer, _ read: () throws -> Value) rethrows -> Value {
        if let hit = find(field) { return entries[hit].value }
        let value = try read()
        if entries.count < Self.capacity {
            entries.append((Array(field), value))
            lastHit = entries.count - 1
        } else {
            // Reuses the replaced entry's buffer: no allocation once the memo is warm.
            entries[oldest].bytes.removeAll(keepingCapacity: true)
            entries[oldest].bytes.append(contentsOf: field)
            entries[oldest].value = value
            lastHit = oldest
            oldest = (oldest + 1) % Self.capacity
        }
        return value
    }

    /// The index of the entry holding `field`'s bytes, trying the last one that answered first.
    private mutating func find(_ field: UnsafeRawBufferPointer) -> Int? {
        guard !entries.isEmpty else { return nil }
        if holds(lastHit, field) { return lastHit }
        for i in entries.indices where i != lastHit && holds(i, field) {
            lastHit = i
            return i
        }
        return nil
    }

    /// Whether entry `i` holds exactly `field`'s bytes.
    private func holds(_ i: Int, _ field: UnsafeRawBufferPointer) -> Bool {
        entries[i].bytes.withUnsafeBytes { kept in
            guard kept.count == field.count else { return false }
            if field.isEmpty { return true }
            return memcmp(kept.baseAddress!, field.baseAddress!, field.count) == 0
        }
    }
}
