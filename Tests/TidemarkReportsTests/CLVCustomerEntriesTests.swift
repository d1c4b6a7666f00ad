import Testing
import TidemarkCommerce
import TidemarkMetrics
import TidemarkTestSupport

@testable import TidemarkReports

/// `clv_customers.csv` finds each customer's prediction and RFM score by position when the lists are aligned with
/// the summaries, by key otherwise: either way the first entry with the customer's key, as a dictionary finds it.
@Suite struct CLVCustomerEntriesTests {
    struct Entry: Equatable {
        let customerKey: String
        let value: Int
    }

    static func summary(_ key: String) -> CLVCustomerSummary {
        let day = CivilDate(iso: "2026-01-01")!
        return CLVCustomerSummary(
            customerKey: key, firstPurchase: day, lastPurchase: day, orders: 1, frequency: 0, recency: 0, age: 1, monetaryValue: nil, totalValue: .zero)
    }

    /// The plain computation: a dictionary of the first entry per key.
    static func expected(_ list: [Entry], _ summaries: [CLVCustomerSummary]) -> [Entry?] {
        var first: [String: Entry] = [:]
        for e in list where first[e.customerKey] == nil { first[e.customerKey] = e }
        return summaries.map { first[$0.customerKey] }
    }

    @Test func entriesAgreeWithADictionaryAlignedOrNot() {
        var rng = SeededRandom(seed: 9)
        for round in 0..<40 {
            let keys = (0..<30).map { _ in "c" + String(Int.random(in: 0..<(round % 2 == 0 ? 1000 : 25), using: &rng)) }
            let summaries = keys.map(Self.summary)
            var list = keys.enumerated().map { Entry(customerKey: $0.element, value: $0.offset) }
            switch round % 4 {
            case 1: list.shuffle(using: &rng)
            case 2: list.removeLast()
            case 3: list.append(Entry(customerKey: "extra", value: -1))
            default: break
            }
            let sorted = summaries.indices.sorted { summaries[$0].customerKey < summaries[$1].customerKey }
            let distinct = zip(sorted, sorted.dropFirst()).allSatisfy { summaries[$0].customerKey != summaries[$1].customerKey }
            let entry = CSVTables.entries(list, of: summaries, distinct: distinct, \.customerKey)
            #expect(summaries.indices.map(entry) == Self.expected(list, summaries))
        }
    }
}
