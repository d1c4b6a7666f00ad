internal import CSQLite

/// An error from SQLite, with the statement that failed.
public struct WarehouseError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let sql: String?
    public var description: String { sql.map { "SQLite error \(code): \(message) (in: \($0.prefix(120)))" } ?? "SQLite error \(code): \(message)" }
}

/// A thin owner of one SQLite connection: open, execute, prepare. Not shared across threads (opened without
/// SQLite's per-call locking).
public final class SQLiteConnection {
    fileprivate let handle: OpaquePointer

    /// Configures SQLite once per process, before the first connection: allocation statistics off (they take a
    /// global mutex on every allocation and nothing here reads them), and small blocks from per-thread free lists
    /// (`tidemark_sqlite_use_block_allocator` in the CSQLite shim): Debian's SQLite has no lookaside allocator, so
    /// each inserted row otherwise mallocs and frees its statement's cursors and records.
    private static let configured: Void = {
        _ = tidemark_sqlite_disable_memory_statistics()
        _ = tidemark_sqlite_use_block_allocator()
    }()

    /// Opens (creating if needed) the database file at `path`.
    public init(path: String) throws {
        _ = Self.configured
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw WarehouseError(code: rc, message: "\(path): \(message)", sql: nil)
        }
        handle = db
        sqlite3_busy_timeout(db, 0)
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        try setChecksConstraints(true)
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "error"
            sqlite3_free(error)
            throw WarehouseError(code: rc, message: message, sql: sql)
        }
    }

    /// Prepares a statement for repeated use.
    public func prepare(_ sql: String) throws -> SQLiteStatement { try SQLiteStatement(connection: self, sql: sql) }

    /// Prepares a statement that runs without CHECK constraints: only for statements whose bound values cannot break
    /// the checks by their types (the loader's per-row fact statements; `FactTableCheckTests`).
    ///
    /// SQLite decides at prepare time whether a statement carries CHECK code (`PRAGMA ignore_check_constraints`), and
    /// changing that pragma expires every prepared statement, which SQLite then prepares again at its next step with
    /// the setting of that moment. So the setting is not scoped to the preparing: each statement steps with the
    /// setting it wants (``SQLiteStatement/step()`` switches the connection when it differs), and every other
    /// statement, and everything run through ``execute(_:)``, with the checks on. Statements that want different
    /// settings should not alternate row by row: each switch prepares the statements again.
    public func prepareWithoutCheckConstraints(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql, checksConstraints: false)
    }

    /// Whether the connection evaluates CHECK constraints now (`PRAGMA ignore_check_constraints` is off).
    private(set) var checksConstraints = true

    /// Switches CHECK constraints on or off for the statements run next (a no-op when already so).
    fileprivate func setChecksConstraints(_ on: Bool) throws {
        guard on != checksConstraints else { return }
        let sql = on ? "PRAGMA ignore_check_constraints = OFF" : "PRAGMA ignore_check_constraints = ON"
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        try check(rc, sql)
        checksConstraints = on
    }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    fileprivate func check(_ rc: Int32, _ sql: String?) throws {
        guard rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE else {
            throw WarehouseError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
    }

    /// The first column of the first row of a query as an integer (0 if no row).
    public func scalarInt(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> Int64 {
        let s = try prepare(sql)
        try s.bind(bindings)
        return try s.step() ? s.int64(0) : 0
    }
}

/// A value bound to a statement parameter.
public enum SQLiteValue: Sendable, Hashable {
    case int(Int64)
    case text(String)
    case null
}

/// A prepared statement. Bind with 1-based indexes, step, read columns with 0-based indexes.
public final class SQLiteStatement {
    private let statement: OpaquePointer
    private let connection: SQLiteConnection
    private let sql: String
    /// Whether the statement runs with CHECK constraints (see ``SQLiteConnection/prepareWithoutCheckConstraints(_:)``).
    private let checksConstraints: Bool

    fileprivate init(connection: SQLiteConnection, sql: String, checksConstraints: Bool = true) throws {
        var s: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection.handle, sql, -1, &s, nil)
        guard rc == SQLITE_OK, let s else {
            throw WarehouseError(code: rc, message: String(cString: sqlite3_errmsg(connection.handle)), sql: sql)
        }
        self.statement = s
        self.connection = connection
        self.sql = sql
        self.checksConstraints = checksConstraints
        self.arena = .allocate(byteCount: arenaCapacity, alignment: 8)
    }

    /// Text parameters are copied here and bound without SQLite copying them again (one `memcpy` instead of an
    /// allocation per parameter per execution); valid until ``reset()``. A parameter that does not fit is bound
    /// the ordinary way (copied by SQLite) and the arena doubles at the next reset.
    private var arena: UnsafeMutableRawPointer
    private var arenaCapacity = 4_096
    private var arenaUsed = 0
    private var arenaOverflowed = false

    deinit {
        sqlite3_finalize(statement)
        arena.deallocate()
    }

    /// Binds an integer.
    public func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(statement, index, value) }
    /// Binds text.
    public func bind(_ index: Int32, _ value: String) {
        var text = value
        text.withUTF8 { bytes in
            if arenaUsed + bytes.count <= arenaCapacity {
                let destination = arena + arenaUsed
                if let base = bytes.baseAddress { destination.copyMemory(from: base, byteCount: bytes.count) }
                arenaUsed += bytes.count
                // SQLITE_STATIC (nil): the bytes stay put until reset.
                sqlite3_bind_text(statement, index, destination.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
            } else {
                arenaOverflowed = true
                // Not empty (an empty value always fits), so the bytes have an address.
                let base = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
                sqlite3_bind_text(statement, index, base, Int32(bytes.count), tidemark_sqlite_transient())
            }
        }
    }
    /// Binds text that stays bound across ``resetKeepingBindings()`` (SQLite keeps its own copy): a value every
    /// execution of the statement shares, bound once.
    public func bindPersistent(_ index: Int32, _ value: String) {
        var text = value
        text.withUTF8 { bytes in
            // A null pointer would bind NULL: empty text points at a static empty string instead.
            let base = UnsafeRawPointer(bytes.baseAddress ?? Self.emptyText.utf8Start).assumingMemoryBound(to: CChar.self)
            sqlite3_bind_text(statement, index, base, Int32(bytes.count), tidemark_sqlite_transient())
        }
    }
    private static let emptyText: StaticString = ""
    /// Binds text or NULL.
    public func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(statement, index) }
    }
    /// Binds an integer or NULL.
    public func bind(_ index: Int32, _ value: Int64?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(statement, index) }
    }
    /// Binds one value.
    public func bind(_ index: Int32, _ value: SQLiteValue) {
        switch value {
        case .int(let x): bind(index, x)
        case .text(let t): bind(index, t)
        case .null: sqlite3_bind_null(statement, index)
        }
    }
    /// Binds values to parameters 1…n.
    public func bind(_ values: [SQLiteValue]) throws {
        for (i, v) in values.enumerated() { bind(Int32(i + 1), v) }
    }

    /// Advances: `true` when a row is available, `false` when done.
    @discardableResult public func step() throws -> Bool {
        // A switch expires every statement; SQLite prepares this one again, with the new setting, as it steps.
        if connection.checksConstraints != checksConstraints { try connection.setChecksConstraints(checksConstraints) }
        let rc = sqlite3_step(statement)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw WarehouseError(code: rc, message: String(cString: sqlite3_errmsg(connection.handle)), sql: sql)
    }

    /// Resets for the next execution and clears bindings.
    public func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        recycleArena()
    }

    /// Resets for the next execution without clearing bindings, for a statement run once per row whose
    /// parameters are all bound again before each step except those bound with ``bindPersistent(_:_:)``
    /// (which stay). Text bound with `bind(_:_:)` lives in the statement's arena, valid only until this reset,
    /// so it must be bound again before the next step.
    public func resetKeepingBindings() {
        sqlite3_reset(statement)
        recycleArena()
    }

    /// Empties the text arena for the next execution, doubling it if a parameter did not fit.
    private func recycleArena() {
        arenaUsed = 0
        if arenaOverflowed {
            arenaOverflowed = false
            arena.deallocate()
            arenaCapacity *= 2
            arena = .allocate(byteCount: arenaCapacity, alignment: 8)
        }
    }

    /// Runs the statement once with these bindings (no rows expected), then resets.
    public func run(_ values: [SQLiteValue]) throws {
        try bind(values)
        defer { reset() }
        try step()
    }

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
    public func text(_ column: Int32) -> String {
        guard let p = sqlite3_column_text(statement, column) else { return "" }
        return String(cString: p)
    }
    public func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    /// The UTF-8 bytes of a text column without making a `String` (empty for NULL); valid only inside `body`.
    public func withTextBytes<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let p = sqlite3_column_text(statement, column) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, column))))
    }
    public func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
}
