import Testing

@testable import TidemarkCSV

@Suite("CSVWriter")
struct CSVWriterTests {
    struct CellCase: CustomTestStringConvertible, Sendable {
        let cell: String
        let written: String
        let make: @Sendable () -> CSVCell
        var testDescription: String { cell }
    }

    @Test(
        "writes one cell quoted and neutralised as needed",
        arguments: [
            CellCase(cell: "plain text", written: "plain text\n") { .text("plain text") },
            CellCase(cell: "comma", written: "\"Smith, John\"\n") { .text("Smith, John") },
            CellCase(cell: "quote", written: "\"12\"\" Pillow\"\n") { .text("12\" Pillow") },
            CellCase(cell: "LF", written: "\"two\nlines\"\n") { .text("two\nlines") },
            CellCase(cell: "CR inside", written: "\"a\rb\"\n") { .text("a\rb") },
            CellCase(cell: "semicolon is plain with commas", written: "a;b\n") { .text("a;b") },
            CellCase(cell: "empty", written: "\n") { .empty },
            CellCase(cell: "empty text", written: "\n") { .text("") },
            CellCase(cell: "HYPERLINK formula", written: "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n") {
                .text("=HYPERLINK(\"http://x\",\"y\")")
            },
            CellCase(cell: "plus", written: "'+1\n") { .text("+1") },
            CellCase(cell: "minus as text", written: "'-1\n") { .text("-1") },
            CellCase(cell: "at", written: "'@SUM(A1)\n") { .text("@SUM(A1)") },
            CellCase(cell: "leading TAB", written: "'\tx\n") { .text("\tx") },
            CellCase(cell: "leading CR", written: "\"'\rx\"\n") { .text("\rx") },
            CellCase(cell: "equals later is fine", written: "a=b\n") { .text("a=b") },
            CellCase(cell: "negative number untouched", written: "-12.50\n") { .number("-12.50") },
            CellCase(cell: "positive number", written: "1234\n") { .number("1234") },
            CellCase(cell: "number with decimal comma is quoted", written: "\"95,00\"\n") { .number("95,00") },
            CellCase(cell: "unicode", written: "日期 €\n") { .text("日期 €") },
        ])
    func writesOneCell(_ example: CellCase) {
        var writer = CSVWriter()
        writer.writeRow([example.make()])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == example.written)
    }

    @Test func writesHeaderAndRows() {
        var writer = CSVWriter()
        writer.writeHeader(["order_id", "amount", "note"])
        writer.writeRow([.text("A-1"), .number("-12.50"), .empty])
        writer.writeRow([.text("A-2"), .number("3"), .text("-refund")])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "order_id,amount,note\nA-1,-12.50,\nA-2,3,'-refund\n")
    }

    @Test func excelOptionsWriteBOMAndCRLF() {
        var writer = CSVWriter(options: .excel)
        #expect(writer.bytes == [0xEF, 0xBB, 0xBF])
        writer.writeHeader(["a", "b"])
        writer.writeRow([.text("x\ny"), .number("1")])
        #expect(writer.bytes == [0xEF, 0xBB, 0xBF] + Array("a,b\r\n\"x\ny\",1\r\n".utf8))
    }

    @Test func otherDelimiterQuotesThatDelimiter() {
        var writer = CSVWriter(
            options: CSVWriterOptions(delimiter: UInt8(ascii: ";"), crlf: false, byteOrderMark: false))
        writer.writeRow([.text("a;b"), .number("95,00"), .text("c,d")])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "\"a;b\";95,00;c,d\n")
    }

    @Test func readerReadsBackWhatTheWriterWrote() throws {
        var writer = CSVWriter(options: .excel)
        let rows = [["id", "name"], ["1", "Smith, \"JJ\"\r\nline 2"], ["2", ""]]
        for row in rows { writer.writeRow(row.map { .text($0) }) }
        let (records, _) = try readAll(writer.bytes, encoding: .utf8BOM, chunkSize: 3)
        #expect(records.map(\.fields) == rows)
        #expect(records.map(\.line) == [1, 2, 4])
    }
}
