import TidemarkCSV
import TidemarkCommerce

/// What kind of facts a format yields.
public enum FactKind: String, Sendable, CaseIterable {
    case orderLines = "order lines"
    case refunds
    case fees = "platform fees"
    case adPerformance = "ad performance"
    case traffic
    case shipments
    case fxRates = "FX rates"
    case unitCosts = "unit costs"
}

/// A column a format reads: the canonical field it fills and the header spellings that name it.
public struct ColumnSpec: Sendable {
    /// The canonical field name, e.g. `order_id`.
    public let field: String
    /// Accepted header names, already normalised with ``HeaderName/normalize(_:)``.
    public let names: [String]
    /// Whether a file lacking this column cannot be read in this format.
    public let required: Bool

    /// A column known by one or more header spellings (normalised here).
    public init(_ field: String, _ names: [String], required: Bool = false) {
        self.field = field
        self.names = names.map(HeaderName.normalize)
        self.required = required
    }
}

/// A fact a row turned into.
public enum IngestedFact: Sendable {
    case orderLine(OrderLine)
    case fxRate(FXRate)
    case unitCost(UnitCost)
    case refund(Refund)
    case fee(PlatformFee)
    case ad(AdPerformance)
    case traffic(Traffic)
    case shipment(Shipment)
}

/// What became of one record after the header.
public enum RowOutcome {
    /// The row became one fact.
    case fact(IngestedFact)
    /// The row became several facts (an ECB row: one rate per currency).
    case facts([IngestedFact])
    /// The row cannot be used: which column (0-based index), the raw value and why.
    case reject(column: Int, value: String, reason: String)
    /// The row is not data (blank, totals, footer, summary): why.
    case skip(reason: String)
}

/// Settings a row parser needs from the run and the source: the file name, how numbers and local times are
/// written, the run date (rows dated after it are rejected) and how buyer identities become customer keys.
public struct ParseContext: Sendable {
    public var fileName: String
    public var decimalSeparator: DecimalSeparator
    /// The zone in which the file's zone-less times are read.
    public var sourceZone: ReportingTimeZone
    /// The reporting time zone: a fact's date is its date here.
    public var reportingZone: ReportingTimeZone
    /// The run's date in the reporting time zone; a fact dated later is rejected.
    public var runDate: CivilDate
    /// The market used when a row names none the format can resolve.
    public var defaultMarket: Market?
    /// The base currency of plain FX tables that do not name one.
    public var fxBase: Currency
    /// Turns a buyer identity into a keyed hash.
    public var customerKeys: any CustomerKeying
    /// The file's lines before the header (see ``FileDetection/preamble``).
    public var preamble: [[String]] = []
    /// The currency of amounts in files that name none (an ad account's currency), from the pipeline's source.
    public var defaultCurrency: Currency? = nil

    public init(
        fileName: String, decimalSeparator: DecimalSeparator, sourceZone: ReportingTimeZone,
        reportingZone: ReportingTimeZone, runDate: CivilDate, defaultMarket: Market?, fxBase: Currency,
        customerKeys: any CustomerKeying
    ) {
        self.fileName = fileName
        self.decimalSeparator = decimalSeparator
        self.sourceZone = sourceZone
        self.reportingZone = reportingZone
        self.runDate = runDate
        self.defaultMarket = defaultMarket
        self.fxBase = fxBase
        self.customerKeys = customerKeys
    }
}

/// Turns the records of one file, after its header, into facts. One instance per file.
public protocol RowParser {
    /// Parses one record (after the header).
    mutating func parse(_ record: CSVRecord) -> RowOutcome
    /// The facts still held back after the last record (e.g. a Shopify or eBay file's last order, whose lines
    /// wait for order-level amounts to be allocated). Called once, at the end of the file.
    mutating func finish() -> [IngestedFact]
}

extension RowParser {
    /// Most formats hold nothing back.
    public mutating func finish() -> [IngestedFact] { [] }
}

/// An export format: how to recognise it and how its columns map onto canonical fields.
///
/// A new format is a declaration — signature columns, column specs, dialect — plus a row parser, which reuses
/// the shared value parsers. Formats are listed in ``FormatRegistry``.
public struct FormatDeclaration: Sendable {
    /// Stable identifier used in pipeline files and outputs, e.g. `amazon_all_orders`.
    public let id: String
    /// A human title, e.g. `Amazon All Orders report`.
    public let title: String
    /// The facts it yields.
    public let kind: FactKind
    /// Whether fields may be quoted. Amazon flat files are read with quoting off.
    public let quoting: Bool
    /// Fields whose header names must all be present for a file to be recognised as this format.
    public let signature: [String]
    /// Every column the format reads.
    public let columns: [ColumnSpec]
    /// An extra test on the normalised header, for formats whose columns are data (ECB: one column per currency).
    public let headerPredicate: (@Sendable ([String]) -> Bool)?
    /// Builds the row parser for one file.
    public let makeParser: @Sendable (ColumnMap, ParseContext) -> any RowParser

    public init(
        id: String, title: String, kind: FactKind, quoting: Bool, signature: [String], columns: [ColumnSpec],
        headerPredicate: (@Sendable ([String]) -> Bool)? = nil,
        makeParser: @escaping @Sendable (ColumnMap, ParseContext) -> any RowParser
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.quoting = quoting
        self.signature = signature
        self.columns = columns
        self.headerPredicate = headerPredicate
        self.makeParser = makeParser
    }

    /// The header names that identify this format (the first spelling of each signature field).
    public var signatureNames: [String] {
        signature.compactMap { f in columns.first(where: { $0.field == f })?.names.first }
    }

    /// How well a normalised header matches: the column map if every signature and required field is present,
    /// else the list of missing header names.
    public func match(normalizedHeader: [String], rawHeader: [String]) -> Result<ColumnMap, MissingColumns> {
        var index: [String: Int] = [:]
        var position: [String: Int] = [:]
        for (i, name) in normalizedHeader.enumerated() where position[name] == nil { position[name] = i }
        var missing: [String] = []
        for spec in columns {
            if let i = spec.names.lazy.compactMap({ position[$0] }).first {
                index[spec.field] = i
            } else if spec.required || signature.contains(spec.field) {
                missing.append(spec.names.first ?? spec.field)
            }
        }
        if let predicate = headerPredicate, !predicate(normalizedHeader) { missing.append("(\(title) header shape)") }
        if !missing.isEmpty {
            let present = signature.count - missing.filter { m in signatureNames.contains(m) }.count
            return .failure(MissingColumns(format: self.id, missing: missing, signatureMatched: max(0, present)))
        }
        return .success(ColumnMap(headerNames: rawHeader, indexByField: index))
    }
}

/// The columns a header lacks for a format, and how many of its signature columns it had.
public struct MissingColumns: Error, Sendable {
    public let format: String
    public let missing: [String]
    public let signatureMatched: Int
}

/// Turns buyer identities into keyed hashes so that no raw email or id is stored (implemented by Normalize).
public protocol CustomerKeying: Sendable {
    /// The key of a buyer email (trimmed and lower-cased before hashing), or `nil` if empty.
    func key(email: String) -> String?
    /// The key of a platform's buyer id, or `nil` if empty.
    func key(platform: Platform, buyerID: String) -> String?
}
