import Foundation
import TidemarkCSV
import TidemarkCommerce

/// Amazon payments "Date Range" transaction report: comma separated, quoted, CRLF, often no final newline.
///
/// Seven preamble lines come before the header; one of them says `All amounts in USD, unless specified`: that
/// code is the currency of every row (a file without it cannot be read: every money row is rejected naming the
/// missing currency). Header: `date/time, settlement id, type, order id, sku, description, quantity, marketplace,
/// fulfillment, order city, order state, order postal, tax collection model, product sales, product sales tax,
/// shipping credits, shipping credits tax, gift wrap credits, giftwrap credits tax, promotional rebates,
/// promotional rebates tax, marketplace withheld tax, selling fees, fba fees, other transaction fees, other,
/// total`. Newer files add `account type`, `Regulatory Fee`, `Tax On Regulatory Fee`: tolerated, not read.
///
/// Rules:
/// - `date/time` is local time with a zone abbreviation: `Dec 1, 2019 12:07:47 AM PST` (US), `1 Dec 2019
///   00:07:47 GMT` (UK) or `01.12.2019 00:07:47 MEZ` (DE); the fact's date is its date in the reporting time zone.
/// - `type` (English, or the German report's words):
///   - `Order`: sales come from the All Orders report; the row's fees become platform fees with order id and SKU:
///     `selling fees` → commission, `fba fees` → fulfillment, `other transaction fees` → other (each exported
///     negative, stored negated: a charge is positive, a reversal negative; zero or empty → no fact). A row
///     without fees is skipped (`order row without fees`).
///   - `Refund`: one refund fact, amount = −(product sales + shipping credits + gift wrap credits + promotional
///     rebates), i.e. what the buyer got back excluding tax (`-27.99` product sales and `+5.00` rebates clawed
///     back → 22.99), `unitsReturned` 0 (units come from the returns reports); plus the refund's fee columns as
///     fees (a commission given back is a negative commission).
///   - `Service Fee` and `FBA Inventory Fee`: one fee of `total` negated, without order: description `Cost of
///     Advertising` → advertising, storage → storage, fulfilment/removal → fulfillment, else other.
///   - `Transfer`: skipped, `transfer to bank`.
///   - `Adjustment`: skipped, `adjustment (reimbursement, not a sale, refund or fee)` — adjustments are FBA
///     inventory reimbursements and corrections paid to the seller; they are neither sales nor fees.
///   - any other type: skipped, `transaction type not used: …`.
/// - Market: `marketplace` (`amazon.com`) → market, else the source's default market, else `ZZ`.
/// - Load either this report or the settlement reports for a period, not both: both carry the same refunds and
///   fees.
enum AmazonDateRange {
    static let declaration = FormatDeclaration(
        id: "amazon_date_range", title: "Amazon payments Date Range transaction report", kind: .fees, quoting: true,
        signature: ["date_time", "settlement_id", "type", "order_id", "product_sales", "selling_fees", "fba_fees", "total"],
        columns: [
            ColumnSpec("date_time", ["date/time", "Datum/Uhrzeit"], required: true),
            ColumnSpec("settlement_id", ["settlement id", "Abrechnungsnummer"], required: true),
            ColumnSpec("type", ["type", "Typ"], required: true),
            ColumnSpec("order_id", ["order id", "Bestellnummer"], required: true),
            ColumnSpec("sku", ["sku", "SKU"]),
            ColumnSpec("description", ["description", "Beschreibung"]),
            ColumnSpec("marketplace", ["marketplace", "Marketplace"]),
            ColumnSpec("product_sales", ["product sales", "Umsätze"], required: true),
            ColumnSpec("shipping_credits", ["shipping credits", "Gutschrift für Versandkosten"]),
            ColumnSpec("gift_wrap_credits", ["gift wrap credits", "Gutschrift für Geschenkverpackung"]),
            ColumnSpec("promotional_rebates", ["promotional rebates", "Rabatte aus Werbeaktionen"]),
            ColumnSpec("selling_fees", ["selling fees", "Verkaufsgebühren"], required: true),
            ColumnSpec("fba_fees", ["fba fees", "Gebühren zu Versand durch Amazon"], required: true),
            ColumnSpec("other_transaction_fees", ["other transaction fees", "Andere Transaktionsgebühren"]),
            ColumnSpec("total", ["total", "Gesamt"], required: true),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    /// The currency a preamble names: `All amounts in USD, unless specified` → USD.
    static func preambleCurrency(_ preamble: [[String]]) -> Currency? {
        for record in preamble {
            let line = record.joined(separator: ",")
            for marker in ["amounts in ", "Beträge in ", "montants en ", "importi in ", "importes en "] {
                guard let r = line.range(of: marker, options: .caseInsensitive) else { continue }
                let code = line[r.upperBound...].prefix(3)
                if let c = Currency(code: String(code)) { return c }
            }
        }
        return nil
    }

    /// The English type of a (possibly German) `type` value.
    static func canonicalType(_ t: String) -> String {
        switch PlatformText.squashed(t) {
        case "order", "bestellung": return "order"
        case "refund", "erstattung": return "refund"
        case "servicefee", "servicegebühr", "servicegebuhr": return "service fee"
        case "transfer", "übertrag", "ubertrag": return "transfer"
        case "adjustment", "anpassung": return "adjustment"
        case "fbainventoryfee", "fbalagergebühr", "versanddurchamazonlagergebühr": return "fba inventory fee"
        default: return t.lowercased()
        }
    }

    struct Parser: RowParser {
        let ctx: ParseContext
        let currency: Currency?
        let iDate, iType, iOrder, iSKU, iDescription, iMarketplace, iSales, iShipping, iGiftWrap, iRebates: Int?
        let iSelling, iFBA, iOther, iTotal: Int?
        static let patterns = [PlatformDates.usLong12h, PlatformDates.ukLong24h, PlatformDates.euDateTimeZone]

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            currency = AmazonDateRange.preambleCurrency(ctx.preamble)
            iDate = map.index("date_time")
            iType = map.index("type")
            iOrder = map.index("order_id")
            iSKU = map.index("sku")
            iDescription = map.index("description")
            iMarketplace = map.index("marketplace")
            iSales = map.index("product_sales")
            iShipping = map.index("shipping_credits")
            iGiftWrap = map.index("gift_wrap_credits")
            iRebates = map.index("promotional_rebates")
            iSelling = map.index("selling_fees")
            iFBA = map.index("fba_fees")
            iOther = map.index("other_transaction_fees")
            iTotal = map.index("total")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let typeText = try f.requiredText(iType, "the transaction type")
                let type = AmazonDateRange.canonicalType(typeText)
                switch type {
                case "transfer": return .skip(reason: "transfer to bank")
                case "adjustment": return .skip(reason: "adjustment (reimbursement, not a sale, refund or fee)")
                case "order", "refund", "service fee", "fba inventory fee": break
                default: return .skip(reason: "transaction type not used: \(typeText)")
                }
                guard let currency else {
                    throw FieldProblem(column: iTotal ?? 0, value: "", reason: "has no currency: the preamble line \"All amounts in …\" is missing")
                }
                guard let time = try f.patternTimestamp(iDate, iso: true, patterns: Self.patterns, zone: ctx.sourceZone) else {
                    throw FieldProblem(column: iDate ?? 0, value: "", reason: "is empty: a date is required")
                }
                let date = ctx.reportingZone.date(of: time)
                try checkNotFuture(date, ctx, column: iDate, raw: f.raw(iDate))
                let site = try f.text(iMarketplace) ?? ""
                let market = Market.amazonMarketplace(site) ?? ctx.defaultMarket ?? .unknown
                let orderID = try f.text(iOrder)
                let sku = try f.text(iSKU)
                let provenance = Provenance(file: ctx.fileName, line: record.line)
                func fee(_ i: Int?, _ type: FeeType, order: String?, sku: String?) throws -> IngestedFact? {
                    guard let m = try f.money(i), !m.isZero else { return nil }
                    return .fee(PlatformFee(provenance: provenance, platform: .amazon, market: market, orderID: order, sku: sku, date: date, type: type, amount: -m, currency: currency))
                }
                func orderFees() throws -> [IngestedFact] {
                    [try fee(iSelling, .commission, order: orderID, sku: sku), try fee(iFBA, .fulfillment, order: orderID, sku: sku),
                     try fee(iOther, .other, order: orderID, sku: sku)].compactMap { $0 }
                }
                switch type {
                case "order":
                    let fees = try orderFees()
                    return fees.isEmpty ? .skip(reason: "order row without fees") : .facts(fees)
                case "refund":
                    guard let orderID else { throw FieldProblem(column: iOrder ?? 0, value: "", reason: "is empty: a refund needs its order id") }
                    let sales = try f.money(iSales) ?? .zero
                    let credits = (try f.money(iShipping) ?? .zero) + (try f.money(iGiftWrap) ?? .zero) + (try f.money(iRebates) ?? .zero)
                    let refund = IngestedFact.refund(Refund(
                        provenance: provenance, platform: .amazon, market: market, orderID: orderID, sku: sku ?? "", refundDate: date,
                        amount: -(sales + credits), currency: currency, unitsReturned: 0, reason: nil))
                    return .facts([refund] + (try orderFees()))
                default:  // service fee, FBA inventory fee
                    let description = try f.text(iDescription) ?? ""
                    let d = PlatformText.squashed(description)
                    let feeType: FeeType =
                        d.contains("advertising") ? .advertising
                        : d.contains("storage") || d.contains("lager") ? .storage
                        : d.contains("fulfil") || d.contains("removal") || d.contains("disposal") ? .fulfillment : .other
                    guard let fact = try fee(iTotal, feeType, order: orderID, sku: sku) else { return .skip(reason: "fee row with a zero total") }
                    return .fact(fact)
                }
            } catch {
                return .rejecting(error)
            }
        }
    }
}
