import Testing

@testable import TidemarkCommerce
import TidemarkIngest
@testable import TidemarkWarehouse

@Suite("KeyCounter, KeyBytes and DateTexts")
struct KeyCounterTests {
    private func take(_ counter: inout KeyCounter, _ key: String) -> Int64 {
        Array(key.utf8).withUnsafeBytes { counter.take($0) }
    }

    @Test("counts each key's sightings from 0")
    func counts() {
        var c = KeyCounter()
        #expect(take(&c, "a") == 0)
        #expect(take(&c, "b") == 0)
        #expect(take(&c, "a") == 1)
        #expect(take(&c, "a") == 2)
        #expect(take(&c, "b") == 1)
        #expect(c.count == 2)
    }

    @Test("keys differing only in length or a last byte are different keys; the empty key is a key")
    func distinctKeys() {
        var c = KeyCounter()
        #expect(take(&c, "ab") == 0)
        #expect(take(&c, "abc") == 0)
        #expect(take(&c, "abd") == 0)
        #expect(take(&c, "") == 0)
        #expect(take(&c, "") == 1)
        #expect(take(&c, "ab") == 1)
        #expect(c.count == 4)
    }

    @Test("counts survive the table growing many times over")
    func growth() {
        var c = KeyCounter()
        for i in 0..<5_000 { #expect(take(&c, "order-\(i)") == 0) }
        for i in stride(from: 0, to: 5_000, by: 7) { #expect(take(&c, "order-\(i)") == 1) }
        #expect(take(&c, "order-4999") == 1)  // 4 999 = 7 × 714 + 1: not revisited above
        #expect(take(&c, "order-4998") == 2)  // 4 998 = 7 × 714: revisited above
        #expect(c.count == 5_000)
    }

    @Test("removeAll forgets every key, and the kept storage counts the next keys as a fresh counter does")
    func removeAllKeepsCountingRight() {
        var c = KeyCounter()
        for i in 0..<3_000 { _ = take(&c, "old-\(i)") }
        #expect(take(&c, "old-7") == 1)
        c.removeAll()
        #expect(c.count == 0)
        #expect(take(&c, "old-7") == 0)  // forgotten: its slot must not still point at an entry
        #expect(take(&c, "old-7") == 1)
        // Grown again past the size it had: every count as from a fresh counter.
        var fresh = KeyCounter()
        for i in 0..<5_000 {
            let key = "new-\(i % 2_500)"
            #expect(take(&c, key) == take(&fresh, key))
        }
        #expect(c.count == 2_501)
        #expect(fresh.count == 2_500)
    }

    @Test("KeyBytes writes the tag, then each value followed by U+001F")
    func keyBytes() {
        var k = KeyBytes()
        k.start("o")
        k.add("amazon"); k.add(""); k.add("Ünï")
        let bytes = k.withBytes { Array($0) }
        #expect(bytes == Array("oamazon\u{1F}\u{1F}Ünï\u{1F}".utf8))
        k.start("c")
        k.add("x")
        #expect(k.withBytes { Array($0) } == [0x63, 0x78, 0x1F])
    }

    @Test("DateTexts gives each date's ISO text, whatever the order of asking")
    func dateTexts() {
        var d = DateTexts()
        let a = CivilDate(year: 2026, month: 1, day: 2)!
        let b = CivilDate(year: 2025, month: 12, day: 31)!
        #expect(d.text(a) == "2026-01-02")
        #expect(d.text(a) == "2026-01-02")
        #expect(d.text(b) == "2025-12-31")
        #expect(d.text(a) == "2026-01-02")
        #expect(d.text(b) == "2025-12-31")
    }

    @Test("ItemSequencer numbers repeated order keys per key, and charges apart from order lines")
    func sequencer() {
        var s = ItemSequencer()
        func line(_ order: String, _ sku: String) -> IngestedFact {
            .orderLine(WarehouseTestData.line(order: order, sku: sku))
        }
        #expect(s.itemSeq(for: line("1", "A")) == 0)
        #expect(s.itemSeq(for: line("1", "B")) == 0)
        #expect(s.itemSeq(for: line("1", "A")) == 1)
        // The separator keeps ("1", "AB") apart from ("1A", "B").
        #expect(s.itemSeq(for: line("1A", "B")) == 0)
        #expect(s.itemSeq(for: line("1", "AB")) == 0)
        #expect(s.itemSeq(for: line("1", "A")) == 2)
        // The next file numbers its rows on its own.
        s.reset()
        #expect(s.itemSeq(for: line("1", "A")) == 0)
        #expect(s.itemSeq(for: line("1", "B")) == 0)
        #expect(s.itemSeq(for: line("1", "A")) == 1)
    }
}
