import TidemarkCSV
import TidemarkCommerce

/// Amazon "Returns" report by return date (Title Case header, TAB separated, not quoted): `Order ID, Order date,
/// Return request date, Return request status, Amazon RMA ID, …, Currency code, …, ASIN, Merchant SKU, Item Name,
/// Return quantity, Return Reason, …, Order Amount, Order quantity, …, Refunded Amount`.
///
/// Each row becomes a refund fact carrying the **units** returned (`Return quantity`) with amount **0** and the
/// return reason: the money of a refund comes from the settlement or Date Range report, so a return loaded from
/// both kinds of report is counted once in money and once in units. Date: `Return request date` (ISO, or
/// `dd-MMM-yyyy`, `MMM d, yyyy`, `dd.MM.yyyy`; the date as written). Currency: `Currency code`, else the currency
/// text of `Order Amount`, else the FX table's base (the amount is zero either way). Market: the source's default
/// market, else `ZZ` (the report names no marketplace: configure one per marketplace download). Requests with a
/// status of `Rejected`, `Cancelled` or `Closed without refund` are skipped (`return request not accepted`).
enum AmazonReturns {
    static let declaration = FormatDeclaration(
        id: "amazon_returns", title: "Amazon returns report (by return date)", kind: .refunds, quoting: false,
        signature: ["order_id", "return_request_date", "merchant_sku", "return_quantity"],
        columns: [
            ColumnSpec("order_id", ["Order ID"], required: true),
            ColumnSpec("return_request_date", ["Return request date"], required: true),
            ColumnSpec("status", ["Return request status"]),
            ColumnSpec("currency", ["Currency code"]),
            ColumnSpec("merchant_sku", ["Merchant SKU"], required: true),
            ColumnSpec("return_quantity", ["Return quantity"], required: true),
            ColumnSpec("reason", ["Return Reason"]),
            ColumnSpec("order_amount", ["Order Amount"]),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    static let datePatterns = [DatePattern("dd-MMM-yyyy")!, DatePattern("MMM d, yyyy")!, PlatformDates.euDate, DatePattern("dd-MMM-yy")!]

    struct Parser: RowParser {
        let ctx: ParseContext
        let iOrder, iDate, iStatus, iCurrency, iSKU, iQty, iReason, iOrderAmount: Int?

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iOrder = map.index("order_id")
            iDate = map.index("return_request_date")
            iStatus = map.index("status")
            iCurrency = map.index("currency")
            iSKU = map.index("merchant_sku")
            iQty = map.index("return_quantity")
            iReason = map.index("reason")
            iOrderAmount = map.index("order_amount")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let status = PlatformText.squashed(try f.text(iStatus) ?? "")
                if status.contains("reject") || status.contains("cancel") || status.contains("withoutrefund") {
                    return .skip(reason: "return request not accepted")
                }
                let orderID = try f.requiredText(iOrder, "the order id")
                let sku = try f.requiredText(iSKU, "the SKU")
                guard let date = try f.patternDate(iDate, patterns: AmazonReturns.datePatterns) else {
                    throw FieldProblem(column: iDate ?? 0, value: "", reason: "is empty: a return date is required")
                }
                try checkNotFuture(date, ctx, column: iDate, raw: f.raw(iDate))
                let units = try f.positiveQuantity(iQty)
                var currency: Currency
                if try f.text(iCurrency) != nil {
                    currency = try f.currency(iCurrency)
                } else if let c = try f.amountWithCurrency(iOrderAmount, dollar: CurrencyText.dollar(for: ctx.defaultMarket, preferring: ctx.defaultCurrency))?.1 {
                    currency = c
                } else {
                    currency = ctx.fxBase
                }
                return .fact(.refund(Refund(
                    provenance: Provenance(file: ctx.fileName, line: record.line), platform: .amazon,
                    market: ctx.defaultMarket ?? .unknown, orderID: orderID, sku: sku, refundDate: date, amount: .zero,
                    currency: currency, unitsReturned: units, reason: try f.text(iReason))))
            } catch {
                return .rejecting(error)
            }
        }
    }
}

/// Amazon "FBA customer returns" report (TAB separated, not quoted): `return-date order-id sku asin fnsku
/// product-name quantity fulfillment-center-id detailed-disposition reason status license-plate-number
/// customer-comments`.
///
/// Each row becomes a refund fact with `unitsReturned` = `quantity`, amount **0** (money comes from the payment
/// reports, see ``AmazonReturns``) and `reason`. `return-date` is ISO with offset; the fact's date is its date in
/// the reporting time zone. The report has no currency: the zero amount is written in the FX table's base
/// currency, so it always converts. Market: the source's default market, else `ZZ`. Customer comments are not
/// read. Load either this report or the returns report for the same returns, not both.
enum AmazonFBACustomerReturns {
    static let declaration = FormatDeclaration(
        id: "amazon_fba_customer_returns", title: "Amazon FBA customer returns report", kind: .refunds, quoting: false,
        signature: ["return_date", "order_id", "sku", "quantity", "detailed_disposition"],
        columns: [
            ColumnSpec("return_date", ["return-date"], required: true),
            ColumnSpec("order_id", ["order-id"], required: true),
            ColumnSpec("sku", ["sku"], required: true),
            ColumnSpec("quantity", ["quantity"], required: true),
            ColumnSpec("detailed_disposition", ["detailed-disposition"]),
            ColumnSpec("reason", ["reason"]),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    struct Parser: RowParser {
        let ctx: ParseContext
        let iDate, iOrder, iSKU, iQty, iReason: Int?

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iDate = map.index("return_date")
            iOrder = map.index("order_id")
            iSKU = map.index("sku")
            iQty = map.index("quantity")
            iReason = map.index("reason")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let time = try f.timestamp(iDate, zone: ctx.sourceZone)
                let date = ctx.reportingZone.date(of: time)
                try checkNotFuture(date, ctx, column: iDate, raw: f.raw(iDate))
                return .fact(.refund(Refund(
                    provenance: Provenance(file: ctx.fileName, line: record.line), platform: .amazon,
                    market: ctx.defaultMarket ?? .unknown, orderID: try f.requiredText(iOrder, "the order id"),
                    sku: try f.requiredText(iSKU, "the SKU"), refundDate: date, amount: .zero, currency: ctx.fxBase,
                    unitsReturned: try f.positiveQuantity(iQty), reason: try f.text(iReason))))
            } catch {
                return .rejecting(error)
            }
        }
    }
}

/// Amazon "FBA Amazon fulfilled shipments" report (TAB separated, not quoted): one row per shipment item with
/// `amazon-order-id … shipment-id … shipment-date … buyer-email buyer-name … sku … currency … ship-country …
/// carrier tracking-number estimated-arrival-date fulfillment-center-id fulfillment-channel sales-channel`.
///
/// Each parcel (tracking number) becomes one shipment fact: carrier, `ship-service-level` as service,
/// `shipment-date` as ship date, status `not_reported` (the report says nothing about delivery), destination market
/// from `ship-country` (else the site), no charges (Amazon's fulfilment fees come from the payment reports),
/// currency from the row. Further items of a parcel already read are skipped (`further item of the same parcel`).
/// Buyer email, name, phone and addresses are never read.
///
/// `estimated-arrival-date` is not read as a promised date: it is Amazon's estimate at shipping, and the report never
/// says whether or when the parcel arrived to judge it against.
enum AmazonFBAShipments {
    static let declaration = FormatDeclaration(
        id: "amazon_fba_shipments", title: "Amazon FBA fulfilled shipments report", kind: .shipments, quoting: false,
        signature: ["order_id", "shipment_id", "shipment_date", "carrier", "tracking_number"],
        columns: [
            ColumnSpec("order_id", ["amazon-order-id"], required: true),
            ColumnSpec("shipment_id", ["shipment-id"], required: true),
            ColumnSpec("shipment_date", ["shipment-date"], required: true),
            ColumnSpec("carrier", ["carrier"], required: true),
            ColumnSpec("tracking_number", ["tracking-number"], required: true),
            ColumnSpec("service", ["ship-service-level"]),
            ColumnSpec("currency", ["currency"]),
            ColumnSpec("ship_country", ["ship-country"]),
            ColumnSpec("sales_channel", ["sales-channel"]),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    struct Parser: RowParser {
        let ctx: ParseContext
        let iOrder, iDate, iCarrier, iTracking, iService, iCurrency, iCountry, iChannel: Int?
        var seen: Set<String> = []

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iOrder = map.index("order_id")
            iDate = map.index("shipment_date")
            iCarrier = map.index("carrier")
            iTracking = map.index("tracking_number")
            iService = map.index("service")
            iCurrency = map.index("currency")
            iCountry = map.index("ship_country")
            iChannel = map.index("sales_channel")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let tracking = try f.requiredText(iTracking, "the tracking number")
                if seen.contains(tracking) { return .skip(reason: "further item of the same parcel") }
                let shipped = ctx.reportingZone.date(of: try f.timestamp(iDate, zone: ctx.sourceZone))
                try checkNotFuture(shipped, ctx, column: iDate, raw: f.raw(iDate))
                let destination = try f.country(iCountry) ?? (try f.text(iChannel)).flatMap(Market.amazonMarketplace) ?? ctx.defaultMarket ?? .unknown
                let currency = try f.text(iCurrency) != nil ? try f.currency(iCurrency) : ctx.fxBase
                let fact = Shipment(
                    provenance: Provenance(file: ctx.fileName, line: record.line), trackingNumber: tracking,
                    orderID: try f.text(iOrder), carrier: try f.requiredText(iCarrier, "the carrier"), service: try f.text(iService),
                    shipDate: shipped, invoiceDate: nil, promisedDate: nil, deliveryDate: nil, status: .deliveryNotReported,
                    destination: destination, weightGrams: nil, charges: [:], currency: currency)
                seen.insert(tracking)
                return .fact(.shipment(fact))
            } catch {
                return .rejecting(error)
            }
        }
    }
}
