internal import CLibCSV
import Glibc

// The one place libcsv is wrapped. `LibCSVParser` owns a `csv_parser`; the two C callbacks below recover the
// `RecordCollector` through `Unmanaged` and build records in Swift-owned buffers; `check(_:_:)` turns libcsv
// status codes into `CSVError`. No C type appears in a public signature.

/// libcsv's parser states (`pstate` in `struct csv_parser`, from libcsv.c).
enum LibCSVState {
    /// Between records: the next byte starts a new record.
    static let rowNotBegun: Int32 = 0
    /// After a delimiter: the next byte starts a new field of the same record.
    static let fieldNotBegun: Int32 = 1
    /// Inside a field (quoted or not).
    static let fieldBegun: Int32 = 2
    /// Just after a `"` inside a quoted field: either the closing quote or the first of a doubled quote.
    static let fieldMightHaveEnded: Int32 = 3
}

/// Owns one libcsv `csv_parser`, configured for a dialect, at a stable address.
///
/// Options: `CSV_REPALL_NL`, so that blank lines become records with zero fields (the empty pseudo-record that
/// the `\n` of a CRLF produces is dropped by the collector), and a space function that returns 0, so libcsv
/// never trims spaces or tabs (callers trim what they want to trim). Quoting off is done by setting the quote
/// character to `0xFF`, a byte that never occurs in UTF-8; the reader replaces any stray `0xFF` byte in the
/// input with U+FFFD before libcsv sees it (see `CSVReader`), so no byte can ever open a quoted field.
final class LibCSVParser {
    /// The quote character used when quoting is off: `0xFF` cannot occur in valid UTF-8.
    static let noQuote: UInt8 = 0xFF

    /// The parser, allocated once so its address stays stable across calls.
    let parser: UnsafeMutablePointer<csv_parser>
    /// The file name for error messages.
    let fileName: String

    /// A parser for `dialect`; throws if libcsv cannot be initialised.
    init(dialect: CSVDialect, fileName: String, keepSpaces: Bool = true) throws(CSVError) {
        self.fileName = fileName
        parser = .allocate(capacity: 1)
        guard csv_init(parser, UInt8(CSV_REPALL_NL)) == 0 else {
            parser.deallocate()
            throw CSVError(.parser, file: fileName, message: "libcsv: cannot initialise the parser")
        }
        csv_set_delim(parser, dialect.delimiter)
        csv_set_quote(parser, dialect.quoting ? UInt8(ascii: "\"") : LibCSVParser.noQuote)
        if keepSpaces { csv_set_space_func(parser, neverSpace) }
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
    }

    /// Chooses libcsv's space test for the next bytes: `exact` installs the space function that returns 0 (no
    /// trimming, but one indirect call per byte of unquoted data, about a third of the parsing time); otherwise
    /// libcsv's inlined test (`' '` or TAB) is used, which the reader only allows for bytes on which both behave
    /// alike (see `SpaceScan`).
    @inline(__always)
    func useExactSpaces(_ exact: Bool) {
        parser.pointee.is_space = exact ? neverSpace : nil
    }

    /// libcsv's state (`ROW_NOT_BEGUN` … `FIELD_MIGHT_HAVE_ENDED`).
    @inline(__always)
    var state: Int32 { parser.pointee.pstate }

    /// Whether the field being parsed is quoted and its closing quote has not been seen.
    var isInsideOpenQuote: Bool {
        parser.pointee.pstate == LibCSVState.fieldBegun && parser.pointee.quoted != 0
    }

    /// Cuts the field being accumulated down to `limit` bytes, so a huge field cannot grow libcsv's buffer
    /// without bound. Returns `true` if it did. Only valid between calls to `parse`.
    @inline(__always)
    func truncateOpenField(to limit: Int) -> Bool {
        let length = parser.pointee.entry_pos
        // After a `"` in a quoted field, the last byte is a provisional closing quote, not field data.
        let provisionalQuote = parser.pointee.pstate == LibCSVState.fieldMightHaveEnded
        guard length - (provisionalQuote ? 1 : 0) > limit else { return false }
        if provisionalQuote {
            // The last byte is a provisional closing quote that libcsv will remove: keep it last.
            parser.pointee.entry_buf[limit] = parser.pointee.entry_buf[length - 1]
            parser.pointee.entry_pos = limit + 1
        } else {
            parser.pointee.entry_pos = limit
        }
        return true
    }

    /// Parses `count` bytes at `bytes`, calling back into `collector` for each field and record end.
    @inline(__always)
    func parse(_ bytes: UnsafeRawPointer, count: Int, collector: RecordCollector) throws(CSVError) {
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let consumed = csv_parse(parser, bytes, count, fieldCallback, recordCallback, context)
        if consumed != count {
            try check(csv_error(parser), "libcsv stopped parsing")
        }
    }

    /// Ends the input: hands out the last record if it has no line terminator, and resets the parser.
    func finish(collector: RecordCollector) throws(CSVError) {
        let context = Unmanaged.passUnretained(collector).toOpaque()
        try check(csv_fini(parser, fieldCallback, recordCallback, context), "libcsv could not finish")
    }

    /// Turns a libcsv status code into a `CSVError` (`CSV_SUCCESS` is no error).
    private func check(_ status: Int32, _ context: String) throws(CSVError) {
        guard status != CSV_SUCCESS else { return }
        let reason: String
        switch status {
        case CSV_EPARSE: reason = "parse error"
        case CSV_ENOMEM: reason = "out of memory"
        case CSV_ETOOBIG: reason = "field too big for memory"
        case -1: reason = "invalid parser"
        default: reason = csv_strerror(status).map { String(cString: $0) } ?? "error \(status)"
        }
        throw CSVError(.parser, file: fileName, message: "\(context): \(reason)")
    }
}

/// Decides whether libcsv's built-in space test could trim (or otherwise change) anything in some bytes.
///
/// With its built-in test, libcsv treats `' '` and TAB (unless TAB is the delimiter) as spaces: it skips them at
/// the start of a field, drops them at the end of an unquoted field, and keeps the state "closing quote seen"
/// across them after a quote. All three need a space next to a delimiter, CR, LF, or quote, or at the edge of
/// the bytes fed (whose neighbours are unknown). Spaces anywhere else (`Throw Pillow Cover`) are kept either
/// way, so for bytes without such a space the fast built-in test gives exactly the records of the exact one.
enum SpaceScan {
    /// `true` if some `' '` or TAB (other than the delimiter) in the bytes touches a delimiter, CR, LF, quote, or
    /// the first or last byte.
    @inline(__always)
    static func mayTrim(_ start: UnsafeRawPointer, _ length: Int, delimiter: UInt8, quote: UInt8) -> Bool {
        if scan(start, length, space: 0x20, delimiter: delimiter, quote: quote) { return true }
        return delimiter != 0x09 && scan(start, length, space: 0x09, delimiter: delimiter, quote: quote)
    }

    @inline(__always)
    private static func scan(
        _ start: UnsafeRawPointer, _ length: Int, space: UInt8, delimiter: UInt8, quote: UInt8
    ) -> Bool {
        let bytes = start.assumingMemoryBound(to: UInt8.self)
        var offset = 0
        while offset < length, let found = memchr(bytes + offset, Int32(space), length - offset) {
            let index = UnsafeRawPointer(found) - start
            if index == 0 || index == length - 1 { return true }
            let before = bytes[index - 1]
            let after = bytes[index + 1]
            if before == delimiter || before == quote || before == 0x0D || before == 0x0A { return true }
            if after == delimiter || after == 0x0D || after == 0x0A { return true }
            offset = index + 1
        }
        return false
    }
}

/// libcsv's space function: nothing is a space, so libcsv never trims.
private func neverSpace(_ byte: UInt8) -> Int32 { 0 }

/// libcsv's field callback (`cb1`): one field has ended.
private func fieldCallback(_ bytes: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<RecordCollector>.fromOpaque(context.unsafelyUnwrapped)._withUnsafeGuaranteedRef {
        $0.appendField(UnsafeRawPointer(bytes), length)
    }
}

/// libcsv's record callback (`cb2`): a record has ended, with terminator `\r`, `\n`, or -1 at end of input.
private func recordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<RecordCollector>.fromOpaque(context.unsafelyUnwrapped)._withUnsafeGuaranteedRef {
        $0.endRecord(terminator: terminator)
    }
}

/// Collects the fields of the current record in one growable byte buffer plus an offsets array (both reset per
/// record, never shrunk), and hands each finished record to the caller's closure.
final class RecordCollector {
    /// The bytes of the current record's fields, back to back.
    private var bytes: UnsafeMutableRawPointer
    private var byteCapacity: Int
    private var used = 0
    /// `fieldCount + 1` offsets into `bytes`; `offsets[0] == 0`.
    private var offsets: UnsafeMutablePointer<Int>
    private var offsetCapacity: Int
    private var fieldCount = 0
    private var problem: CSVRecordProblem?

    private let maxFieldBytes: Int
    private let maxFields: Int
    private let maxRecordBytes: Int
    private let deliver: (borrowing CSVRecord) throws -> Void

    /// The physical line being fed to libcsv.
    var currentLine = 1
    /// The physical line on which the current record started.
    var recordLine = 1
    /// Set by the reader when it had to cut the open field down to `maxFieldBytes`.
    var openFieldTruncated = false
    /// Set by the reader just before the end of input when a quoted field is still open.
    var unterminatedQuote = false
    /// Records handed out.
    private(set) var records = 0
    /// The first error thrown by the caller's closure; once set, nothing more is handed out.
    private(set) var failure: (any Error)?
    /// The terminator of the previous record (or -2 before any), to drop the `\n` of a CRLF.
    private var previousTerminator: Int32 = -2

    /// A collector that hands records to `deliver`, within the given limits.
    init(
        maxFieldBytes: Int, maxFields: Int, maxRecordBytes: Int,
        deliver: @escaping (borrowing CSVRecord) throws -> Void
    ) {
        self.maxFieldBytes = maxFieldBytes
        self.maxFields = maxFields
        self.maxRecordBytes = maxRecordBytes
        self.deliver = deliver
        byteCapacity = 4096
        bytes = .allocate(byteCount: byteCapacity, alignment: 16)
        offsetCapacity = 64
        offsets = .allocate(capacity: offsetCapacity)
        offsets[0] = 0
    }

    deinit {
        bytes.deallocate()
        offsets.deallocate()
    }

    /// Adds one field to the current record, enforcing the limits.
    @inline(__always)
    func appendField(_ source: UnsafeRawPointer?, _ length: Int) {
        if fieldCount >= maxFields {
            if problem == nil { problem = .tooManyFields }
            openFieldTruncated = false
            return
        }
        var length = length
        if openFieldTruncated || length > maxFieldBytes || used + length > maxRecordBytes {
            length = max(0, min(length, maxFieldBytes, maxRecordBytes - used))
            if problem == nil { problem = .fieldTooLarge(column: fieldCount) }
            openFieldTruncated = false
        }
        if used + length > byteCapacity { growBytes(to: used + length) }
        if length > 0, let source { (bytes + used).copyMemory(from: source, byteCount: length) }
        used += length
        fieldCount += 1
        if fieldCount == offsetCapacity { growOffsets() }
        offsets[fieldCount] = used
    }

    /// Ends the current record and hands it out (unless it is the empty pseudo-record after a CRLF's `\r`).
    @inline(__always)
    func endRecord(terminator: Int32) {
        let previous = previousTerminator
        previousTerminator = terminator
        defer {
            used = 0
            fieldCount = 0
            problem = nil
            recordLine = currentLine
        }
        if terminator == 0x0A && previous == 0x0D && fieldCount == 0 { return }
        guard failure == nil else { return }
        if unterminatedQuote { problem = .unterminatedQuote }
        records += 1
        let record = CSVRecord(
            line: recordLine, count: fieldCount, bytes: bytes, offsets: offsets, problem: problem,
            endedWithNewline: terminator >= 0)
        do {
            try deliver(record)
        } catch {
            failure = error
        }
    }

    private func growBytes(to needed: Int) {
        var capacity = byteCapacity
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        grown.copyMemory(from: bytes, byteCount: used)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
    }

    private func growOffsets() {
        let capacity = offsetCapacity * 2
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        grown.update(from: offsets, count: fieldCount)  // offsets[fieldCount] is written next
        offsets.deallocate()
        offsets = grown
        offsetCapacity = capacity
    }
}

/// libcsv on its own, for the reader benchmark: how fast the C parser goes through a file with callbacks that
/// only count, with the same options as the reader. Not used by the pipeline.
package enum LibCSVBaseline {
    /// Parses the file at `path` in chunks of `chunkSize` with `dialect`; returns (bytes, records).
    /// With `keepSpaces: false`, libcsv's own (inlined) space test is used instead of the reader's space function.
    package static func parse(
        path: String, dialect: CSVDialect, keepSpaces: Bool = true, chunkSize: Int = 1 << 16
    ) throws -> (Int, Int) {
        let parser = try LibCSVParser(dialect: dialect, fileName: path, keepSpaces: keepSpaces)
        guard let file = fopen(path, "rb") else {
            throw CSVError(.unreadable, file: path, message: "cannot open")
        }
        defer { fclose(file) }
        var counts = (bytes: 0, fields: 0, records: 0)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        try withUnsafeMutablePointer(to: &counts) { counts in
            while true {
                let count = fread(buffer, 1, chunkSize, file)
                if count == 0 { break }
                counts.pointee.bytes += count
                guard csv_parse(parser.parser, buffer, count, countField, countRecord, counts) == count else {
                    throw CSVError(.parser, file: path, message: "libcsv stopped parsing")
                }
            }
            csv_fini(parser.parser, countField, countRecord, counts)
        }
        return (counts.bytes, counts.records)
    }
}

/// Baseline field callback: counts.
private func countField(_ bytes: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: (bytes: Int, fields: Int, records: Int).self).pointee.fields += 1
}

/// Baseline record callback: counts.
private func countRecord(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: (bytes: Int, fields: Int, records: Int).self).pointee.records += 1
}
