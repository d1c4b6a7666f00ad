import TidemarkCommerce

extension Warehouse {
    /// The non-cancelled order lines in primary-key order (platform, order id, SKU, item sequence), with only the
    /// columns customer lifetime value needs: store, marketplace and provenance are left empty and the source
    /// update time `nil`. The lines of one order are adjacent. An order id or customer key equal to the previous
    /// line's is handed on as the same `String` rather than read again, so an order costs one string of each, not
    /// one per line.
    public func forEachCLVOrderLine(_ body: (OrderLine) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT platform, order_id, sku, market, order_ts, status, quantity, currency, item_amount_micros,
                   shipping_micros, discount_micros, customer_key
            FROM order_lines ORDER BY platform, order_id, sku, item_seq
            """)
        // Low-cardinality columns mostly repeat the previous line's value: compared as bytes, parsed when they change.
        var markets = TextValues<Market?>(), currencies = TextValues<Currency?>(), statuses = TextValues<OrderStatus?>()
        var platforms = TextValues<Platform>()
        var orderID = TextColumn(), customer = TextColumn()
        let none = Provenance(file: "", line: 0)
        while try s.step() {
            guard let status = statuses.value(s, 5, { OrderStatus(rawValue: $0) }),
                let market = markets.value(s, 3, { Market(code: $0) }), let currency = currencies.value(s, 7, { Currency(code: $0) })
            else { throw WarehouseError(code: 0, message: "order_lines holds a value this version cannot read", sql: nil) }
            guard status != .cancelled else { continue }
            try body(
                OrderLine(
                    provenance: none, platform: platforms.value(s, 0, { Platform($0) }), store: "", marketplace: "", market: market,
                    orderID: orderID.value(s, 1), orderTime: Timestamp(secondsSinceEpoch: s.int64(4)), status: status, sku: s.text(2),
                    quantity: Int(s.int64(6)), currency: currency, itemAmount: Money(micros: s.int64(8)), tax: .zero,
                    shippingCharged: Money(micros: s.int64(9)), discount: Money(micros: s.int64(10)),
                    customerKey: s.isNull(11) ? nil : customer.value(s, 11), sourceUpdatedAt: nil))
        }
    }
}

extension Warehouse {
    /// Every stored parcel with only what order margins need: its order id, ship and invoice dates and its charges
    /// (as ``forEachShipment(provenance:_:)`` lists them: charges of an unknown type left out, each with its own
    /// date and currency), by carrier and tracking number. The charges array is reused from parcel to parcel.
    /// Unreadable destinations and charge currencies fail the read as they do there.
    public func forEachCLVParcel(_ body: (_ orderID: String?, _ shipDate: CivilDate?, _ invoiceDate: CivilDate?, _ charges: [StoredCharge]) throws -> Void) throws {
        let s = try db.prepare("SELECT carrier, tracking_number, order_id, ship_date, invoice_date, destination FROM shipments ORDER BY carrier, tracking_number")
        var markets = TextValues<Market?>()
        var cursor = try ParcelCharges(db)
        var charges: [StoredCharge] = []
        while try s.step() {
            try cursor.charges(ofParcelAt: s, into: &charges)
            guard markets.value(s, 5, { Market(code: $0) }) != nil else {
                throw WarehouseError(code: 0, message: "unreadable market \(s.text(5))", sql: nil)
            }
            try body(
                s.optionalText(2), s.optionalText(3).flatMap(CivilDate.init(iso:)), s.optionalText(4).flatMap(CivilDate.init(iso:)), charges)
        }
    }
}
