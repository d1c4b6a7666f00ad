import Foundation
import Logging
import Testing
import TidemarkCommerce
import TidemarkIngest
import TidemarkTestSupport

@testable import TidemarkPipeline

/// Collects log events in memory so tests can read what a run said.
final class MemoryLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(Logger.Level, String, Logger.Metadata)] = []
    func append(_ e: (Logger.Level, String, Logger.Metadata)) { lock.withLock { entries.append(e) } }
    var messages: [(Logger.Level, String, Logger.Metadata)] { lock.withLock { entries } }

    struct Handler: LogHandler {
        let sink: MemoryLog
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            var all = metadata
            for (k, v) in event.metadata ?? [:] { all[k] = v }
            sink.append((event.level, "\(event.message)", all))
        }
    }

    func logger() -> Logger { Logger(label: "test") { _ in Handler(sink: self) } }
}

@Suite struct PipelineRunnerTests {
    static let now = Date(timeIntervalSince1970: 1_795_327_200)  // 2026-11-22T06:00:00Z: 20,779 days × 86,400 s + 6 × 3,600 s

    func definition(_ inputs: [String], in dir: URL) -> PipelineDefinition {
        var d = PipelineDefinition.adhoc(
            output: dir.appendingPathComponent("out").path, inputs: inputs.map { InputDefinition(pattern: TestPaths.fixture($0)) })
        d.customerKeyFile = dir.appendingPathComponent("key").path
        return d
    }

    func run(_ d: PipelineDefinition, log: MemoryLog = MemoryLog()) -> RunOutcome {
        PipelineRunner(definition: d, environment: RunEnvironment(now: { Self.now }, logger: log.logger(), toolVersion: "test", customerKeySecret: "k")).run()
    }

    @Test func theClockConstantIsTheDateItClaims() {
        #expect(Timestamp(secondsSinceEpoch: Int64(Self.now.timeIntervalSince1970)).description == "2026-11-22T06:00:00Z")
    }

    @Test func malformedFilesAreCountedAndTheRestLoads() throws {
        let dir = TestPaths.temporaryDirectory()
        let log = MemoryLog()
        let outcome = run(definition(["malformed/*.txt", "malformed/unknown_format.csv", "fx/eurofxref-hist.csv"], in: dir), log: log)
        // unknown_format.csv cannot be read: a critical file_failed flag, so the run succeeds with exit 3.
        #expect(outcome.status == .successWithFlags)
        #expect(outcome.exitCode == 3)
        let byName = Dictionary(uniqueKeysWithValues: outcome.files.map { (URL(fileURLWithPath: $0.file).lastPathComponent, $0) })
        for f in outcome.files { #expect(f.isBalanced, "\(f.file)") }
        #expect(byName["bad_values.txt"]?.rowsRejected == 5)
        #expect(byName["bad_values.txt"]?.rowsLoaded == 5)
        #expect(byName["blank_lines.txt"]?.skippedReasons == ["blank line": 3])
        #expect(byName["duplicate_b.txt"]?.status.hasPrefix("duplicate of ") == true)
        #expect(byName["duplicate_b.txt"]?.rowsRead == 0)
        #expect(byName["empty.txt"]?.status == "empty")
        #expect(byName["header_only.txt"]?.status == "empty")
        #expect(byName["unknown_format.csv"]?.status.hasPrefix("failed: is not a known export format") == true)
        // overlap_newer.txt sorts before overlap_older.txt, so the older export loads second: both of its
        // overlapping rows meet a newer row already stored and are kept out (fixtures/malformed/README.md).
        #expect(byName["overlap_older.txt"]?.rowsSuperseded == 2)
        #expect(outcome.flagCounts[.critical] == 1)
        #expect(log.messages.contains { $0.0 == .error && $0.1 == "file.failed" })
        let rejects = try String(contentsOf: dir.appendingPathComponent("out/rejects.csv"), encoding: .utf8)
        #expect(rejects.split(separator: "\n").count == 1 + 5 + 2 + 1)  // header + bad_values + ragged + truncated
    }

    @Test func aRunThatCannotOpenItsWarehouseFailsAndCommitsNothing() {
        let dir = TestPaths.temporaryDirectory()
        var d = definition(["costs/unit_costs.csv"], in: dir)
        d.warehousePath = "/proc/tidemark-cannot-write-here/w.sqlite"
        let outcome = run(d)
        #expect(outcome.exitCode == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func failOnNeverTurnsCriticalFlagsIntoSuccess() {
        let dir = TestPaths.temporaryDirectory()
        var d = definition(["malformed/unknown_format.csv"], in: dir)
        d.failOn = .never
        #expect(run(d).exitCode == 0)
    }
}
