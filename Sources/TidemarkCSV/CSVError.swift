/// A file that cannot be read at all: missing, a directory, no permission, an I/O error, or an encoding the
/// system cannot convert. Problems with single records are not errors: see ``CSVRecordProblem``.
public struct CSVError: Error, CustomStringConvertible, Equatable {
    /// The file name as given to the reader (used as the prefix of ``description``).
    public let file: String

    /// The 1-based line the problem was found on, when it concerns one place in the file.
    public let line: Int?

    /// The 1-based column (field number) the problem was found in, when known.
    public let column: Int?

    /// What went wrong, in one line, without the location.
    public let message: String

    /// What kind of failure this is; internal so the public surface stays a plain description.
    let code: Code

    /// The kinds of failure the CSV module reports.
    enum Code: Equatable {
        /// The file could not be opened or read (missing, a directory, permission, I/O).
        case unreadable
        /// libcsv reported a failure (out of memory, buffer too big, invalid parser state).
        case parser
        /// The text encoding could not be set up (iconv has no converter for it).
        case encoding
    }

    /// An error about `file`, optionally at `line` and `column`.
    init(_ code: Code, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `"orders.csv:42:7: message"`, `"orders.csv:42: message"` or `"orders.csv: message"`: one grep-able line.
    public var description: String {
        switch (line, column) {
        case (let line?, let column?): return "\(file):\(line):\(column): \(message)"
        case (let line?, nil): return "\(file):\(line): \(message)"
        default: return "\(file): \(message)"
        }
    }
}
