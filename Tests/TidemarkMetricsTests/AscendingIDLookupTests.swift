import Testing
import TidemarkTestSupport

@testable import TidemarkMetrics

@Suite struct AscendingIDLookupTests {
    /// Ids asked in ascending runs (as per platform in key order), with restarts, long jumps and ids not in the set,
    /// get the numbers the dictionary gives.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func agreesWithTheDictionary(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        func id() -> String {
            ["113-", "#", "A", "9"].randomElement(using: &rng)! + String(Int.random(in: 0..<3_000, using: &rng))
        }
        var numbered: [String: Int32] = [:]
        for _ in 0..<800 {
            let k = id()
            if numbered[k] == nil { numbered[k] = Int32(numbered.count) }
        }
        var lookup = AscendingIDLookup(numbered)
        for _ in 0..<4 {
            // One platform's ids: ascending by bytes, about half of them numbered.
            let asked = ((0..<600).map { _ in id() } + numbered.keys.shuffled(using: &rng).prefix(300))
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for a in asked { #expect(lookup.number(of: a) == numbered[a]) }
        }
        // In no order at all.
        for _ in 0..<500 {
            let a = Bool.random(using: &rng) ? id() : numbered.keys.randomElement(using: &rng)!
            #expect(lookup.number(of: a) == numbered[a])
        }
    }

    /// Ids that are not ASCII are matched as String equality matches them (canonical equivalence), not by bytes,
    /// also when asked in byte order.
    @Test func matchesNonASCIIIdsByStringEquality() {
        var lookup = AscendingIDLookup(["caf\u{E9}": 0, "K1": 1])
        #expect(lookup.number(of: "cafe\u{301}") == 0)
        #expect(lookup.number(of: "K1") == 1)
        var withKelvin = AscendingIDLookup(["\u{212A}1": 4])
        #expect(withKelvin.number(of: "K1") == 4)
        #expect(withKelvin.number(of: "K2") == nil)
        var mixed = AscendingIDLookup(["\u{212A}1": 0, "Z9": 1, "\u{E9}": 2, "K0": 3])
        let asked = ["K1", "K0", "Z9", "e\u{301}", "\u{212A}0", "\u{E9}"].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(asked == ["K0", "K1", "Z9", "e\u{301}", "\u{E9}", "\u{212A}0"])
        #expect(asked.map { mixed.number(of: $0) } == [3, 0, 1, 2, 2, 3])
    }
}
