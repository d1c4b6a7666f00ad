import Testing
import TidemarkTestSupport

@testable import TidemarkMetrics

/// ``PackedKeyMap`` agrees with a `Dictionary` of the same keys, through many doublings.
@Suite struct PackedKeyMapTests {
    @Test func agreesWithADictionaryOnRandomKeys() {
        var rng = SeededRandom(seed: 7)
        var map = PackedKeyMap()
        var reference: [UInt64: Int32] = [:]
        for i in 0..<20_000 {
            // Clustered keys (small numbers packed as the sales pass packs them) and arbitrary ones.
            let key = i % 3 == 0 ? rng.next() : UInt64.random(in: 0..<500, using: &rng) << 32 | UInt64.random(in: 0..<300, using: &rng)
            if reference[key] == nil {
                let value = Int32(reference.count)
                reference[key] = value
                map.insert(key, value)
            }
            #expect(map.value(key) == reference[key])
        }
        #expect(map.count == reference.count)
        for (key, value) in reference { #expect(map.value(key) == value) }
        // Keys never inserted are absent.
        for _ in 0..<2_000 {
            let key = rng.next()
            #expect(map.value(key) == reference[key])
        }
    }

    @Test func holdsKeyZeroAndTheLargestKey() {
        var map = PackedKeyMap()
        #expect(map.value(0) == nil)
        map.insert(0, 0)
        map.insert(.max, 1)
        #expect(map.value(0) == 0)
        #expect(map.value(.max) == 1)
        #expect(map.value(1) == nil)
    }
}
