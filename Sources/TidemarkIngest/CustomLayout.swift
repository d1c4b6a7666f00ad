import TidemarkCSV
import TidemarkCommerce

/// An order export Tidemark has no built-in format for, described by a column mapping, so that an analyst can load
/// it without code (issue 3, "custom layouts"). A pipeline file maps canonical order-line fields onto the export's
/// header names and says how its values are written; ``declaration(id:)`` turns that into a format like any other.
///
/// Canonical fields (``fields``): `order_id`, `order_time`, `sku`, `quantity` and exactly one of `item_amount`
/// (the line amount excluding tax) or `unit_price` (× quantity) are required; `currency` is required unless
/// ``defaultCurrency`` is set; `tax`, `shipping`, `discount` (sign ignored), `status`, `country` (ship-to, names or
/// codes), `marketplace`, `buyer_email`, `buyer_id` are optional. Every mapped column must be in the file (the
/// mapped headers are the format's signature); other columns are ignored. Header names match as everywhere:
/// case-insensitive, `-`/`_`/space alike.
///
/// Values: ``datePattern`` (a ``DatePattern`` such as `dd/MM/yyyy HH:mm`; ISO 8601 when `nil`; a pattern without a
/// time of day gives dates that belong to that calendar date), ``timeZone`` for zone-less times (else the
/// source's), ``decimalSeparator`` (else the file's, sniffed), ``defaultCurrency`` (when there is no currency
/// column or it is empty; amounts may also carry currency text), ``defaultMarket`` (when no country or
/// marketplace resolves), ``statusValues`` (export value → `placed`/`shipped`/`cancelled`, case-insensitive;
/// unmapped values fall back to the common English and Chinese words, else the row is rejected; no status column
/// → placed). With ``negativeQuantitiesAreReturns`` a negative quantity is a return: a refund fact of the line's
/// amount (as a positive number) and units, dated the order time; otherwise it is rejected like in every order
/// export.
public struct CustomOrderLayout: Sendable, Equatable {
    /// The canonical fields a layout may map.
    public static let fields = [
        "order_id", "order_time", "sku", "quantity", "item_amount", "unit_price", "currency", "tax", "shipping", "discount",
        "status", "country", "marketplace", "buyer_email", "buyer_id",
    ]

    /// The platform the orders come from, snake_case (`bol_com`, `etsy`).
    public var platform: String
    /// Canonical field → header name in the export.
    public var columns: [String: String]
    public var datePattern: String?
    public var timeZone: String?
    public var decimalSeparator: DecimalSeparator?
    public var defaultCurrency: String?
    public var defaultMarket: String?
    /// Export status value → `placed`, `shipped` or `cancelled`.
    public var statusValues: [String: String]
    public var negativeQuantitiesAreReturns: Bool

    /// A layout; check it with ``validate()`` (``declaration(id:)`` does).
    public init(
        platform: String, columns: [String: String], datePattern: String? = nil, timeZone: String? = nil,
        decimalSeparator: DecimalSeparator? = nil, defaultCurrency: String? = nil, defaultMarket: String? = nil,
        statusValues: [String: String] = [:], negativeQuantitiesAreReturns: Bool = false
    ) {
        self.platform = platform
        self.columns = columns
        self.datePattern = datePattern
        self.timeZone = timeZone
        self.decimalSeparator = decimalSeparator
        self.defaultCurrency = defaultCurrency
        self.defaultMarket = defaultMarket
        self.statusValues = statusValues
        self.negativeQuantitiesAreReturns = negativeQuantitiesAreReturns
    }

    /// The layout's settings, checked: every problem found, in one error.
    struct Resolved: Sendable {
        var platform: Platform
        var pattern: DatePattern?
        var patternHasTime: Bool
        var zone: ReportingTimeZone?
        var currency: Currency?
        var market: Market?
        var statuses: [String: OrderStatus]
    }

    /// Checks the layout; throws ``CustomLayoutError`` listing every problem.
    public func validate() throws { _ = try resolve() }

    func resolve() throws -> Resolved {
        var problems: [String] = []
        let snake = platform.unicodeScalars.allSatisfy { ($0.value >= 97 && $0.value <= 122) || ($0.value >= 48 && $0.value <= 57) || $0 == "_" }
        if platform.isEmpty || !snake { problems.append("platform: \"\(platform)\" is not a snake_case name (e.g. bol_com)") }
        for (field, header) in columns.sorted(by: { $0.key < $1.key }) {
            if !Self.fields.contains(field) {
                problems.append("columns.\(field): not a canonical field (one of \(Self.fields.joined(separator: ", ")))")
            } else if HeaderName.normalize(header).isEmpty {
                problems.append("columns.\(field): the header name is empty")
            }
        }
        for field in ["order_id", "order_time", "sku", "quantity"] where columns[field] == nil {
            problems.append("columns.\(field): is required")
        }
        switch (columns["item_amount"] != nil, columns["unit_price"] != nil) {
        case (false, false): problems.append("columns: map item_amount (line amount) or unit_price")
        case (true, true): problems.append("columns: map item_amount or unit_price, not both")
        default: break
        }
        var pattern: DatePattern?
        if let p = datePattern {
            pattern = DatePattern(p)
            if pattern == nil { problems.append("date_pattern: \"\(p)\" is not a date pattern (it needs a year, a month and a day, e.g. dd/MM/yyyy HH:mm)") }
        }
        var zone: ReportingTimeZone?
        if let z = timeZone {
            zone = ReportingTimeZone(identifier: z)
            if zone == nil { problems.append("time_zone: \"\(z)\" is not an IANA time zone") }
        }
        var currency: Currency?
        if let c = defaultCurrency {
            currency = Currency(code: c)
            if currency == nil { problems.append("default_currency: \"\(c)\" is not an ISO 4217 currency code") }
        }
        if columns["currency"] == nil && defaultCurrency == nil { problems.append("columns.currency: map a currency column or set default_currency") }
        var market: Market?
        if let m = defaultMarket {
            market = Market.named(m)
            if market == nil { problems.append("default_market: \"\(m)\" is not a country code or name") }
        }
        var statuses: [String: OrderStatus] = [:]
        for (value, meaning) in statusValues.sorted(by: { $0.key < $1.key }) {
            if let s = OrderStatus(rawValue: meaning.lowercased()) {
                statuses[PlatformText.squashed(value)] = s
            } else {
                problems.append("status_values.\(value): \"\(meaning)\" is not placed, shipped or cancelled")
            }
        }
        if !problems.isEmpty { throw CustomLayoutError(problems: problems) }
        let hasTime = pattern.map { $0.description.contains("H") || $0.description.contains("h") } ?? true
        return Resolved(platform: Platform(platform), pattern: pattern, patternHasTime: hasTime, zone: zone, currency: currency, market: market, statuses: statuses)
    }

    /// The format declaration for this layout, under `id`. Throws ``CustomLayoutError`` when the layout is invalid.
    public func declaration(id: String) throws -> FormatDeclaration {
        let resolved = try resolve()
        let specs = Self.fields.compactMap { field in columns[field].map { ColumnSpec(field, [$0], required: true) } }
        let layout = self
        return FormatDeclaration(
            id: id, title: "Custom order layout \(id) (\(platform))", kind: .orderLines, quoting: true,
            signature: specs.map(\.field), columns: specs,
            makeParser: { map, ctx in CustomOrderParser(map: map, ctx: ctx, layout: layout, resolved: resolved) })
    }
}

/// Why a custom layout cannot be used: every problem, each with its key.
public struct CustomLayoutError: Error, CustomStringConvertible, Sendable, Equatable {
    public var problems: [String]
    public var description: String { "invalid custom layout: " + problems.joined(separator: "; ") }
}

/// Reads the rows of a custom order layout.
struct CustomOrderParser: RowParser {
    let ctx: ParseContext
    let layout: CustomOrderLayout
    let resolved: CustomOrderLayout.Resolved
    let dollar: Currency
    let index: [String: Int]

    init(map: ColumnMap, ctx: ParseContext, layout: CustomOrderLayout, resolved: CustomOrderLayout.Resolved) {
        self.ctx = ctx
        self.layout = layout
        self.resolved = resolved
        dollar = CurrencyText.dollar(for: resolved.market ?? ctx.defaultMarket)
        index = map.indexByField
    }

    mutating func parse(_ record: CSVRecord) -> RowOutcome {
        let f = Fields(record, layout.decimalSeparator ?? ctx.decimalSeparator)
        let i = index
        do {
            let orderID = try f.requiredText(i["order_id"], "the order id")
            let zone = resolved.zone ?? ctx.sourceZone
            let time: Timestamp
            if let p = resolved.pattern {
                guard let t = try f.patternTimestamp(i["order_time"], iso: false, patterns: [p], zone: zone) else {
                    throw FieldProblem(column: i["order_time"] ?? 0, value: "", reason: "is empty: the order time is required")
                }
                time = resolved.patternHasTime ? t : ctx.instant(ofDate: zone.date(of: t))
            } else {
                time = try f.timestamp(i["order_time"], zone: zone)
            }
            try checkNotFuture(ctx.reportingZone.date(of: time), ctx, column: i["order_time"], raw: f.raw(i["order_time"]))
            let sku = try f.requiredText(i["sku"], "the SKU")
            guard let quantity = try f.integer(i["quantity"]) else {
                throw FieldProblem(column: i["quantity"] ?? 0, value: "", reason: "is empty: a quantity is required")
            }
            if quantity == 0 || (quantity < 0 && !layout.negativeQuantitiesAreReturns) {
                throw FieldProblem(column: i["quantity"] ?? 0, value: f.raw(i["quantity"]), reason: "is not a positive quantity: returns belong in a return or refund export")
            }
            let amountField = i["item_amount"] != nil ? "item_amount" : "unit_price"
            guard let (amount, textCurrency) = try f.amountWithCurrency(i[amountField], dollar: dollar) else {
                throw FieldProblem(column: i[amountField] ?? 0, value: "", reason: "is empty: the amount is required")
            }
            var currency: Currency
            if try f.text(i["currency"]) != nil {
                currency = try f.currency(i["currency"])
            } else if let c = textCurrency ?? resolved.currency {
                currency = c
            } else {
                throw FieldProblem(column: i["currency"] ?? i[amountField] ?? 0, value: "", reason: "is empty and the layout has no default currency")
            }
            if let t = textCurrency, t != currency {
                throw FieldProblem(column: i[amountField] ?? 0, value: f.raw(i[amountField]), reason: "is in \(t.code) but the currency column says \(currency.code)")
            }
            func extra(_ field: String) throws -> Money {
                guard let (m, c) = try f.amountWithCurrency(i[field], dollar: dollar) else { return .zero }
                if let c, c != currency { throw FieldProblem(column: i[field] ?? 0, value: f.raw(i[field]), reason: "is in \(c.code), the line in \(currency.code)") }
                return m
            }
            let statusText = try f.text(i["status"])
            let status: OrderStatus
            if let t = statusText, let s = resolved.statuses[PlatformText.squashed(t)] {
                status = s
            } else if let s = ChineseMarketplaceOrders.status(statusText) {
                status = s
            } else {
                throw FieldProblem(column: i["status"] ?? 0, value: statusText ?? "", reason: "is not a known status (map it under status_values)")
            }
            let marketplace = try f.text(i["marketplace"]) ?? ""
            let market =
                try f.country(i["country"])
                ?? (marketplace.isEmpty ? nil : Market.amazonMarketplace(marketplace) ?? Market.named(marketplace))
                ?? resolved.market ?? ctx.defaultMarket ?? .unknown
            var customerKey: String?
            if let email = try f.text(i["buyer_email"]) { customerKey = ctx.customerKeys.key(email: email) }
            if customerKey == nil, let id = try f.text(i["buyer_id"]) { customerKey = ctx.customerKeys.key(platform: resolved.platform, buyerID: id) }
            let lineAmount = amountField == "unit_price" ? try f.lineTotal(amount, times: abs(quantity), quantityColumn: i["quantity"]) : amount.magnitude
            let provenance = Provenance(file: ctx.fileName, line: record.line)
            if quantity < 0 {
                return .fact(.refund(Refund(
                    provenance: provenance, platform: resolved.platform, market: market, orderID: orderID, sku: sku,
                    refundDate: ctx.reportingZone.date(of: time), amount: lineAmount.magnitude, currency: currency,
                    unitsReturned: -quantity, reason: "negative quantity in the order export")))
            }
            return .fact(.orderLine(OrderLine(
                provenance: provenance, platform: resolved.platform, store: "", marketplace: marketplace, market: market,
                orderID: orderID, orderTime: time, status: status, sku: sku, quantity: quantity, currency: currency,
                itemAmount: lineAmount, tax: try extra("tax"), shippingCharged: try extra("shipping"),
                discount: try extra("discount").magnitude, customerKey: customerKey, sourceUpdatedAt: nil)))
        } catch {
            return .rejecting(error)
        }
    }
}
