import Testing

@testable import TidemarkMetrics

@Suite struct FirstSeenNumberingTests {
    @Test func numbersValuesInTheOrderTheyFirstAppear() {
        var numbering = FirstSeenNumbering<String>()
        // A repeat of the last value, a return to an earlier one and a new one after it.
        let numbers = ["DE", "DE", "US", "DE", "JP", "US"].map { numbering.number($0) }
        #expect(numbers == [0, 0, 1, 0, 2, 1])
        #expect(numbering.values == ["DE", "US", "JP"])
        #expect(numbering[2] == "JP")
    }
}
