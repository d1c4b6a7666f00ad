import Glibc

/// Reads a delimited text file record by record in constant memory, through libcsv.
///
/// The input is read in chunks, transcoded to UTF-8 when needed (a BOM is skipped), split at `\n` and fed to
/// libcsv one physical line segment at a time, so the reader knows the line each record starts on. Records are
/// identical whatever the chunk size. A reader keeps no state between reads and may be shared across threads.
public final class CSVReader: Sendable {
    /// The name used in errors (usually the file's base name).
    public let fileName: String
    /// Delimiter and quote handling.
    public let dialect: CSVDialect
    /// The encoding of the input; anything but UTF-8 is transcoded with iconv.
    public let encoding: TextEncoding
    /// How many bytes are read from the file at a time.
    public let chunkSize: Int
    /// A longer field is truncated to this many bytes and its record flagged ``CSVRecordProblem/fieldTooLarge(column:)``.
    public let maxFieldBytes: Int
    /// Fields beyond this many are dropped and the record flagged ``CSVRecordProblem/tooManyFields``.
    public let maxFields: Int
    /// The bytes of all fields of one record are capped at this; the field that crosses it is truncated and the
    /// record flagged ``CSVRecordProblem/fieldTooLarge(column:)``.
    public let maxRecordBytes: Int

    /// A reader for files named `fileName` (for messages) in `dialect` and `encoding`.
    ///
    /// Memory stays below about `maxRecordBytes + maxFieldBytes + 2 × chunkSize` however the file looks.
    public convenience init(
        fileName: String, dialect: CSVDialect, encoding: TextEncoding, chunkSize: Int = 1 << 16,
        maxFieldBytes: Int = 16 << 20, maxFields: Int = 10_000, maxRecordBytes: Int = 64 << 20
    ) {
        self.init(
            fileName: fileName, dialect: dialect, encoding: encoding, chunkSize: chunkSize,
            maxFieldBytes: maxFieldBytes, maxFields: maxFields, maxRecordBytes: maxRecordBytes,
            exactSpacesOnly: false)
    }

    /// Whether to use libcsv's exact (slow) space test on every byte: only for tests that check the fast path
    /// (see `SpaceScan`) gives the same records.
    let exactSpacesOnly: Bool

    /// The designated initialiser, with the test-only `exactSpacesOnly`.
    init(
        fileName: String, dialect: CSVDialect, encoding: TextEncoding, chunkSize: Int, maxFieldBytes: Int,
        maxFields: Int, maxRecordBytes: Int, exactSpacesOnly: Bool
    ) {
        self.exactSpacesOnly = exactSpacesOnly
        precondition(chunkSize > 0 && maxFieldBytes >= 0 && maxFields >= 0 && maxRecordBytes >= 0)
        self.fileName = fileName
        self.dialect = dialect
        self.encoding = encoding
        self.chunkSize = chunkSize
        self.maxFieldBytes = maxFieldBytes
        self.maxFields = maxFields
        self.maxRecordBytes = maxRecordBytes
    }

    /// Streams the file at `path`, calling `onRecord` for every record (blank lines included) in order.
    ///
    /// Throws ``CSVError`` naming the file if it cannot be read at all (missing, a directory, no permission,
    /// an I/O error); rethrows what `onRecord` throws, after which no more records are handed out.
    public func read(path: String, _ onRecord: (borrowing CSVRecord) throws -> Void) throws -> CSVReadStats {
        let file: FilePieces
        do {
            file = try FilePieces(path: path)
        } catch {
            throw unreadable(error)
        }
        return try withoutActuallyEscaping(onRecord) { onRecord in
            let session = try ReadSession(reader: self, deliver: onRecord)
            do {
                try file.forEach(pieceSize: chunkSize) { try session.consume($0) }
            } catch let failure as FileReadFailure {
                throw unreadable(failure)
            }
            return try session.finish()
        }
    }

    /// Streams records from chunks supplied by the caller, exactly as ``read(path:_:)`` does from a file.
    public func read<S: Sequence>(chunks: S, _ onRecord: (borrowing CSVRecord) throws -> Void) throws
        -> CSVReadStats
    where S.Element == [UInt8] {
        try withoutActuallyEscaping(onRecord) { onRecord in
            let session = try ReadSession(reader: self, deliver: onRecord)
            for chunk in chunks {
                try chunk.withUnsafeBytes { try session.consume($0) }
            }
            return try session.finish()
        }
    }

    /// A `CSVError` for a failed system call.
    private func unreadable(_ failure: FileReadFailure) -> CSVError {
        CSVError(.unreadable, file: fileName, message: "cannot \(failure.step.rawValue): \(failure)")
    }
}

/// The state of one read: transcoder → BOM skipping → line splitting → libcsv → records.
private final class ReadSession {
    private let parser: LibCSVParser
    private let collector: RecordCollector
    private let transcoder: Transcoder?
    private let maxFieldBytes: Int
    private let quoting: Bool
    private let delimiter: UInt8
    /// The quote character libcsv was given.
    private let quote: UInt8
    private let exactSpacesOnly: Bool

    /// Raw bytes consumed.
    private var bytesRead = 0
    /// The physical line being fed (1-based).
    private var line = 1
    /// Whether bytes of the current line have been fed (for counting a final line without newline).
    private var lineHasBytes = false
    /// How many bytes of a leading UTF-8 BOM have been matched; `nil` once the start of input is settled.
    private var bomMatched: Int? = 0
    /// `0xFF` bytes replaced by U+FFFD when quoting is off.
    private var strayQuoteBytes = 0
    /// Scratch space for a segment with `0xFF` bytes replaced.
    private var scratch: [UInt8] = []

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    init(reader: CSVReader, deliver: @escaping (borrowing CSVRecord) throws -> Void) throws {
        parser = try LibCSVParser(dialect: reader.dialect, fileName: reader.fileName)
        collector = RecordCollector(
            maxFieldBytes: reader.maxFieldBytes, maxFields: reader.maxFields,
            maxRecordBytes: reader.maxRecordBytes, deliver: deliver)
        transcoder =
            reader.encoding.iconvName == nil
            ? nil : try Transcoder(encoding: reader.encoding, fileName: reader.fileName)
        maxFieldBytes = reader.maxFieldBytes
        quoting = reader.dialect.quoting
        delimiter = reader.dialect.delimiter
        exactSpacesOnly = reader.exactSpacesOnly
        quote = quoting ? UInt8(ascii: "\"") : LibCSVParser.noQuote
    }

    /// Consumes one chunk of raw input.
    func consume(_ raw: UnsafeRawBufferPointer) throws {
        bytesRead += raw.count
        if let transcoder {
            try transcoder.convert(raw) { try self.feed($0) }
        } else {
            try feed(raw)
        }
    }

    /// Ends the input and returns the figures.
    func finish() throws -> CSVReadStats {
        if let transcoder { try transcoder.finish { try self.feed($0) } }
        if let matched = bomMatched, matched > 0 {
            // The input was a strict prefix of a BOM: those bytes are data.
            bomMatched = nil
            try Self.byteOrderMark.withUnsafeBytes { try feedLines(UnsafeRawBufferPointer(rebasing: $0[..<matched])) }
        }
        collector.openFieldTruncated = collector.openFieldTruncated || parser.truncateOpenField(to: maxFieldBytes)
        collector.unterminatedQuote = parser.isInsideOpenQuote
        if parser.state == LibCSVState.rowNotBegun { collector.recordLine = line }
        try parser.finish(collector: collector)
        if let failure = collector.failure { throw failure }
        return CSVReadStats(
            bytesRead: bytesRead, records: collector.records, physicalLines: line - 1 + (lineHasBytes ? 1 : 0),
            replacementCharacters: (transcoder?.replacements ?? 0) + strayQuoteBytes)
    }

    /// Feeds UTF-8 bytes, first skipping a BOM at the very start of the input (which may arrive byte by byte).
    private func feed(_ utf8: UnsafeRawBufferPointer) throws {
        guard let before = bomMatched else { return try feedLines(utf8) }
        var matched = before
        var index = 0
        while matched < 3 && index < utf8.count && utf8[index] == Self.byteOrderMark[matched] {
            matched += 1
            index += 1
        }
        if matched == 3 {
            // A whole BOM: skip it.
            bomMatched = nil
            try feedLines(UnsafeRawBufferPointer(rebasing: utf8[index...]))
        } else if index < utf8.count {
            // Not a BOM: the bytes matched in earlier chunks are data, and so is all of this chunk.
            bomMatched = nil
            if before > 0 {
                try Self.byteOrderMark.withUnsafeBytes {
                    try feedLines(UnsafeRawBufferPointer(rebasing: $0[..<before]))
                }
            }
            try feedLines(utf8)
        } else {
            // Still a possible BOM: wait for more bytes.
            bomMatched = matched
        }
    }

    /// Splits UTF-8 bytes at `\n` and feeds libcsv one physical line segment at a time.
    @inline(__always)
    private func feedLines(_ utf8: UnsafeRawBufferPointer) throws {
        guard var start = utf8.baseAddress else { return }
        var remaining = utf8.count
        while remaining > 0 {
            if let newline = memchr(start, 0x0A, remaining) {
                let length = UnsafeRawPointer(newline) - start + 1
                try feedSegment(start, length)
                start += length
                remaining -= length
                line += 1
                collector.currentLine = line
                lineHasBytes = false
            } else {
                try feedSegment(start, remaining)
                lineHasBytes = true
                return
            }
        }
    }

    /// Feeds one piece of one physical line to libcsv.
    @inline(__always)
    private func feedSegment(_ start: UnsafeRawPointer, _ length: Int) throws {
        // Between records, the next record starts on this line.
        if parser.state == LibCSVState.rowNotBegun { collector.recordLine = line }
        if parser.truncateOpenField(to: maxFieldBytes) { collector.openFieldTruncated = true }
        parser.useExactSpaces(exactSpacesOnly || SpaceScan.mayTrim(start, length, delimiter: delimiter, quote: quote))
        if !quoting, memchr(start, Int32(LibCSVParser.noQuote), length) != nil {
            try feedReplacingNoQuote(start, length)
        } else {
            try parser.parse(start, count: length, collector: collector)
        }
        if let failure = collector.failure { throw failure }
    }

    /// With quoting off, `0xFF` is libcsv's quote character: replace each such byte (never valid UTF-8) by
    /// U+FFFD so it is ordinary data.
    private func feedReplacingNoQuote(_ start: UnsafeRawPointer, _ length: Int) throws {
        scratch.removeAll(keepingCapacity: true)
        for byte in UnsafeRawBufferPointer(start: start, count: length) {
            if byte == LibCSVParser.noQuote {
                scratch.append(contentsOf: [0xEF, 0xBF, 0xBD])
                strayQuoteBytes += 1
            } else {
                scratch.append(byte)
            }
        }
        try scratch.withUnsafeBytes { try parser.parse($0.baseAddress!, count: $0.count, collector: collector) }
    }
}
