#if canImport(Glibc)
    import Glibc
#endif

/// Remembers what the first few distinct values of one column turned into, keyed by the field's raw bytes.
///
/// Many columns hold a handful of values repeated row after row: a currency, a country, a status word, a
/// campaign name, a date. Reading such a field means making a `String`, trimming it, case-folding it and
/// looking it up in a table, for every row, although the answer is always the same for the same bytes. A memo
/// answers a repeated value by comparing bytes with what it holds instead.
///
/// Only functions of the field's bytes may be memoised (the same bytes always give the same value), and only
/// values are remembered: a field that fails (throws) is read the ordinary way every time, so its reject reason
/// is exactly the ordinary one. The first ``capacity`` distinct values are kept; later ones are read the
/// ordinary way, so a column with many distinct values costs at most a few comparisons per row.
struct FieldMemo<Value> {
    /// How many distinct values one memo keeps.
    static var capacity: Int { 16 }

    /// The kept fields' bytes, back to back.
    private var bytes: [UInt8] = []
    /// Per kept value: where its bytes are in ``bytes``, and the value.
    private var entries: [(offset: Int, length: Int, value: Value)] = []
    /// The entry that answered last, tried first (a column often repeats the previous row's value).
    private var lastHit = 0

    init() {}

    /// The value `field` reads as: the remembered one for bytes seen before, else `read()`'s (remembered while
    /// fewer than ``capacity`` values are kept). Whatever `read` throws is rethrown and nothing is remembered.
    mutating func value(_ field: UnsafeRawBufferPointer, _ read: () throws -> Value) rethrows -> Value {
        if let hit = find(field) { return entries[hit].value }
        let value = try read()
        if entries.count < Self.capacity {
            entries.append((bytes.count, field.count, value))
            bytes.append(contentsOf: field)
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
        let entry = entries[i]
        guard entry.length == field.count else { return false }
        if field.isEmpty { return true }
        return bytes.withUnsafeBytes { memcmp($0.baseAddress! + entry.offset, field.baseAddress!, field.count) == 0 }
    }
}
