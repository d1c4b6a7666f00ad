import Foundation
import TidemarkCommerce
import TidemarkIngest

/// The embedded SQLite warehouse: facts, reference data, the run ledger and file fingerprints.
///
/// A run holds one write transaction from ``beginRun(pipeline:startedAt:)`` to ``commitRun(finishedAt:status:)``
/// (all or nothing); a load that fails part-way rolls the whole run back. Because the
/// write transaction is taken at once (`BEGIN IMMEDIATE`) with no busy wait, a second run on the same warehouse
/// stops at once instead of interleaving.
public final class Warehouse {
    /// The database file.
    public let path: String
    let db: SQLiteConnection
    private var runID: Int64?
    /// The last finished file's sequencer, storage kept for the next file's loader (numbering parcel charges).
    private var spareSequencer: ItemSequencer?

    /// Opens the warehouse at `path`, creating it and applying pending migrations.
    public init(path: String) throws {
        self.path = path
        db = try SQLiteConnection(path: path)
        try useWriteAheadLogUnlessBusy()
        try db.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -131072;")
        try migrate()
        try db.execute("PRAGMA temp_store = MEMORY")
    }

    /// Shrinks SQLite's page cache from the loading size (128 MiB, which keeps random-key inserts off the disk) to
    /// 32 MiB for the compute stages: they scan tables in key order, each page once per scan, and the tables are
    /// larger than either size, so a big cache only adds resident memory beside the stages' own (scale 100: CLV on
    /// its worker beside the sales pass brought the peak to 479 MiB with the large cache). Dirty pages of the run
    /// spill to the write-ahead log as usual.
    public func useComputeCacheSize() throws {
        try db.execute("PRAGMA cache_size = -32768")
    }

    private func migrate() throws {
        let version = Int(try db.scalarInt("PRAGMA user_version"))
        guard version < Migrations.all.count else { return }
        try db.execute("BEGIN IMMEDIATE")
        do {
            for (i, sql) in Migrations.all.enumerated() where i >= version {
                try db.execute(sql)
                try db.execute("PRAGMA user_version = \(i + 1)")
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    // MARK: Runs

    /// Starts a run: takes the write lock (failing at once if another run holds it) and records the run.
    ///
    /// A run into a warehouse that has no file loaded yet (a first load, or a rebuild) uses a rollback journal
    /// instead of the write-ahead log (``useRollbackJournalForFirstLoad()``); ``commitRun(finishedAt:status:)`` and
    /// ``rollbackRun()`` return to the log.
    public func beginRun(pipeline: String, startedAt: String) throws -> Int64 {
        try useRollbackJournalForFirstLoad()
        do {
            try db.execute("BEGIN IMMEDIATE")
        } catch let e as WarehouseError where e.code & 0xFF == 5 {  // SQLITE_BUSY
            try? useWriteAheadLog()
            throw WarehouseBusy(path: path)
        }
        let s = try db.prepare("INSERT INTO run_ledger(pipeline, started_at, status) VALUES (?, ?, 'running')")
        try s.run([.text(pipeline), .text(startedAt)])
        let id = try db.scalarInt("SELECT last_insert_rowid()")
        runID = id
        return id
    }

    /// Records the outcome and commits everything the run loaded.
    public func commitRun(finishedAt: String, status: String) throws {
        guard let runID else { return }
        try db.prepare("UPDATE run_ledger SET finished_at = ?, status = ? WHERE run_id = ?")
            .run([.text(finishedAt), .text(status), .int(runID)])
        try db.execute("COMMIT")
        self.runID = nil
        try useWriteAheadLogUnlessBusy()
    }

    /// Abandons the run: nothing it loaded stays.
    public func rollbackRun() {
        guard runID != nil else { return }
        try? db.execute("ROLLBACK")
        runID = nil
        try? useWriteAheadLog()
    }

    /// Switches to a rollback journal (`journal_mode = DELETE`) when no file has been loaded yet.
    ///
    /// In write-ahead-log mode every page a run writes is written twice: to the log, then again into the database
    /// file when the log is checkpointed at the commit. A first load writes almost only new pages, which a rollback
    /// journal does not copy (it keeps the original content of pages that existed before the run, here a few
    /// schema pages): each page is written once, and the run's reads find pages in the database file without
    /// looking them up in the log's index first. Crash safety is the same (`synchronous = FULL`, one transaction;
    /// a run killed part-way leaves a hot journal that the next connection rolls back before anything else).
    /// The price is concurrency: while the run holds the database exclusively (once its cache spills, and at the
    /// commit) another process cannot read it, and there is nothing committed to read yet. A warehouse that holds
    /// files stays in the log, so readers keep the last committed state during nightly runs. If another
    /// connection has the database open the switch does not happen (SQLite keeps the log) and the run goes on.
    func useRollbackJournalForFirstLoad() throws {
        guard try db.scalarInt("SELECT count(*) FROM file_ids") == 0 else { return }
        try unlessBusy { try db.execute("PRAGMA journal_mode = DELETE") }
    }

    /// Returns to the write-ahead log, the warehouse's mode between runs (a no-op when already in it).
    func useWriteAheadLog() throws {
        try db.execute("PRAGMA journal_mode = WAL")
    }

    /// The write-ahead log, unless another connection holds the database: one in the middle of a first load (which
    /// switches back itself when it ends), or one that has it open when a first load commits (the next run's
    /// connection switches back). A warehouse left in rollback mode by a first load that was killed is switched
    /// back when it is next opened, after SQLite has rolled that load back.
    private func useWriteAheadLogUnlessBusy() throws {
        try unlessBusy { try useWriteAheadLog() }
    }

    /// Runs `body`, taking "database is locked" (another connection holds what a journal-mode change needs) as
    /// leaving the mode as it is; any other error is rethrown.
    private func unlessBusy(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as WarehouseError where e.code & 0xFF == 5 {  // SQLITE_BUSY
            return
        }
    }

    /// The connection's journal mode (`wal`, `delete` …), for tests.
    var journalMode: String {
        get throws {
            let s = try db.prepare("PRAGMA journal_mode")
            return try s.step() ? s.text(0) : ""
        }
    }

    // MARK: Files

    /// The name under which content with this fingerprint was loaded before, if it was.
    public func loadedFileName(sha256: String) throws -> String? {
        let s = try db.prepare("SELECT file_name FROM file_fingerprints WHERE sha256 = ?")
        try s.bind([.text(sha256)])
        return try s.step() ? s.text(0) : nil
    }

    /// Loads one file's facts into the run's transaction: `produce` hands facts to the loader and returns the file's
    /// reconciliation; the fingerprint and rejects are recorded with it.
    ///
    /// There is deliberately no savepoint per file: with one open, SQLite journals every page an upsert touches for
    /// the first time, and upserts of random keys (Amazon order ids) then slow down as the table grows (measured:
    /// 87 k rows/s falling to 3 k rows/s over 120 k rows). Row problems never fail a load (they are rejects) and a
    /// file that cannot be read fails before anything is written, so an error here means the run itself cannot
    /// continue: it is rethrown and the caller rolls the whole run back.
    public func loadFile(
        sha256: String, exportRank: String, _ produce: (FactLoader) throws -> FileReconciliation
    ) throws -> FileReconciliation {
        let loader = try beginFile(sha256: sha256, exportRank: exportRank)
        do {
            return try finishFile(try produce(loader), loader: loader)
        } catch {
            rollbackRun()
            throw error
        }
    }

    /// Starts loading one file (the streaming form of ``loadFile(sha256:exportRank:_:)``): records its fingerprint
    /// and returns the loader for its facts. End with ``finishFile(_:loader:)``; on an error, roll the run back.
    public func beginFile(sha256: String, exportRank: String) throws -> FactLoader {
        guard let runID else { preconditionFailure("beginFile outside a run") }
        do {
            // The fingerprint row first: facts reference it.
            try db.prepare(
                "INSERT INTO file_fingerprints VALUES (?, '', '', '', '', 0, 0, 0, 0, 0, '', 0, ?)"
            ).run([.text(sha256), .int(runID)])
            // Its integer id, which the keyed fact rows carry, and its export rank, kept once here.
            try db.prepare("INSERT INTO file_ids (sha256, export_rank) VALUES (?, ?)").run([.text(sha256), .text(exportRank)])
            let fileID = try db.scalarInt("SELECT last_insert_rowid()")
            return try FactLoader(db: db, sha256: sha256, fileID: fileID, exportRank: exportRank, sequencer: spareSequencer.take() ?? ItemSequencer())
        } catch {
            rollbackRun()
            throw error
        }
    }

    /// Finishes a file begun with ``beginFile(sha256:exportRank:)``: stores its reconciliation (with the rows the
    /// loader found superseded) and its rejects.
    public func finishFile(_ reconciliation: FileReconciliation, loader: FactLoader) throws -> FileReconciliation {
        var rec = reconciliation
        let sha256 = loader.sha256
        spareSequencer = loader.takeSequencer()
        do {
            rec.rowsSuperseded = loader.overlaps
            try db.prepare(
                """
                UPDATE file_fingerprints SET file_name = ?, format = ?, encoding = ?, delimiter = ?, preamble_lines = ?,
                rows_read = ?, rows_loaded = ?, rows_rejected = ?, rows_skipped = ?, skipped_reasons = ?, rows_superseded = ?
                WHERE sha256 = ?
                """
            ).run([
                .text(rec.file), .text(rec.format), .text(rec.encoding), .text(rec.delimiter), .int(Int64(rec.preambleLines)),
                .int(Int64(rec.rowsRead)), .int(Int64(rec.rowsLoaded)), .int(Int64(rec.rowsRejected)),
                .int(Int64(rec.rowsSkipped)), .text(Self.json(rec.skippedReasons)), .int(Int64(rec.rowsSuperseded)), .text(sha256),
            ])
            let r = try db.prepare("INSERT INTO rejects VALUES (?, ?, ?, ?, ?, ?, ?)")
            for x in rec.rejects {
                try r.run([.text(sha256), .text(x.file), .int(Int64(x.line)), .int(Int64(x.columnNumber)), .text(x.column), .text(x.value), .text(x.reason)])
            }
            return rec
        } catch {
            rollbackRun()
            throw error
        }
    }

    /// Skip reasons as stored: a JSON object with sorted keys (reasons may contain any character).
    static func json(_ reasons: [String: Int]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: reasons, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Inspection

    /// Row counts per table, for reconciliation and idempotency checks.
    public func tableCounts() throws -> [String: Int] {
        var out: [String: Int] = [:]
        for t in [
            "file_fingerprints", "order_lines", "ref_fx_rates", "unit_costs", "rejects", "refunds", "platform_fees",
            "ad_performance", "traffic", "shipments", "shipment_charges",
        ] {
            out[t] = Int(try db.scalarInt("SELECT count(*) FROM \(t)"))
        }
        return out
    }
}

/// Another run holds the warehouse's write lock.
public struct WarehouseBusy: Error, CustomStringConvertible, Sendable {
    public let path: String
    public var description: String { "\(path): another Tidemark run is using this warehouse; try again when it has finished" }
}
