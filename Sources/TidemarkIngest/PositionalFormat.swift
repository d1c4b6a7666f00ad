import TidemarkCSV
import TidemarkCommerce

/// A header-less format (carrier billing data) whose columns are fixed positions, recognised by the SHAPE of its
/// first record — never guessed: a file is read this way only when its first record has at least
/// ``minimumFields`` fields and passes ``shape``.
///
/// The layout's ``declaration`` is listed in ``FormatRegistry/all`` (so `tidemark formats` shows it and a
/// pipeline may force it by id) with a header predicate that matches no header; detection tries the layouts of
/// ``FormatRegistry/positional`` only after no header was found.
public struct PositionalLayout: Sendable {
    /// The format this layout reads (its parser receives a ``ColumnMap`` built from ``positions``).
    public let declaration: FormatDeclaration
    /// The delimiter of the files.
    public let delimiter: UInt8
    /// The least number of fields a record of this layout has.
    public let minimumFields: Int
    /// 1-based position of each field the parser reads, with the name the vendor's dictionary gives it.
    public let positions: [(field: String, position: Int, name: String)]
    /// A test of the first record's fields (trimmed text).
    public let shape: @Sendable ([String]) -> Bool

    public init(
        declaration: FormatDeclaration, delimiter: UInt8, minimumFields: Int,
        positions: [(field: String, position: Int, name: String)], shape: @escaping @Sendable ([String]) -> Bool
    ) {
        self.declaration = declaration
        self.delimiter = delimiter
        self.minimumFields = minimumFields
        self.positions = positions
        self.shape = shape
    }

    /// The column map for a file whose records have `fieldCount` fields: known positions named
    /// `Net Amount (#53)`, the others `#N`.
    func columnMap(fieldCount: Int) -> ColumnMap {
        var names = (1...max(fieldCount, 1)).map { "#\($0)" }
        var index: [String: Int] = [:]
        for p in positions where p.position <= fieldCount {
            names[p.position - 1] = "\(p.name) (#\(p.position))"
            index[p.field] = p.position - 1
        }
        return ColumnMap(headerNames: names, indexByField: index)
    }

    /// A declaration for a positional format: it never matches a header.
    static func headerless(id: String, title: String, kind: FactKind, makeParser: @escaping @Sendable (ColumnMap, ParseContext) -> any RowParser) -> FormatDeclaration {
        FormatDeclaration(
            id: id, title: title, kind: kind, quoting: true, signature: [], columns: [],
            headerPredicate: { _ in false }, makeParser: makeParser)
    }
}

extension FileDetector {
    /// Detection of a header-less file: the first positional layout (among `formatIDs`) whose shape the first
    /// non-blank record has; `nil` if none.
    static func detectPositional(prefix: [UInt8], encoding: TextEncoding, displayName: String, formatIDs: Set<String>, options: IngestOptions) -> FileDetection? {
        for layout in FormatRegistry.positional where formatIDs.contains(layout.declaration.id) {
            let reader = CSVReader(fileName: displayName, dialect: CSVDialect(delimiter: layout.delimiter, quoting: true), encoding: encoding)
            var first: [String]?
            var samples: [[String]] = []
            _ = try? reader.read(chunks: [prefix]) { record in
                if record.isBlank || record.problem != nil { return }
                let fields = (0..<record.count).map { (record.string($0) ?? "").trimmingASCIISpaces() }
                if first == nil { first = fields }
                samples.append(fields)
                if samples.count >= 200 { throw StopReading() }
            }
            guard let first, first.count >= layout.minimumFields, layout.shape(first) else { continue }
            let separator = options.decimalSeparator ?? sniffDecimalSeparator(samples, delimiter: layout.delimiter)
            return FileDetection(
                format: layout.declaration, encoding: encoding, dialect: CSVDialect(delimiter: layout.delimiter, quoting: true),
                headerLine: 0, columns: layout.columnMap(fieldCount: first.count), decimalSeparator: separator,
                absentOptionalColumns: [], preamble: [])
        }
        return nil
    }
}
