import Foundation
import Logging
import TidemarkCommerce
import TidemarkIngest
import TidemarkNormalize
import TidemarkWarehouse

/// What the reader thread hands to the warehouse writer, in the pipeline's file order.
enum InputItem: @unchecked Sendable {
    /// A file with nothing to load: already loaded, a duplicate, empty or unreadable (its reconciliation says which).
    case listed(FileReconciliation)
    /// A new file begins; its facts follow.
    case begin(name: String, sha256: String, exportRank: String, bytes: Int)
    /// The next facts of the current file, numbered and ranked for the writer, which hands the batch back to the
    /// reader (``InputReader/recycle(_:)``) once loaded.
    case facts(FactBatch)
    /// The current file is read to its end.
    case end(FileReconciliation)
    /// The current file could not be read to its end; the run must fail.
    case failed(Error)
    /// How a file whose fingerprint is (or, after its `end`, will be) in the warehouse looks on disk now, to be
    /// recorded so that the next run need not hash it.
    case seen(FileStat)
}

/// A batch of facts on its way from the reader to the writer. Batches go back and forth (the writer empties one and
/// returns it, ``InputReader/recycle(_:)``) instead of a new array per batch: a batch of 2,048 facts is about half a
/// megabyte, which the C allocator maps and unmaps from the system each time (blocks from 256 KiB up,
/// `ProcessUsage.returnLargeBlocksWhenFreed`), so every batch cost the reader page faults on all its pages and the
/// writer an `munmap`.
final class FactBatch: @unchecked Sendable {
    var facts: [PreparedFact] = []

    init() { facts.reserveCapacity(InputReader.batchSize) }
}

/// Reads the pipeline's input files on a thread of its own: fingerprint, duplicate check, format detection and
/// parsing, handing facts over in batches through a bounded channel (so at most `capacity × batchSize` facts
/// wait in memory). The order of files and facts is the pipeline's, whatever the timing.
final class InputReader: @unchecked Sendable {
    /// Facts per hand-over: large enough that the channel's lock is no cost, small enough to stay in cache.
    static let batchSize = 2_048
    /// Batches the reader may be ahead of the writer.
    static let capacity = 16

    private let definition: PipelineDefinition
    private let keyer: CustomerKeyer
    private let runDate: CivilDate
    private let earlier: [String: FileReconciliation]
    private let knownStats: [String: FileStat]
    private let log: Logger
    private let channel = BoundedChannel<InputItem>(capacity: InputReader.capacity)
    /// Emptied batches the writer gave back, for the reader to fill again (at most `capacity + 2` exist at a time).
    private var emptyBatches: [FactBatch] = []
    /// Numbers the rows of equal natural key in each file (reset per file, its storage kept: reader thread only).
    private var sequencer = ItemSequencer()
    private let emptyBatchesLock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private var started = false

    /// `earlier` holds the files loaded by earlier runs, by fingerprint; `knownStats` how those files looked on disk
    /// when last seen, by path.
    init(
        definition: PipelineDefinition, keyer: CustomerKeyer, runDate: CivilDate, earlier: [String: FileReconciliation],
        knownStats: [String: FileStat] = [:], log: Logger
    ) {
        self.definition = definition
        self.keyer = keyer
        self.runDate = runDate
        self.earlier = earlier
        self.knownStats = knownStats
        self.log = log
    }

    /// Starts the reader thread; the returned channel yields its items until every file is read.
    func start() -> BoundedChannel<InputItem> {
        precondition(!started)
        started = true
        let thread = Thread { [self] in
            readAll()
            channel.close()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.name = "tidemark-reader"
        thread.start()
        return channel
    }

    /// Gives a batch the writer has loaded back to the reader, which empties it when it takes it again: releasing
    /// the facts' texts is the reader's work, not the writer's (the writer is the load's longer thread).
    func recycle(_ batch: FactBatch) {
        emptyBatchesLock.lock()
        emptyBatches.append(batch)
        emptyBatchesLock.unlock()
    }

    /// An empty batch: one the writer gave back, else a new one.
    private func emptyBatch() -> FactBatch {
        emptyBatchesLock.lock()
        let recycled = emptyBatches.popLast()
        emptyBatchesLock.unlock()
        guard let recycled else { return FactBatch() }
        recycled.facts.removeAll(keepingCapacity: true)
        return recycled
    }

    /// Waits for the reader thread to end (after the channel is drained or cancelled).
    func wait() {
        guard started else { return }
        finished.wait()
        started = false
    }

    private func readAll() {
        var seenThisRun: [String: String] = [:]
        for input in definition.inputs {
            for path in InputExpansion.expand([input.pattern]) {
                guard read(path, input: input, seenThisRun: &seenThisRun) else { return }
            }
        }
    }

    /// Reads one file; `false` when the writer has cancelled and reading must stop.
    private func read(_ path: String, input: InputDefinition, seenThisRun: inout [String: String]) -> Bool {
        let name = Self.displayName(path)
        var log = log
        log[metadataKey: "source.file"] = .string(name)
        let sha: String
        // A file loaded before and unchanged on disk since (path, size, modification time, inode) is not read again.
        let onDisk = FileStat.current(path: path)
        do {
            if let onDisk, let known = knownStats[path], onDisk.isUnchanged(from: known), earlier[known.sha256] != nil {
                sha = known.sha256
            } else {
                sha = try Fingerprint.sha256(ofFileAt: path)
            }
        } catch {
            var r = FileReconciliation(file: name, sha256: "")
            r.status = "failed: cannot be read"
            log.error("file.failed", metadata: ["reason": "cannot be read"])
            return channel.send(.listed(r))
        }
        if let first = seenThisRun[sha] {
            return channel.send(.listed(Self.duplicate(name, sha, of: first)))
        }
        seenThisRun[sha] = name
        // What to record of the file once its fingerprint is in the warehouse, unless it is known as it is.
        var stat = onDisk
        stat?.sha256 = sha
        if let recorded = stat, recorded == knownStats[path] { stat = nil }
        if let before = earlier[sha] {
            if let stat { guard channel.send(.seen(stat)) else { return false } }
            // Already loaded under this name: the same figures as then.
            return channel.send(.listed(before.file == name ? before : Self.duplicate(name, sha, of: before.file)))
        }
        let detection: FileDetection
        do {
            detection = try FileDetector.detect(path: path, displayName: name, options: input.options)
        } catch let e as IngestError {
            var r = FileReconciliation(file: name, sha256: sha)
            r.status = e.code == .empty ? "empty" : "failed: \(e.message)"
            if e.code == .empty { log.warning("file.empty") } else { log.error("file.failed", metadata: ["reason": "\(e.message)"]) }
            return channel.send(.listed(r))
        } catch {
            var r = FileReconciliation(file: name, sha256: sha)
            r.status = "failed: \(error)"
            log.error("file.failed", metadata: ["reason": "\(error)"])
            return channel.send(.listed(r))
        }
        var context = ParseContext(
            fileName: name, decimalSeparator: detection.decimalSeparator, sourceZone: input.sourceZone,
            reportingZone: definition.timeZone, runDate: runDate, defaultMarket: input.defaultMarket,
            fxBase: definition.fxBase, customerKeys: keyer)
        context.defaultCurrency = input.defaultCurrency
        let size = onDisk.map { Int($0.sizeBytes) } ?? 0
        let exportRank = Self.exportRank(path, name)
        guard channel.send(.begin(name: name, sha256: sha, exportRank: exportRank, bytes: size)) else { return false }
        var batch = emptyBatch()
        // Numbering rows of equal key happens here rather than in the writer, the busier of the two threads; each
        // file numbers its own rows, in storage kept from file to file.
        sequencer.reset()
        do {
            let rec = try FileIngestor.ingest(path: path, detection: detection, context: context, sha256: sha) { fact in
                batch.facts.append(PreparedFact(fact, sequencer: &sequencer))
                if batch.facts.count == Self.batchSize {
                    guard channel.send(.facts(batch)) else { throw CancellationError() }
                    batch = emptyBatch()
                }
            }
            if !batch.facts.isEmpty {
                guard channel.send(.facts(batch)) else { return false }
            } else {
                recycle(batch)
            }
            guard channel.send(.end(rec)) else { return false }
            return stat.map { channel.send(.seen($0)) } ?? true
        } catch is CancellationError {
            return false
        } catch {
            return channel.send(.failed(error))
        }
    }

    static func duplicate(_ name: String, _ sha: String, of original: String) -> FileReconciliation {
        var r = FileReconciliation(file: name, sha256: sha)
        r.status = "duplicate of \(original)"
        return r
    }

    /// The file's rank among overlapping exports: modification time, then name.
    static func exportRank(_ path: String, _ name: String) -> String {
        let mtime = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date).map { Int64($0.timeIntervalSince1970) } ?? 0
        let digits = String(mtime)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits + "|" + name
    }

    /// Paths are shown relative to the working directory when inside it.
    static func displayName(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
