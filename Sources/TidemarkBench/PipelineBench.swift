// `tidemark-bench pipeline` and `tidemark-bench reader-formats`: the whole pipeline, and the CSV reader alone per
// file, on a corpus written by `TidemarkGenerate` (the same code as `tidemark generate`).

import Foundation
import TidemarkCSV
import TidemarkGenerate

#if canImport(Glibc)
    import Glibc
#endif

/// Options shared by the corpus benchmarks.
struct CorpusArguments {
    var scale = 1.0
    var seed: UInt64 = 1
    var corpus: String?
    var regenerate = false
    var tidemark: String?
    var runs = 1
    var keepWarehouse = false

    init(_ arguments: [String]) throws {
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else { throw BenchError("\(arguments[index - 1]) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--scale": scale = Double(try value()) ?? scale
            case "--seed": seed = UInt64(try value()) ?? seed
            case "--corpus": corpus = try value()
            case "--regenerate": regenerate = true
            case "--tidemark": tidemark = try value()
            case "--runs": runs = Int(try value()) ?? runs
            case "--keep-warehouse": keepWarehouse = true
            default: throw BenchError("unknown option \(arguments[index])")
            }
            index += 1
        }
    }

    var corpusDirectory: String {
        corpus ?? FileManager.default.temporaryDirectory.appendingPathComponent("tidemark-corpus-s\(scale)-seed\(seed)").path
    }

    /// Generates the corpus unless it is there already (or `--regenerate`).
    func ensureCorpus() throws -> String {
        let dir = corpusDirectory
        if regenerate || !FileManager.default.fileExists(atPath: dir + "/pipeline.yaml") {
            let start = now()
            let summary = try CorpusGenerator(options: CorpusOptions(scale: scale, seed: seed)).write(to: dir)
            print(
                "generated \(dir): \(summary.files.count) files, \(fmt(Double(summary.bytes) / 1e6, 1)) MB, "
                    + "\(summary.orderLines) order lines, \(summary.adRows) ad rows, \(summary.shipmentRows) shipment rows "
                    + "in \(fmt(now() - start, 2)) s")
        } else {
            print("reusing corpus \(dir)")
        }
        return dir
    }
}

func fmt(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

/// The input files of a generated corpus (sorted), with their sizes.
func corpusFiles(_ dir: String) -> [(path: String, bytes: Int)] {
    var result: [(String, Int)] = []
    for sub in ["fx", "costs", "amazon", "shopify", "ads", "logistics"] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/" + sub)) ?? []
        for name in names.sorted() {
            let path = "\(dir)/\(sub)/\(name)"
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
            result.append((path, size))
        }
    }
    return result
}

/// CPU seconds, peak RSS (KiB) and page faults served without I/O (first touches of fresh pages) of the
/// waited-for children so far.
func childrenUsage() -> (cpu: Double, maxRSSKiB: Int, pageFaults: Int) {
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return (user + system, usage.ru_maxrss, usage.ru_minflt)
}

/// The `tidemark` binary next to this one (both are built into `.build/release`).
func siblingTidemark() -> String {
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let candidate = me.deletingLastPathComponent().appendingPathComponent("tidemark").path
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    return ".build/release/tidemark"
}

func runPipelineBench(arguments: [String]) throws {
    let options = try CorpusArguments(arguments)
    let dir = try options.ensureCorpus()
    let files = corpusFiles(dir)
    let inputBytes = files.reduce(0) { $0 + $1.bytes }
    let tidemark = options.tidemark ?? siblingTidemark()
    print("tidemark: \(tidemark); input: \(files.count) files, \(fmt(Double(inputBytes) / 1e6, 1)) MB; cores: \(ProcessInfo.processInfo.activeProcessorCount)")

    for run in 1...max(1, options.runs) {
        if !options.keepWarehouse {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: dir + "/warehouse.sqlite" + suffix) }
            try? FileManager.default.removeItem(atPath: dir + "/reports")
        }
        let logPath = dir + "/bench-run.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tidemark)
        process.arguments = ["run", dir + "/pipeline.yaml", "--fail-on", "never", "--log-format", "json"]
        process.standardOutput = log
        process.standardError = log
        let before = childrenUsage()
        let start = now()
        try process.run()
        process.waitUntilExit()
        let wall = now() - start
        let after = childrenUsage()
        try? log.close()
        guard process.terminationStatus == 0 || process.terminationStatus == 3 else {
            throw BenchError("tidemark run exited \(process.terminationStatus); see \(logPath)")
        }
        let manifestData = try Data(contentsOf: URL(fileURLWithPath: dir + "/reports/latest/run.json"))
        guard let manifest = try JSONSerialization.jsonObject(with: manifestData) as? [String: Any],
            let stages = manifest["stages"] as? [[String: Any]], let fileEntries = manifest["files"] as? [[String: Any]]
        else { throw BenchError("unexpected run.json") }
        let rowsRead = fileEntries.reduce(0) { $0 + ($1["rows_read"] as? Int ?? 0) }
        let rowsRejected = fileEntries.reduce(0) { $0 + ($1["rows_rejected"] as? Int ?? 0) }
        print("run \(run): exit \(process.terminationStatus), \(rowsRead) rows read, \(rowsRejected) rejected")
        print("  stage       wall s   CPU s    rows        rows/s        MB/s  peak MiB")
        var stageTotal = 0.0
        var stagePeakKiB = 0
        for stage in stages {
            let name = stage["name"] as? String ?? "?"
            let seconds = Double(stage["duration_ms"] as? Int ?? 0) / 1000
            let rows = stage["rows"] as? Int ?? 0
            // A background stage (clv) ran beside the stages after it: its wall time is inside theirs.
            if stage["background"] as? Bool != true { stageTotal += seconds }
            let rate = seconds > 0 ? fmt(Double(rows) / seconds, 0) : "-"
            let mbs = name == "load" && seconds > 0 ? fmt(Double(inputBytes) / 1e6 / seconds, 1) : ""
            let cpu = (stage["cpu_ms"] as? Int).map { fmt(Double($0) / 1000, 3) } ?? "-"
            let peak = (stage["peak_rss_kib"] as? Int).map { String($0 / 1024) } ?? "-"
            stagePeakKiB = max(stagePeakKiB, stage["peak_rss_kib"] as? Int ?? 0)
            print(
                "  " + (stage["background"] as? Bool == true ? name + "*" : name).padding(toLength: 10, withPad: " ", startingAt: 0) + fmt(seconds, 3).leftPad(8) + cpu.leftPad(8)
                    + String(rows).leftPad(10) + rate.leftPad(14) + mbs.leftPad(12) + peak.leftPad(10))
        }
        if stages.contains(where: { $0["background"] as? Bool == true }) { print("  * ran on a worker thread beside the stages after it") }
        let cpu = after.cpu - before.cpu
        print(
            "  total: wall \(fmt(wall, 3)) s (stages \(fmt(stageTotal, 3)) s, start-up and the rest \(fmt(wall - stageTotal, 3)) s), "
                + "CPU \(fmt(cpu, 3)) s (\(fmt(cpu / wall * 100, 0)) % of one core), "
                + "\(fmt(Double(rowsRead) / wall, 0)) rows/s, \(fmt(Double(inputBytes) / 1e6 / wall, 1)) MB/s, "
                + "peak RSS \(max(after.maxRSSKiB, stagePeakKiB) / 1024) MiB, \(after.pageFaults - before.pageFaults) page faults")
        // Page faults are the steadiest figure on a VM whose speed drifts: each first touch of a new page costs a
        // fault (and, on the development VM, sometimes many microseconds of the hypervisor's time).
        // The run resets its peak counter at each stage (for the per-stage figures), which also lowers what the
        // kernel reports for the whole child at exit: the larger of that and the stages' peaks is the true peak.
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? " " + self : String(repeating: " ", count: width - count) + self }
}

func runReaderFormats(arguments: [String]) throws {
    let options = try CorpusArguments(arguments)
    let dir = try options.ensureCorpus()
    var byKind: [String: (bytes: Int, rows: Int, wall: Double, cpu: Double)] = [:]
    var kinds: [String] = []
    for (path, _) in corpusFiles(dir) {
        let dialect: CSVDialect = path.hasSuffix(".txt") ? .tabUnquoted : .comma
        let name = URL(fileURLWithPath: path).lastPathComponent
        let kind = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent + "/"
            + (name.hasPrefix("amazon-ads-sp") ? "amazon-ads-sp" : String(name.prefix { !$0.isNumber }).trimmingCharacters(in: CharacterSet(charactersIn: "-_")))
        var best: Measurement?
        for _ in 0..<max(1, options.runs) {
            let m = try measure {
                let reader = CSVReader(fileName: name, dialect: dialect, encoding: .utf8)
                var touched = 0
                let stats = try reader.read(path: path) { record in
                    // Touch two fields, as the format parsers would.
                    if record.count > 2 { touched &+= record[0].count &+ record[2].count }
                }
                if touched == -1 { print("") }
                return (stats.bytesRead, stats.records)
            }
            if best.map({ m.wall < $0.wall }) ?? true { best = m }
        }
        let m = best!
        print(m.line("  " + name))
        if byKind[kind] == nil { kinds.append(kind); byKind[kind] = (0, 0, 0, 0) }
        byKind[kind]!.bytes += m.bytes
        byKind[kind]!.rows += m.rows
        byKind[kind]!.wall += m.wall
        byKind[kind]!.cpu += m.cpu
    }
    print("per format (one thread, \(dir)):")
    for kind in kinds {
        let k = byKind[kind]!
        print(
            "  " + kind.padding(toLength: 28, withPad: " ", startingAt: 0)
                + "\(fmt(Double(k.bytes) / 1e6 / k.wall, 1)) MB/s, \(fmt(Double(k.rows) / k.wall / 1e6, 2)) M rows/s, "
                + "\(fmt(Double(k.bytes) / 1e6, 1)) MB, \(k.rows) rows, \(fmt(k.wall, 3)) s wall, \(fmt(k.cpu, 3)) s CPU")
    }
}
