import Foundation
import Testing

@testable import TidemarkCSV

@Suite("CSVReader")
struct CSVReaderTests {
    // MARK: Dialects

    struct DialectCase: CustomTestStringConvertible, Sendable {
        let name: String
        let input: String
        let dialect: CSVDialect
        let expected: [[String]]
        var testDescription: String { name }
    }

    @Test(
        "splits fields on the dialect's delimiter",
        arguments: [
            DialectCase(
                name: "comma", input: "id,name,price\n1,\"Smith, John\",9.99\n", dialect: .comma,
                expected: [["id", "name", "price"], ["1", "Smith, John", "9.99"]]),
            DialectCase(
                name: "semicolon with decimal commas", input: "id;montant\n1;\"1.234,56\"\n2;95,00\n",
                dialect: .semicolon, expected: [["id", "montant"], ["1", "1.234,56"], ["2", "95,00"]]),
            DialectCase(
                name: "tab", input: "id\tname\n1\t\"a\tb\"\n", dialect: .tab,
                expected: [["id", "name"], ["1", "a\tb"]]),
            DialectCase(
                name: "doubled quotes", input: "a,\"say \"\"hi\"\"\",c\n", dialect: .comma,
                expected: [["a", "say \"hi\"", "c"]]),
            DialectCase(
                name: "spaces are kept, not trimmed", input: " a , \"b\" ,c \n", dialect: .comma,
                expected: [[" a ", " \"b\" ", "c "]]),
        ])
    func splitsFieldsOnDelimiter(_ example: DialectCase) throws {
        let (records, _) = try readAll(utf8(example.input), dialect: example.dialect)
        #expect(records.map(\.fields) == example.expected)
    }

    @Test func spacesAndTabsAreNeverTrimmed() throws {
        let comma = try readAll(utf8(" a , b ,\" q \",s\t,\t t \r\n  \n x y \n"))
        #expect(
            comma.records == [
                RecordSnapshot(line: 1, fields: [" a ", " b ", " q ", "s\t", "\t t "]),
                RecordSnapshot(line: 2, fields: ["  "]),
                RecordSnapshot(line: 3, fields: [" x y "]),
            ])
        let tsv = try readAll(utf8(" a\t b \t c\r\n\t \t\nP 1\tx y\n"), dialect: .tabUnquoted)
        #expect(tsv.records.map(\.fields) == [[" a", " b ", " c"], ["", " ", ""], ["P 1", "x y"]])
    }

    @Test func quotingOffKeepsRawQuotesInTSV() throws {
        let input = "sku\tproduct-name\tqty\nP-1\t12\" x 18\" Pillow\t2\nP-2\t\"Big\" Cushion 20\"\t1\n"
        let (records, _) = try readAll(utf8(input), dialect: .tabUnquoted)
        #expect(
            records.map(\.fields) == [
                ["sku", "product-name", "qty"],
                ["P-1", "12\" x 18\" Pillow", "2"],
                ["P-2", "\"Big\" Cushion 20\"", "1"],
            ])
    }

    @Test func quotingOffTreatsByteFFAsDataReplacedByReplacementCharacter() throws {
        // 0xFF is libcsv's quote character when quoting is off; a stray one in the input must not open a quote.
        let input: [UInt8] = utf8("a\tb") + [0xFF] + utf8("c\td\nx\ty\n")
        let (records, stats) = try readAll(input, dialect: .tabUnquoted)
        #expect(records.map(\.fields) == [["a", "b\u{FFFD}c", "d"], ["x", "y"]])
        #expect(stats.replacementCharacters == 1)
    }

    // MARK: Lines

    @Test func quotedNewlineDoesNotShiftLaterLineNumbers() throws {
        let input = "id,note\n1,\"two\nlines\"\n2,x\n3,\"a\r\nb\r\nc\"\n4,y\n"
        let (records, stats) = try readAll(utf8(input))
        #expect(
            records == [
                RecordSnapshot(line: 1, fields: ["id", "note"]),
                RecordSnapshot(line: 2, fields: ["1", "two\nlines"]),
                RecordSnapshot(line: 4, fields: ["2", "x"]),
                RecordSnapshot(line: 5, fields: ["3", "a\r\nb\r\nc"]),
                RecordSnapshot(line: 8, fields: ["4", "y"]),
            ])
        #expect(stats.physicalLines == 8)
        #expect(stats.records == 5)
    }

    @Test func crlfEndsRecordsWithoutEmptyPseudoRecords() throws {
        let input = "a,b\r\n\"c\",d\r\n\r\ne,f\r\n"
        let (records, stats) = try readAll(utf8(input))
        #expect(
            records == [
                RecordSnapshot(line: 1, fields: ["a", "b"]),
                RecordSnapshot(line: 2, fields: ["c", "d"]),
                RecordSnapshot(line: 3, fields: []),
                RecordSnapshot(line: 4, fields: ["e", "f"]),
            ])
        #expect(stats.physicalLines == 4)
    }

    @Test func blankLinesAreBlankRecordsWithTheirLineNumbers() throws {
        let input = "a\n\nb\n   \n,,\n c\n"
        let reader = CSVReader(fileName: "t.csv", dialect: .comma, encoding: .utf8)
        var seen: [(line: Int, count: Int, blank: Bool)] = []
        let stats = try reader.read(chunks: [utf8(input)]) { seen.append(($0.line, $0.count, $0.isBlank)) }
        #expect(seen.map(\.line) == [1, 2, 3, 4, 5, 6])
        #expect(seen.map(\.count) == [1, 0, 1, 1, 3, 1])
        #expect(seen.map(\.blank) == [false, true, false, true, true, false])
        #expect(stats == CSVReadStats(bytesRead: 15, records: 6, physicalLines: 6))  // 2 + 1 + 2 + 4 + 3 + 3 bytes
    }

    @Test func trailingTabsGiveEmptyFields() throws {
        let input = "amazon-order-id\titem-price\tgift-wrap-price\n111-1\t\t\t\r\n"
        let (records, _) = try readAll(utf8(input), dialect: .tabUnquoted)
        #expect(
            records.map(\.fields) == [["amazon-order-id", "item-price", "gift-wrap-price"], ["111-1", "", "", ""]])
    }

    @Test func raggedRowsReportTheirOwnCounts() throws {
        let (records, _) = try readAll(utf8("a,b,c\n1,2\n1,2,3,4\n"))
        #expect(records.map(\.fields.count) == [3, 2, 4])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test func unterminatedQuoteAtEndOfInputIsFlagged() throws {
        let input = "a,b\n1,\"open\nmore\n"
        let (records, _) = try readAll(utf8(input))
        #expect(
            records == [
                RecordSnapshot(line: 1, fields: ["a", "b"]),
                RecordSnapshot(
                    line: 2, fields: ["1", "open\nmore\n"], problem: .unterminatedQuote, endedWithNewline: false),
            ])
    }

    @Test func truncatedLastLineEndsWithoutNewline() throws {
        let (records, stats) = try readAll(utf8("a,b\n1,2"))
        #expect(
            records == [
                RecordSnapshot(line: 1, fields: ["a", "b"]),
                RecordSnapshot(line: 2, fields: ["1", "2"], endedWithNewline: false),
            ])
        #expect(stats.physicalLines == 2)
    }

    @Test func emptyInputHasNoRecordsAndNoLines() throws {
        let (records, stats) = try readAll([])
        #expect(records.isEmpty)
        #expect(stats == CSVReadStats(bytesRead: 0, records: 0, physicalLines: 0))
    }

    // MARK: Encodings

    @Test func utf8BOMIsSkipped() throws {
        let input: [UInt8] = [0xEF, 0xBB, 0xBF] + utf8("id,name\n1,Café\n")
        for chunkSize in [1, 2, 1 << 16] {
            let (records, stats) = try readAll(input, encoding: .utf8BOM, chunkSize: chunkSize)
            #expect(records.map(\.fields) == [["id", "name"], ["1", "Café"]])
            #expect(stats.bytesRead == 3 + 16)  // "id,name\n" = 8 bytes, "1,Café\n" = 8 bytes (é is 2)
        }
    }

    @Test func partialBOMPrefixIsData() throws {
        // EF BB followed by something else is not a BOM: the bytes are kept (and are invalid UTF-8).
        let input: [UInt8] = [0xEF, 0xBB, 0x41, 0x2C, 0x42, 0x0A]
        for chunkSize in [1, 64] {
            let reader = CSVReader(fileName: "t.csv", dialect: .comma, encoding: .utf8)
            var fields: [[UInt8]] = []
            _ = try reader.read(chunks: chunked(input, chunkSize)) { fields = [Array($0[0]), Array($0[1])] }
            #expect(fields == [[0xEF, 0xBB, 0x41], [0x42]])
        }
    }

    @Test func utf16LEWithBOMIsTranscoded() throws {
        let input = utf16LEWithBOM("Date\tCost\r\n2026-10-01\t€ 12,50\r\n")
        for chunkSize in [1, 3, 7, 1 << 16] {  // odd sizes split code units
            let (records, stats) = try readAll(input, dialect: .tab, encoding: .utf16LE, chunkSize: chunkSize)
            #expect(
                records == [
                    RecordSnapshot(line: 1, fields: ["Date", "Cost"]),
                    RecordSnapshot(line: 2, fields: ["2026-10-01", "€ 12,50"]),
                ])
            #expect(stats.bytesRead == input.count)
            #expect(stats.replacementCharacters == 0)
        }
    }

    @Test func utf16BEWithBOMIsTranscoded() throws {
        let (records, _) = try readAll(utf16BEWithBOM("a,ü\n"), encoding: .utf16BE, chunkSize: 1)
        #expect(records.map(\.fields) == [["a", "ü"]])
    }

    @Test func windows1252IsTranscoded() throws {
        // 43 61 66 E9 = "Café"; 80 = "€"; 9F = "Ÿ".
        let input: [UInt8] = [0x43, 0x61, 0x66, 0xE9, 0x3B, 0x80, 0x31, 0x30, 0x3B, 0x9F, 0x0A]
        let (records, stats) = try readAll(input, dialect: .semicolon, encoding: .windows1252, chunkSize: 1)
        #expect(records.map(\.fields) == [["Café", "€10", "Ÿ"]])
        #expect(stats.replacementCharacters == 0)
    }

    @Test func invalidWindows1252BytesBecomeReplacementCharacters() throws {
        // 0x81 and 0x8D are undefined in Windows-1252.
        let input: [UInt8] = [0x61, 0x81, 0x2C, 0x8D, 0x62, 0x0A]
        let (records, stats) = try readAll(input, encoding: .windows1252)
        #expect(records.map(\.fields) == [["a\u{FFFD}", "\u{FFFD}b"]])
        #expect(stats.replacementCharacters == 2)
    }

    @Test func gb18030IsTranscoded() throws {
        // iconv -f UTF-8 -t GB18030: 日期 = C8 D5 C6 DA, 金额 = BD F0 B6 EE, 订单 = B6 A9 B5 A5.
        let input: [UInt8] =
            [0xC8, 0xD5, 0xC6, 0xDA, 0x2C, 0xBD, 0xF0, 0xB6, 0xEE, 0x0A]
            + [0xB6, 0xA9, 0xB5, 0xA5, 0x2C, 0x31, 0x32, 0x2E, 0x35, 0x0A]
        for chunkSize in [1, 3, 1 << 16] {
            let (records, _) = try readAll(input, encoding: .gb18030, chunkSize: chunkSize)
            #expect(records.map(\.fields) == [["日期", "金额"], ["订单", "12.5"]])
        }
    }

    @Test func cp932IsTranscoded() throws {
        // iconv -f UTF-8 -t CP932: 日付 = 93 FA 95 74, 注文 = 92 8D 95 B6.
        let input: [UInt8] = [0x93, 0xFA, 0x95, 0x74, 0x09, 0x92, 0x8D, 0x95, 0xB6, 0x0A]
        let (records, _) = try readAll(input, dialect: .tabUnquoted, encoding: .cp932, chunkSize: 1)
        #expect(records.map(\.fields) == [["日付", "注文"]])
    }

    @Test func truncatedMultiByteSequenceAtEndBecomesReplacementCharacter() throws {
        // GB18030 lead byte C8 with no trail byte at the end of the file.
        let (records, stats) = try readAll([0x61, 0x2C, 0xC8], encoding: .gb18030)
        #expect(records.map(\.fields) == [["a", "\u{FFFD}"]])
        #expect(stats.replacementCharacters == 1)
    }

    // MARK: Chunk-size independence

    static let chunkingInputs: [(name: String, bytes: [UInt8], dialect: CSVDialect, encoding: TextEncoding)] = [
        ("quoted newlines and CRLF", utf8("h1,h2\r\n\"a\r\nb\",c\r\n\r\n\"d\"\"e\",f\r\n"), .comma, .utf8),
        ("final line without newline", utf8("x;y\n1;2\n3;4"), .semicolon, .utf8),
        ("BOM and blank lines", [0xEF, 0xBB, 0xBF] + utf8("a\tb\n\n\nc\td\n"), .tab, .utf8BOM),
        ("raw quotes in TSV", utf8("a\t12\" x 18\"\t\"q\n\"b\tc\n"), .tabUnquoted, .utf8),
        ("unterminated quote", utf8("a,b\n\"c,d\ne,f\n"), .comma, .utf8),
        ("UTF-16LE", utf16LEWithBOM("k\tv\r\n1\t\"x\ny\"\r\n2\t€\r\n"), .tab, .utf16LE),
        ("GB18030", [0xC8, 0xD5, 0xC6, 0xDA, 0x2C, 0x0A, 0xBD, 0xF0, 0xB6, 0xEE], .comma, .gb18030),
        ("lone CR terminators", utf8("a,b\rc,d\r\ne\n"), .comma, .utf8),
        // Spaces next to delimiters, quotes and line ends: 1-byte chunks always take libcsv's exact space path,
        // 64 KiB chunks mostly its fast built-in one, so equal records show the two agree.
        (
            "spaces everywhere, comma", utf8(" a , b ,\" q \",s\t,\t t \r\n  \n x y \n\"c\" ,d\n\"e\"\t,f\n"),
            .comma, .utf8
        ),
        ("spaces everywhere, TSV", utf8(" a\t b \t c\r\n\t \t\nP 1\tx y\n \n 12\" x \"\t\"\t\n"), .tabUnquoted, .utf8),
    ]

    @Test("gives the same records whatever the chunk size", arguments: chunkingInputs.indices)
    func recordsDoNotDependOnChunkSize(_ index: Int) throws {
        let input = Self.chunkingInputs[index]
        let whole = try readAll(input.bytes, dialect: input.dialect, encoding: input.encoding, chunkSize: 1 << 16)
        #expect(!whole.records.isEmpty)
        for chunkSize in [1, 2, 7] {
            let pieces = try readAll(
                input.bytes, dialect: input.dialect, encoding: input.encoding, chunkSize: chunkSize)
            #expect(pieces.records == whole.records, "\(input.name), chunk size \(chunkSize)")
            #expect(pieces.stats == whole.stats, "\(input.name), chunk size \(chunkSize)")
        }
    }

    @Test(
        "the fast space path gives the records of the exact one",
        arguments: [CSVDialect.comma, .semicolon, .tab, .tabUnquoted])
    func fastSpacePathMatchesExactPath(_ dialect: CSVDialect) throws {
        // 3,000 pseudo-random lines over an alphabet rich in spaces, tabs, delimiters, quotes and line ends.
        var state: UInt64 = 42
        let alphabet: [UInt8] = Array(" \t ,;\"ab\r\n\n".utf8)
        var input: [UInt8] = []
        for _ in 0..<30_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            input.append(alphabet[Int(state >> 33) % alphabet.count])
        }
        func read(exact: Bool, chunkSize: Int) throws -> [RecordSnapshot] {
            let reader = CSVReader(
                fileName: "t.csv", dialect: dialect, encoding: .utf8, chunkSize: 1 << 16, maxFieldBytes: 16 << 20,
                maxFields: 10_000, maxRecordBytes: 64 << 20, exactSpacesOnly: exact)
            var records: [RecordSnapshot] = []
            _ = try reader.read(chunks: chunked(input, chunkSize)) { records.append(RecordSnapshot($0)) }
            return records
        }
        let exact = try read(exact: true, chunkSize: 1 << 16)
        #expect(exact.count > 2000)
        #expect(try read(exact: false, chunkSize: 1 << 16) == exact)
        #expect(try read(exact: false, chunkSize: 1) == exact)
    }

    @Test func chunkSizeIndependenceOnExpectedRecords() throws {
        // The first chunking input, checked by hand as well as against itself.
        let expected = [
            RecordSnapshot(line: 1, fields: ["h1", "h2"]),
            RecordSnapshot(line: 2, fields: ["a\r\nb", "c"]),
            RecordSnapshot(line: 4, fields: []),
            RecordSnapshot(line: 5, fields: ["d\"e", "f"]),
        ]
        for chunkSize in [1, 7, 1 << 16] {
            let (records, _) = try readAll(Self.chunkingInputs[0].bytes, chunkSize: chunkSize)
            #expect(records == expected)
        }
    }

    // MARK: Limits

    @Test func fieldAboveMaxFieldBytesIsTruncatedAndFlagged() throws {
        for chunkSize in [1, 3, 1 << 16] {
            let (records, _) = try readAll(
                utf8("id,text\n1,abcdefghij,z\n2,\"ABCDEFGHIJ\"\n3,ok\n"), chunkSize: chunkSize, maxFieldBytes: 4)
            #expect(
                records == [
                    RecordSnapshot(line: 1, fields: ["id", "text"]),
                    RecordSnapshot(line: 2, fields: ["1", "abcd", "z"], problem: .fieldTooLarge(column: 1)),
                    RecordSnapshot(line: 3, fields: ["2", "ABCD"], problem: .fieldTooLarge(column: 1)),
                    RecordSnapshot(line: 4, fields: ["3", "ok"]),
                ], "chunk size \(chunkSize)")
        }
    }

    @Test func hugeFieldStaysBounded() throws {
        // A 20 MB field, read from a file 64 KiB at a time, cut at 1 MiB.
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 20_000_000)
        let url = try temporaryFile(utf8("a,b\n1,\"") + big + utf8("\"\n2,c\n"))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let reader = CSVReader(fileName: "big.csv", dialect: .comma, encoding: .utf8, maxFieldBytes: 1 << 20)
        var seen: [(line: Int, lengths: [Int], problem: CSVRecordProblem?)] = []
        _ = try reader.read(path: url.path) { record in
            seen.append((record.line, (0..<record.count).map { record[$0].count }, record.problem))
        }
        #expect(seen.map(\.line) == [1, 2, 3])
        #expect(seen.map(\.lengths) == [[1, 1], [1, 1 << 20], [1, 1]])
        #expect(seen.map(\.problem) == [nil, .fieldTooLarge(column: 1), nil])
    }

    @Test func fieldsAboveMaxFieldsAreDroppedAndFlagged() throws {
        let (records, _) = try readAll(utf8("a,b,c,d,e\n1,2\n"), maxFields: 3)
        #expect(
            records == [
                RecordSnapshot(line: 1, fields: ["a", "b", "c"], problem: .tooManyFields),
                RecordSnapshot(line: 2, fields: ["1", "2"]),
            ])
    }

    @Test func manyFieldsGrowTheOffsetsArray() throws {
        let row = (0..<5000).map(String.init).joined(separator: ",")
        let (records, _) = try readAll(utf8(row + "\n"))
        #expect(records.first?.fields.count == 5000)
        #expect(records.first?.fields.last == "4999")
    }

    // MARK: Files and errors

    @Test func readsAFileLikeChunks() throws {
        let bytes = utf8("id,name\n1,\"a\nb\"\n2,c")
        let url = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let reader = CSVReader(fileName: "input.csv", dialect: .comma, encoding: .utf8, chunkSize: 5)
        var records: [RecordSnapshot] = []
        let stats = try reader.read(path: url.path) { records.append(RecordSnapshot($0)) }
        #expect(records == (try readAll(bytes).records))
        #expect(stats == CSVReadStats(bytesRead: 19, records: 3, physicalLines: 4))
    }

    @Test func missingFileThrowsNamingTheFile() {
        let reader = CSVReader(fileName: "orders.csv", dialect: .comma, encoding: .utf8)
        let error = #expect(throws: CSVError.self) {
            _ = try reader.read(path: "/nonexistent/tidemark/orders.csv") { _ in }
        }
        #expect(error?.file == "orders.csv")
        #expect(error?.line == nil)
        #expect(error?.description == "orders.csv: cannot open: No such file or directory")
    }

    @Test func directoryThrowsNamingTheFile() throws {
        let reader = CSVReader(fileName: "folder", dialect: .comma, encoding: .utf8)
        let error = #expect(throws: CSVError.self) {
            _ = try reader.read(path: FileManager.default.temporaryDirectory.path) { _ in }
        }
        #expect(error?.description == "folder: cannot read: is a directory")
    }

    @Test(.enabled(if: geteuid() != 0, "root can read any file"))
    func unreadableFileThrowsNamingTheFile() throws {
        let url = try temporaryFile(utf8("a\n"), name: "secret.csv")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: url.path)
        let reader = CSVReader(fileName: "secret.csv", dialect: .comma, encoding: .utf8)
        let error = #expect(throws: CSVError.self) { _ = try reader.read(path: url.path) { _ in } }
        #expect(error?.description == "secret.csv: cannot open: Permission denied")
    }

    @Test func errorThrownByTheCallbackStopsTheRead() throws {
        struct Stop: Error {}
        let reader = CSVReader(fileName: "t.csv", dialect: .comma, encoding: .utf8)
        var lines: [Int] = []
        #expect(throws: Stop.self) {
            _ = try reader.read(chunks: [utf8("a\nb\nc\nd\n")]) { record in
                lines.append(record.line)
                if record.line == 2 { throw Stop() }
            }
        }
        #expect(lines == [1, 2])
    }

    @Test func fieldStringIsNilForInvalidUTF8() throws {
        let reader = CSVReader(fileName: "t.csv", dialect: .comma, encoding: .utf8)
        var strings: [String?] = []
        _ = try reader.read(chunks: [[0x61, 0x2C, 0xE9, 0x0A]]) { strings = [$0.string(0), $0.string(1)] }
        #expect(strings == ["a", nil])
    }
}
