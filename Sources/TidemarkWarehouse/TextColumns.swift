#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import TidemarkCommerce

// Reading text columns by their bytes, shared by the warehouse's reads: a `String` (or a parsed value) is made only
// when a column's bytes change or are new, compared with memcmp (comparing element by element was a tenth of the
// sales pass). One mechanism for every read: the sales, insights, CLV and fact reads.

/// `CivilDate(iso:)` of UTF-8 bytes, without making a string: `YYYY-MM-DD` of a valid date, else `nil`.
func isoDate(_ raw: UnsafeBufferPointer<UInt8>) -> CivilDate? {
    let u = textBytes(raw)
    guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
    func digits(_ range: Range<Int>) -> Int? {
        var v = 0
        for i in range {
            guard u[i] >= 48, u[i] <= 57 else { return nil }
            v = v * 10 + Int(u[i] - 48)
        }
        return v
    }
    guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
    return CivilDate(year: y, month: m, day: d)
}

/// Replaces the bytes of `buffer` with `raw`, keeping its storage.
func keepBytes(_ raw: UnsafeBufferPointer<UInt8>, in buffer: inout [UInt8]) {
    buffer.removeAll(keepingCapacity: true)
    buffer.append(contentsOf: raw)
}

/// -1, 0 or 1 as `a` sorts before, equal to or after `b` bytewise (SQLite's BINARY collation).
func compareBytes(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = min(a.count, b.count)
    let c = n == 0 ? 0 : a.withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress!, n) }
    if c != 0 { return c < 0 ? -1 : 1 }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}

/// The bytes of a text column as ``SQLiteStatement/text(_:)`` reads them: up to the first NUL, if any.
func textBytes(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard let base = raw.baseAddress, let nul = memchr(base, 0, raw.count) else { return raw }
    return UnsafeBufferPointer(start: base, count: base.distance(to: nul.assumingMemoryBound(to: UInt8.self)))
}

/// Whether `raw` holds exactly `bytes`.
func sameBytes(_ raw: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
    raw.count == bytes.count && (raw.isEmpty || bytes.withUnsafeBufferPointer { memcmp(raw.baseAddress!, $0.baseAddress!, raw.count) == 0 })
}

/// The values of a column with a bounded number of distinct texts (dates of ad rows, platforms, markets,
/// currencies, SKUs), each made once from its text and then recognised by its bytes: the value returned last and the
/// one remembered after it are tried first (rows come in runs of one value, and the SKUs of a campaign's day in the
/// same ascending order every day), then a hash table of the bytes. Past 4096 distinct texts, values are made row by
/// row.
struct TextValues<T> {
    private var texts: [[UInt8]] = []
    private var values: [T] = []
    /// Open addressing: index + 1 into ``texts`` by hash, 0 for an empty slot; a power of two, at most half full.
    private var slots = [Int32](repeating: 0, count: 64)
    private var last = 0

    /// The value of `column` in the current row of `s`.
    mutating func value(_ s: SQLiteStatement, _ column: Int32, _ make: (String) throws -> T) rethrows -> T {
        try s.withTextBytes(column) { try value($0, make) }
    }

    /// The value of the text whose UTF-8 bytes are `raw` (as `withTextBytes` gives them).
    /// Texts are told apart by all their bytes, the value is made from those before a NUL, if any.
    mutating func value(_ raw: UnsafeBufferPointer<UInt8>, _ make: (String) throws -> T) rethrows -> T {
        let (found, slot) = find(raw)
        if let found {
            last = found
            return values[found]
        }
        let v = try make(String(decoding: textBytes(raw), as: UTF8.self))
        if texts.count < 4096 {
            texts.append(Array(raw))
            values.append(v)
            last = texts.count - 1
            slots[slot] = Int32(texts.count)
            if texts.count * 2 > slots.count { grow() }
        }
        return v
    }

    /// The index of `raw` in ``texts``, or `nil` and the empty slot where it would go.
    private func find(_ raw: UnsafeBufferPointer<UInt8>) -> (Int?, slot: Int) {
        if last < texts.count && sameBytes(raw, texts[last]) { return (last, 0) }
        if last + 1 < texts.count && sameBytes(raw, texts[last + 1]) { return (last + 1, 0) }
        var slot = Self.hash(raw) & (slots.count - 1)
        while slots[slot] != 0 {
            let i = Int(slots[slot]) - 1
            if sameBytes(raw, texts[i]) { return (i, slot) }
            slot = (slot + 1) & (slots.count - 1)
        }
        return (nil, slot)
    }

    /// Doubles the table and places every text again.
    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for (i, t) in texts.enumerated() {
            var slot = t.withUnsafeBufferPointer { Self.hash($0) } & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(i + 1)
        }
    }

    /// FNV-1a of the bytes (short texts; only this table's placement depends on it).
    private static func hash(_ raw: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in raw { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}

/// The text of a column read row by row, made into a string only when it differs from the previous row's.
struct TextColumn {
    private var bytes: [UInt8] = []
    /// The string of the bytes last given.
    private(set) var text = ""

    /// The text of `column` in the current row of `s`: the previous row's string when the bytes are the same.
    mutating func value(_ s: SQLiteStatement, _ column: Int32) -> String {
        s.withTextBytes(column) { value($0) }
    }

    /// The string of the UTF-8 bytes `raw` (as `withTextBytes` gives them): the previous one when they are equal.
    mutating func value(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        update(raw)
        return text
    }

    /// Takes the UTF-8 bytes `raw` as the column's text; whether they differ from the previous row's (``text`` is then
    /// a new string, of the bytes before a NUL, if any).
    @discardableResult mutating func update(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        if sameBytes(raw, bytes) { return false }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: raw)
        text = String(decoding: textBytes(raw), as: UTF8.self)
        return true
    }
}

