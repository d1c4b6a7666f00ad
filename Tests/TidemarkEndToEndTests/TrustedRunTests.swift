import Foundation
import Testing
import TidemarkTestSupport
import TidemarkWarehouse

#if canImport(Glibc)
    import Glibc
#endif

/// The promises of product.md "Runs that can be trusted", tested on the real binary: exclusive, atomic under
/// SIGKILL, a late file changes only its month.
@Suite(.serialized) struct TrustedRunTests {
    static let env = ["TIDEMARK_NOW": "2026-11-22T06:00:00Z", "TIDEMARK_CUSTOMER_KEY": "test-secret"]

    func process(_ args: [String]) -> Process {
        let p = Process()
        p.executableURL = TidemarkBinary.url
        p.arguments = args + ["--fail-on", "never"]
        p.currentDirectoryURL = TestPaths.packageRoot
        var env = ProcessInfo.processInfo.environment
        for (k, v) in Self.env { env[k] = v }
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        return p
    }

    func counts(_ warehouse: URL) throws -> [String: Int] { try Warehouse(path: warehouse.path).tableCounts() }

    /// Kills `kills` runs of `inputs`, each on a copy of the warehouse `start`, at moments spread over `duration`
    /// (an uninterrupted run's length, from before the first file to after the last). After each kill the warehouse
    /// must hold `before` or `after`, the report folder must be absent or complete, and a rerun must end at `after`.
    /// Returns how many kills left the warehouse before and after.
    func killRuns(
        _ inputs: [String], from start: URL, kills: Int, duration: TimeInterval, before: [String: Int], after: [String: Int], in dir: URL
    ) throws -> (before: Int, after: Int) {
        var sawBefore = 0, sawAfter = 0
        for k in 0..<kills {
            let w = dir.appendingPathComponent("kill-\(k).sqlite")
            try FileManager.default.copyItem(at: start, to: w)
            let out = dir.appendingPathComponent("kill-\(k)-out")
            let p = process(["run"] + inputs + ["--out", out.path, "--warehouse", w.path, "--log-format", "json"])
            try p.run()
            usleep(useconds_t(duration * 1.1 * Double(k) / Double(kills - 1) * 1_000_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let state = try counts(w)
            #expect(state == before || state == after, "kill \(k): warehouse is neither before nor after: \(state)")
            if state == before { sawBefore += 1 } else if state == after { sawAfter += 1 }
            // The report folder is either absent or complete.
            if FileManager.default.fileExists(atPath: out.path) {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("run.json").path))
            }
            // A rerun completes and ends exactly where an uninterrupted run ends.
            #expect(try TidemarkBinary.run(["run"] + inputs + ["--out", out.path, "--warehouse", w.path], environment: Self.env).exitCode == 0)
            #expect(try counts(w) == after)
        }
        return (sawBefore, sawAfter)
    }

    @Test func aSecondRunOnTheSameWarehouseStopsAtOnce() throws {
        let dir = TestPaths.temporaryDirectory()
        let big = try GeneratedOrders.write(to: dir.appendingPathComponent("big.txt"), lines: 40_000, month: "2026-09")
        let warehouse = dir.appendingPathComponent("w.sqlite")
        let first = process(["run", "--input", big.path, "fixtures/fx/eurofxref-hist.csv", "--out", dir.appendingPathComponent("a").path, "--warehouse", warehouse.path, "--log-format", "json"])
        try first.run()
        // Wait until the first run holds the lock (its lock file names it), then start the second.
        let lockFile = warehouse.path + ".lock"
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: lockFile, encoding: .utf8), text.contains("pid \(first.processIdentifier)") { break }
            usleep(10_000)
        }
        let t0 = Date()
        let second = try TidemarkBinary.run(
            ["run", "--input", "fixtures/costs/unit_costs.csv", "--out", dir.appendingPathComponent("b").path, "--warehouse", warehouse.path, "--log-format", "json"],
            environment: Self.env)
        let waited = Date().timeIntervalSince(t0)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(second.exitCode == 1)
        #expect(second.stderr.contains("another Tidemark run is using this warehouse (pid \(first.processIdentifier)"))
        #expect(waited < 5, "the second run waited \(waited) s instead of stopping at once")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("b").path))
        // Nothing of the refused run reached the warehouse: no unit costs.
        #expect(try counts(warehouse)["unit_costs"] == 0)
        #expect(try counts(warehouse)["order_lines"] == 40_000)
    }

    @Test func aRunKilledAtAnyMomentLeavesTheWarehouseBeforeOrAfterAndARerunCompletes() throws {
        let dir = TestPaths.temporaryDirectory()
        let big = try GeneratedOrders.write(to: dir.appendingPathComponent("big.txt"), lines: 10_000, month: "2026-09")
        let inputs = ["--fail-on", "never", "--input", big.path, "fixtures/amazon/all-orders-2026-08.txt", "fixtures/fx/eurofxref-hist.csv", "fixtures/costs/unit_costs.csv"]
        // "Before": a warehouse holding the demo's October file. "After": that plus this run's inputs.
        let base = dir.appendingPathComponent("base.sqlite")
        #expect(try TidemarkBinary.run(["run", "--input", "fixtures/amazon/all-orders-2026-10.txt", "--out", dir.appendingPathComponent("base-out").path, "--warehouse", base.path, "--fail-on", "never"], environment: Self.env).exitCode == 0)
        let before = try counts(base)
        let full = dir.appendingPathComponent("full.sqlite")
        try FileManager.default.copyItem(at: base, to: full)
        let fullRun = Date()
        #expect(try TidemarkBinary.run(["run"] + inputs + ["--out", dir.appendingPathComponent("full-out").path, "--warehouse", full.path], environment: Self.env).exitCode == 0)
        let duration = Date().timeIntervalSince(fullRun)
        let after = try counts(full)
        #expect(after["order_lines"] == before["order_lines"]! + 10_000 + 114)

        // Kill runs at points spread over the whole run (including before the first file and after the last).
        let kills = 12
        let (sawBefore, sawAfter) = try killRuns(inputs, from: base, kills: kills, duration: duration, before: before, after: after, in: dir)
        // The kill points really fell inside the run, not all before or all after it.
        #expect(sawBefore > 0)
        #expect(sawBefore + sawAfter == kills)
    }

    @Test func aFirstLoadKilledAtAnyMomentLeavesAnEmptyWarehouseOrTheWholeRun() throws {
        let dir = TestPaths.temporaryDirectory()
        let big = try GeneratedOrders.write(to: dir.appendingPathComponent("big.txt"), lines: 10_000, month: "2026-09")
        let inputs = ["--fail-on", "never", "--input", big.path, "fixtures/amazon/all-orders-2026-08.txt", "fixtures/fx/eurofxref-hist.csv"]
        // A migrated warehouse with no file loaded: the run loads it under a rollback journal, not the log.
        let empty = dir.appendingPathComponent("empty.sqlite")
        let before = try counts(empty)
        let full = dir.appendingPathComponent("full.sqlite")
        try FileManager.default.copyItem(at: empty, to: full)
        let fullRun = Date()
        #expect(try TidemarkBinary.run(["run"] + inputs + ["--out", dir.appendingPathComponent("full-out").path, "--warehouse", full.path], environment: Self.env).exitCode == 0)
        let duration = Date().timeIntervalSince(fullRun)
        let after = try counts(full)
        #expect(after["order_lines"] == 10_000 + 114)

        // Opening the warehouse rolls a killed load back from its journal.
        let kills = 6
        let (sawBefore, sawAfter) = try killRuns(inputs, from: empty, kills: kills, duration: duration, before: before, after: after, in: dir)
        #expect(sawBefore > 0)
        #expect(sawBefore + sawAfter == kills)
    }

    @Test func aLateFileForLastMonthChangesThatMonthAndNothingElse() throws {
        let dir = TestPaths.temporaryDirectory()
        let warehouse = dir.appendingPathComponent("w.sqlite")
        let common = ["fixtures/amazon/all-orders-2026-08.txt", "fixtures/amazon/all-orders-2026-09.txt", "fixtures/amazon/all-orders-2026-10.txt", "fixtures/fx/eurofxref-hist.csv", "fixtures/costs/unit_costs.csv"]
        #expect(try TidemarkBinary.run(["run", "--input"] + common + ["--out", dir.appendingPathComponent("one").path, "--warehouse", warehouse.path, "--fail-on", "never"], environment: Self.env).exitCode == 0)
        // A late export: 5 more September orders in DE at 10.00 EUR each (SKU TM-GEN-n, which has no cost).
        let late = try GeneratedOrders.write(to: dir.appendingPathComponent("late-2026-09.txt"), lines: 5, month: "2026-09", prefix: "LATE")
        #expect(try TidemarkBinary.run(["run", "--input"] + common + [late.path, "--out", dir.appendingPathComponent("two").path, "--warehouse", warehouse.path, "--fail-on", "never"], environment: Self.env).exitCode == 0)
        func summary(_ folder: String) throws -> [String: String] {
            let text = try String(contentsOf: dir.appendingPathComponent(folder).appendingPathComponent("sales_margin_summary.csv"), encoding: .utf8)
            var rows: [String: String] = [:]
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
                rows[f[0] + "," + f[1] + "," + f[2]] = String(f[3])
            }
            return rows
        }
        let one = try summary("one"), two = try summary("two")
        #expect(Set(one.keys) == Set(two.keys))
        for (key, row) in one where key != "2026-09,DE,amazon" { #expect(two[key] == row, "\(key) changed") }
        // 2026-09 DE amazon before: 21 orders, 40 units, gross 1209.38 (fixtures/expected). After: +5 orders,
        // +5 units, +50.00 gross, and COGS unknown (the late SKUs have no cost).
        #expect(one["2026-09,DE,amazon"]?.hasPrefix("EUR,21,40,1209.38,") == true)
        #expect(two["2026-09,DE,amazon"]?.hasPrefix("EUR,26,45,1259.38,") == true)
    }
}
