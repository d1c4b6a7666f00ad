import TidemarkCSV
import TidemarkCommerce

/// Amazon "All Orders" report (flat file, by order date or last update): TAB separated, not quoted, one row per
/// order item. `item-price` is the line total; on VAT-inclusive sites (every site but the Americas') it includes
/// the `item-tax` it states, so the amount excluding tax is `item-price − item-tax` there.
enum AmazonAllOrders {
    static let declaration = FormatDeclaration(
        id: "amazon_all_orders", title: "Amazon All Orders report", kind: .orderLines, quoting: false,
        signature: ["order_id", "purchase_date", "order_status", "sku", "item_price"],
        columns: [
            ColumnSpec("order_id", ["amazon-order-id"], required: true),
            ColumnSpec("purchase_date", ["purchase-date"], required: true),
            ColumnSpec("last_updated", ["last-updated-date"]),
            ColumnSpec("order_status", ["order-status"], required: true),
            ColumnSpec("item_status", ["item-status"]),
            ColumnSpec("sales_channel", ["sales-channel"]),
            ColumnSpec("sku", ["sku"], required: true),
            ColumnSpec("quantity", ["quantity", "quantity-purchased"], required: true),
            ColumnSpec("currency", ["currency"], required: true),
            ColumnSpec("item_price", ["item-price"], required: true),
            ColumnSpec("item_tax", ["item-tax"]),
            ColumnSpec("shipping_price", ["shipping-price"]),
            ColumnSpec("shipping_tax", ["shipping-tax"]),
            ColumnSpec("item_promotion_discount", ["item-promotion-discount"]),
            ColumnSpec("ship_promotion_discount", ["ship-promotion-discount"]),
            ColumnSpec("ship_country", ["ship-country"]),
            ColumnSpec("fulfillment_channel", ["fulfillment-channel"]),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    /// Sites whose prices exclude tax (tax is added on top): the Americas.
    static let taxExclusiveMarkets: Set<String> = ["US", "CA", "MX", "BR"]

    struct Parser: RowParser {
        let ctx: ParseContext
        let iOrder, iPurchase, iUpdated, iOrderStatus, iItemStatus, iChannel, iSKU, iQty, iCurrency: Int?
        let iPrice, iTax, iShip, iShipTax, iItemPromo, iShipPromo, iCountry: Int?
        // Memos of the columns whose few values repeat from row to row (see `FieldMemo`).
        var orderStatusMemo = FieldMemo<String>()
        var itemStatusMemo = FieldMemo<String>()
        var channelMemo = FieldMemo<(channel: String, site: Market?)>()
        var currencyTextMemo = FieldMemo<String?>()
        var currencyMemo = FieldMemo<Currency>()
        var countryMemo = FieldMemo<Market?>()

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iOrder = map.index("order_id")
            iPurchase = map.index("purchase_date")
            iUpdated = map.index("last_updated")
            iOrderStatus = map.index("order_status")
            iItemStatus = map.index("item_status")
            iChannel = map.index("sales_channel")
            iSKU = map.index("sku")
            iQty = map.index("quantity")
            iCurrency = map.index("currency")
            iPrice = map.index("item_price")
            iTax = map.index("item_tax")
            iShip = map.index("shipping_price")
            iShipTax = map.index("shipping_tax")
            iItemPromo = map.index("item_promotion_discount")
            iShipPromo = map.index("ship_promotion_discount")
            iCountry = map.index("ship_country")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let orderID = try f.requiredText(iOrder, "the order id")
                let orderTime = try f.timestamp(iPurchase, zone: ctx.sourceZone)
                try checkNotFuture(ctx.reportingZone.date(of: orderTime), ctx, column: iPurchase, raw: f.raw(iPurchase))
                let orderStatus = try f.lowercasedText(iOrderStatus, memo: &orderStatusMemo)
                let itemStatus = try f.lowercasedText(iItemStatus, memo: &itemStatusMemo)
                let status: OrderStatus =
                    orderStatus.hasPrefix("cancel") || itemStatus.hasPrefix("cancel")
                    ? .cancelled : (itemStatus == "shipped" || (itemStatus.isEmpty && orderStatus == "shipped") ? .shipped : .placed)
                let sku = try f.requiredText(iSKU, "the SKU")
                let iChannel = iChannel  // a local: the memo's closure must not read `self` while the memo changes
                let (channel, site) = try channelMemo.value(f.bytes(iChannel)) {
                    let channel = try f.text(iChannel) ?? ""
                    return (channel, Market.amazonMarketplace(channel))
                }
                let currencyText = try f.text(iCurrency, memo: &currencyTextMemo)
                if status == .cancelled && currencyText == nil {
                    return .skip(reason: "cancelled line without currency or amounts")
                }
                let currency = try f.currency(iCurrency, memo: &currencyMemo)
                let quantity = try f.integer(iQty) ?? 0
                if status != .cancelled && quantity <= 0 {
                    return .reject(column: iQty ?? 0, value: f.raw(iQty), reason: "is not a positive quantity: returns belong in a return or refund export")
                }
                let price = try f.money(iPrice) ?? .zero
                let tax = try f.money(iTax) ?? .zero
                let shipping = try f.money(iShip) ?? .zero
                let shippingTax = try f.money(iShipTax) ?? .zero
                let discount = (try f.money(iItemPromo) ?? .zero).magnitude + (try f.money(iShipPromo) ?? .zero).magnitude
                // Ship-to country first; else the site; else the source's default market; else unknown (`ZZ`).
                let market = try f.country(iCountry, memo: &countryMemo) ?? site ?? ctx.defaultMarket ?? .unknown
                let inclusive = !(AmazonAllOrders.taxExclusiveMarkets.contains((site ?? market).code))
                let updated = try f.optionalTimestamp(iUpdated, zone: ctx.sourceZone)
                return .fact(
                    .orderLine(
                        OrderLine(
                            provenance: Provenance(file: ctx.fileName, line: record.line), platform: .amazon, store: "",
                            marketplace: channel, market: market, orderID: orderID, orderTime: orderTime, status: status,
                            sku: sku, quantity: quantity, currency: currency,
                            itemAmount: inclusive ? price - tax : price, tax: tax + shippingTax,
                            shippingCharged: inclusive ? shipping - shippingTax : shipping, discount: discount,
                            customerKey: nil, sourceUpdatedAt: updated)))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }
    }
}
