import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest

@testable import TidemarkMetrics
@testable import TidemarkReports

private typealias D = ReportsTestData

@Suite("RunManifest")
struct RunManifestTests {
    static func manifest() -> RunManifest {
        let flags = [
            D.flag("fx_missing", .critical, from: "2026-02-20", dimensions: ["currency": "USD"], explanation: "x"),
            D.flag("fx_missing", .critical, from: "2026-02-25", dimensions: ["currency": "GBP"], explanation: "x"),
            D.flag("cost_missing", .warning, from: "2026-02-01", dimensions: ["sku": "C"], explanation: "x"),
        ]
        return RunManifest(
            toolVersion: "0.1.0", pipeline: "demo", pipelineFileSHA256: "abc123", reportingCurrency: "EUR",
            reportingTimeZone: "Europe/Berlin", startedAt: "2026-03-01T08:00:00Z", finishedAt: "2026-03-01T08:00:02Z",
            stages: [.init(name: "load", durationMs: 1200, rows: 7), .init(name: "metrics", durationMs: 30, rows: 3)],
            files: [
                D.file("orders.txt", sha256: "s1", read: 10, loaded: 7, rejected: 1, skipped: ["totals row": 1, "blank line": 1], superseded: 2, preamble: 3),
            ],
            flags: flags, exitStatus: 3, outcome: "success with flags")
    }

    static func json() throws -> (text: String, object: [String: Any]) {
        let bytes = try manifest().json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        return (String(decoding: bytes, as: UTF8.self), object)
    }

    /// Keys at one nesting depth of pretty-printed JSON, in the order written (depth 1 = top level).
    static func keys(_ text: String, indent: Int) -> [String] {
        let prefix = String(repeating: " ", count: indent) + "\""
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(prefix), !line.hasPrefix(prefix + " ") else { return nil }
            let rest = line.dropFirst(prefix.count)
            guard let end = rest.firstIndex(of: "\""), rest[end...].hasPrefix("\" :") || rest[end...].hasPrefix("\":") else { return nil }
            return String(rest[..<end])
        }
    }

    @Test func topLevelKeysAreSnakeCaseAndSorted() throws {
        let (text, object) = try Self.json()
        let expected = [
            "exit_status", "files", "finished_at", "flags", "outcome", "pipeline", "pipeline_file_sha256", "reporting_currency",
            "reporting_time_zone", "stages", "started_at", "tool_version",
        ]
        #expect(object.keys.sorted() == expected)
        #expect(Self.keys(text, indent: 2) == expected)  // written in sorted order
        #expect(text.hasSuffix("}\n"))
    }

    @Test func everyKeyWeNameIsSnakeCase() throws {
        let (_, object) = try Self.json()
        func check(_ value: Any, path: String) {
            if let dict = value as? [String: Any] {
                for (k, v) in dict {
                    if path.hasSuffix("skipped_reasons") { continue }  // keys there are reasons, data not names
                    #expect(k.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(path).\(k)")
                    check(v, path: path + "." + k)
                }
            } else if let array = value as? [Any] {
                for v in array { check(v, path: path + "[]") }
            }
        }
        check(object, path: "")
        let stage = try #require((object["stages"] as? [[String: Any]])?.first)
        #expect(stage.keys.sorted() == ["duration_ms", "name", "rows"])
    }

    @Test func flagsAreCountedBySeverityIncludingZero() throws {
        let (text, object) = try Self.json()
        let flags = try #require(object["flags"] as? [String: Int])
        #expect(flags == ["critical": 2, "warning": 1, "info": 0])
        #expect(text.contains("\"critical\" : 2") || text.contains("\"critical\":2"))
    }

    @Test func eachFileCarriesItsCounts() throws {
        let (_, object) = try Self.json()
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.count == 1)
        let f = try #require(files.first)
        #expect(f["file"] as? String == "orders.txt")
        #expect(f["sha256"] as? String == "s1")
        #expect(f["rows_read"] as? Int == 10)
        #expect(f["rows_loaded"] as? Int == 7)
        #expect(f["rows_rejected"] as? Int == 1)
        #expect(f["rows_skipped"] as? Int == 2)
        #expect(f["rows_superseded"] as? Int == 2)
        #expect(f["preamble_lines"] as? Int == 3)
        #expect(f["skipped_reasons"] as? [String: Int] == ["totals row": 1, "blank line": 1])
        #expect(f["status"] as? String == "loaded")
        #expect(object["exit_status"] as? Int == 3)
        #expect(object["pipeline_file_sha256"] as? String == "abc123")
    }

    @Test func theSameManifestEncodesToTheSameBytes() throws {
        #expect(try Self.manifest().json() == Self.manifest().json())
    }
}
