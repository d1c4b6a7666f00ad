import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkMetrics

@Suite struct DayTableTests {
    @Test func keepsNoValueApartFromAStoredZero() {
        var table = DayTable<Double>()
        let day = CivilDate(daysSinceEpoch: 20_000)
        #expect(table[0, day] == nil)
        table[2, day] = 0
        #expect(table[2, day] == 0)
        #expect(table[0, day] == nil)
        #expect(table[1, day] == nil)
        #expect(table[2, day.advanced(by: 1)] == nil)
        #expect(table.rowCount == 3)
    }

    /// Random updates over rows and days far apart (pages before and after the first one, a date before the epoch)
    /// give the same values as a dictionary updated the same way, with the same additions in the same order.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func agreesWithADictionary(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        var table = DayTable<Double>()
        var expected: [Int32: [CivilDate: Double]] = [:]
        let anchors: [Int32] = [20_400, 20_100, 21_000, -3, 55_000]
        for _ in 0..<5_000 {
            let row = Int32.random(in: 0..<7, using: &rng)
            let day = CivilDate(daysSinceEpoch: anchors.randomElement(using: &rng)! + Int32.random(in: -300...300, using: &rng))
            let amount = Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 1e6
            table.update(row, day, initial: 0) { $0 += amount }
            expected[row, default: [:]][day, default: 0] += amount
        }
        for row in Int32(0)..<7 {
            #expect(table.values(ofRow: row) == (expected[row] ?? [:]))
        }
        var visited: [Int32: [CivilDate: Double]] = [:]
        var previous: (Int32, CivilDate)?
        table.forEach { row, day, value in
            if let previous { #expect(previous < (row, day)) }  // by row, then date
            previous = (row, day)
            visited[row, default: [:]][day] = value
        }
        #expect(visited == expected)
        #expect(table.values(ofRow: 99).isEmpty)
    }

    @Test func updatesInPlaceFromTheInitialValue() {
        var table = DayTable<[String]>()
        let day = CivilDate(year: 2026, month: 3, day: 1)!
        table.update(0, day, initial: ["a"]) { $0.append("b") }
        table.update(0, day, initial: ["x"]) { $0.append("c") }
        #expect(table[0, day] == ["a", "b", "c"])
    }
}
