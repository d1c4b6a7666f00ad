/// Looks up the numbers of a fixed set of ids (order ids of parcels) for ids asked in ascending byte order, as reads
/// in key order give the order ids of each platform: a cursor walks a sorted copy of the set, so a look-up costs a
/// comparison or two of bytes instead of hashing the id.
///
/// Any order of asking gives the same answers as the dictionary it was built from: an id below the previous one
/// starts the walk again from the front (by binary search), an id far ahead is reached by galloping. Ids that are
/// not ASCII are looked up in the dictionary, and so is every id when some id of the set is not ASCII: String
/// equality is canonical equivalence, which only for ASCII is equality of bytes.
struct AscendingIDLookup {
    /// The ids, sorted by their UTF-8 bytes, and their numbers.
    private let ids: [String]
    private let numbers: [Int32]
    /// Where the last walk stopped: every id before it is below the last id asked.
    private var position = 0
    private var previous: String?
    /// The set as given: used for ids (or sets) that are not ASCII.
    private let numbered: [String: Int32]
    private let allASCII: Bool

    init(_ numbered: [String: Int32]) {
        self.numbered = numbered
        allASCII = numbered.keys.allSatisfy(Self.isASCII)
        let sorted = allASCII ? numbered.sorted { Self.compare($0.key, $1.key) < 0 } : []
        ids = sorted.map(\.key)
        numbers = sorted.map(\.value)
    }

    /// The number of `id`, or `nil` when it is not in the set.
    mutating func number(of id: String) -> Int32? {
        guard allASCII, Self.isASCII(id) else { return numbered[id] }
        if let previous, Self.compare(id, previous) < 0 { position = 0 }
        previous = id
        // Gallop: every index below `lo` holds a smaller id; `hi` is the first index found to hold one not smaller.
        var lo = position, hi = position, step = 1
        while hi < ids.count, Self.compare(ids[hi], id) < 0 {
            lo = hi + 1
            hi = lo + step
            step *= 2
        }
        hi = min(hi, ids.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if Self.compare(ids[mid], id) < 0 { lo = mid + 1 } else { hi = mid }
        }
        position = lo
        return lo < ids.count && Self.compare(ids[lo], id) == 0 ? numbers[lo] : nil
    }

    static func isASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }

    /// The order of `a` and `b` by their UTF-8 bytes (SQLite's BINARY collation): negative, 0 or positive.
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for i in 0..<min(x.count, y.count) where x[i] != y[i] { return Int(x[i]) - Int(y[i]) }
                return x.count - y.count
            }
        }
    }
}
