import TidemarkCommerce

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Warehouse {
    /// Every order line in key order (platform, order id, SKU, item), reading only the columns the sales and insights
    /// passes use: `store` and `marketplace` come back empty, `customerKey` `nil` unless `customerKeys`, and the
    /// provenance (source fingerprint and line) is read only when the closure passed with the line is called, which
    /// is valid only during `body` (most lines never need it, and each would cost a 64-character string).
    ///
    /// Texts are made into strings only when they change: the few platforms, markets, currencies and statuses are
    /// recognised by their bytes, and an order id or SKU equal to the previous line's is handed on as the same
    /// string (the lines of an order follow one another), which also makes comparing it with the previous one cheap.
    public func forEachSalesOrderLine(customerKeys: Bool, _ body: (OrderLine, () -> Provenance) throws -> Void) throws {
        let s = try db.prepare(
            "SELECT platform, order_id, sku, market, order_ts, status, quantity, currency, item_amount_micros, tax_micros,"
                + " shipping_micros, discount_micros, " + (customerKeys ? "customer_key" : "NULL")
                + ", file_id, source_line FROM order_lines ORDER BY platform, order_id, sku, item_seq")
        let fingerprints = try fingerprintsByFileID()
        var markets = TextValues<Market?>(), currencies = TextValues<Currency?>(), statuses = TextValues<OrderStatus?>()
        var platforms = TextValues<Platform>()
        var orderIDs = TextColumn(), skus = TextColumn()
        let provenance = { Provenance(file: fingerprints[s.int64(13)] ?? "", line: Int(s.int64(14))) }
        while try s.step() {
            guard let market = s.withTextBytes(3, { markets.value($0) { Market(code: $0) } }),
                let currency = s.withTextBytes(7, { currencies.value($0) { Currency(code: $0) } }),
                let status = s.withTextBytes(5, { statuses.value($0) { OrderStatus(rawValue: $0) } })
            else { throw WarehouseError(code: 0, message: "order_lines holds a value this version cannot read", sql: nil) }
            try body(
                OrderLine(
                    provenance: Provenance(file: "", line: 0), platform: s.withTextBytes(0, { platforms.value($0) { Platform($0) } }),
                    store: "", marketplace: "", market: market, orderID: s.withTextBytes(1, { orderIDs.value($0) }),
                    orderTime: Timestamp(secondsSinceEpoch: s.int64(4)), status: status, sku: s.withTextBytes(2, { skus.value($0) }),
                    quantity: Int(s.int64(6)), currency: currency, itemAmount: Money(micros: s.int64(8)),
                    tax: Money(micros: s.int64(9)), shippingCharged: Money(micros: s.int64(10)),
                    discount: Money(micros: s.int64(11)), customerKey: s.optionalText(12), sourceUpdatedAt: nil),
                provenance)
        }
    }

    /// Each file's fingerprint by its id in `file_ids` (a few hundred rows at most).
    func fingerprintsByFileID() throws -> [Int64: String] {
        let s = try db.prepare("SELECT file_id, sha256 FROM file_ids")
        var result: [Int64: String] = [:]
        while try s.step() { result[s.int64(0)] = s.text(1) }
        return result
    }
}
