import Testing

@testable import TidemarkCSV

@Suite("CSVError")
struct CSVErrorTests {
    @Test func describesFileLineAndColumn() {
        #expect(
            CSVError(.parser, file: "orders.csv", line: 42, column: 7, message: "bad").description
                == "orders.csv:42:7: bad")
        #expect(CSVError(.parser, file: "orders.csv", line: 42, message: "bad").description == "orders.csv:42: bad")
        #expect(CSVError(.unreadable, file: "orders.csv", message: "bad").description == "orders.csv: bad")
    }
}
