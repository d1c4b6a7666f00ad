import Testing

@testable import TidemarkCSV

@Suite("CSVDialect")
struct CSVDialectTests {
    @Test func presetsAndNames() {
        #expect(CSVDialect.comma == CSVDialect(delimiter: 0x2C, quoting: true))
        #expect(CSVDialect.semicolon == CSVDialect(delimiter: 0x3B, quoting: true))
        #expect(CSVDialect.tab == CSVDialect(delimiter: 0x09, quoting: true))
        #expect(CSVDialect.tabUnquoted == CSVDialect(delimiter: 0x09, quoting: false))
        #expect(
            [CSVDialect.comma, .semicolon, .tab, .tabUnquoted].map(\.delimiterName) == [
                "comma", "semicolon", "tab", "tab",
            ])
    }
}
