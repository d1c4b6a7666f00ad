import Foundation
import TidemarkCommerce
import TidemarkIngest

extension Warehouse {
    /// Calls `body` for every order line with `from <= order time < to` (either bound optional), in key order.
    /// The provenance's `file` is the source file's fingerprint.
    /// `provenance` false leaves every line's provenance empty (file "", line 0) and does not read it: for
    /// consumers that never look at it.
    public func forEachOrderLine(from: Timestamp? = nil, to: Timestamp? = nil, provenance: Bool = true, _ body: (OrderLine) throws -> Void) throws {
        let columns = """
            SELECT platform, order_id, sku, store, marketplace, market, order_ts, status, quantity, currency,
                   item_amount_micros, tax_micros, shipping_micros, discount_micros, customer_key,
            """ + (provenance ? Self.sourceColumns(of: "order_lines") : Self.noSourceColumns) + " FROM order_lines"
        // A scan of the primary key (already in key order) that skips lines outside the bounds: no index by time.
        let s = try db.prepare(columns + " WHERE order_ts >= ?1 AND order_ts < ?2 ORDER BY platform, order_id, sku, item_seq")
        try s.bind([.int(from?.secondsSinceEpoch ?? Int64.min), .int(to?.secondsSinceEpoch ?? Int64.max)])
        let files = try provenanceFiles(provenance)
        var markets = Interned<Market?>(), currencies = Interned<Currency?>(), statuses = Interned<OrderStatus?>(), platforms = Interned<Platform>()
        while try s.step() {
            guard let market = markets.value(s.text(5), { Market(code: $0) }), let currency = currencies.value(s.text(9), { Currency(code: $0) }),
                let status = statuses.value(s.text(7), { OrderStatus(rawValue: $0) })
            else { throw WarehouseError(code: 0, message: "order_lines holds a value this version cannot read", sql: nil) }
            try body(
                OrderLine(
                    provenance: Provenance(file: files[s.int64(15)] ?? "", line: Int(s.int64(16))), platform: platforms.value(s.text(0), { Platform($0) }),
                    store: s.text(3), marketplace: s.text(4), market: market, orderID: s.text(1),
                    orderTime: Timestamp(secondsSinceEpoch: s.int64(6)), status: status, sku: s.text(2),
                    quantity: Int(s.int64(8)), currency: currency, itemAmount: Money(micros: s.int64(10)),
                    tax: Money(micros: s.int64(11)), shippingCharged: Money(micros: s.int64(12)),
                    discount: Money(micros: s.int64(13)), customerKey: s.optionalText(14), sourceUpdatedAt: nil))
        }
    }

    /// Every stored FX rate.
    public func fxRates() throws -> [FXRate] {
        let s = try db.prepare("SELECT base, currency, date, rate_scaled FROM ref_fx_rates ORDER BY base, currency, date")
        var out: [FXRate] = []
        while try s.step() {
            guard let base = Currency(code: s.text(0)), let currency = Currency(code: s.text(1)),
                let date = CivilDate(iso: s.text(2)), let rate = ExchangeRate(scaled: s.int64(3))
            else { continue }
            out.append(FXRate(date: date, base: base, currency: currency, rate: rate))
        }
        return out
    }

    /// Every stored unit cost.
    public func unitCosts() throws -> [UnitCost] {
        let s = try db.prepare("SELECT sku, market, valid_from, unit_cost_micros, currency, source_sha256 FROM unit_costs ORDER BY sku, market, valid_from")
        var out: [UnitCost] = []
        while try s.step() {
            guard let from = CivilDate(iso: s.text(2)), let currency = Currency(code: s.text(4)) else { continue }
            let m = s.text(1)
            out.append(
                UnitCost(
                    provenance: Provenance(file: s.text(5), line: 0), sku: s.text(0), market: m.isEmpty ? nil : Market(code: m),
                    validFrom: from, unitCost: Money(micros: s.int64(3)), currency: currency))
        }
        return out
    }

    /// The reconciliation of every file ever loaded (without rejects), by file name.
    public func loadedFiles() throws -> [FileReconciliation] {
        let s = try db.prepare(
            """
            SELECT sha256, file_name, format, encoding, delimiter, preamble_lines, rows_read, rows_loaded, rows_rejected,
                   rows_skipped, skipped_reasons, rows_superseded FROM file_fingerprints ORDER BY file_name, sha256
            """)
        var out: [FileReconciliation] = []
        while try s.step() {
            var r = FileReconciliation(file: s.text(1), sha256: s.text(0))
            r.format = s.text(2)
            r.encoding = s.text(3)
            r.delimiter = s.text(4)
            r.preambleLines = Int(s.int64(5))
            r.rowsRead = Int(s.int64(6))
            r.rowsLoaded = Int(s.int64(7))
            r.rowsRejected = Int(s.int64(8))
            r.rowsSkipped = Int(s.int64(9))
            if let object = try? JSONSerialization.jsonObject(with: Data(s.text(10).utf8)) as? [String: Int] {
                r.skippedReasons = object
            }
            r.rowsSuperseded = Int(s.int64(11))
            r.status = r.rowsRead == 0 ? "empty" : "loaded"
            out.append(r)
        }
        return out
    }
}

extension Warehouse {
    /// The rejects kept for a loaded file, shown under `displayName`.
    public func rejects(sha256: String, displayName: String) throws -> [RejectedRow] {
        let s = try db.prepare("SELECT line, column_number, column_name, value, reason FROM rejects WHERE source_sha256 = ? ORDER BY line, column_number")
        try s.bind([.text(sha256)])
        var out: [RejectedRow] = []
        while try s.step() {
            out.append(RejectedRow(file: displayName, line: Int(s.int64(0)), columnNumber: Int(s.int64(1)), column: s.text(2), value: s.text(3), reason: s.text(4)))
        }
        return out
    }
}

/// The few distinct values of a low-cardinality column (markets, currencies, statuses, platforms), each parsed once
/// per read instead of once per row. Texts are compared exactly; past 64 distinct texts, values are parsed every time.
struct Interned<T> {
    private var texts: [String] = []
    private var values: [T] = []

    mutating func value(_ text: String, _ make: (String) throws -> T) rethrows -> T {
        for i in texts.indices where texts[i] == text { return values[i] }
        let v = try make(text)
        if texts.count < 64 {
            texts.append(text)
            values.append(v)
        }
        return v
    }
}

/// The value of the last text seen, for a column read in its own order (dates of rows sorted by date).
struct LastValue<T> {
    private var last: (String, T)?

    mutating func value(_ text: String, _ make: (String) throws -> T) rethrows -> T {
        if let last, last.0 == text { return last.1 }
        let v = try make(text)
        last = (text, v)
        return v
    }
}

extension Warehouse {
    /// The latest fact of each source file (by fingerprint), one grouped query per fact table instead of a scan of
    /// every row: the latest order time (an instant; the caller takes its date in the reporting zone, which keeps
    /// the order) and the latest refund, fee, ad, traffic and shipment date (ship date, else invoice date).
    public func latestFacts() throws -> (orderTimes: [String: Timestamp], dates: [String: CivilDate]) {
        var times: [String: Timestamp] = [:]
        let orders = try db.prepare(
            "SELECT f.sha256, m FROM (SELECT file_id, max(order_ts) AS m FROM order_lines GROUP BY file_id) JOIN file_ids f USING (file_id)")
        while try orders.step() { times[orders.text(0)] = Timestamp(secondsSinceEpoch: orders.int64(1)) }
        var dates: [String: CivilDate] = [:]
        for (table, column) in [
            ("refunds", "refund_date"), ("platform_fees", "fee_date"), ("ad_performance", "ad_date"),
            ("traffic", "traffic_date"), ("shipments", "coalesce(ship_date, invoice_date)"),
        ] {
            // Shipments keep their fingerprint on the row; the keyed tables reach it through `file_ids`.
            let s = try db.prepare(
                table == "shipments"
                    ? "SELECT source_sha256, max(\(column)) FROM shipments GROUP BY source_sha256"
                    : "SELECT f.sha256, m FROM (SELECT file_id, max(\(column)) AS m FROM \(table) GROUP BY file_id) JOIN file_ids f USING (file_id)")
            while try s.step() {
                guard let text = s.optionalText(1), let date = CivilDate(iso: text) else { continue }
                let sha = s.text(0)
                dates[sha] = max(dates[sha] ?? date, date)
            }
        }
        return (times, dates)
    }
}
