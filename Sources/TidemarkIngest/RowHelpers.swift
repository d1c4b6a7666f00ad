import TidemarkCSV
import TidemarkCommerce

/// A row that cannot be used: where, what, why. Only row-level problems are values; an unreadable file throws.
public struct RejectedRow: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// 1-based column number, or 0 when the problem is the whole row.
    public var columnNumber: Int
    /// The column's header name as written in the file (or `#N`, or empty for the whole row).
    public var column: String
    /// The raw value (truncated to 200 characters).
    public var value: String
    public var reason: String

    public init(file: String, line: Int, columnNumber: Int, column: String, value: String, reason: String) {
        self.file = file
        self.line = line
        self.columnNumber = columnNumber
        self.column = column
        self.value = value.count > 200 ? String(value.prefix(200)) + "…" : value
        self.reason = reason
    }

    /// `orders.txt:42:7 (item-price): "12.3O" is not a number`.
    public var description: String {
        let place = columnNumber > 0 ? "\(file):\(line):\(columnNumber) (\(column))" : "\(file):\(line)"
        return value.isEmpty ? "\(place): \(reason)" : "\(place): \"\(value)\" \(reason)"
    }
}

/// A failed field read inside a row parser: which column and why. Row parsers `throw` it to reject the row.
struct FieldProblem: Error {
    var column: Int
    var value: String
    var reason: String
}

/// Typed field access for row parsers: every accessor names the column in the problem it throws.
struct Fields {
    let record: CSVRecord
    let separator: DecimalSeparator

    init(_ record: CSVRecord, _ separator: DecimalSeparator) {
        self.record = record
        self.separator = separator
    }

    @inline(__always) func bytes(_ i: Int?) -> UnsafeRawBufferPointer {
        guard let i, i < record.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return record[i]
    }

    /// The raw text of a field (for messages), `""` if absent.
    func raw(_ i: Int?) -> String {
        guard let i, i < record.count else { return "" }
        return record.string(i) ?? String(decoding: record[i], as: UTF8.self)
    }

    /// `price × quantity`, or a problem naming the quantity column when the product is beyond the range of
    /// `Money` (which traps on overflow): one absurd row is a reject, not a crashed run.
    func lineTotal(_ price: Money, times quantity: Int, quantityColumn i: Int?) throws -> Money {
        let (micros, overflow) = price.micros.multipliedReportingOverflow(by: Int64(quantity))
        if overflow {
            throw FieldProblem(column: i ?? 0, value: raw(i), reason: "times the price \(price) is beyond the range of amounts")
        }
        return Money(micros: micros)
    }

    /// Trimmed text; `nil` when empty or absent. Throws on bytes that are not UTF-8.
    func text(_ i: Int?) throws -> String? {
        guard let i, i < record.count else { return nil }
        guard let s = record.string(i) else {
            throw FieldProblem(column: i, value: String(decoding: record[i], as: UTF8.self), reason: "contains bytes that are not valid text in the file's encoding")
        }
        let t = s.trimmingASCIISpaces()
        return t.isEmpty ? nil : t
    }

    /// Trimmed text that must be present.
    func requiredText(_ i: Int?, _ what: String) throws -> String {
        guard let t = try text(i) else { throw FieldProblem(column: i ?? 0, value: "", reason: "is empty: \(what) is required") }
        return t
    }

    /// An amount, `nil` when missing.
    func money(_ i: Int?) throws -> Money? {
        switch ValueParser.money(bytes(i), separator: separator) {
        case .value(let m): return m
        case .missing: return nil
        case .invalid(let why): throw FieldProblem(column: i ?? 0, value: raw(i), reason: why)
        }
    }

    /// An amount that must be present.
    func requiredMoney(_ i: Int?, _ what: String) throws -> Money {
        guard let m = try money(i) else { throw FieldProblem(column: i ?? 0, value: raw(i), reason: "is empty: \(what) is required") }
        return m
    }

    /// A whole number, `nil` when missing.
    func integer(_ i: Int?) throws -> Int? {
        switch ValueParser.integer(bytes(i), separator: separator) {
        case .value(let v): return v
        case .missing: return nil
        case .invalid(let why): throw FieldProblem(column: i ?? 0, value: raw(i), reason: why)
        }
    }

    /// An ISO timestamp that must be present.
    func timestamp(_ i: Int?, zone: ReportingTimeZone) throws -> Timestamp {
        switch DateParser.isoTimestamp(bytes(i), localZone: zone) {
        case .value(let t): return t
        case .missing: throw FieldProblem(column: i ?? 0, value: "", reason: "is empty: a date is required")
        case .invalid(let why): throw FieldProblem(column: i ?? 0, value: raw(i), reason: why)
        }
    }

    /// An optional ISO timestamp.
    func optionalTimestamp(_ i: Int?, zone: ReportingTimeZone) throws -> Timestamp? {
        switch DateParser.isoTimestamp(bytes(i), localZone: zone) {
        case .value(let t): return t
        case .missing: return nil
        case .invalid(let why): throw FieldProblem(column: i ?? 0, value: raw(i), reason: why)
        }
    }

    /// The market a country column names (a name nobody recognises is `ZZ`, loaded and flagged), else the
    /// source's default market, else `ZZ`.
    func market(_ i: Int?, fallback: Market?) throws -> Market {
        if let c = try text(i) { return Market.named(c) ?? .unknown }
        return fallback ?? .unknown
    }

    /// A currency code that must be an ISO 4217 code.
    func currency(_ i: Int?) throws -> Currency {
        let t = try requiredText(i, "a currency")
        guard let c = Currency(code: t) else { throw FieldProblem(column: i ?? 0, value: t, reason: "is not an ISO 4217 currency code") }
        return c
    }
}

extension RowOutcome {
    /// The reject outcome for a field problem.
    static func rejecting(_ p: FieldProblem) -> RowOutcome { .reject(column: p.column, value: p.value, reason: p.reason) }
}

/// Rejects a fact dated after the run date. `raw` (the field's text, for the message) is only made for a reject.
func checkNotFuture(_ date: CivilDate, _ ctx: ParseContext, column: Int?, raw: @autoclosure () -> String) throws {
    if date > ctx.runDate {
        throw FieldProblem(column: column ?? 0, value: raw(), reason: "is in the future (after the run date \(ctx.runDate))")
    }
}

// Field readers through a ``FieldMemo`` of their column: for columns whose few values repeat row after row, a
// repeated value costs a byte comparison instead of a `String`, a trim and a table lookup. Each gives exactly
// what the reader without a memo gives (and throws what it throws). A memo serves one column of one file.
extension Fields {
    /// ``text(_:)``, remembered per distinct field.
    func text(_ i: Int?, memo: inout FieldMemo<String?>) throws -> String? {
        try memo.value(bytes(i)) { try text(i) }
    }

    /// ``requiredText(_:_:)``, remembered per distinct field.
    func requiredText(_ i: Int?, _ what: String, memo: inout FieldMemo<String>) throws -> String {
        try memo.value(bytes(i)) { try requiredText(i, what) }
    }

    /// ``text(_:)`` lower-cased, `""` when empty, remembered per distinct field (status words).
    func lowercasedText(_ i: Int?, memo: inout FieldMemo<String>) throws -> String {
        try memo.value(bytes(i)) { try text(i)?.lowercased() ?? "" }
    }

    /// ``currency(_:)``, remembered per distinct field.
    func currency(_ i: Int?, memo: inout FieldMemo<Currency>) throws -> Currency {
        try memo.value(bytes(i)) { try currency(i) }
    }

    /// ``market(_:fallback:)``, remembered per distinct field; `fallback` must be the same on every call with
    /// one memo (it is the source's default market).
    func market(_ i: Int?, fallback: Market?, memo: inout FieldMemo<Market>) throws -> Market {
        try memo.value(bytes(i)) { try market(i, fallback: fallback) }
    }
}
