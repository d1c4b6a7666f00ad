import TidemarkCSV
import TidemarkCommerce

/// eBay Seller Hub orders report: comma separated, quoted where needed (some header names quoted, some not),
/// titles may contain unescaped `"`.
///
/// Framing: a blank or all-commas first line (preamble), the header on line 2, an empty padding row after the
/// header (skipped as a blank line), the data, then a blank line, `N record(s) downloaded …` and `Seller ID : …`
/// (footer lines, skipped).
///
/// Rows:
/// - A **single-item order** is one row with `Item Number` set: one order line.
/// - A **multi-item order** is a summary row (`Sales Record Number`, `Order Number`, buyer, ship-to, `Shipping And
///   Handling`, `Total Price`, dates, but empty `Item Number`) followed by one row per item sharing its `Sales
///   Record Number`. The summary row is skipped (`order summary row`) and gives its buyer, ship-to country, dates,
///   shipping and tax to the items (an item's own non-empty value wins). The order's shipping and tax are
///   allocated to the items in proportion to their amounts (metrics.md §3) unless the item rows carry their own;
///   so the parser holds the items until the next order or the end of the file (``RowParser/finish()``).
/// - An item row whose `Sales Record Number` follows no summary row and that has no `Sale Date` is rejected: its
///   summary row is missing. A summary row with no items yields nothing (its own row is already skipped).
///
/// Values:
/// - `Sold For` is the unit price: item amount = `Sold For` × `Quantity` (a positive whole number).
/// - Money carries currency text: `$90.00`, `AU $3,000.00`, `EUR 90,00`, `£12.50`, `US $12.00`. The currency comes
///   from `Sold For`'s text; a bare `$` is the dollar of the source's default market (AU → AUD, CA → CAD …), else
///   US dollars. The decimal separator is the file's (sniffed, or configured for `EUR 90,00` files).
/// - Tax = `Seller Collected Tax` + `eBay Collected Tax` (US sales tax collected on top of the price). eBay gives no
///   VAT column: on VAT-inclusive sites the item amount includes VAT.
/// - `Sale Date` `Sep-30-26` (US) or `26-May-26` (AU), a date in the seller's time zone: the order time is noon of
///   that date in the reporting time zone, so the line belongs to the date as written.
/// - Status: `Shipped On Date` set → shipped, else placed (the report has no cancellations).
/// - Order id: `Order Number`, else `Sales Record Number`. SKU: `Custom Label`, else `eBay item <Item Number>`.
/// - Market: `Ship To Country` (`United States`, `Deutschland`, codes), else `Buyer Country`, else the source's
///   default market, else `ZZ`.
/// - Customer key: keyed hash of `Buyer Email`, else of eBay + `Buyer Username`; neither is kept.
enum EbayOrders {
    static let declaration = FormatDeclaration(
        id: "ebay_orders", title: "eBay Seller Hub orders report", kind: .orderLines, quoting: true,
        signature: ["sales_record_number", "order_number", "item_number", "custom_label", "quantity", "sold_for"],
        columns: [
            ColumnSpec("sales_record_number", ["Sales Record Number"], required: true),
            ColumnSpec("order_number", ["Order Number"], required: true),
            ColumnSpec("buyer_username", ["Buyer Username", "User Id"]),
            ColumnSpec("buyer_email", ["Buyer Email"]),
            ColumnSpec("buyer_country", ["Buyer Country"]),
            ColumnSpec("ship_to_country", ["Ship To Country"]),
            ColumnSpec("item_number", ["Item Number"], required: true),
            ColumnSpec("custom_label", ["Custom Label"], required: true),
            ColumnSpec("quantity", ["Quantity"], required: true),
            ColumnSpec("sold_for", ["Sold For"], required: true),
            ColumnSpec("shipping", ["Shipping And Handling"]),
            ColumnSpec("seller_tax", ["Seller Collected Tax"]),
            ColumnSpec("ebay_tax", ["eBay Collected Tax"]),
            ColumnSpec("sale_date", ["Sale Date"], required: true),
            ColumnSpec("shipped_on", ["Shipped On Date"]),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    static let datePatterns = [PlatformDates.ebayUS, PlatformDates.ebayAU, PlatformDates.ebayUSLong, DatePattern("dd-MMM-yyyy")!]

    /// The order-level values a summary row gives its items.
    struct Head {
        var recordNumber: String
        var orderNumber: String?
        var customerKey: String?
        var market: Market?
        var saleDate: CivilDate?
        var shipped: Bool
        var shipping: (Money, Currency?)?
        var tax: Money
    }

    /// An item read, before the order's shipping and tax are allocated.
    struct Item {
        var line: Int
        var sku: String
        var quantity: Int
        var amount: Money
        var currency: Currency
        var ownShipping: Money?
        var ownTax: Money?
        var saleDate: CivilDate
        var shipped: Bool
        var market: Market
        var customerKey: String?
        var orderID: String
    }

    struct Parser: RowParser {
        let ctx: ParseContext
        let dollar: Currency
        let iRecord, iOrder, iUser, iEmail, iBuyerCountry, iShipCountry, iItem, iLabel, iQty, iSoldFor, iShipping: Int?
        let iSellerTax, iEbayTax, iSaleDate, iShippedOn: Int?
        var head: Head?
        var items: [Item] = []
        var ready: [IngestedFact] = []

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            dollar = CurrencyText.dollar(for: ctx.defaultMarket, preferring: ctx.defaultCurrency)
            iRecord = map.index("sales_record_number")
            iOrder = map.index("order_number")
            iUser = map.index("buyer_username")
            iEmail = map.index("buyer_email")
            iBuyerCountry = map.index("buyer_country")
            iShipCountry = map.index("ship_to_country")
            iItem = map.index("item_number")
            iLabel = map.index("custom_label")
            iQty = map.index("quantity")
            iSoldFor = map.index("sold_for")
            iShipping = map.index("shipping")
            iSellerTax = map.index("seller_tax")
            iEbayTax = map.index("ebay_tax")
            iSaleDate = map.index("sale_date")
            iShippedOn = map.index("shipped_on")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let recordNumber = try f.requiredText(iRecord, "the sales record number")
                guard let itemNumber = try f.text(iItem) else {
                    completeOrder()
                    head = try readHead(f, recordNumber: recordNumber)
                    return .skip(reason: "order summary row")
                }
                let inOrder = head?.recordNumber == recordNumber
                if !inOrder {
                    completeOrder()
                    if try f.text(iSaleDate) == nil {
                        throw FieldProblem(column: iSaleDate ?? 0, value: "", reason: "is empty: item row of order \(recordNumber), whose summary row is missing")
                    }
                }
                let h = inOrder ? head : nil
                let saleDate = try f.patternDate(iSaleDate, patterns: EbayOrders.datePatterns) ?? h?.saleDate
                guard let saleDate else { throw FieldProblem(column: iSaleDate ?? 0, value: "", reason: "is empty: a sale date is required") }
                try checkNotFuture(saleDate, ctx, column: iSaleDate, raw: f.raw(iSaleDate))
                let quantity = try f.positiveQuantity(iQty)
                guard let (unit, unitCurrency) = try f.amountWithCurrency(iSoldFor, dollar: dollar) else {
                    throw FieldProblem(column: iSoldFor ?? 0, value: "", reason: "is empty: the price is required")
                }
                guard let currency = unitCurrency ?? h?.shipping?.1 else {
                    throw FieldProblem(column: iSoldFor ?? 0, value: f.raw(iSoldFor), reason: "has no currency text ($, EUR, £ …) and the order names none")
                }
                let ownShipping = try f.amountWithCurrency(iShipping, dollar: dollar)
                if let c = ownShipping?.1, c != currency {
                    throw FieldProblem(column: iShipping ?? 0, value: f.raw(iShipping), reason: "is in \(c.code), the item in \(currency.code)")
                }
                let sellerTax = try f.amountWithCurrency(iSellerTax, dollar: dollar)?.0
                let ebayTax = try f.amountWithCurrency(iEbayTax, dollar: dollar)?.0
                let ownTax: Money? = sellerTax == nil && ebayTax == nil ? nil : (sellerTax ?? .zero) + (ebayTax ?? .zero)
                let market = try f.country(iShipCountry) ?? h?.market ?? f.country(iBuyerCountry) ?? ctx.defaultMarket ?? .unknown
                let item = Item(
                    line: record.line, sku: try f.text(iLabel) ?? "eBay item \(itemNumber)", quantity: quantity,
                    amount: try f.lineTotal(unit, times: quantity, quantityColumn: iQty), currency: currency, ownShipping: ownShipping?.0, ownTax: ownTax,
                    saleDate: saleDate, shipped: try f.text(iShippedOn) != nil || h?.shipped == true, market: market,
                    customerKey: try customerKey(f) ?? h?.customerKey,
                    orderID: try f.text(iOrder) ?? h?.orderNumber ?? recordNumber)
                if inOrder {
                    items.append(item)
                    return .facts(drain())
                }
                items = [item]
                head = nil
                completeOrder()
                return .facts(drain())
            } catch {
                return .rejecting(error)
            }
        }

        mutating func finish() -> [IngestedFact] {
            completeOrder()
            return drain()
        }

        mutating func drain() -> [IngestedFact] {
            defer { ready = [] }
            return ready
        }

        func customerKey(_ f: Fields) throws -> String? {
            if let email = try f.text(iEmail), let k = ctx.customerKeys.key(email: email) { return k }
            if let user = try f.text(iUser) { return ctx.customerKeys.key(platform: .ebay, buyerID: user) }
            return nil
        }

        func readHead(_ f: Fields, recordNumber: String) throws -> Head {
            let seller = try f.amountWithCurrency(iSellerTax, dollar: dollar)?.0 ?? .zero
            let ebay = try f.amountWithCurrency(iEbayTax, dollar: dollar)?.0 ?? .zero
            return Head(
                recordNumber: recordNumber, orderNumber: try f.text(iOrder), customerKey: try customerKey(f),
                market: try f.country(iShipCountry) ?? f.country(iBuyerCountry),
                saleDate: try f.patternDate(iSaleDate, patterns: EbayOrders.datePatterns),
                shipped: try f.text(iShippedOn) != nil, shipping: try f.amountWithCurrency(iShipping, dollar: dollar),
                tax: seller + ebay)
        }

        /// Allocates the order's shipping and tax over its items (unless they carry their own) and queues the lines.
        mutating func completeOrder() {
            defer {
                items = []
                head = nil
            }
            guard !items.isEmpty else { return }
            let weights = items.map(\.amount)
            let ownShipping = items.contains { $0.ownShipping != nil }
            let ownTax = items.contains { $0.ownTax != nil }
            let shippingShares = ownShipping ? items.map { $0.ownShipping ?? .zero } : Allocation.proportional(head?.shipping?.0 ?? .zero, weights: weights)
            let taxShares = ownTax ? items.map { $0.ownTax ?? .zero } : Allocation.proportional(head?.tax ?? .zero, weights: weights)
            for (i, it) in items.enumerated() {
                ready.append(.orderLine(OrderLine(
                    provenance: Provenance(file: ctx.fileName, line: it.line), platform: .ebay, store: "", marketplace: "",
                    market: it.market, orderID: it.orderID, orderTime: ctx.instant(ofDate: it.saleDate),
                    status: it.shipped ? .shipped : .placed, sku: it.sku, quantity: it.quantity, currency: it.currency,
                    itemAmount: it.amount, tax: taxShares[i], shippingCharged: shippingShares[i], discount: .zero,
                    customerKey: it.customerKey, sourceUpdatedAt: nil)))
            }
        }
    }
}
