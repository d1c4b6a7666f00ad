import TidemarkCSV
import TidemarkCommerce

/// Amazon settlement report V2 (flat file): TAB separated, not quoted, one row per amount component.
///
/// Layout: `settlement-id settlement-start-date settlement-end-date deposit-date total-amount currency
/// transaction-type order-id merchant-order-id adjustment-id shipment-id marketplace-name amount-type
/// amount-description amount fulfillment-id posted-date posted-date-time order-item-code merchant-order-item-id
/// merchant-adjustment-item-id sku quantity-purchased promotion-id`.
///
/// Rules:
/// - The first data row is the settlement summary (ids, dates, `total-amount`, `currency`; no transaction type):
///   skipped as `settlement summary row`; its currency is the currency of every later row (component rows leave
///   `currency` empty; one that states a currency uses its own). A component row read before any summary row,
///   with no currency of its own, is rejected (`currency`).
/// - Amounts: decimal point or comma as sniffed for the file (EU files write `95,00`). Fees are exported
///   negative: every fee fact's amount is the exported amount negated, so a charge is positive and a reversal
///   (a positive fee amount, e.g. the commission given back on a refund) is a negative fee.
/// - Date: `posted-date-time` (`2026-09-14 07:49:55 UTC` in US files, `14.09.2026 07:49:55 UTC` in EU files); only
///   when it is empty `posted-date` (`YYYY-MM-DD` or `dd.MM.yyyy` — the slash forms `09/14/26`, `14/09/26` are
///   ambiguous between files and rejected). The fact's date is its date in the reporting time zone.
/// - Market: `marketplace-name` (`Amazon.de`, `amazon.co.uk`, any case) → market; rows without one (storage,
///   subscription) take the source's default market, else `ZZ`.
/// - transaction-type `Order`:
///   - `ItemPrice` (Principal, Shipping, Tax, …): skipped, `settlement sales component (orders come from the All
///     Orders report)` — order lines come from the All Orders report, which has the ship-to country and status;
///   - `ItemFees`: a platform fee with the order id and SKU (see fee types below);
///   - `Promotion`: skipped, `settlement promotion component (discounts come from the All Orders report)`;
///   - anything else (`ItemWithheldTax`, …): skipped, `settlement component not used`.
/// - transaction-type `Refund`:
///   - `ItemPrice` Principal, Shipping, GiftWrap and `Promotion` components: a refund fact each (one fact per row),
///     amount = the exported amount negated (Principal −27,99 → refund 27.99; a promotion clawed back on the
///     refund, +5,00, → refund −5.00, so the refund facts of one return add up to what the buyer got back).
///     `unitsReturned` is 0: units come from the returns reports, money from the payment reports, so loading
///     both never counts a return twice;
///   - tax components (`Tax`, `ShippingTax`, `GiftWrapTax`, `MarketplaceFacilitator…`): skipped, `settlement tax
///     component (tax is not revenue)`;
///   - `ItemFees` (the commission given back, `RefundCommission` charged): fees as above.
/// - Any other transaction type (`other-transaction`, `ServiceFee`, `Cost of Advertising`, `Order_Retrocharge`,
///   …): a fee when amount-type is `ItemFees` or the amount-type or description names a fee (storage,
///   subscription, advertising, …); otherwise skipped as `settlement component not used` (reimbursements, reserve
///   amounts, transfers are not sales, refunds or fees).
/// - Fee types by description: `Commission`, `RefundCommission`, closing fees → commission; `FBAPerUnitFulfillmentFee`,
///   `FBAWeightBasedFee`, `FBAPerOrderFulfillmentFee` and other fulfilment fees → fulfillment; storage fees →
///   storage; advertising (`Cost of Advertising`, `TransactionTotalAmount` of an advertising row) → advertising;
///   everything else (chargebacks, subscription, digital services fee, …) → other.
enum AmazonSettlement {
    static let declaration = FormatDeclaration(
        id: "amazon_settlement_v2", title: "Amazon settlement report V2 (flat file)", kind: .refunds, quoting: false,
        signature: ["settlement_id", "transaction_type", "amount_type", "amount_description", "amount"],
        columns: [
            ColumnSpec("settlement_id", ["settlement-id"], required: true),
            ColumnSpec("currency", ["currency"]),
            ColumnSpec("total_amount", ["total-amount"]),
            ColumnSpec("transaction_type", ["transaction-type"], required: true),
            ColumnSpec("order_id", ["order-id"]),
            ColumnSpec("marketplace", ["marketplace-name"]),
            ColumnSpec("amount_type", ["amount-type"], required: true),
            ColumnSpec("amount_description", ["amount-description"], required: true),
            ColumnSpec("amount", ["amount"], required: true),
            ColumnSpec("posted_date", ["posted-date"]),
            ColumnSpec("posted_date_time", ["posted-date-time"]),
            ColumnSpec("sku", ["sku"]),
            ColumnSpec("quantity", ["quantity-purchased"]),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    /// What one component row is.
    enum Component: Equatable {
        case fee(FeeType)
        case refund
        case skip(String)
    }

    /// The three texts a component is classified by, as read.
    struct ComponentKey: Hashable {
        var transaction: String
        var amountType: String
        var description: String
    }

    /// Classifies a component by transaction type, amount type and description (see the type's documentation).
    static func classify(transaction: String, amountType: String, description: String) -> Component {
        let t = key(transaction), a = key(amountType), d = key(description)
        let used = "settlement component not used: \(transaction)/\(amountType)/\(description)"
        if a == "itemfees" { return .fee(feeType(d, amountType: a)) }
        switch t {
        case "order":
            if a == "itemprice" { return .skip("settlement sales component (orders come from the All Orders report)") }
            if a == "promotion" { return .skip("settlement promotion component (discounts come from the All Orders report)") }
            return .skip(used)
        case "refund":
            if a == "itemprice" {
                if d.contains("tax") { return .skip("settlement tax component (tax is not revenue)") }
                return .refund
            }
            if a == "promotion" { return .refund }
            if a.contains("tax") || d.contains("tax") { return .skip("settlement tax component (tax is not revenue)") }
            return .skip(used)
        default:
            let text = a + " " + d
            if text.contains("fee") || text.contains("storage") || text.contains("subscription")
                || text.contains("advertising") || text.contains("chargeback")
            {
                return .fee(feeType(d, amountType: a))
            }
            return .skip(used)
        }
    }

    /// Lower-cased letters and digits only: `FBA Per Unit Fulfillment Fee` and `FBAPerUnitFulfillmentFee` are one.
    static func key(_ s: String) -> String { PlatformText.squashed(s) }

    static func feeType(_ d: String, amountType a: String) -> FeeType {
        if d.contains("commission") || d.contains("closingfee") || d.contains("referralfee") { return .commission }
        if d.contains("storage") || a.contains("storage") { return .storage }
        if d.contains("advertising") || a.contains("advertising") { return .advertising }
        if d.contains("fulfillment") || d.contains("fulfilment") || d.contains("weightbased") || d.contains("pickpack") { return .fulfillment }
        return .other
    }

    struct Parser: RowParser {
        let ctx: ParseContext
        let iSettlement, iCurrency, iType, iOrder, iMarketplace, iAmountType, iDescription, iAmount: Int?
        let iPosted, iPostedTime, iSKU: Int?
        var currency: Currency?
        var siteCache: [String: Market?] = [:]
        /// Components already classified, by transaction type, amount type and description: a settlement repeats a
        /// few dozen such triples over its rows, and classifying one (case folding, letters only, word searches)
        /// cost about 2 µs a row. At most ``componentMemoLimit`` triples are kept, so odd free-text descriptions
        /// cannot grow it without bound.
        var components: [ComponentKey: Component] = [:]
        static let componentMemoLimit = 4_096
        static let timePatterns = [PlatformDates.euDateTimeZone, PlatformDates.euDateTime]

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iSettlement = map.index("settlement_id")
            iCurrency = map.index("currency")
            iType = map.index("transaction_type")
            iOrder = map.index("order_id")
            iMarketplace = map.index("marketplace")
            iAmountType = map.index("amount_type")
            iDescription = map.index("amount_description")
            iAmount = map.index("amount")
            iPosted = map.index("posted_date")
            iPostedTime = map.index("posted_date_time")
            iSKU = map.index("sku")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let transaction = try f.text(iType)
                let amountType = try f.text(iAmountType)
                if transaction == nil && amountType == nil {
                    // The summary row: ids, dates, total and the settlement's currency.
                    currency = try f.currency(iCurrency)
                    return .skip(reason: "settlement summary row")
                }
                let tType = transaction ?? ""
                let aType = amountType ?? ""
                let description = try f.text(iDescription) ?? ""
                let componentKey = ComponentKey(transaction: tType, amountType: aType, description: description)
                let component: Component
                if let known = components[componentKey] {
                    component = known
                } else {
                    component = AmazonSettlement.classify(transaction: tType, amountType: aType, description: description)
                    if components.count < Self.componentMemoLimit { components[componentKey] = component }
                }
                if case .skip(let why) = component { return .skip(reason: why) }
                let rowCurrency: Currency
                if try f.text(iCurrency) != nil {
                    rowCurrency = try f.currency(iCurrency)
                } else if let currency {
                    rowCurrency = currency
                } else {
                    throw FieldProblem(column: iCurrency ?? 0, value: "", reason: "is empty and no settlement summary row came before: the settlement's currency is unknown")
                }
                let amount = try f.requiredMoney(iAmount, "the amount")
                let date = try postedDate(f)
                try checkNotFuture(date, ctx, column: iPostedTime ?? iPosted, raw: f.raw(iPostedTime ?? iPosted))
                let orderID = try f.text(iOrder)
                let sku = try f.text(iSKU)
                let market = marketplaceMarket(try f.text(iMarketplace) ?? "")
                let provenance = Provenance(file: ctx.fileName, line: record.line)
                switch component {
                case .fee(let type):
                    return .fact(.fee(PlatformFee(
                        provenance: provenance, platform: .amazon, market: market, orderID: orderID, sku: sku, date: date,
                        type: type, amount: -amount, currency: rowCurrency)))
                case .refund:
                    guard let orderID else { throw FieldProblem(column: iOrder ?? 0, value: "", reason: "is empty: a refund needs its order id") }
                    return .fact(.refund(Refund(
                        provenance: provenance, platform: .amazon, market: market, orderID: orderID, sku: sku ?? "",
                        refundDate: date, amount: -amount, currency: rowCurrency, unitsReturned: 0, reason: nil)))
                case .skip(let why):
                    return .skip(reason: why)
                }
            } catch {
                return .rejecting(error)
            }
        }

        /// `posted-date-time` (US ISO-like with ` UTC`, EU `dd.MM.yyyy HH:mm:ss UTC`), else `posted-date` in an
        /// unambiguous form; the date in the reporting time zone.
        func postedDate(_ f: Fields) throws -> CivilDate {
            if let t = try f.patternTimestamp(iPostedTime, iso: true, patterns: Self.timePatterns, zone: .utc) {
                return ctx.reportingZone.date(of: t)
            }
            let raw = try f.text(iPosted)
            if let raw, raw.contains("/") {
                throw FieldProblem(column: iPosted ?? 0, value: raw, reason: "is ambiguous (MM/DD/YY or DD/MM/YY) and posted-date-time is empty")
            }
            guard let d = try f.patternDate(iPosted, patterns: [PlatformDates.euDate]) else {
                throw FieldProblem(column: iPostedTime ?? iPosted ?? 0, value: "", reason: "is empty: posted-date-time (or posted-date) is required")
            }
            return d
        }

        mutating func marketplaceMarket(_ site: String) -> Market {
            if site.isEmpty { return ctx.defaultMarket ?? .unknown }
            if let cached = siteCache[site] { return cached ?? ctx.defaultMarket ?? .unknown }
            let m = Market.amazonMarketplace(site)
            siteCache[site] = m
            return m ?? ctx.defaultMarket ?? .unknown
        }
    }
}
