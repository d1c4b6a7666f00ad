import Foundation
import TidemarkCSV
import TidemarkTestSupport

/// A copy of one `CSVRecord` that outlives the callback, for comparing in tests.
struct RecordSnapshot: Hashable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var problem: CSVRecordProblem? = nil
    var endedWithNewline = true

    var description: String {
        "\(line): \(fields)\(problem.map { " \($0)" } ?? "")\(endedWithNewline ? "" : " (no newline)")"
    }
}

extension RecordSnapshot {
    /// A copy of `record`; invalid UTF-8 fields become "<invalid>".
    init(_ record: CSVRecord) {
        line = record.line
        fields = (0..<record.count).map { record.string($0) ?? "<invalid>" }
        problem = record.problem
        endedWithNewline = record.endedWithNewline
    }
}

/// `bytes` cut into chunks of `size` bytes (the last may be shorter).
func chunked(_ bytes: [UInt8], _ size: Int) -> [[UInt8]] {
    stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
}

/// Reads `bytes` fed `chunkSize` bytes at a time and returns the records and the figures.
func readAll(
    _ bytes: [UInt8], dialect: CSVDialect = .comma, encoding: TextEncoding = .utf8, chunkSize: Int = 1 << 16,
    maxFieldBytes: Int = 16 << 20, maxFields: Int = 10_000
) throws -> (records: [RecordSnapshot], stats: CSVReadStats) {
    let reader = CSVReader(
        fileName: "test.csv", dialect: dialect, encoding: encoding, maxFieldBytes: maxFieldBytes, maxFields: maxFields)
    var records: [RecordSnapshot] = []
    let stats = try reader.read(chunks: chunked(bytes, chunkSize)) { records.append(RecordSnapshot($0)) }
    return (records, stats)
}

/// The UTF-8 bytes of `text`.
func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

/// `text` in UTF-16 little-endian with its BOM `FF FE`.
func utf16LEWithBOM(_ text: String) -> [UInt8] {
    [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
}

/// `text` in UTF-16 big-endian with its BOM `FE FF`.
func utf16BEWithBOM(_ text: String) -> [UInt8] {
    [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
}

/// A fresh temporary file holding `bytes`.
func temporaryFile(_ bytes: [UInt8], name: String = "input.csv") throws -> URL {
    let directory = TestPaths.temporaryDirectory()
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}
