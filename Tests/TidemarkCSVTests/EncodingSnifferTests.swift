import Testing

@testable import TidemarkCSV

@Suite("EncodingSniffer")
struct EncodingSnifferTests {
    struct SniffCase: CustomTestStringConvertible, Sendable {
        let name: String
        let prefix: [UInt8]
        let expected: TextEncoding
        var testDescription: String { name }
    }

    @Test(
        "recognises the encoding from the first bytes (fallback Windows-1252)",
        arguments: [
            SniffCase(name: "UTF-8 BOM", prefix: [0xEF, 0xBB, 0xBF, 0x61], expected: .utf8BOM),
            SniffCase(name: "UTF-16LE BOM", prefix: [0xFF, 0xFE, 0x61, 0x00], expected: .utf16LE),
            SniffCase(name: "UTF-16BE BOM", prefix: [0xFE, 0xFF, 0x00, 0x61], expected: .utf16BE),
            SniffCase(name: "empty", prefix: [], expected: .utf8),
            SniffCase(name: "ASCII", prefix: Array("id,name\n1,x\n".utf8), expected: .utf8),
            SniffCase(name: "UTF-8 multi-byte", prefix: Array("Café,日期,€,😀\n".utf8), expected: .utf8),
            SniffCase(name: "2-byte char cut at the end", prefix: [0x61, 0xC3], expected: .utf8),
            SniffCase(name: "3-byte char cut at the end", prefix: [0x61, 0xE6, 0x97], expected: .utf8),
            SniffCase(name: "4-byte char cut at the end", prefix: [0x61, 0xF0, 0x9F, 0x98], expected: .utf8),
            SniffCase(name: "Windows-1252 é", prefix: [0x43, 0x61, 0x66, 0xE9, 0x2C, 0x31], expected: .windows1252),
            SniffCase(name: "Windows-1252 é at the end", prefix: [0x43, 0x61, 0x66, 0xE9], expected: .utf8),
            SniffCase(name: "GBK 日期", prefix: [0xC8, 0xD5, 0xC6, 0xDA, 0x2C], expected: .windows1252),
            SniffCase(name: "overlong NUL", prefix: [0xC0, 0x80], expected: .windows1252),
            SniffCase(name: "surrogate", prefix: [0xED, 0xA0, 0x80], expected: .windows1252),
            SniffCase(name: "above U+10FFFF", prefix: [0xF4, 0x90, 0x80, 0x80], expected: .windows1252),
            SniffCase(name: "cut sequence with bad second byte", prefix: [0x61, 0xE0, 0x80], expected: .windows1252),
            SniffCase(name: "lone continuation byte", prefix: [0x80, 0x61], expected: .windows1252),
        ])
    func recognisesEncoding(_ example: SniffCase) {
        #expect(EncodingSniffer.sniff(prefix: example.prefix, fallback: .windows1252) == example.expected)
    }

    @Test func fallbackIsTheConfiguredEncoding() {
        // 93 FA 95 74 = 日付 in CP932: not valid UTF-8 (0x93 is a continuation byte).
        #expect(EncodingSniffer.sniff(prefix: [0x93, 0xFA, 0x95, 0x74, 0x0A], fallback: .cp932) == .cp932)
    }

    @Test func rawValuesAreTheDisplayNames() {
        #expect(
            TextEncoding.allCases.map(\.rawValue) == [
                "UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE", "Windows-1252", "GB18030", "CP932",
            ])
    }
}
