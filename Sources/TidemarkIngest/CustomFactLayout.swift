import TidemarkCSV
import TidemarkCommerce

/// An ad, traffic or shipment export Tidemark has no built-in format for, described by a column mapping in the
/// pipeline file (the counterpart of ``CustomOrderLayout`` for the other fact kinds), so that any of them can be
/// loaded without code.
///
/// Canonical fields by kind — required ones first:
/// - `ads`: `date`, `campaign`, `spend`; then `account`, `ad_group`, `sku`, `country`, `currency`, `impressions`,
///   `clicks`, `attributed_orders`, `attributed_sales`;
/// - `traffic`: `date`; then `country`, `sku`, `impressions`, `clicks`, `sessions`, `page_views`, `inquiries`,
///   `add_to_carts` (a count that is not mapped, or empty, is `nil`, never 0);
/// - `shipments`: `tracking_number`; then `order_id`, `carrier`, `service`, `ship_date`, `delivery_date`,
///   `promised_date`, `status`, `country`, `freight`, `fuel`, `duty`, `other`, `currency`.
///
/// Days are ISO dates or the common layouts (`Dec 01, 2019`, `2026/09/15`, `20260915`); the source's
/// `default_market`/`currency` settings fill a missing country or currency. `platform` names the ad or traffic
/// platform (`bing_ads`); `carrier` the carrier when the file has no carrier column; `attribution_window` is kept
/// on every ad row as written.
public struct CustomFactLayout: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case ads, traffic, shipments
    }

    public var kind: Kind
    /// Ad or traffic platform (snake_case); the carrier name for shipments without a carrier column.
    public var platform: String
    /// Canonical field → header name.
    public var columns: [String: String]
    public var attributionWindow: String?

    public init(kind: Kind, platform: String, columns: [String: String], attributionWindow: String? = nil) {
        self.kind = kind
        self.platform = platform
        self.columns = columns
        self.attributionWindow = attributionWindow
    }

    /// The fields each kind may map, required ones first.
    public static func fields(_ kind: Kind) -> (required: [String], optional: [String]) {
        switch kind {
        case .ads:
            return (["date", "campaign", "spend"], ["account", "ad_group", "sku", "country", "currency", "impressions", "clicks", "attributed_orders", "attributed_sales"])
        case .traffic:
            return (["date"], ["country", "sku", "impressions", "clicks", "sessions", "page_views", "inquiries", "add_to_carts"])
        case .shipments:
            return (["tracking_number"], ["order_id", "carrier", "service", "ship_date", "delivery_date", "promised_date", "status", "country", "freight", "fuel", "duty", "other", "currency"])
        }
    }

    /// The layout as a format; throws ``CustomLayoutError`` listing every problem.
    public func declaration(id: String) throws -> FormatDeclaration {
        let (required, optional) = Self.fields(kind)
        var problems: [String] = []
        for f in required where columns[f] == nil { problems.append("columns.\(f): is required for \(kind.rawValue)") }
        for f in columns.keys.sorted() where !(required + optional).contains(f) {
            problems.append("columns.\(f): is not a \(kind.rawValue) field (known: \((required + optional).joined(separator: ", ")))")
        }
        if platform.isEmpty { problems.append("platform: is required") }
        if !problems.isEmpty { throw CustomLayoutError(problems: problems) }
        let specs = (required + optional).compactMap { f in columns[f].map { ColumnSpec(f, [$0], required: true) } }
        let layout = self
        let factKind: FactKind = kind == .ads ? .adPerformance : (kind == .traffic ? .traffic : .shipments)
        return FormatDeclaration(
            id: id, title: "Custom \(kind.rawValue) layout \(id) (\(platform))", kind: factKind, quoting: true,
            signature: specs.map(\.field), columns: specs, makeParser: { map, ctx in Parser(layout: layout, map: map, ctx: ctx) })
    }

    struct Parser: RowParser {
        let layout: CustomFactLayout
        let map: ColumnMap
        let ctx: ParseContext

        func i(_ field: String) -> Int? { map.index(field) }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            let provenance = Provenance(file: ctx.fileName, line: record.line)
            do {
                switch layout.kind {
                case .ads:
                    let date = try f.day(i("date"), "the date")
                    try checkNotFuture(date, ctx, column: i("date"), raw: f.raw(i("date")))
                    let currency = try currency(f)
                    guard let spend = try f.money(i("spend"), in: currency), spend >= .zero else {
                        throw FieldProblem(column: i("spend") ?? 0, value: f.raw(i("spend")), reason: "is empty or negative: spend is required")
                    }
                    return .fact(.ad(AdPerformance(
                        provenance: provenance, date: date, platform: Platform(layout.platform), account: try f.text(i("account")) ?? "",
                        campaign: try f.requiredText(i("campaign"), "the campaign"), adGroup: try f.text(i("ad_group")), sku: try f.text(i("sku")),
                        market: try f.market(i("country"), fallback: ctx.defaultMarket), currency: currency,
                        impressions: try f.count(i("impressions")) ?? 0, clicks: try f.count(i("clicks")) ?? 0, spend: spend,
                        attributedOrders: try f.count(i("attributed_orders")), attributedSales: try f.money(i("attributed_sales"), in: currency),
                        attributionWindow: layout.attributionWindow)))
                case .traffic:
                    let date = try f.day(i("date"), "the date")
                    try checkNotFuture(date, ctx, column: i("date"), raw: f.raw(i("date")))
                    return .fact(.traffic(Traffic(
                        provenance: provenance, date: date, platform: Platform(layout.platform),
                        market: try f.market(i("country"), fallback: ctx.defaultMarket), sku: try f.text(i("sku")),
                        impressions: try f.count(i("impressions")), clicks: try f.count(i("clicks")), sessions: try f.count(i("sessions")),
                        pageViews: try f.count(i("page_views")), inquiries: try f.count(i("inquiries")), addToCarts: try f.count(i("add_to_carts")))))
                case .shipments:
                    let tracking = try f.requiredText(i("tracking_number"), "the tracking number")
                    var status = ShipmentStatus.inTransit
                    if let word = try f.text(i("status")) {
                        guard let s = ShipmentVocabulary.status(word) else {
                            throw FieldProblem(column: i("status") ?? 0, value: word, reason: "is not a known shipment status")
                        }
                        status = s
                    }
                    let delivered = try f.optionalDay(i("delivery_date"))
                    if delivered != nil && status == .inTransit { status = .delivered }
                    var charges: [ChargeType: Money] = [:]
                    let hasCharges = ["freight", "fuel", "duty", "other"].contains { i($0) != nil }
                    let currency = hasCharges ? try currency(f) : (ctx.defaultCurrency ?? ctx.fxBase)
                    for (field, type) in [("freight", ChargeType.freight), ("fuel", .fuel), ("duty", .dutyTax), ("other", .other)] {
                        if let m = try f.money(i(field), in: currency), !m.isZero { charges[type] = m }
                    }
                    let shipDate = try f.optionalDay(i("ship_date"))
                    if let shipDate { try checkNotFuture(shipDate, ctx, column: i("ship_date"), raw: f.raw(i("ship_date"))) }
                    return .fact(.shipment(Shipment(
                        provenance: provenance, trackingNumber: tracking, orderID: try f.text(i("order_id")),
                        carrier: try f.text(i("carrier")) ?? layout.platform, service: try f.text(i("service")), shipDate: shipDate,
                        invoiceDate: nil, promisedDate: try f.optionalDay(i("promised_date")), deliveryDate: delivered, status: status,
                        destination: try f.market(i("country"), fallback: ctx.defaultMarket), weightGrams: nil, charges: charges, currency: currency)))
                }
            } catch {
                return .rejecting(error)
            }
        }

        /// The row's currency column, else the source's configured currency.
        func currency(_ f: Fields) throws -> Currency {
            if i("currency") != nil, try f.text(i("currency")) != nil { return try f.currency(i("currency")) }
            if let c = ctx.defaultCurrency { return c }
            throw FieldProblem(column: i("currency") ?? 0, value: "", reason: "has no currency: map a currency column or set the source's currency")
        }
    }
}
