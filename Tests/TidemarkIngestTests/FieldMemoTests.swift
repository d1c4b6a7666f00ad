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

    @Test("beyond its capacity a memo keeps the first values and reads the others every time")
    func capacity() {
        var memo = FieldMemo<String>()
        var reads = 0
        let n = FieldMemo<String>.capacity
        for i in 0..<(n + 4) { #expect(read(&memo, "v\(i)", &reads) == "V\(i)") }
        #expect(reads == n + 4)
        for i in 0..<(n + 4) { #expect(read(&memo, "v\(i)", &reads) == "V\(i)") }
        // The first `n` are remembered; the last 4 are read again.
        #expect(reads == n + 8)
    }
}
