import Foundation
import Testing

import TidemarkTestSupport

@testable import TidemarkCSV

/// Bounded memory on hostile files (issue 9, scope 4): a 50 MB field, a 10,000-column row and 1 M lines without
/// a final newline are read with the reader's default limits, give a clear problem on the record (or read
/// completely when within the limits), and the process's peak memory grows by less than a stated bound.
///
/// The bound: with the defaults (16 MiB per field, 64 KiB chunks) the reader holds at most libcsv's field buffer
/// (≤ 16 MiB + one 64 KiB segment), the record buffer (≤ 16 MiB for one truncated field) and the chunk, ≈ 33 MiB.
/// The tests allow 48 MiB of growth of the peak resident set (VmHWM, reset through /proc/self/clear_refs where
/// the kernel allows it): less than the 50 MB field itself, so a reader that kept the whole field (or file)
/// would fail. The memory is measured in a child process (`tidemark-bench read-file`, the same reader with the
/// same defaults) because other suites run in parallel in this one and move its resident set; the records are
/// checked here.
@Suite("CSVReader limits", .serialized)
struct CSVReaderLimitsTests {
    static let boundBytes = 48 << 20

    /// A temporary file with `write` called on an open handle; removed by the caller.
    static func makeFile(_ name: String, _ write: (FileHandle) throws -> Void) throws -> String {
        let directory = TestPaths.temporaryDirectory()
        let path = directory.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try write(handle)
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    /// Reads `path` in a child process with the reader's defaults; returns its record and problem counts and how
    /// much its peak resident set grew while reading.
    static func childRead(_ path: String) throws -> (records: Int, problems: Int, growth: Int) {
        let result = try TidemarkBinary.run(["read-file", path], executable: TidemarkBinary.benchURL)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        var figures: [String: Int] = [:]
        for pair in result.stdout.split(whereSeparator: \.isWhitespace) {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let v = Int(parts[1]) { figures[String(parts[0])] = v }
        }
        return (try #require(figures["records"]), try #require(figures["problems"]), try #require(figures["peak_growth_bytes"]))
    }

    @Test("a 50 MB field is truncated to the field limit and its record flagged, in bounded memory")
    func fiftyMegabyteField() throws {
        let fieldBytes = 50_000_000
        let path = try Self.makeFile("big-field.csv") { handle in
            handle.write(Data("id,note,amount\n1,\"".utf8))
            let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
            for _ in 0..<(fieldBytes >> 20) { handle.write(block) }
            handle.write(Data(repeating: UInt8(ascii: "x"), count: fieldBytes - (fieldBytes >> 20) << 20))
            handle.write(Data("\",9.99\n2,short,1.00\n".utf8))
        }
        defer { Self.remove(path) }
        let reader = CSVReader(fileName: "big-field.csv", dialect: .comma, encoding: .utf8)
        var seen: [(line: Int, count: Int, problem: CSVRecordProblem?, noteBytes: Int, last: String?)] = []
        _ = try reader.read(path: path) { record in
            seen.append((record.line, record.count, record.problem, record.count > 1 ? record[1].count : 0, record.string(record.count - 1)))
        }
        let child = try Self.childRead(path)
        #expect(child.records == 3 && child.problems == 1)
        let growth = child.growth
        #expect(seen.count == 3)
        #expect(seen[1].line == 2)
        #expect(seen[1].problem == .fieldTooLarge(column: 1))
        #expect(seen[1].noteBytes == reader.maxFieldBytes)
        #expect(seen[1].last == "9.99")  // the fields after the huge one are intact
        #expect(seen[2].line == 3 && seen[2].problem == nil && seen[2].last == "1.00")
        #expect(growth < Self.boundBytes, "peak memory grew by \(growth >> 20) MiB")
    }

    @Test("a 10,000-column row reads whole; a 10,001-column row is flagged tooManyFields")
    func tenThousandColumns() throws {
        let path = try Self.makeFile("wide.csv") { handle in
            let wide = (0..<10_000).map { "c\($0)" }.joined(separator: ",")
            handle.write(Data((wide + "\n" + wide + ",extra\n").utf8))
        }
        defer { Self.remove(path) }
        let reader = CSVReader(fileName: "wide.csv", dialect: .comma, encoding: .utf8)
        var seen: [(count: Int, problem: CSVRecordProblem?, last: String?)] = []
        _ = try reader.read(path: path) { record in
            seen.append((record.count, record.problem, record.string(record.count - 1)))
        }
        let child = try Self.childRead(path)
        #expect(child.records == 2 && child.problems == 1)
        let growth = child.growth
        #expect(seen.count == 2)
        #expect(seen[0].count == 10_000 && seen[0].problem == nil && seen[0].last == "c9999")
        #expect(seen[1].count == 10_000 && seen[1].problem == .tooManyFields)
        #expect(growth < Self.boundBytes, "peak memory grew by \(growth >> 20) MiB")
    }

    @Test("1 M lines without a final newline: every record read, the last one marked as cut short")
    func millionLinesWithoutFinalNewline() throws {
        let lines = 1_000_000
        let path = try Self.makeFile("long.csv") { handle in
            var chunk = Data()
            chunk.reserveCapacity(1 << 20)
            for i in 1...lines {
                chunk.append(contentsOf: Array("\(i),ab\(i == lines ? "" : "\n")".utf8))
                if chunk.count >= 1 << 20 {
                    handle.write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            handle.write(chunk)
        }
        defer { Self.remove(path) }
        let reader = CSVReader(fileName: "long.csv", dialect: .comma, encoding: .utf8)
        var records = 0
        var last: (line: Int, endedWithNewline: Bool, count: Int)?
        var ordered = true
        var stats = CSVReadStats()
        stats = try reader.read(path: path) { record in
            records += 1
            if record.line != records { ordered = false }
            last = (record.line, record.endedWithNewline, record.count)
        }
        let child = try Self.childRead(path)
        #expect(child.records == lines && child.problems == 0)
        let growth = child.growth
        #expect(records == lines && ordered)
        #expect(stats.physicalLines == lines)
        #expect(last?.line == lines && last?.endedWithNewline == false && last?.count == 2)
        #expect(growth < Self.boundBytes, "peak memory grew by \(growth >> 20) MiB")
    }
}
