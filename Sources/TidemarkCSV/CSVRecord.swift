/// A problem with one record that the reader can see; the record is still handed out so the caller can reject
/// it with its line number. When a record has several problems, the first one found is reported, except that an
/// unterminated quote always wins (it explains everything else about the record).
public enum CSVRecordProblem: Hashable, Sendable {
    /// A quoted field was still open at the end of the input: its field holds everything up to the end of the
    /// file (quoted newlines included).
    case unterminatedQuote

    /// A field exceeded `maxFieldBytes` (or the record exceeded `maxRecordBytes`) and its bytes were truncated.
    /// `column` is the 0-based index of that field, as for `record[column]`.
    case fieldTooLarge(column: Int)

    /// The record had more than `maxFields` fields; the extra fields were dropped.
    case tooManyFields
}

/// One record (row) of a delimited file, valid only during the callback that receives it.
///
/// Fields are views into the reader's reusable buffers: no `String` is made unless asked for. Copy what you keep
/// (`Array(record[i])` or `record.string(i)`).
public struct CSVRecord {
    /// The 1-based physical line on which the record starts. Newlines inside quoted fields do not shift the
    /// numbers of later records: those keep their physical line.
    public let line: Int

    /// The number of fields (0 for a blank line). Ragged rows report their own count, as is.
    public private(set) var count: Int

    /// Whether a problem the reader can see affects this record (`nil` for a well-formed record).
    public let problem: CSVRecordProblem?

    /// `false` for a final record that ended at the end of the input without a line terminator (a truncated
    /// last line, or an unterminated quote).
    public let endedWithNewline: Bool

    /// Start of the bytes of all fields, back to back.
    private let bytes: UnsafeRawPointer
    /// `count + 1` offsets into `bytes`: field `i` is `bytes[offsets[i] ..< offsets[i + 1]]`.
    private let offsets: UnsafePointer<Int>

    /// A record over `count` fields stored in `bytes` at `offsets` (which has `count + 1` entries).
    init(
        line: Int, count: Int, bytes: UnsafeRawPointer, offsets: UnsafePointer<Int>, problem: CSVRecordProblem?,
        endedWithNewline: Bool
    ) {
        self.line = line
        self.count = count
        self.bytes = bytes
        self.offsets = offsets
        self.problem = problem
        self.endedWithNewline = endedWithNewline
    }

    /// The UTF-8 bytes of field `i` (0-based), exactly as in the file: not trimmed, quotes removed and doubled
    /// quotes undoubled when quoting is on. Valid only during the callback.
    @inline(__always)
    public subscript(_ i: Int) -> UnsafeRawBufferPointer {
        precondition(i >= 0 && i < count, "field index \(i) out of range 0..<\(count)")
        let start = offsets[i]
        return UnsafeRawBufferPointer(start: bytes + start, count: offsets[i + 1] - start)
    }

    /// Field `i` (0-based) as a `String`, or `nil` if its bytes are not valid UTF-8.
    public func string(_ i: Int) -> String? {
        let field = self[i]
        // Most fields are ASCII, which is valid UTF-8 as it stands: no validation pass (whose generic entry point
        // looked up type metadata on every call).
        if field.allSatisfy({ $0 < 0x80 }) { return String(decoding: field, as: UTF8.self) }
        return String(validating: field, as: UTF8.self)
    }

    /// `true` for a record with zero fields, or whose fields are all empty or only spaces (a blank line, or a
    /// line of bare delimiters).
    public var isBlank: Bool {
        let all = UnsafeRawBufferPointer(start: bytes + offsets[0], count: offsets[count] - offsets[0])
        return all.allSatisfy { $0 == 0x20 }
    }
}

/// What one read of a file amounted to.
public struct CSVReadStats: Sendable, Equatable {
    /// Raw bytes of the file, before any transcoding (BOM included).
    public var bytesRead: Int

    /// Records handed to the callback, blank lines included.
    public var records: Int

    /// Physical lines in the file (`\n`-terminated lines, plus a final line without a newline).
    public var physicalLines: Int

    /// How many invalid byte sequences were replaced by U+FFFD while transcoding to UTF-8 (always 0 for UTF-8
    /// input, which is passed through unchanged).
    public var replacementCharacters: Int

    /// Statistics with the given figures.
    public init(bytesRead: Int = 0, records: Int = 0, physicalLines: Int = 0, replacementCharacters: Int = 0) {
        self.bytesRead = bytesRead
        self.records = records
        self.physicalLines = physicalLines
        self.replacementCharacters = replacementCharacters
    }
}
