import Foundation
import Testing
import TidemarkCommerce
import TidemarkMetrics
import TidemarkTestSupport

@testable import TidemarkPipeline

/// Inputs declared `expect: daily`: file dates, missing days and data that ends early.
@Suite struct SourceScheduleTests {
    static func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    @Test(arguments: [
        ("orders-2026-09-15.csv", "2026-09-15"), ("report_20260915.txt", "2026-09-15"), ("export_2026_09_15.csv", "2026-09-15"),
        // Not a date: 13 is no month; nine digits are a number, not a date; no digits at all → the modification date.
        ("orders-2026-13-01.csv", "2026-01-31"), ("batch-202609151.csv", "2026-01-31"), ("orders.csv", "2026-01-31"),
    ])
    func aFilesDateComesFromItsNameElseItsModificationTime(_ name: String, _ expected: String) {
        #expect(SourceSchedule.fileDate(name: name, modified: Self.d("2026-01-31")) == Self.d(expected))
    }

    @Test func missingDaysAndDataThatEndsEarly() throws {
        // Run on 2026-03-30: checked 2026-03-02 (30 − 28) … 2026-03-29, from the first file (03-10) on.
        // Files for 03-10 … 03-29 except 03-15 and 03-16; the facts end on 03-27.
        let files = Set(stride(from: Self.d("2026-03-10"), through: Self.d("2026-03-29"), by: 1)).subtracting([Self.d("2026-03-15"), Self.d("2026-03-16")])
        let flags = SourceSchedule.flags(source: "drop/orders-*.csv", fileDates: files, lastFactDate: Self.d("2026-03-27"), runDate: Self.d("2026-03-30"))
        #expect(flags.map(\.rule) == ["source_missing_day", "data_ends_early"])  // by date
        let missing = try #require(flags.first { $0.rule == "source_missing_day" })
        // One flag for the two consecutive missing days.
        #expect(missing.date == Self.d("2026-03-15") && missing.endDate == Self.d("2026-03-16"))
        #expect(missing.dimensions == ["source": "drop/orders-*.csv"] && missing.severity == .warning)
        // Files arrived for 03-28 and 03-29 but the data ends on 03-27: the two last days are incomplete.
        let early = try #require(flags.first { $0.rule == "data_ends_early" })
        #expect(early.date == Self.d("2026-03-28") && early.endDate == Self.d("2026-03-29") && early.observed == "2026-03-27")
    }

    @Test func aSourceThatDeliversEveryDayRaisesNothing() {
        let files = Set(stride(from: Self.d("2026-02-01"), through: Self.d("2026-03-29"), by: 1))
        #expect(SourceSchedule.flags(source: "s", fileDates: files, lastFactDate: Self.d("2026-03-29"), runDate: Self.d("2026-03-30")).isEmpty)
    }

    @Test func aSourceWithNoFileIsMissingEveryCheckedDayButDoesNotAlsoEndEarly() {
        let flags = SourceSchedule.flags(source: "s", fileDates: [], lastFactDate: nil, runDate: Self.d("2026-03-30"))
        // 2026-03-02 … 2026-03-29: one episode of 28 days.
        #expect(flags.map(\.rule) == ["source_missing_day"])
        #expect(flags.first?.date == Self.d("2026-03-02") && flags.first?.endDate == Self.d("2026-03-29"))
    }

    @Test func theScheduleIsAPipelineOption() throws {
        let base = URL(fileURLWithPath: "/srv/tidemark/pipelines")
        let d = try PipelineLoader.parse(
            yaml: "name: n\ninputs:\n  - path: a.csv\n    expect: daily\n  - path: b.csv\n", file: "p.yaml", baseDirectory: base, sha256: "x")
        #expect(d.inputs.map(\.expectDaily) == [true, false])
        do {
            _ = try PipelineLoader.parse(yaml: "name: n\ninputs:\n  - path: a.csv\n    expect: weekly\n", file: "p.yaml", baseDirectory: base, sha256: "x")
            Issue.record("weekly was accepted")
        } catch {
            #expect("\(error)".contains("inputs[0].expect: \"weekly\" is not a known delivery schedule"))
        }
    }
}

@Suite struct SourceScheduleRunTests {
    @Test func aRunFlagsADailySourcesMissingDayAndItsStaleData() throws {
        // Two Shopify exports dropped as daily files dated 2026-11-19 and 2026-11-21; the run is on 2026-11-22.
        // Checked: from the first file (11-19) to the day before the run (11-21). 11-20 has no file. The files' orders
        // end in October 2026, before the period: data_ends_early covers 11-19 … 11-21.
        let dir = TestPaths.temporaryDirectory()
        let drop = dir.appendingPathComponent("drop")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestPaths.fixture("shopify/orders_export_2026-10.csv"), toPath: drop.appendingPathComponent("shop-2026-11-19.csv").path)
        try FileManager.default.copyItem(atPath: TestPaths.fixture("shopify/orders_export_2026-08_09.csv"), toPath: drop.appendingPathComponent("shop-2026-11-21.csv").path)
        var d = PipelineDefinition.adhoc(
            output: dir.appendingPathComponent("out").path,
            inputs: [InputDefinition(pattern: TestPaths.fixture("fx/eurofxref-hist.csv")), InputDefinition(pattern: drop.path + "/shop-*.csv", expectDaily: true)])
        d.customerKeyFile = dir.appendingPathComponent("key").path
        let outcome = PipelineRunner(
            definition: d,
            environment: RunEnvironment(now: { PipelineRunnerTests.now }, logger: MemoryLog().logger(), toolVersion: "test", customerKeySecret: "k")
        ).run()
        #expect(outcome.exitCode != 1)
        let flags = try String(contentsOfFile: dir.appendingPathComponent("out/flags.csv").path, encoding: .utf8).split(separator: "\n")
        let missing = flags.filter { $0.contains(",source_missing_day,") }
        #expect(missing.count == 1)
        #expect(missing.first?.hasPrefix("2026-11-20,2026-11-20,warning,source_missing_day,files,") == true)
        let early = flags.filter { $0.contains(",data_ends_early,") }
        #expect(early.count == 1)
        #expect(early.first?.hasPrefix("2026-11-19,2026-11-21,warning,data_ends_early,last_fact_date,") == true)
        #expect(early.first?.contains(",2026-10-") == true)  // observed: the last order date, in October
    }
}
