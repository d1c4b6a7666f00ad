import Testing

@testable import TidemarkIngest

@Suite("FieldMemo")
struct FieldMemoTests {
    private struct Failure: Error {}

    /// Reads `text` through `memo`, counting the reads that were not answered from memory in `reads`.
    private func read(_ memo: inout FieldMemo<String>, _ text: String, _ reads: inout Int) -> String {
        withBytes(text) { field in
            memo.value(field) {
                reads += 1
                return text.uppercased()
            }
        }
    }

    @Test("a repeated value is answered from memory, a new one is read")
    func remembers() {
        var memo = FieldMemo<String>()
        var reads = 0
        #expect(read(&memo, "eur", &reads) == "EUR")
        #expect(read(&memo, "usd", &reads) == "USD")
        #expect(read(&memo, "eur", &reads) == "EUR")
        #expect(read(&memo, "usd", &reads) == "USD")
        #expect(read(&memo, "usd", &reads) == "USD")
        #expect(reads == 2)
    }

    @Test("values differing in length or in one byte, and the empty field, are told apart")
    func distinguishes() {
        var memo = FieldMemo<String>()
        var reads = 0
        #expect(read(&memo, "ab", &reads) == "AB")
        #expect(read(&memo, "abc", &reads) == "ABC")
        #expect(read(&memo, "abd", &reads) == "ABD")
        #expect(read(&memo, "", &reads) == "")
        #expect(read(&memo, "abd", &reads) == "ABD")
        #expect(read(&memo, "ab", &reads) == "AB")
        #expect(read(&memo, "", &reads) == "")
        #expect(reads == 4)
    }

    @Test("a read that throws is not remembered: the next sighting reads again")
    func failuresAreNotKept() throws {
        var memo = FieldMemo<Int>()
        var reads = 0
        func parse(_ text: String) throws -> Int {
            try Array(text.utf8).withUnsafeBytes { field in
                try memo.value(field) {
                    reads += 1
                    guard let n = Int(text) else { throw Failure() }
                    return n
                }
            }
        }
        #expect(throws: Failure.self) { try parse("x") }
        #expect(throws: Failure.self) { try parse("x") }
        #expect(try parse("7") == 7)
        #expect(try parse("7") == 7)
        #expect(reads == 3)
    }

    @Test("beyond its capacity a new value replaces the one kept longest")
    func capacity() {
        var memo = FieldMemo<String>()
        var reads = 0
        let n = FieldMemo<String>.capacity
        for i in 0..<n { #expect(read(&memo, "v\(i)", &reads) == "V\(i)") }
        #expect(reads == n)
        // Two new values replace v0 and v1; the others are still remembered.
        #expect(read(&memo, "w0", &reads) == "W0")
        #expect(read(&memo, "w1", &reads) == "W1")
        #expect(reads == n + 2)
        for i in 2..<n { #expect(read(&memo, "v\(i)", &reads) == "V\(i)") }
        #expect(read(&memo, "w0", &reads) == "W0")
        #expect(read(&memo, "w1", &reads) == "W1")
        #expect(reads == n + 2)
        // v0 is read again, replacing v2 (the next kept longest); v3 is still remembered, v2 is not.
        #expect(read(&memo, "v0", &reads) == "V0")
        #expect(read(&memo, "v3", &reads) == "V3")
        #expect(reads == n + 3)
        #expect(read(&memo, "v2", &reads) == "V2")
        #expect(reads == n + 4)
    }

    @Test("a column moving through more values than the capacity keeps answering its recent ones from memory")
    func slidingValues() {
        var memo = FieldMemo<String>()
        var reads = 0
        // 31 days, each on 10 rows in a row: each day is read once.
        for day in 1...31 {
            for _ in 0..<10 { #expect(read(&memo, "2026-01-\(day)", &reads) == "2026-01-\(day)".uppercased()) }
        }
        #expect(reads == 31)
    }
}
