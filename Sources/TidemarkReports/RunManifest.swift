import Foundation
import TidemarkIngest
import TidemarkMetrics

/// `run.json`: what the run read, loaded, rejected and skipped per file, flags by severity, timings, versions.
public struct RunManifest: Encodable {
    public struct Stage: Encodable {
        public var name: String
        public var durationMs: Int
        public var rows: Int
        /// CPU time of the threads doing the stage's work: the whole process while loading (reader and writer, so
        /// it may exceed the wall time), the CLV worker thread and CLV's reads for `clv`, the main thread's pass and
        /// the sales worker for `metrics`, the main thread otherwise.
        public var cpuMs: Int?
        /// The process's peak resident set during the stage, in KiB (where the kernel lets it be reset per stage).
        public var peakRSSKiB: Int?
        /// `true` for a stage that ran on a worker thread at the same time as the stages after it (`clv`, beside
        /// `metrics` and `insights`): its wall time is not to be added to theirs. Absent otherwise.
        public var background: Bool?
        enum CodingKeys: String, CodingKey {
            case name
            case durationMs = "duration_ms"
            case rows
            case cpuMs = "cpu_ms"
            case peakRSSKiB = "peak_rss_kib"
            case background
        }
        public init(name: String, durationMs: Int, rows: Int, cpuMs: Int? = nil, peakRSSKiB: Int? = nil, background: Bool? = nil) {
            self.name = name
            self.durationMs = durationMs
            self.rows = rows
            self.cpuMs = cpuMs
            self.peakRSSKiB = peakRSSKiB
            self.background = background
        }
    }

    public struct File: Encodable {
        public var file, format, sha256, encoding, status: String
        public var preambleLines, rowsRead, rowsLoaded, rowsRejected, rowsSkipped, rowsSuperseded: Int
        public var skippedReasons: [String: Int]
        enum CodingKeys: String, CodingKey {
            case file, format, sha256, encoding, status
            case preambleLines = "preamble_lines"
            case rowsRead = "rows_read"
            case rowsLoaded = "rows_loaded"
            case rowsRejected = "rows_rejected"
            case rowsSkipped = "rows_skipped"
            case rowsSuperseded = "rows_superseded"
            case skippedReasons = "skipped_reasons"
        }
        public init(_ r: FileReconciliation) {
            file = r.file
            format = r.format
            sha256 = r.sha256
            encoding = r.encoding
            status = r.status
            preambleLines = r.preambleLines
            rowsRead = r.rowsRead
            rowsLoaded = r.rowsLoaded
            rowsRejected = r.rowsRejected
            rowsSkipped = r.rowsSkipped
            rowsSuperseded = r.rowsSuperseded
            skippedReasons = r.skippedReasons
        }
    }

    public var toolVersion: String
    public var pipeline: String
    public var pipelineFileSHA256: String
    public var reportingCurrency: String
    public var reportingTimeZone: String
    public var startedAt: String
    public var finishedAt: String
    public var stages: [Stage]
    public var files: [File]
    public var flags: [String: Int]
    public var exitStatus: Int
    public var outcome: String

    enum CodingKeys: String, CodingKey {
        case toolVersion = "tool_version"
        case pipeline
        case pipelineFileSHA256 = "pipeline_file_sha256"
        case reportingCurrency = "reporting_currency"
        case reportingTimeZone = "reporting_time_zone"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case stages, files, flags
        case exitStatus = "exit_status"
        case outcome
    }

    public init(
        toolVersion: String, pipeline: String, pipelineFileSHA256: String, reportingCurrency: String, reportingTimeZone: String,
        startedAt: String, finishedAt: String, stages: [Stage], files: [FileReconciliation], flags: [Flag], exitStatus: Int,
        outcome: String
    ) {
        self.toolVersion = toolVersion
        self.pipeline = pipeline
        self.pipelineFileSHA256 = pipelineFileSHA256
        self.reportingCurrency = reportingCurrency
        self.reportingTimeZone = reportingTimeZone
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.stages = stages
        self.files = files.map(File.init)
        var counts: [String: Int] = [:]
        for s in Severity.allCases { counts[s.rawValue] = flags.filter { $0.severity == s }.count }
        self.flags = counts
        self.exitStatus = exitStatus
        self.outcome = outcome
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
