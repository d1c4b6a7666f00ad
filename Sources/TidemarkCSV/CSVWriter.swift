/// One cell of a row to write.
public enum CSVCell {
    /// Text. If it begins with `=`, `+`, `-`, `@`, TAB or CR it is written with a leading `'`, so a spreadsheet
    /// shows it instead of running it as a formula.
    case text(String)
    /// A number already formatted (`"-12.50"`, `"1234"`): written as is, so spreadsheets keep it numeric.
    case number(String)
    /// The number `value / 10^decimals`, written exactly with `decimals` digits after a `.` (none and no `.` for 0)
    /// and a leading `-` when negative: `.decimal(-1250, decimals: 2)` is `-12.50`. The same text as a `.number` of
    /// it, formatted straight into the output without a `String` (tables write millions of figures).
    case decimal(Int64, decimals: Int)
    /// An empty cell.
    case empty
}

/// Options of a ``CSVWriter``.
public struct CSVWriterOptions: Sendable {
    /// The byte between fields (`,` by default).
    public var delimiter: UInt8
    /// End lines with `\r\n` instead of `\n`.
    public var crlf: Bool
    /// Start the output with the UTF-8 byte order mark `EF BB BF` (Excel needs it to read UTF-8).
    public var byteOrderMark: Bool

    /// Options with the given delimiter, line ending and BOM.
    public init(delimiter: UInt8, crlf: Bool, byteOrderMark: Bool) {
        self.delimiter = delimiter
        self.crlf = crlf
        self.byteOrderMark = byteOrderMark
    }

    /// `,`, `\n`, no BOM: plain UTF-8 CSV.
    public static let standard = CSVWriterOptions(delimiter: UInt8(ascii: ","), crlf: false, byteOrderMark: false)
    /// `,`, `\r\n`, BOM: what Excel opens correctly by double-click.
    public static let excel = CSVWriterOptions(delimiter: UInt8(ascii: ","), crlf: true, byteOrderMark: true)
}

/// Writes RFC 4180 CSV into memory.
///
/// A field is quoted when it contains the delimiter, `"`, CR or LF, with `"` doubled. Text cells that begin with
/// `=`, `+`, `-`, `@`, TAB or CR get a leading `'` (formula neutralisation); number cells are written as is.
public struct CSVWriter {
    /// The options this writer was made with.
    public let options: CSVWriterOptions
    private var output: [UInt8] = []

    /// A writer with `options`; the BOM, if asked for, is written at once.
    public init(options: CSVWriterOptions = .standard) {
        self.options = options
        if options.byteOrderMark { output = [0xEF, 0xBB, 0xBF] }
    }

    /// Everything written so far (the BOM first, if asked for).
    public var bytes: [UInt8] { output }

    /// Writes one row of cells and its line ending.
    public mutating func writeRow(_ cells: [CSVCell]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { output.append(options.delimiter) }
            switch cell {
            case .text(let text): writeField(text, neutralise: true)
            case .number(let number): writeField(number, neutralise: false)
            case .decimal(let value, let decimals): writeDecimal(value, decimals: decimals)
            case .empty: break
            }
        }
        if options.crlf { output.append(0x0D) }
        output.append(0x0A)
    }

    /// Writes a header row; names are text cells (and so neutralised like any text).
    public mutating func writeHeader(_ names: [String]) {
        writeRow(names.map { .text($0) })
    }

    /// Appends one field, neutralised and quoted as needed.
    private mutating func writeField(_ value: String, neutralise: Bool) {
        var value = value
        value.withUTF8 { appendField($0, neutralise: neutralise) }
    }

    /// Appends a ``CSVCell/decimal(_:decimals:)`` field: its digits are formatted from the end of a small buffer.
    private mutating func writeDecimal(_ value: Int64, decimals: Int) {
        precondition((0...24).contains(decimals), "CSVCell.decimal takes 0 to 24 decimals")
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var magnitude = value.magnitude
            var start = buffer.count
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            for _ in 0..<decimals {
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            }
            if decimals > 0 { put(UInt8(ascii: ".")) }
            repeat {
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { put(UInt8(ascii: "-")) }
            appendField(UnsafeBufferPointer(rebasing: buffer[start...]), neutralise: false)
        }
    }

    /// Appends the UTF-8 bytes of one field: with a leading `'` when `neutralise` and it begins like a formula,
    /// quoted (`"` doubled) when it contains the delimiter, `"`, CR or LF.
    private mutating func appendField(_ utf8: UnsafeBufferPointer<UInt8>, neutralise: Bool) {
        let quote = UInt8(ascii: "'")
        let prefixed = neutralise && utf8.first.map(Self.isFormulaStart) == true
        let needsQuotes = (prefixed && quote == options.delimiter) || utf8.contains { $0 == options.delimiter || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else {
            if prefixed { output.append(quote) }
            return output.append(contentsOf: utf8)
        }
        output.append(0x22)
        if prefixed { output.append(quote) }
        for byte in utf8 {
            if byte == 0x22 { output.append(0x22) }
            output.append(byte)
        }
        output.append(0x22)
    }

    /// Whether `byte` is `=`, `+`, `-`, `@`, TAB or CR: the first bytes that make a spreadsheet evaluate a cell.
    private static func isFormulaStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }
}
