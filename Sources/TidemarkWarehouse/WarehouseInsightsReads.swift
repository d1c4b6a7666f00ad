import TidemarkCommerce

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The insights stage's reads: only the columns its calculators use, texts recognised by their bytes (a `String` is
// made only when a column's text changes, or once per distinct value of a low-cardinality column).

extension Warehouse {
    /// Every stored ad-performance row in key order (date, platform, account, campaign, ad group, SKU, market,
    /// window), reading only the columns the insights pass uses: `adGroup` comes back `nil` and the provenance empty.
    ///
    /// Rows of one campaign come one after another, so account, campaign and window texts equal to the previous
    /// row's are handed out as that row's strings: the calculators compare keys of adjacent rows, which is then a
    /// comparison of identical storage.
    public func forEachInsightsAd(_ body: (AdPerformance) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT ad_date, platform, account, campaign, sku, market, attribution_window, currency, impressions, clicks,
                   spend_micros, attributed_orders, attributed_sales_micros
            FROM ad_performance ORDER BY ad_date, platform, account, campaign, ad_group, sku, market, attribution_window, item_seq
            """)
        var dates = InsightsColumnValues<CivilDate?>(), markets = InsightsColumnValues<Market?>()
        var currencies = InsightsColumnValues<Currency?>(), platforms = InsightsColumnValues<Platform>()
        var windows = InsightsColumnValues<String?>(), skus = InsightsColumnValues<String?>()
        var accounts = InsightsColumnText(), campaigns = InsightsColumnText()
        func unreadable(_ what: String, _ column: Int32) -> WarehouseError {
            WarehouseError(code: 0, message: "unreadable \(what) \(s.text(column))", sql: nil)
        }
        while try s.step() {
            guard let day = s.withTextBytes(0, { dates.value($0) { CivilDate(iso: $0) } }) else { throw unreadable("date", 0) }
            guard let m = s.withTextBytes(5, { markets.value($0) { Market(code: $0) } }) else { throw unreadable("market", 5) }
            guard let c = s.withTextBytes(7, { currencies.value($0) { Currency(code: $0) } }) else { throw unreadable("currency", 7) }
            try body(
                AdPerformance(
                    provenance: Provenance(file: "", line: 0), date: day, platform: s.withTextBytes(1, { platforms.value($0) { Platform($0) } }),
                    account: s.withTextBytes(2, { accounts.value($0) }), campaign: s.withTextBytes(3, { campaigns.value($0) }), adGroup: nil,
                    sku: s.withTextBytes(4, { skus.value($0) { $0.isEmpty ? nil : $0 } }), market: m, currency: c,
                    impressions: Int(s.int64(8)), clicks: Int(s.int64(9)), spend: Money(micros: s.int64(10)),
                    attributedOrders: s.optionalInt64(11).map { Int($0) }, attributedSales: s.optionalInt64(12).map { Money(micros: $0) },
                    attributionWindow: s.withTextBytes(6, { windows.value($0) { $0.isEmpty ? nil : $0 } })))
        }
    }
}

extension Warehouse {
    /// The non-cancelled order lines that carry a customer key, in key order, as (customer key, order time,
    /// platform, order id, market): the input of first orders, as ``forEachCustomerOrderLine(_:)`` gives it less
    /// the lines that cannot change a customer's first order: a line with the customer key, order time, platform and
    /// order id of the line before it (a later line of the same order, which ties with the one already considered).
    public func forEachInsightsCustomerOrder(_ body: (String, Timestamp, Platform, String, Market) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT customer_key, order_ts, platform, order_id, market FROM order_lines
            WHERE customer_key IS NOT NULL AND status <> 'cancelled' ORDER BY platform, order_id, sku, item_seq
            """)
        var markets = InsightsColumnValues<Market?>(), platforms = InsightsColumnValues<Platform>()
        var customers = InsightsColumnText(), orders = InsightsColumnText()
        var lastPlatform = -1, lastTime: Int64?
        while try s.step() {
            let customerChanged = s.withTextBytes(0) { customers.update($0) }
            let orderChanged = s.withTextBytes(3) { orders.update($0) }
            let platform = s.withTextBytes(2) { platforms.value($0) { Platform($0) } }
            let time = s.int64(1)
            let repeated = !customerChanged && !orderChanged && platforms.lastIndex >= 0 && platforms.lastIndex == lastPlatform && time == lastTime
            lastPlatform = platforms.lastIndex
            lastTime = time
            if repeated { continue }
            guard let market = s.withTextBytes(4, { markets.value($0) { Market(code: $0) } }) else {
                throw WarehouseError(code: 0, message: "order_lines holds a value this version cannot read", sql: nil)
            }
            try body(customers.text, Timestamp(secondsSinceEpoch: time), platform, orders.text, market)
        }
    }
}

extension Warehouse {
    /// The number of stored parcels (to size the maps the parcels fill).
    public func parcelCount() throws -> Int { Int(try db.scalarInt("SELECT count(*) FROM shipments")) }

    /// Every stored parcel with its charges, by carrier and tracking number, reading only what the insights pass
    /// uses: `service` and `weightGrams` come back `nil`, the provenance empty and `charges` (the sums by type) empty;
    /// the charges are listed as ``forEachShipment(provenance:_:)`` lists them (an unknown type left out, each with
    /// its own date and currency) in an array reused from parcel to parcel. Unreadable destinations and charge
    /// currencies fail the read as they do there.
    public func forEachInsightsParcel(_ body: (Shipment, [StoredCharge]) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT carrier, tracking_number, order_id, ship_date, invoice_date, promised_date, delivery_date, status, destination
            FROM shipments ORDER BY carrier, tracking_number
            """)
        var carriers = InsightsColumnValues<String>(), statuses = InsightsColumnValues<ShipmentStatus>(), markets = InsightsColumnValues<Market?>()
        func date(_ column: Int32) -> CivilDate? { s.isNull(column) ? nil : s.withTextBytes(column, isoDate) }
        var cursor = try ParcelCharges(db)
        var charges: [StoredCharge] = []
        while try s.step() {
            try cursor.charges(ofParcelAt: s, into: &charges)
            guard let destination = s.withTextBytes(8, { markets.value($0) { Market(code: $0) } }) else {
                throw WarehouseError(code: 0, message: "unreadable market \(s.text(8))", sql: nil)
            }
            try body(
                Shipment(
                    provenance: Provenance(file: "", line: 0), trackingNumber: s.text(1), orderID: s.optionalText(2),
                    carrier: s.withTextBytes(0, { carriers.value($0) { $0 } }), service: nil, shipDate: date(3), invoiceDate: date(4),
                    promisedDate: date(5), deliveryDate: date(6), status: s.withTextBytes(7, { statuses.value($0) { ShipmentStatus(rawValue: $0) ?? .inTransit } }),
                    destination: destination, weightGrams: nil, charges: [:], currency: charges.first?.currency ?? .EUR),
                charges)
        }
    }
}

/// `CivilDate(iso:)` of UTF-8 bytes, without making a string: `YYYY-MM-DD` of a valid date, else `nil`.
private func isoDate(_ raw: UnsafeBufferPointer<UInt8>) -> CivilDate? {
    let u = textBytes(raw)
    guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
    func digits(_ range: Range<Int>) -> Int? {
        var v = 0
        for i in range {
            guard u[i] >= 48, u[i] <= 57 else { return nil }
            v = v * 10 + Int(u[i] - 48)
        }
        return v
    }
    guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
    return CivilDate(year: y, month: m, day: d)
}

/// Replaces the bytes of `buffer` with `raw`, keeping its storage.
private func keep(_ raw: UnsafeBufferPointer<UInt8>, in buffer: inout [UInt8]) {
    buffer.removeAll(keepingCapacity: true)
    buffer.append(contentsOf: raw)
}

/// -1, 0 or 1 as `a` sorts before, equal to or after `b` bytewise (SQLite's BINARY collation).
private func compare(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = min(a.count, b.count)
    let c = n == 0 ? 0 : a.withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress!, n) }
    if c != 0 { return c < 0 ? -1 : 1 }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}

/// The bytes of a text column as ``SQLiteStatement/text(_:)`` reads them: up to the first NUL, if any.
private func textBytes(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard let base = raw.baseAddress, let nul = memchr(base, 0, raw.count) else { return raw }
    return UnsafeBufferPointer(start: base, count: base.distance(to: nul.assumingMemoryBound(to: UInt8.self)))
}

/// Whether `raw` holds exactly `bytes`.
private func same(_ raw: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
    raw.count == bytes.count && (raw.isEmpty || bytes.withUnsafeBufferPointer { memcmp(raw.baseAddress!, $0.baseAddress!, raw.count) == 0 })
}

/// The values of a column with a bounded number of distinct texts (dates of ad rows, platforms, markets,
/// currencies, SKUs), each made once from its text and then recognised by its bytes: the value returned last and the
/// one remembered after it are tried first (rows come in runs of one value, and the SKUs of a campaign's day in the
/// same ascending order every day), then a hash table of the bytes. Past 4096 distinct texts, values are made row by
/// row.
private struct InsightsColumnValues<T> {
    private var texts: [[UInt8]] = []
    private var values: [T] = []
    /// Open addressing: index + 1 into ``texts`` by hash, 0 for an empty slot; a power of two, at most half full.
    private var slots = [Int32](repeating: 0, count: 64)
    private var last = 0
    /// The index of the value returned last among the remembered ones (-1 before the first or after a value not
    /// remembered): equal indices, equal texts.
    private(set) var lastIndex = -1

    /// The value of the text whose UTF-8 bytes are `raw` (as `withTextBytes` gives them).
    /// Texts are told apart by all their bytes, the value is made from those before a NUL, if any.
    mutating func value(_ raw: UnsafeBufferPointer<UInt8>, _ make: (String) throws -> T) rethrows -> T {
        let (found, slot) = find(raw)
        if let found {
            last = found
            lastIndex = found
            return values[found]
        }
        let v = try make(String(decoding: textBytes(raw), as: UTF8.self))
        lastIndex = -1
        if texts.count < 4096 {
            texts.append(Array(raw))
            values.append(v)
            last = texts.count - 1
            lastIndex = last
            slots[slot] = Int32(texts.count)
            if texts.count * 2 > slots.count { grow() }
        }
        return v
    }

    /// The index of `raw` in ``texts``, or `nil` and the empty slot where it would go.
    private func find(_ raw: UnsafeBufferPointer<UInt8>) -> (Int?, slot: Int) {
        if last < texts.count && same(raw, texts[last]) { return (last, 0) }
        if last + 1 < texts.count && same(raw, texts[last + 1]) { return (last + 1, 0) }
        var slot = Self.hash(raw) & (slots.count - 1)
        while slots[slot] != 0 {
            let i = Int(slots[slot]) - 1
            if same(raw, texts[i]) { return (i, slot) }
            slot = (slot + 1) & (slots.count - 1)
        }
        return (nil, slot)
    }

    /// Doubles the table and places every text again.
    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for (i, t) in texts.enumerated() {
            var slot = t.withUnsafeBufferPointer { Self.hash($0) } & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(i + 1)
        }
    }

    /// FNV-1a of the bytes (short texts; only this table's placement depends on it).
    private static func hash(_ raw: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in raw { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}

/// The text of a column read row by row, made into a string only when it differs from the previous row's.
private struct InsightsColumnText {
    private var bytes: [UInt8] = []
    /// The string of the bytes last given.
    private(set) var text = ""

    /// The string of the UTF-8 bytes `raw` (as `withTextBytes` gives them): the previous one when they are equal.
    mutating func value(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        update(raw)
        return text
    }

    /// Takes the UTF-8 bytes `raw` as the column's text; whether they differ from the previous row's (``text`` is then
    /// a new string, of the bytes before a NUL, if any).
    @discardableResult mutating func update(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        if same(raw, bytes) { return false }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: raw)
        text = String(decoding: textBytes(raw), as: UTF8.self)
        return true
    }
}

/// The charges of the stored parcels, read beside the parcels in their shared key order (carrier, tracking number):
/// a merge join, so no parcel's charges are held longer than its own row. Charges of an unknown type are left out;
/// an unreadable currency fails the read.
struct ParcelCharges {
    private let c: SQLiteStatement
    private var types = InsightsColumnValues<ChargeType?>(), currencies = InsightsColumnValues<Currency?>()
    /// The charge row the cursor stands on: its parcel key (bytes) and the charge; `exhausted` at the end.
    private var pendingCarrier: [UInt8] = [], pendingTracking: [UInt8] = [], pendingCharge: Warehouse.StoredCharge?, exhausted = false

    init(_ db: SQLiteConnection) throws {
        c = try db.prepare(
            "SELECT carrier, tracking_number, charge_type, charge_date, amount_micros, currency FROM shipment_charges ORDER BY carrier, tracking_number, charge_type, invoice_date, item_seq")
        try advance()
    }

    /// Replaces `charges` with those of the parcel on the current row of `s` (whose columns 0 and 1 are its carrier
    /// and tracking number); the parcels must come in key order.
    mutating func charges(ofParcelAt s: SQLiteStatement, into charges: inout [Warehouse.StoredCharge]) throws {
        charges.removeAll(keepingCapacity: true)
        // Charges of parcels that are not loaded are skipped; those of this parcel are collected.
        while !exhausted, pendingOrder(s) < 0 { try advance() }
        while !exhausted, pendingOrder(s) == 0 {
            if let charge = pendingCharge { charges.append(charge) }
            try advance()
        }
    }

    private mutating func advance() throws {
        guard try c.step() else {
            exhausted = true
            return
        }
        pendingCharge = nil
        if let type = c.withTextBytes(2, { types.value($0) { ChargeType(rawValue: $0) } }) {
            guard let cur = c.withTextBytes(5, { currencies.value($0) { Currency(code: $0) } }) else {
                throw WarehouseError(code: 0, message: "unreadable currency \(c.text(5))", sql: nil)
            }
            pendingCharge = Warehouse.StoredCharge(type: type, date: c.withTextBytes(3, isoDate), amount: Money(micros: c.int64(4)), currency: cur)
        }
        c.withTextBytes(0) { keep(textBytes($0), in: &pendingCarrier) }
        c.withTextBytes(1) { keep(textBytes($0), in: &pendingTracking) }
    }

    /// How the pending charge's parcel compares with the parcel on the current row of `s` in SQLite's BINARY
    /// (bytewise) order.
    private func pendingOrder(_ s: SQLiteStatement) -> Int {
        let carrier = s.withTextBytes(0) { compare(pendingCarrier, textBytes($0)) }
        return carrier != 0 ? carrier : s.withTextBytes(1) { compare(pendingTracking, textBytes($0)) }
    }
}
