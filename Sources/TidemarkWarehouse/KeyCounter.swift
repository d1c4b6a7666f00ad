#if canImport(Glibc)
    import Glibc
#endif

/// Counts how often each key, a byte string, has been seen: `take` answers 0 the first time a key comes, 1 the
/// second time, and so on.
///
/// The loader numbers every fact row by its natural key (``ItemSequencer``), so this runs once per row on the
/// reader thread. A `[String: Int64]` cost a `String` built and allocated per row, a hash of it, and a table
/// that moves every key when it grows. Here the keys' bytes live back to back in one arena, the table holds
/// only integers (so growing rehashes nothing: each entry keeps its hash), and a row that meets a known key
/// allocates nothing. Hashing uses the standard library's seeded `Hasher`, so crafted keys cannot force
/// collisions any more than they could in a `Dictionary`.
struct KeyCounter {
    /// One distinct key: where its bytes are in ``arena``, its hash, and how often it has been seen.
    private struct Entry {
        var hash: Int
        var offset: Int
        var length: Int
        var count: Int64
    }

    /// The bytes of every distinct key, back to back.
    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    /// Open addressing with linear probing: an index into ``entries`` plus one, 0 for an empty slot. Kept at
    /// most half full.
    private var slots: [Int32]

    /// An empty counter.
    init() {
        slots = Array(repeating: 0, count: 64)
    }

    /// Distinct keys seen so far.
    var count: Int { entries.count }

    /// Forgets every key but keeps the storage grown so far, for the next file's keys: a counter grown afresh for
    /// each file doubled its arrays up to the file's row count, every doubling past glibc's mapping threshold a
    /// fresh mapping of zeroed pages (scale 100: 330 k of the run's 800 k page faults, 1.3 GB touched).
    mutating func removeAll() {
        arena.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        slots.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) }
    }

    /// How often `key` was seen before this call; counts this sighting.
    mutating func take(_ key: UnsafeRawBufferPointer) -> Int64 {
        var hasher = Hasher()
        hasher.combine(bytes: key)
        let hash = hasher.finalize()
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { break }
            if entries[stored - 1].hash == hash && matches(entries[stored - 1], key) {
                defer { entries[stored - 1].count += 1 }
                return entries[stored - 1].count
            }
            slot = (slot + 1) & mask
        }
        entries.append(Entry(hash: hash, offset: arena.count, length: key.count, count: 1))
        arena.append(contentsOf: key)
        slots[slot] = Int32(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return 0
    }

    /// Whether `entry`'s stored bytes are `key`.
    private func matches(_ entry: Entry, _ key: UnsafeRawBufferPointer) -> Bool {
        guard entry.length == key.count else { return false }
        if key.isEmpty { return true }
        return arena.withUnsafeBytes { stored in
            memcmp(stored.baseAddress! + entry.offset, key.baseAddress!, key.count) == 0
        }
    }

    /// Doubles the table, placing every entry again by the hash it keeps.
    private mutating func grow() {
        var grown = [Int32](repeating: 0, count: slots.count * 2)
        let mask = grown.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = entry.hash & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = Int32(index + 1)
        }
        slots = grown
    }
}
