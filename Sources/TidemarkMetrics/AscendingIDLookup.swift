/// Looks up the numbers of a fixed set of ids (order ids of parcels) for ids asked mostly in ascending order, as
/// reads in key order give the order ids of each platform: a cursor walks a sorted copy of the set, so a look-up
/// costs a comparison or two instead of hashing the id.
///
/// Any order of asking gives the same answers as the dictionary it was built from: ids are sorted and compared by
/// String's own order and equality (for ASCII ids, SQLite's byte order), an id below the previous one starts the
/// walk again from the front (by binary search) and an id far ahead is reached by galloping.
struct AscendingIDLookup {
    /// The ids in ascending order, and their numbers.
    private let ids: [String]
    private let numbers: [Int32]
    /// Where the last walk stopped: every id before it is below the last id asked.
    private var position = 0
    private var previous: String?

    init(_ numbered: [String: Int32]) {
        let sorted = numbered.sorted { $0.key < $1.key }
        ids = sorted.map(\.key)
        numbers = sorted.map(\.value)
    }

    /// The ids and their numbers as a dictionary again.
    var dictionary: [String: Int32] { Dictionary(uniqueKeysWithValues: zip(ids, numbers)) }

    /// The number of `id`, or `nil` when it is not in the set.
    mutating func number(of id: String) -> Int32? {
        if let previous, id < previous { position = 0 }
        previous = id
        // Gallop: every index below `lo` holds a smaller id; `hi` is the first index found to hold one not smaller.
        var lo = position, hi = position, step = 1
        while hi < ids.count, ids[hi] < id {
            lo = hi + 1
            hi = lo + step
            step *= 2
        }
        hi = min(hi, ids.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        position = lo
        return lo < ids.count && ids[lo] == id ? numbers[lo] : nil
    }
}
