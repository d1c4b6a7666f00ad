// libFuzzer target: the CSV reader (TidemarkCSV) in every dialect and encoding.
//
// Input layout: byte 0 chooses the dialect (delimiter , ; TAB × quoting on/off), byte 1 the encoding (UTF-8,
// UTF-8 BOM, UTF-16LE, UTF-16BE, Windows-1252, GB18030, CP932), byte 2 the limits (default or tiny, so that
// truncation paths are reached); the rest is the file.
//
// Invariants (a failure traps with "INVARIANT: …"):
// - the records are identical when the input is fed in 1-byte chunks, in 64 KiB chunks and in 7-byte chunks,
//   and when libcsv's exact space test is used on every byte (the fast-path check of `SpaceScan`);
// - line numbers start at 1 and never decrease, and never exceed the physical line count;
// - no field exceeds `maxFieldBytes`, no record has more than `maxFields` fields or more than `maxRecordBytes`;
// - the statistics count every record handed out.
@testable import TidemarkCSV

struct Rec: Equatable {
    var line: Int
    var fields: [[UInt8]]
    var problem: CSVRecordProblem?
    var endedWithNewline: Bool
}

func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("INVARIANT: \(message())") }
}

let dialects: [CSVDialect] = [
    .comma, .semicolon, .tab, CSVDialect(delimiter: UInt8(ascii: ","), quoting: false),
    CSVDialect(delimiter: UInt8(ascii: ";"), quoting: false), .tabUnquoted,
]
let encodings: [TextEncoding] = [.utf8, .utf8BOM, .utf16LE, .utf16BE, .windows1252, .gb18030, .cp932]

func read(_ reader: CSVReader, _ chunks: [[UInt8]]) -> ([Rec], CSVReadStats) {
    var records: [Rec] = []
    do {
        let stats = try reader.read(chunks: chunks) { record in
            records.append(
                Rec(
                    line: record.line, fields: (0..<record.count).map { Array(record[$0]) }, problem: record.problem,
                    endedWithNewline: record.endedWithNewline))
        }
        return (records, stats)
    } catch {
        fatalError("INVARIANT: read(chunks:) threw \(error) (only an unreadable file may throw)")
    }
}

func split(_ bytes: [UInt8], by size: Int) -> [[UInt8]] {
    stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count >= 3 else { return 0 }
    let input = UnsafeRawBufferPointer(start: start, count: count)
    let dialect = dialects[Int(input[0]) % dialects.count]
    let encoding = encodings[Int(input[1]) % encodings.count]
    let tiny = input[2] & 0x80 != 0
    let maxFieldBytes = tiny ? Int(input[2] & 0x0F) + 1 : 16 << 20
    let maxFields = tiny ? Int((input[2] >> 4) & 0x07) + 1 : 10_000
    let maxRecordBytes = tiny ? 24 : 64 << 20
    let body = Array(input[3...])

    func reader(exact: Bool) -> CSVReader {
        CSVReader(
            fileName: "fuzz.csv", dialect: dialect, encoding: encoding, chunkSize: 1 << 16,
            maxFieldBytes: maxFieldBytes, maxFields: maxFields, maxRecordBytes: maxRecordBytes,
            exactSpacesOnly: exact)
    }
    let (whole, stats) = read(reader(exact: false), split(body, by: 1 << 16))
    let (bytewise, bytewiseStats) = read(reader(exact: false), split(body, by: 1))
    invariant(whole == bytewise, "1-byte chunks give different records than 64 KiB chunks")
    invariant(stats == bytewiseStats, "1-byte chunks give different statistics: \(stats) vs \(bytewiseStats)")
    let (sevens, _) = read(reader(exact: false), split(body, by: 7))
    invariant(whole == sevens, "7-byte chunks give different records than 64 KiB chunks")
    let (exact, _) = read(reader(exact: true), split(body, by: 1 << 16))
    invariant(whole == exact, "the fast space scan gives different records than libcsv's exact space test")

    invariant(stats.records == whole.count, "stats.records \(stats.records) != \(whole.count) records handed out")
    invariant(stats.bytesRead == body.count, "stats.bytesRead \(stats.bytesRead) != \(body.count)")
    var previous = 1
    for record in whole {
        invariant(record.line >= previous, "line numbers decrease: \(record.line) after \(previous)")
        invariant(record.line <= max(stats.physicalLines, 1), "line \(record.line) > \(stats.physicalLines) lines")
        previous = record.line
        invariant(record.fields.count <= maxFields, "\(record.fields.count) fields > maxFields \(maxFields)")
        var total = 0
        for field in record.fields {
            invariant(field.count <= maxFieldBytes, "a field of \(field.count) bytes > maxFieldBytes \(maxFieldBytes)")
            total += field.count
        }
        invariant(total <= maxRecordBytes, "a record of \(total) bytes > maxRecordBytes \(maxRecordBytes)")
    }
    return 0
}
