import Foundation
import TidemarkCSV
import TidemarkCommerce
import TidemarkIngest
import TidemarkMetrics
import Yams

/// A problem in a pipeline file, with the file and key path: `pipelines/demo.yaml: inputs[1].encoding: "latin9"
/// is not a supported encoding`.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let keyPath: String
    public let message: String
    public var description: String { keyPath.isEmpty ? "\(file): \(message)" : "\(file): \(keyPath): \(message)" }
}

/// When a run that succeeded should still exit 3: on critical flags (default), on warnings too, or never.
public enum FailOn: String, Sendable, CaseIterable {
    case critical, warning, never
}

/// One input of a pipeline: a path or glob and how to read what it matches.
public struct InputDefinition: Sendable {
    /// Absolute path or glob.
    public var pattern: String
    public var options: IngestOptions
    /// Zone for times the file writes without an offset.
    public var sourceZone: ReportingTimeZone
    public var defaultMarket: Market?
    /// The currency of files that name none (an ad account's currency).
    public var defaultCurrency: Currency?
    /// `expect: daily`: a file is expected for every day (`source_missing_day`, `data_ends_early`).
    public var expectDaily: Bool = false

    public init(
        pattern: String, options: IngestOptions = IngestOptions(), sourceZone: ReportingTimeZone = .utc, defaultMarket: Market? = nil,
        defaultCurrency: Currency? = nil, expectDaily: Bool = false
    ) {
        self.pattern = pattern
        self.options = options
        self.sourceZone = sourceZone
        self.defaultMarket = defaultMarket
        self.defaultCurrency = defaultCurrency
        self.expectDaily = expectDaily
    }
}

/// A validated pipeline: every value parsed, every path absolute.
public struct PipelineDefinition: Sendable {
    public var name: String
    public var sourceFile: String?
    public var sourceSHA256: String
    public var currency: Currency
    public var timeZone: ReportingTimeZone
    public var fxBase: Currency
    public var warehousePath: String
    /// With ``datedReports``, the root under which each run writes `<run date>/` and points `latest` at it;
    /// otherwise the folder the run writes into.
    public var outputPath: String
    public var inputs: [InputDefinition]
    public var failOn: FailOn
    /// The file holding the customer-key secret (default: beside the warehouse).
    public var customerKeyFile: String
    /// Excel-friendly CSV (BOM, CRLF).
    public var excelCSV: Bool
    /// Fee rates (fraction of gross sales) for platforms without a fee export, e.g. `ebay: 0.13`.
    public var feeEstimates: [Platform: Ratio] = [:]
    /// Reports go to `<outputPath>/<run date>/` with a `latest` link (pipeline files); `--out` writes exactly there.
    public var datedReports: Bool = false
    /// How many dated report folders to keep (`nil` keeps all).
    public var keepReports: Int? = nil
    /// The periods reports cover; empty means all history.
    public var windows: [ReportWindow] = []
    /// The warehouse is a temporary file removed after the run (ad-hoc runs).
    public var temporaryWarehouse: Bool = false
    /// Predictive CLV settings (time unit, horizon, discount rate, minimum repeat customers).
    public var clvOptions = PredictiveCLVOptions()
    /// The CLV calibration end; `nil` uses the last order date.
    public var clvCalibrationEnd: CivilDate? = nil

    /// An ad-hoc pipeline with no file: EUR, UTC, a temporary warehouse, reports written exactly into `output`.
    /// The customer key comes from the environment or a key file in the user's home (`~/.tidemark/customer-key.secret`)
    /// so that keys agree between ad-hoc runs.
    public static func adhoc(output: String, inputs: [InputDefinition]) -> PipelineDefinition {
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("tidemark-adhoc-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).sqlite").path
        let home = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".tidemark")
        return PipelineDefinition(
            name: "adhoc", sourceFile: nil, sourceSHA256: "", currency: .EUR, timeZone: .utc, fxBase: .EUR,
            warehousePath: temporary, outputPath: output, inputs: inputs, failOn: .critical,
            customerKeyFile: home.appendingPathComponent("customer-key.secret").path, excelCSV: false,
            temporaryWarehouse: true)
    }
}

/// Reads `pipelines/*.yaml`. Every key is documented in docs/pipelines.md; unknown keys are errors.
///
/// ```yaml
/// name: demo
/// reporting: { currency: EUR, time_zone: UTC, fx_base: EUR }
/// warehouse: ../reports/demo/warehouse.sqlite      # relative to this file
/// output: ../reports/demo                         # each run writes <run date>/ here and points latest at it
/// retention: { keep: 30 }                           # dated report folders to keep
/// windows:                                          # periods the reports cover (default: all history)
///   - { name: last_90_days, last_days: 90 }
///   - { name: month_to_date, month_to_date: true }
/// fail_on: critical                                 # critical | warning | never
/// csv: { excel: false }
/// inputs:
///   - path: ../fixtures/amazon/*.txt
///     format: amazon_all_orders                     # optional: detected when absent
///     encoding: auto                                # auto | UTF-8 | Windows-1252 | GB18030 | …
///     fallback_encoding: Windows-1252
///     decimal: auto                                 # auto | point | comma
///     time_zone: UTC                                # for times written without an offset
///     default_market: DE
/// ```
public enum PipelineLoader {
    /// Loads and validates a pipeline file.
    public static func load(path: String) throws -> PipelineDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError(file: path, keyPath: "", message: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineError(file: path, keyPath: "", message: "is not UTF-8 text")
        }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let base = URL(fileURLWithPath: absolute).standardized.deletingLastPathComponent()
        let digest = Digest.SHA256()
        data.withUnsafeBytes { digest.update($0) }
        return try parse(yaml: text, file: path, baseDirectory: base, sha256: digest.finalizeHex())
    }

    /// Parses pipeline YAML; relative paths resolve against `baseDirectory`.
    public static func parse(yaml: String, file: String, baseDirectory: URL, sha256: String) throws -> PipelineDefinition {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            throw PipelineError(file: file, keyPath: "", message: "is not valid YAML: \(error)")
        }
        let root = try Mapping(node, path: "", file: file)
        try root.allow([
            "name", "reporting", "warehouse", "output", "inputs", "fail_on", "csv", "customer_key_file", "fee_estimates",
            "windows", "retention", "clv",
        ])
        let name = try root.requiredString("name")
        let reporting = try root.optionalMapping("reporting")
        try reporting?.allow(["currency", "time_zone", "fx_base"])
        let currency = try reporting?.currency("currency") ?? .EUR
        let zone = try reporting?.zone("time_zone") ?? .utc
        let fxBase = try reporting?.currency("fx_base") ?? .EUR
        func resolve(_ p: String) -> String {
            let expanded = (p as NSString).expandingTildeInPath
            return expanded.hasPrefix("/") ? expanded : baseDirectory.appendingPathComponent(expanded).standardized.path
        }
        let warehouse = resolve(try root.optionalString("warehouse") ?? "../reports/\(name)/warehouse.sqlite")
        let output = resolve(try root.optionalString("output") ?? "../reports/\(name)")
        let retention = try root.optionalMapping("retention")
        try retention?.allow(["keep"])
        let keep = try retention?.optionalPositiveInt("keep")
        var windows: [ReportWindow] = []
        if root.value("windows") != nil {
            for (i, item) in try root.sequence("windows").enumerated() {
                windows.append(try window(try Mapping(item, path: "windows[\(i)]", file: file)))
            }
            if Set(windows.map(\.name)).count != windows.count {
                throw root.error("windows", "window names must be different")
            }
        }
        let failOn = try root.optionalString("fail_on").map { v -> FailOn in
            guard let f = FailOn(rawValue: v) else {
                throw root.error("fail_on", "\"\(v)\" is not one of critical, warning, never")
            }
            return f
        } ?? .critical
        let csv = try root.optionalMapping("csv")
        try csv?.allow(["excel"])
        let excel = try csv?.optionalBool("excel") ?? false
        let keyFile = try root.optionalString("customer_key_file").map(resolve)
            ?? URL(fileURLWithPath: warehouse).deletingLastPathComponent().appendingPathComponent("customer-key.secret").path
        var feeEstimates: [Platform: Ratio] = [:]
        if let fees = try root.optionalMapping("fee_estimates") {
            for (k, _) in fees.node {
                guard let platform = k.string else { continue }
                feeEstimates[Platform(platform)] = try fees.fraction(platform)
            }
        }
        var inputs: [InputDefinition] = []
        for (i, item) in try root.sequence("inputs").enumerated() {
            let m = try Mapping(item, path: "inputs[\(i)]", file: file)
            inputs.append(try input(m, index: i, pipeline: name, resolve: resolve))
        }
        var clvOptions = PredictiveCLVOptions()
        var calibrationEnd: CivilDate?
        if let clv = try root.optionalMapping("clv") {
            try clv.allow(["calibration_end", "time_unit", "horizon_months", "monthly_discount_rate", "min_repeat_customers"])
            if let end = try clv.optionalString("calibration_end") {
                guard let d = CivilDate(iso: end) else { throw clv.error("calibration_end", "\"\(end)\" is not a date (YYYY-MM-DD)") }
                calibrationEnd = d
            }
            if let unit = try clv.optionalString("time_unit") {
                guard let u = CLVTimeUnit(rawValue: unit) else { throw clv.error("time_unit", "\"\(unit)\" is not one of days, weeks, months") }
                clvOptions.unit = u
            }
            if let h = try clv.optionalPositiveInt("horizon_months") { clvOptions.horizonMonths = h }
            if clv.value("monthly_discount_rate") != nil {
                let r = try clv.fraction("monthly_discount_rate")
                clvOptions.monthlyDiscountRate = Double(r.numerator) / Double(r.denominator)
            }
            if let n = try clv.optionalPositiveInt("min_repeat_customers") { clvOptions.minimumRepeatCustomers = n }
        }
        return PipelineDefinition(
            name: name, sourceFile: file, sourceSHA256: sha256, currency: currency, timeZone: zone, fxBase: fxBase,
            warehousePath: warehouse, outputPath: output, inputs: inputs, failOn: failOn, customerKeyFile: keyFile,
            excelCSV: excel, feeEstimates: feeEstimates, datedReports: true, keepReports: keep, windows: windows,
            clvOptions: clvOptions, clvCalibrationEnd: calibrationEnd)
    }

    static func input(_ m: Mapping, index: Int, pipeline: String, resolve: (String) -> String) throws -> InputDefinition {
        try m.allow(["path", "format", "encoding", "fallback_encoding", "decimal", "time_zone", "default_market", "currency", "layout", "expect"])
        var expectDaily = false
        if let e = try m.optionalString("expect") {
            guard e == "daily" else { throw m.error("expect", "\"\(e)\" is not a known delivery schedule (known: daily)") }
            expectDaily = true
        }
        var options = IngestOptions()
        if let layout = try m.optionalMapping("layout") {
            if m.value("format") != nil { throw m.error("layout", "give either format or layout, not both") }
            options.customFormat = try customLayout(layout, id: "\(pipeline)_input_\(index)")
        }
        if let f = try m.optionalString("format") {
            guard FormatRegistry.format(id: f) != nil else {
                throw m.error("format", "\"\(f)\" is not a known format (known: \(FormatRegistry.all.map(\.id).joined(separator: ", ")))")
            }
            options.formatID = f
        }
        if let e = try m.optionalString("encoding"), e.lowercased() != "auto" { options.encoding = try encoding(e, m, "encoding") }
        if let e = try m.optionalString("fallback_encoding") { options.fallbackEncoding = try encoding(e, m, "fallback_encoding") }
        if let d = try m.optionalString("decimal"), d != "auto" {
            guard let sep = DecimalSeparator(rawValue: d) else { throw m.error("decimal", "\"\(d)\" is not one of auto, point, comma") }
            options.decimalSeparator = sep
        }
        let market = try m.optionalString("default_market").map { v -> Market in
            guard let market = Market.named(v) else { throw m.error("default_market", "\"\(v)\" is not a known market") }
            return market
        }
        return InputDefinition(
            pattern: resolve(try m.requiredString("path")), options: options, sourceZone: try m.zone("time_zone") ?? .utc,
            defaultMarket: market, defaultCurrency: try m.currency("currency"), expectDaily: expectDaily)
    }

    /// A custom layout: `kind` (orders by default; ads, traffic, shipments), `platform`, `columns` (canonical field →
    /// header name), and for orders how values are written.
    static func customLayout(_ m: Mapping, id: String) throws -> FormatDeclaration {
        let kind = try m.optionalString("kind") ?? "orders"
        if kind != "orders" {
            guard let k = CustomFactLayout.Kind(rawValue: kind) else {
                throw m.error("kind", "\"\(kind)\" is not one of orders, ads, traffic, shipments")
            }
            try m.allow(["kind", "platform", "columns", "attribution_window"])
            var columns: [String: String] = [:]
            if let sub = try m.optionalMapping("columns") {
                for (key, _) in sub.node { if let name = key.string { columns[name] = try sub.requiredString(name) } }
            }
            do {
                return try CustomFactLayout(
                    kind: k, platform: try m.requiredString("platform"), columns: columns,
                    attributionWindow: try m.optionalString("attribution_window")
                ).declaration(id: id)
            } catch {
                throw PipelineError(file: m.file, keyPath: m.path, message: "\(error)")
            }
        }
        try m.allow([
            "kind", "platform", "columns", "date_pattern", "time_zone", "decimal", "default_currency", "default_market", "status_values",
            "negative_quantities_are_returns",
        ])
        func strings(_ key: String) throws -> [String: String] {
            guard let sub = try m.optionalMapping(key) else { return [:] }
            var out: [String: String] = [:]
            for (k, _) in sub.node {
                guard let name = k.string else { continue }
                out[name] = try sub.requiredString(name)
            }
            return out
        }
        let columns = try strings("columns")
        if columns.isEmpty { throw m.error("columns", "is required: map canonical fields (order_id, order_time, sku, quantity, item_amount or unit_price, …) to the export's header names") }
        var decimal: DecimalSeparator?
        if let d = try m.optionalString("decimal"), d != "auto" {
            guard let sep = DecimalSeparator(rawValue: d) else { throw m.error("decimal", "\"\(d)\" is not one of auto, point, comma") }
            decimal = sep
        }
        let layout = CustomOrderLayout(
            platform: try m.requiredString("platform"), columns: columns, datePattern: try m.optionalString("date_pattern"),
            timeZone: try m.optionalString("time_zone"), decimalSeparator: decimal, defaultCurrency: try m.optionalString("default_currency"),
            defaultMarket: try m.optionalString("default_market"), statusValues: try strings("status_values"),
            negativeQuantitiesAreReturns: try m.optionalBool("negative_quantities_are_returns") ?? false)
        do {
            return try layout.declaration(id: id)
        } catch {
            throw PipelineError(file: m.file, keyPath: m.path, message: "\(error)")
        }
    }

    static func window(_ m: Mapping) throws -> ReportWindow {
        try m.allow(["name", "last_days", "month_to_date", "all"])
        let name = try m.requiredString("name")
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw m.error("name", "\"\(name)\" must be letters, digits, _ or - (it names a folder)")
        }
        let kinds = [m.value("last_days") != nil, m.value("month_to_date") != nil, m.value("all") != nil].filter { $0 }.count
        guard kinds == 1 else { throw PipelineError(file: m.file, keyPath: m.path, message: "needs exactly one of last_days, month_to_date, all") }
        if let days = try m.optionalPositiveInt("last_days") { return ReportWindow(name: name, kind: .lastDays(days)) }
        if try m.optionalBool("month_to_date") == true { return ReportWindow(name: name, kind: .monthToDate) }
        if try m.optionalBool("all") == true { return ReportWindow(name: name, kind: .all) }
        throw PipelineError(file: m.file, keyPath: m.path, message: "needs exactly one of last_days, month_to_date, all set to a value")
    }

    static func encoding(_ text: String, _ m: Mapping, _ key: String) throws -> TextEncoding {
        if let e = TextEncoding.named(text) { return e }
        throw m.error(key, "\"\(text)\" is not a supported encoding (\(TextEncoding.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
}

/// A YAML mapping with its key path, for precise error messages.
struct Mapping {
    let node: Node.Mapping
    let path: String
    let file: String

    init(_ node: Node?, path: String, file: String) throws {
        guard let node, let m = node.mapping else {
            throw PipelineError(file: file, keyPath: path, message: "must be a mapping of keys to values")
        }
        self.node = m
        self.path = path
        self.file = file
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    func error(_ key: String, _ message: String) -> PipelineError { PipelineError(file: file, keyPath: keyPath(key), message: message) }

    func allow(_ keys: Set<String>) throws {
        for (k, _) in node {
            guard let key = k.string else { throw PipelineError(file: file, keyPath: path, message: "has a key that is not text") }
            if !keys.contains(key) {
                throw error(key, "is not a known key (known here: \(keys.sorted().joined(separator: ", ")))")
            }
        }
    }

    func value(_ key: String) -> Node? { node[Node(key)] }

    func optionalString(_ key: String) throws -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v.scalar?.string else { throw error(key, "must be a single value") }
        return s
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try optionalString(key), !s.isEmpty else { throw error(key, "is required") }
        return s
    }

    func optionalBool(_ key: String) throws -> Bool? {
        guard let s = try optionalString(key) else { return nil }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "\"\(s)\" is not true or false")
        }
    }

    func optionalPositiveInt(_ key: String) throws -> Int? {
        guard let s = try optionalString(key) else { return nil }
        guard let v = Int(s), v > 0 else { throw error(key, "\"\(s)\" is not a whole number above 0") }
        return v
    }

    func optionalMapping(_ key: String) throws -> Mapping? {
        guard let v = value(key) else { return nil }
        return try Mapping(v, path: keyPath(key), file: file)
    }

    func sequence(_ key: String) throws -> [Node] {
        guard let v = value(key) else { throw error(key, "is required") }
        guard let seq = v.sequence else { throw error(key, "must be a list") }
        return Array(seq)
    }

    func currency(_ key: String) throws -> Currency? {
        guard let s = try optionalString(key) else { return nil }
        guard let c = Currency(code: s) else { throw error(key, "\"\(s)\" is not an ISO 4217 currency code") }
        return c
    }

    /// A fraction written as a decimal between 0 and 1 (`0.13`), exactly.
    func fraction(_ key: String) throws -> Ratio {
        let text = try requiredString(key)
        let bytes = Array(text.utf8)
        let parsed = bytes.withUnsafeBytes { ValueParser.scaledDecimal($0, scale: 6, separator: .point) }
        guard case .value(let n) = parsed, !n.isPercent, n.currencyText.isEmpty, n.scaled >= 0, n.scaled <= 1_000_000 else {
            throw error(key, "\"\(text)\" is not a fraction between 0 and 1 (write 0.13 for 13 %)")
        }
        return Ratio(Int128(n.scaled), 1_000_000)!
    }

    func zone(_ key: String) throws -> ReportingTimeZone? {
        guard let s = try optionalString(key) else { return nil }
        guard let z = ReportingTimeZone(identifier: s) else { throw error(key, "\"\(s)\" is not an IANA time zone (e.g. UTC, Europe/Berlin)") }
        return z
    }
}
