import Foundation
import Testing
import TidemarkTestSupport

/// Golden files of the demo store's run: report.html, every CSV table of outputs.md and run.json, compared byte for
/// byte with `fixtures/expected/golden/demo/`. The run is deterministic: the clock and the customer key are
/// injected (``DemoOutput/environment``); in run.json only the stage measurements vary (duration, CPU time, peak
/// memory), and they are written as 0.
///
/// After an intended change to a report, a table or the demo fixtures, regenerate every golden file with
///
///     UPDATE_GOLDEN=1 swift test --filter DemoGoldenTests
///
/// then review the diff (`git diff fixtures/expected/golden/demo`) and commit it with the change.
/// On a mismatch the test names the file and prints the first line that differs.
@Suite struct DemoGoldenTests {
    static let folder = TestPaths.packageRoot.appendingPathComponent("fixtures/expected/golden/demo")
    /// The files every demo run must write (more may come: each file the run writes has a golden copy).
    static let files = ["report.html", "run.json"] + DemoOutput.outputTables

    /// The stage measurements of run.json that differ from run to run.
    static let measuredKeys = ["\"duration_ms\" : ", "\"cpu_ms\" : ", "\"peak_rss_kib\" : "]

    /// The file as the golden copy keeps it: run.json with stage measurements set to 0, everything else as written.
    static func normalised(_ name: String) throws -> String {
        let text = try DemoOutput.text(name)
        guard name == "run.json" else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            guard let colon = measuredKeys.lazy.compactMap({ line.range(of: $0) }).first else { return line }
            let value = line[colon.upperBound...]
            let comma = value.hasSuffix(",")
            let digits = comma ? value.dropLast() : value
            return !digits.isEmpty && digits.allSatisfy(\.isNumber) ? line[..<colon.upperBound] + (comma ? "0," : "0") : line
        }.joined(separator: "\n")
    }

    /// "line 12: expected … / actual …" for the first line that differs, or a length difference. A long line
    /// (report.html keeps its body on one line) is shown from a little before its first differing character.
    static func firstDifference(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<min(e.count, a.count) where e[i] != a[i] {
            let x = Array(e[i]), y = Array(a[i])
            var column = 0
            while column < min(x.count, y.count), x[column] == y[column] { column += 1 }
            let from = max(0, column - 80)
            func excerpt(_ c: [Character]) -> String { (from > 0 ? "…" : "") + String(c[min(from, c.count)..<min(c.count, from + 300)]) }
            return "first difference at line \(i + 1), column \(column + 1):\n  expected: \(excerpt(x))\n  actual:   \(excerpt(y))"
        }
        return "the files agree for \(min(e.count, a.count)) lines; expected \(e.count) lines, actual \(a.count)"
    }

    /// Every file the run writes (report.html, run.json and each CSV table, including tables added later) is
    /// compared with its golden copy; a golden copy without a file of the run, or the reverse, fails too.
    /// With `UPDATE_GOLDEN=1` the folder is rewritten: every file of the run, stale copies removed.
    @Test func everyFileOfTheDemoRunMatchesItsGoldenFile() throws {
        #expect([0, 3].contains(DemoOutput.run.exitCode), "stderr: \(DemoOutput.run.stderr)")
        let written = try DemoOutput.writtenFiles()
        #expect(Set(Self.files).isSubset(of: written), "the run writes report.html, run.json and every table of outputs.md")
        let fm = FileManager.default
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try fm.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            for stale in try fm.contentsOfDirectory(atPath: Self.folder.path) where !written.contains(stale) && stale != "README.md" {
                try fm.removeItem(at: Self.folder.appendingPathComponent(stale))
            }
            for name in written { try Data(try Self.normalised(name).utf8).write(to: Self.folder.appendingPathComponent(name)) }
            return
        }
        let golden = try fm.contentsOfDirectory(atPath: Self.folder.path).filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
        #expect(golden == written, "golden copies \(golden) ≠ files of the run \(written); regenerate with UPDATE_GOLDEN=1 swift test --filter DemoGoldenTests")
        for name in written where golden.contains(name) {
            let expected = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
            let actual = try Self.normalised(name)
            if actual != expected {
                Issue.record("\(name) differs from fixtures/expected/golden/demo/\(name); \(Self.firstDifference(expected: expected, actual: actual)). If the change is intended: UPDATE_GOLDEN=1 swift test --filter DemoGoldenTests, review the diff, commit.")
            }
        }
    }

    @Test func runJSONIsNormalisedOnlyInItsStageMeasurements() throws {
        let raw = try DemoOutput.text("run.json"), normalised = try Self.normalised("run.json")
        let changed = zip(raw.split(separator: "\n"), normalised.split(separator: "\n")).filter { $0 != $1 }
        #expect(changed.allSatisfy { pair in
            Self.measuredKeys.contains { pair.0.contains($0) && (pair.1.hasSuffix($0 + "0,") || pair.1.hasSuffix($0 + "0")) }
        })
        // Every stage's duration, and nothing else (same line count).
        let stages = raw.components(separatedBy: "\"duration_ms\" : ").count - 1
        #expect(stages >= 5)  // load, clv, metrics, insights, reports
        #expect(normalised.components(separatedBy: "\"duration_ms\" : 0,").count - 1 == stages)
        #expect(raw.split(separator: "\n").count == normalised.split(separator: "\n").count)
        // The injected clock: start and end are the fixed run time.
        #expect(normalised.contains("\"started_at\" : \"2026-11-22T06:00:00Z\""))
        #expect(normalised.contains("\"finished_at\" : \"2026-11-22T06:00:00Z\""))
    }

    @Test func aDifferenceNamesTheFirstDifferingLine() {
        #expect(Self.firstDifference(expected: "a\nb\nc\n", actual: "a\nB\nc\n") == "first difference at line 2, column 1:\n  expected: b\n  actual:   B")
        // A long line is shown from 80 characters before the difference.
        let long = String(repeating: "x", count: 200)
        #expect(Self.firstDifference(expected: long + "abc", actual: long + "aXc") == "first difference at line 1, column 202:\n  expected: …" + String(repeating: "x", count: 79) + "abc\n  actual:   …" + String(repeating: "x", count: 79) + "aXc")
        #expect(Self.firstDifference(expected: "a\nb", actual: "a\nb\nc") == "the files agree for 2 lines; expected 2 lines, actual 3")
    }
}
