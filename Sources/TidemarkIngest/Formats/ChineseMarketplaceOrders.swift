import TidemarkCSV
import TidemarkCommerce

/// Order exports of AliExpress and Alibaba.com International Station, in the layouts Tidemark defines (no public
/// export layout is known; fixtures/aliexpress/README.md shows both with examples). A file uses Chinese or English
/// header names (both are accepted for every column, any order, extra columns ignored); comma separated (or `;`/
/// TAB), quoted; UTF-8, UTF-8 with BOM or GBK/GB18030 (set `fallback_encoding: GB18030` for these sources).
/// One row per order line.
///
/// **AliExpress** (`aliexpress_orders`):
///
/// | field | Chinese | English | |
/// |---|---|---|---|
/// | order id | 订单号 | Order ID | required |
/// | order time | 下单时间 | Order time | required |
/// | SKU | 商品编码 | SKU | required |
/// | quantity | 数量 | Quantity | required, positive |
/// | line amount (excl. tax) | 金额 | Amount | required |
/// | currency | 币种 | Currency | optional if the amount carries currency text |
/// | ship-to country | 国家 | Country | market |
/// | status | 订单状态 | Status | |
/// | buyer id | 买家 | Buyer ID | customer key (platform + id) |
/// | shipping | 运费 | Shipping | optional |
/// | discount | 优惠 | Discount | optional, positive or negative |
/// | tax | 税费 | Tax | optional |
///
/// **Alibaba.com** (`alibaba_orders`, Trade Assurance orders): 订单编号/Order Number, 创建时间/Created time,
/// 产品编码/Product code, 数量/Quantity, 单价/Unit price (item amount = unit price × quantity), 币种/Currency,
/// 买家国家/Buyer country, 订单状态/Order status, 买家公司/Buyer company (customer key), 运费/Shipping fee,
/// 折扣/Discount, 税费/Tax.
///
/// Rules for both:
/// - Amounts may carry currency text (`US $12.99`, `USD 12.99`, `￥88.00`, `RMB 88`); it must agree with the
///   currency column when both are given; a bare `$` is the dollar of the source's default market (else USD).
/// - Times `2026-09-03 14:22:05` (or with `/`, or ISO with offset) are local times of the source's time zone
///   (AliExpress and Alibaba show China time: configure `time_zone: Asia/Shanghai`).
/// - Status: 等待买家付款/等待发货/待发货/Awaiting payment/Awaiting shipment/Pending → placed;
///   已发货/等待买家收货/交易完成/已完成/Shipped/Awaiting delivery/Completed/Finished → shipped;
///   交易关闭/已取消/Closed/Cancelled/Canceled → cancelled; empty → placed; anything else is rejected.
/// - Market: the country column (Chinese names like 美国, 德国 are known), else the source's default market, else
///   `ZZ`.
enum ChineseMarketplaceOrders {
    static let aliexpress = FormatDeclaration(
        id: "aliexpress_orders", title: "AliExpress orders (Tidemark layout)", kind: .orderLines, quoting: true,
        signature: ["order_id", "order_time", "sku", "quantity", "amount"],
        columns: [
            ColumnSpec("order_id", ["订单号", "Order ID"], required: true),
            ColumnSpec("order_time", ["下单时间", "Order time"], required: true),
            ColumnSpec("sku", ["商品编码", "SKU"], required: true),
            ColumnSpec("quantity", ["数量", "Quantity"], required: true),
            ColumnSpec("amount", ["金额", "Amount"], required: true),
            ColumnSpec("currency", ["币种", "Currency"]),
            ColumnSpec("country", ["国家", "Country"]),
            ColumnSpec("status", ["订单状态", "Status"]),
            ColumnSpec("buyer", ["买家", "Buyer ID"]),
            ColumnSpec("shipping", ["运费", "Shipping"]),
            ColumnSpec("discount", ["优惠", "Discount"]),
            ColumnSpec("tax", ["税费", "Tax"]),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx, platform: .aliexpress, amountIsUnitPrice: false) })

    static let alibaba = FormatDeclaration(
        id: "alibaba_orders", title: "Alibaba.com International Station orders (Tidemark layout)", kind: .orderLines,
        quoting: true,
        signature: ["order_id", "order_time", "sku", "quantity", "amount", "buyer"],
        columns: [
            ColumnSpec("order_id", ["订单编号", "Order Number"], required: true),
            ColumnSpec("order_time", ["创建时间", "Created time"], required: true),
            ColumnSpec("sku", ["产品编码", "Product code"], required: true),
            ColumnSpec("quantity", ["数量", "Quantity"], required: true),
            ColumnSpec("amount", ["单价", "Unit price"], required: true),
            ColumnSpec("currency", ["币种", "Currency"]),
            ColumnSpec("country", ["买家国家", "Buyer country"]),
            ColumnSpec("status", ["订单状态", "Order status"]),
            ColumnSpec("buyer", ["买家公司", "Buyer company"], required: true),
            ColumnSpec("shipping", ["运费", "Shipping fee"]),
            ColumnSpec("discount", ["折扣", "Discount"]),
            ColumnSpec("tax", ["税费", "Tax"]),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx, platform: .alibaba, amountIsUnitPrice: true) })

    static let timePatterns = [PlatformDates.slashYMD, PlatformDates.slashYMDShort, DatePattern("yyyy-MM-dd HH:mm")!]

    /// The status a Chinese or English status word means, `nil` if unknown.
    static func status(_ text: String?) -> OrderStatus? {
        guard let text else { return .placed }
        let k = PlatformText.squashed(text)
        if ["等待买家付款", "等待发货", "待发货", "待付款", "awaitingpayment", "awaitingshipment", "pending", "placed", "paid"].contains(k) { return .placed }
        if ["已发货", "等待买家收货", "交易完成", "已完成", "shipped", "awaitingdelivery", "completed", "finished", "delivered"].contains(k) { return .shipped }
        if ["交易关闭", "已取消", "closed", "cancelled", "canceled"].contains(k) { return .cancelled }
        return nil
    }

    struct Parser: RowParser {
        let ctx: ParseContext
        let platform: Platform
        let amountIsUnitPrice: Bool
        let dollar: Currency
        let iOrder, iTime, iSKU, iQty, iAmount, iCurrency, iCountry, iStatus, iBuyer, iShipping, iDiscount, iTax: Int?

        init(map: ColumnMap, ctx: ParseContext, platform: Platform, amountIsUnitPrice: Bool) {
            self.ctx = ctx
            self.platform = platform
            self.amountIsUnitPrice = amountIsUnitPrice
            dollar = CurrencyText.dollar(for: ctx.defaultMarket, preferring: ctx.defaultCurrency)
            iOrder = map.index("order_id")
            iTime = map.index("order_time")
            iSKU = map.index("sku")
            iQty = map.index("quantity")
            iAmount = map.index("amount")
            iCurrency = map.index("currency")
            iCountry = map.index("country")
            iStatus = map.index("status")
            iBuyer = map.index("buyer")
            iShipping = map.index("shipping")
            iDiscount = map.index("discount")
            iTax = map.index("tax")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let orderID = try f.requiredText(iOrder, "the order id")
                guard let time = try f.patternTimestamp(iTime, iso: true, patterns: ChineseMarketplaceOrders.timePatterns, zone: ctx.sourceZone) else {
                    throw FieldProblem(column: iTime ?? 0, value: "", reason: "is empty: the order time is required")
                }
                try checkNotFuture(ctx.reportingZone.date(of: time), ctx, column: iTime, raw: f.raw(iTime))
                let statusText = try f.text(iStatus)
                guard let status = ChineseMarketplaceOrders.status(statusText) else {
                    throw FieldProblem(column: iStatus ?? 0, value: statusText ?? "", reason: "is not a known order status")
                }
                let sku = try f.requiredText(iSKU, "the SKU")
                let quantity = try f.positiveQuantity(iQty)
                guard let (amount, textCurrency) = try f.amountWithCurrency(iAmount, dollar: dollar) else {
                    throw FieldProblem(column: iAmount ?? 0, value: "", reason: "is empty: the amount is required")
                }
                let currency: Currency
                if try f.text(iCurrency) != nil {
                    currency = try f.currency(iCurrency)
                    if let t = textCurrency, t != currency {
                        throw FieldProblem(column: iAmount ?? 0, value: f.raw(iAmount), reason: "is in \(t.code) but the currency column says \(currency.code)")
                    }
                } else if let t = textCurrency {
                    currency = t
                } else {
                    throw FieldProblem(column: iAmount ?? 0, value: f.raw(iAmount), reason: "has no currency: neither currency text nor a currency column")
                }
                func extra(_ i: Int?) throws -> Money {
                    guard let (m, c) = try f.amountWithCurrency(i, dollar: dollar) else { return .zero }
                    if let c, c != currency { throw FieldProblem(column: i ?? 0, value: f.raw(i), reason: "is in \(c.code), the order in \(currency.code)") }
                    return m
                }
                let market = try f.country(iCountry) ?? ctx.defaultMarket ?? .unknown
                let buyer = try f.text(iBuyer)
                return .fact(.orderLine(OrderLine(
                    provenance: Provenance(file: ctx.fileName, line: record.line), platform: platform, store: "",
                    marketplace: "", market: market, orderID: orderID, orderTime: time, status: status, sku: sku,
                    quantity: quantity, currency: currency, itemAmount: amountIsUnitPrice ? try f.lineTotal(amount, times: quantity, quantityColumn: iQty) : amount,
                    tax: try extra(iTax), shippingCharged: try extra(iShipping), discount: try extra(iDiscount).magnitude,
                    customerKey: buyer.flatMap { ctx.customerKeys.key(platform: platform, buyerID: $0) }, sourceUpdatedAt: nil)))
            } catch {
                return .rejecting(error)
            }
        }
    }
}
