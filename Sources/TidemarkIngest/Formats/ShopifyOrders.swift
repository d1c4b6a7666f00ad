import TidemarkCSV
import TidemarkCommerce

/// Shopify orders export (Orders → Export, "plain CSV file"): comma separated, quoted, one row per line item.
///
/// An order's rows are contiguous and share `Name` (`#1001`). Order-level columns (`Email`, `Financial Status`,
/// `Paid at`, `Fulfillment Status`, `Currency`, `Subtotal`, `Shipping`, `Taxes`, `Total`, `Discount Amount`,
/// `Created at`, `Cancelled at`/`Canceled at`, `Refunded Amount`, `Duties`, billing and shipping countries) are
/// read from the order's **first** row; later rows may leave them empty or repeat them (repeats are ignored).
///
/// Rules:
/// - One order line per line item: SKU `Lineitem sku` (or `Lineitem SKU`), quantity `Lineitem quantity` (a
///   positive whole number), item amount `Lineitem price` × quantity, discount `Lineitem discount` plus the line's
///   share of the order-level `Discount Amount` beyond the lines' own discounts.
/// - Order-level amounts are allocated to the order's lines in proportion to their item amounts (metrics.md §3),
///   shares rounded to the micro-unit with the last line taking the remainder, so the lines add up to the order:
///   `Shipping` → shipping charged, `Taxes` + `Duties` → tax (both collected from the buyer, not revenue).
/// - Prices including tax: when `Taxes` is not zero and `Total` = `Subtotal` + `Shipping` + `Duties` (the taxes
///   were not added on top), the store shows prices with tax included (usual for EU and UK stores): the taxes are
///   split over the lines' item amounts and the shipping together and taken out of both, so item amounts and
///   shipping exclude tax (the lines' tax is still the order's `Taxes` allocated by item amount). Otherwise (`Total` = `Subtotal` + `Shipping` + `Taxes` + `Duties`) prices exclude tax.
/// - Allocation needs the whole order, so the parser holds an order's lines until the first row of the next order
///   (or the end of the file, see ``RowParser/finish()``): rows holding lines back load with no facts yet, and a
///   completed order's facts come out with the next row that loads.
/// - Status: `Cancelled at`/`Canceled at` set, or `Financial Status` `voided` → cancelled; else `Fulfillment Status`
///   (or the line's `Lineitem fulfillment status`) `fulfilled` → shipped; else placed.
/// - Refunds: `Financial Status` `refunded` or `partially_refunded` with a `Refunded Amount` above zero → one refund
///   fact per order, SKU empty (the export says nothing about which line), amount `Refunded Amount` as written,
///   `unitsReturned` 0, dated the order's `Paid at` date (the export has **no refund date**; `Created at` if never
///   paid). Cancelled orders give no refund fact: their lines count nothing, so the money back is no refund of a
///   sale.
/// - Time: `Created at` (`2026-08-03 10:00:00 +0200`, the store's offset) is the order time.
/// - Market: `Shipping Country` (code or name), else `Billing Country`, else the source's default market, else `ZZ`.
/// - Customer key: the keyed hash of `Email`; the email itself is never kept. No email → no customer key.
/// - A row whose `Name` starts a new order but has no `Created at` is a line of an order whose first row is missing
///   (or was rejected): rejected. A `Name` seen before other orders came in between is rejected (an order's rows
///   must be contiguous).
enum ShopifyOrders {
    static let declaration = FormatDeclaration(
        id: "shopify_orders", title: "Shopify orders export", kind: .orderLines, quoting: true,
        signature: ["name", "financial_status", "created_at", "lineitem_quantity", "lineitem_price"],
        columns: [
            ColumnSpec("name", ["Name"], required: true),
            ColumnSpec("email", ["Email"]),
            ColumnSpec("financial_status", ["Financial Status"], required: true),
            ColumnSpec("paid_at", ["Paid at"]),
            ColumnSpec("fulfillment_status", ["Fulfillment Status"]),
            ColumnSpec("currency", ["Currency"], required: true),
            ColumnSpec("subtotal", ["Subtotal"]),
            ColumnSpec("shipping", ["Shipping"]),
            ColumnSpec("taxes", ["Taxes"]),
            ColumnSpec("total", ["Total"]),
            ColumnSpec("discount_amount", ["Discount Amount"]),
            ColumnSpec("created_at", ["Created at"], required: true),
            ColumnSpec("lineitem_quantity", ["Lineitem quantity"], required: true),
            ColumnSpec("lineitem_price", ["Lineitem price"], required: true),
            ColumnSpec("lineitem_sku", ["Lineitem sku"], required: true),
            ColumnSpec("lineitem_fulfillment_status", ["Lineitem fulfillment status"]),
            ColumnSpec("lineitem_discount", ["Lineitem discount"]),
            ColumnSpec("billing_country", ["Billing Country"]),
            ColumnSpec("shipping_country", ["Shipping Country"]),
            ColumnSpec("cancelled_at", ["Cancelled at", "Canceled at"]),
            ColumnSpec("refunded_amount", ["Refunded Amount"]),
            ColumnSpec("duties", ["Duties"]),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    /// The order-level values of an order, from its first row.
    struct OrderHead {
        var name: String
        var firstLine: Int
        var currency: Currency
        var created: Timestamp
        var paid: Timestamp?
        var customerKey: String?
        var financialStatus: String
        var fulfilled: Bool
        var cancelled: Bool
        var subtotal: Money?
        var shipping: Money
        var taxes: Money
        var duties: Money
        var total: Money?
        var discountAmount: Money
        var refunded: Money
        var market: Market
    }

    /// One line item as read, before order-level amounts are allocated.
    struct LineDraft {
        var line: Int
        var sku: String
        var quantity: Int
        var itemAmount: Money
        var discount: Money
        var fulfilled: Bool
    }

    struct Parser: RowParser {
        let ctx: ParseContext
        let iName, iEmail, iFinancial, iPaid, iFulfillment, iCurrency, iSubtotal, iShipping, iTaxes, iTotal, iDiscount: Int?
        let iCreated, iQty, iPrice, iSKU, iLineFulfillment, iLineDiscount, iBilling, iShippingCountry, iCancelled: Int?
        let iRefunded, iDuties: Int?
        var head: OrderHead?
        var lines: [LineDraft] = []
        var completed: Set<String> = []
        var ready: [IngestedFact] = []
        // Memos of the columns whose few values repeat from row to row (see `FieldMemo`).
        var lineStatusMemo = FieldMemo<String>()
        var financialMemo = FieldMemo<String>()
        var fulfillmentMemo = FieldMemo<String>()
        var currencyMemo = FieldMemo<Currency>()
        var shippingCountryMemo = FieldMemo<Market?>()
        var billingCountryMemo = FieldMemo<Market?>()

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iName = map.index("name")
            iEmail = map.index("email")
            iFinancial = map.index("financial_status")
            iPaid = map.index("paid_at")
            iFulfillment = map.index("fulfillment_status")
            iCurrency = map.index("currency")
            iSubtotal = map.index("subtotal")
            iShipping = map.index("shipping")
            iTaxes = map.index("taxes")
            iTotal = map.index("total")
            iDiscount = map.index("discount_amount")
            iCreated = map.index("created_at")
            iQty = map.index("lineitem_quantity")
            iPrice = map.index("lineitem_price")
            iSKU = map.index("lineitem_sku")
            iLineFulfillment = map.index("lineitem_fulfillment_status")
            iLineDiscount = map.index("lineitem_discount")
            iBilling = map.index("billing_country")
            iShippingCountry = map.index("shipping_country")
            iCancelled = map.index("cancelled_at")
            iRefunded = map.index("refunded_amount")
            iDuties = map.index("duties")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let name = try f.requiredText(iName, "the order name")
                if head?.name != name {
                    completeOrder()
                    if completed.contains(name) {
                        throw FieldProblem(column: iName ?? 0, value: name, reason: "appears again after other orders: an order's rows must be contiguous")
                    }
                    if try f.text(iCreated) == nil {
                        throw FieldProblem(column: iCreated ?? 0, value: "", reason: "is empty: line of order \(name), whose first row (with Created at and Currency) is missing or was rejected")
                    }
                    head = try readHead(f, name: name, line: record.line)
                }
                let sku = try f.requiredText(iSKU, "the SKU")
                let quantity = try f.positiveQuantity(iQty)
                let price = try f.requiredMoney(iPrice, "the line item price")
                let lineStatus = try f.lowercasedText(iLineFulfillment, memo: &lineStatusMemo)
                lines.append(LineDraft(
                    line: record.line, sku: sku, quantity: quantity, itemAmount: try f.lineTotal(price, times: quantity, quantityColumn: iQty),
                    discount: (try f.money(iLineDiscount) ?? .zero).magnitude, fulfilled: lineStatus == "fulfilled"))
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

        mutating func readHead(_ f: Fields, name: String, line: Int) throws -> OrderHead {
            let created = try f.timestamp(iCreated, zone: ctx.sourceZone)
            try checkNotFuture(ctx.reportingZone.date(of: created), ctx, column: iCreated, raw: f.raw(iCreated))
            let financial = try f.lowercasedText(iFinancial, memo: &financialMemo)
            let market =
                try f.country(iShippingCountry, memo: &shippingCountryMemo) ?? f.country(iBilling, memo: &billingCountryMemo)
                ?? ctx.defaultMarket ?? .unknown
            return OrderHead(
                name: name, firstLine: line, currency: try f.currency(iCurrency, memo: &currencyMemo), created: created,
                paid: try f.optionalTimestamp(iPaid, zone: ctx.sourceZone),
                customerKey: try f.text(iEmail).flatMap { ctx.customerKeys.key(email: $0) },
                financialStatus: financial, fulfilled: try f.lowercasedText(iFulfillment, memo: &fulfillmentMemo) == "fulfilled",
                cancelled: try f.text(iCancelled) != nil || financial == "voided",
                subtotal: try f.money(iSubtotal), shipping: try f.money(iShipping) ?? .zero, taxes: try f.money(iTaxes) ?? .zero,
                duties: try f.money(iDuties) ?? .zero, total: try f.money(iTotal),
                discountAmount: (try f.money(iDiscount) ?? .zero).magnitude, refunded: try f.money(iRefunded) ?? .zero,
                market: market)
        }

        /// Allocates the current order's order-level amounts over its lines and queues its facts.
        mutating func completeOrder() {
            guard let h = head else { return }
            defer {
                completed.insert(h.name)
                head = nil
                lines = []
            }
            guard !lines.isEmpty else { return }
            let amounts = lines.map(\.itemAmount)
            let ownDiscounts = Money.sum(lines.map(\.discount))
            let extraDiscount = h.discountAmount > ownDiscounts ? h.discountAmount - ownDiscounts : .zero
            let discountShares = Allocation.proportional(extraDiscount, weights: amounts)
            var shipping = h.shipping
            var items = amounts
            let taxIncluded = !h.taxes.isZero && h.subtotal != nil && h.total == h.subtotal! + h.shipping + h.duties
            if taxIncluded {
                // Take the included tax out of the item amounts and the shipping, in proportion to each.
                let included = Allocation.proportional(h.taxes, weights: amounts + [h.shipping])
                for i in items.indices { items[i] -= included[i] }
                shipping -= included[items.count]
            }
            let taxShares = Allocation.proportional(h.taxes, weights: amounts)
            let dutyShares = Allocation.proportional(h.duties, weights: amounts)
            let shippingShares = Allocation.proportional(shipping, weights: amounts)
            for (i, l) in lines.enumerated() {
                let status: OrderStatus = h.cancelled ? .cancelled : (h.fulfilled || l.fulfilled ? .shipped : .placed)
                ready.append(.orderLine(OrderLine(
                    provenance: Provenance(file: ctx.fileName, line: l.line), platform: .shopify, store: "", marketplace: "",
                    market: h.market, orderID: h.name, orderTime: h.created, status: status, sku: l.sku, quantity: l.quantity,
                    currency: h.currency, itemAmount: items[i], tax: taxShares[i] + dutyShares[i], shippingCharged: shippingShares[i],
                    discount: l.discount + discountShares[i], customerKey: h.customerKey, sourceUpdatedAt: nil)))
            }
            let refundable = h.financialStatus == "refunded" || h.financialStatus == "partially_refunded"
            if refundable, !h.cancelled, h.refunded > .zero {
                ready.append(.refund(Refund(
                    provenance: Provenance(file: ctx.fileName, line: h.firstLine), platform: .shopify, market: h.market,
                    orderID: h.name, sku: "", refundDate: ctx.reportingZone.date(of: h.paid ?? h.created), amount: h.refunded,
                    currency: h.currency, unitsReturned: 0, reason: "Financial Status \(h.financialStatus)")))
            }
        }
    }
}
