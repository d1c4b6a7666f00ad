import TidemarkCommerce

extension Warehouse {
    /// The columns that give a keyed fact row's provenance: its file id and line. The id becomes the file's
    /// fingerprint through ``provenanceFiles(_:)``: one shared string per file, not a sub-query and a 64-character
    /// string per row.
    static func sourceColumns(of table: String) -> String {
        " \(table).file_id, \(table).source_line"
    }

    /// What a read selects in place of ``sourceColumns(of:)`` when it leaves provenance out (file id 0 is no file).
    static let noSourceColumns = " 0, 0"

    /// The fingerprints by file id when `provenance` is asked for, else none (every provenance file then reads "").
    func provenanceFiles(_ provenance: Bool) throws -> [Int64: String] {
        provenance ? try fingerprintsByFileID() : [:]
    }

    private func date(_ text: String) throws -> CivilDate {
        guard let d = CivilDate(iso: text) else { throw WarehouseError(code: 0, message: "unreadable date \(text)", sql: nil) }
        return d
    }

    private func market(_ code: String) throws -> Market {
        guard let m = Market(code: code) else { throw WarehouseError(code: 0, message: "unreadable market \(code)", sql: nil) }
        return m
    }

    private func currency(_ code: String) throws -> Currency {
        guard let c = Currency(code: code) else { throw WarehouseError(code: 0, message: "unreadable currency \(code)", sql: nil) }
        return c
    }

    /// Every stored refund or return, in key order. The provenance's `file` is the source fingerprint.
    /// `provenance` false leaves provenances empty and does not read them.
    public func forEachRefund(provenance: Bool = true, _ body: (Refund) throws -> Void) throws {
        let cursor = try refunds(provenance: provenance)
        while let refund = try cursor.next() { try body(refund) }
    }

    /// The stored refunds and returns in key order (platform, order id, SKU, refund date), one at a time: for walking
    /// them beside the order lines, which share the order of platform and order id. Otherwise as ``forEachRefund(provenance:_:)``.
    public func refunds(provenance: Bool = true) throws -> FactCursor<Refund> {
        let s = try db.prepare(
            "SELECT platform, order_id, sku, refund_date, market, amount_micros, currency, units_returned, reason,"
                + (provenance ? Self.sourceColumns(of: "refunds") : Self.noSourceColumns)
                + " FROM refunds ORDER BY platform, order_id, sku, refund_date, refund_kind, item_seq")
        let files = try provenanceFiles(provenance)
        var platforms = TextValues<Platform>(), orderIDs = TextColumn()
        return FactCursor(s) { [self] s in
            Refund(
                provenance: Provenance(file: files[s.int64(9)] ?? "", line: Int(s.int64(10))), platform: platforms.value(s, 0) { Platform($0) },
                market: try market(s.text(4)), orderID: orderIDs.value(s, 1), sku: s.text(2), refundDate: try date(s.text(3)),
                amount: Money(micros: s.int64(5)), currency: try currency(s.text(6)), unitsReturned: Int(s.int64(7)),
                reason: s.optionalText(8))
        }
    }

    /// Every stored platform fee, in key order. Empty order ids and SKUs come back as `nil`.
    /// `provenance` false leaves provenances empty and does not read them.
    public func forEachFee(provenance: Bool = true, _ body: (PlatformFee) throws -> Void) throws {
        let cursor = try fees(provenance: provenance)
        while let fee = try cursor.next() { try body(fee) }
    }

    /// The stored platform fees in key order (platform, order id, SKU, fee date, type; fees naming no order first in
    /// each platform), one at a time: for walking them beside the order lines, which share the order of platform and
    /// order id. Otherwise as ``forEachFee(provenance:_:)``.
    ///
    /// The fees of one order follow one another, so its order id is made into a string once; platforms, markets,
    /// currencies and types are recognised by their bytes.
    public func fees(provenance: Bool = true) throws -> FactCursor<PlatformFee> {
        let s = try db.prepare(
            "SELECT platform, order_id, sku, fee_date, fee_type, market, amount_micros, currency,"
                + (provenance ? Self.sourceColumns(of: "platform_fees") : Self.noSourceColumns)
                + " FROM platform_fees ORDER BY platform, order_id, sku, fee_date, fee_type, item_seq")
        let files = try provenanceFiles(provenance)
        var platforms = TextValues<Platform>(), orderIDs = TextColumn(), types = TextValues<FeeType?>()
        var markets = TextValues<Market?>(), currencies = TextValues<Currency?>()
        return FactCursor(s) { [self] s in
            guard let type = types.value(s, 4, { FeeType(rawValue: $0) }) else { return nil }
            guard let market = markets.value(s, 5, { Market(code: $0) }) else { _ = try self.market(s.text(5)); return nil }
            guard let currency = currencies.value(s, 7, { Currency(code: $0) }) else { _ = try self.currency(s.text(7)); return nil }
            let order = orderIDs.value(s, 1), sku = s.text(2)
            return PlatformFee(
                provenance: Provenance(file: files[s.int64(8)] ?? "", line: Int(s.int64(9))), platform: platforms.value(s, 0) { Platform($0) },
                market: market, orderID: order.isEmpty ? nil : order, sku: sku.isEmpty ? nil : sku,
                date: try date(s.text(3)), type: type, amount: Money(micros: s.int64(6)), currency: currency)
        }
    }

    /// Every stored ad-performance row, in key order.
    /// `provenance` false leaves provenances empty and does not read them.
    public func forEachAd(provenance: Bool = true, _ body: (AdPerformance) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT ad_date, platform, account, campaign, ad_group, sku, market, attribution_window, currency, impressions,
                   clicks, spend_micros, attributed_orders, attributed_sales_micros,
            """ + (provenance ? Self.sourceColumns(of: "ad_performance") : Self.noSourceColumns) + """

            FROM ad_performance ORDER BY ad_date, platform, account, campaign, ad_group, sku, market, attribution_window, item_seq
            """)
        var dates = LastValue<CivilDate?>(), markets = Interned<Market?>(), currencies = Interned<Currency?>(), platforms = Interned<Platform>()
        let files = try provenanceFiles(provenance)
        while try s.step() {
            let group = s.text(4), sku = s.text(5), window = s.text(7)
            let dateText = s.text(0), marketText = s.text(6), currencyText = s.text(8)
            guard let day = dates.value(dateText, { CivilDate(iso: $0) }) else { _ = try date(dateText); continue }
            guard let m = markets.value(marketText, { Market(code: $0) }) else { _ = try market(marketText); continue }
            guard let c = currencies.value(currencyText, { Currency(code: $0) }) else { _ = try currency(currencyText); continue }
            try body(
                AdPerformance(
                    provenance: Provenance(file: files[s.int64(14)] ?? "", line: Int(s.int64(15))), date: day,
                    platform: platforms.value(s.text(1), { Platform($0) }), account: s.text(2), campaign: s.text(3), adGroup: group.isEmpty ? nil : group,
                    sku: sku.isEmpty ? nil : sku, market: m, currency: c,
                    impressions: Int(s.int64(9)), clicks: Int(s.int64(10)), spend: Money(micros: s.int64(11)),
                    attributedOrders: s.optionalInt64(12).map { Int($0) }, attributedSales: s.optionalInt64(13).map { Money(micros: $0) },
                    attributionWindow: window.isEmpty ? nil : window))
        }
    }

    /// Every stored traffic row, in key order. Counts a source did not report come back as `nil`.
    /// `provenance` false leaves provenances empty and does not read them.
    public func forEachTraffic(provenance: Bool = true, _ body: (Traffic) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT traffic_date, platform, market, sku, impressions, clicks, sessions, page_views, inquiries, add_to_carts,
            """ + (provenance ? Self.sourceColumns(of: "traffic") : Self.noSourceColumns) + """

            FROM traffic ORDER BY traffic_date, platform, market, sku, item_seq
            """)
        let files = try provenanceFiles(provenance)
        while try s.step() {
            let sku = s.text(3)
            func count(_ c: Int32) -> Int? { s.optionalInt64(c).map { Int($0) } }
            try body(
                Traffic(
                    provenance: Provenance(file: files[s.int64(10)] ?? "", line: Int(s.int64(11))), date: try date(s.text(0)),
                    platform: Platform(s.text(1)), market: try market(s.text(2)), sku: sku.isEmpty ? nil : sku,
                    impressions: count(4), clicks: count(5), sessions: count(6), pageViews: count(7), inquiries: count(8),
                    addToCarts: count(9)))
        }
    }

    /// One shipment charge as stored: dated by ship date (else invoice date), in its own currency.
    public struct StoredCharge: Hashable, Sendable {
        public var type: ChargeType
        public var date: CivilDate?
        public var amount: Money
        public var currency: Currency
    }

    /// Every stored shipment with its charges, by carrier and tracking number. `Shipment.charges` sums charges of
    /// a type; `charges` lists them with their own dates and currencies.
    ///
    /// Parcels and charges are both read in (carrier, tracking number) order and merged as they stream, so memory
    /// does not grow with the number of charges. `provenance` false leaves provenances empty and does not read them.
    /// A status this version does not know (written by a newer one) reads as `deliveryNotReported`: not judged.
    public func forEachShipment(provenance: Bool = true, _ body: (Shipment, [StoredCharge]) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT carrier, tracking_number, order_id, service, ship_date, invoice_date, promised_date, delivery_date, status,
                   destination, weight_grams,
            """ + (provenance ? " source_sha256, source_line" : " '', 0") + """

            FROM shipments ORDER BY carrier, tracking_number
            """)
        var markets = Interned<Market?>()
        var cursor = try ParcelCharges(db)
        var charges: [StoredCharge] = []
        while try s.step() {
            let carrier = s.text(0), tracking = s.text(1)
            try cursor.charges(ofParcelAt: s, into: &charges)
            var byType: [ChargeType: Money] = [:]
            for ch in charges where ch.currency == charges[0].currency { byType[ch.type, default: .zero] += ch.amount }
            let destinationText = s.text(9)
            guard let destination = markets.value(destinationText, { Market(code: $0) }) else { _ = try market(destinationText); continue }
            try body(
                Shipment(
                    provenance: Provenance(file: s.text(11), line: Int(s.int64(12))), trackingNumber: tracking,
                    orderID: s.optionalText(2), carrier: carrier, service: s.optionalText(3),
                    shipDate: s.optionalText(4).flatMap(CivilDate.init(iso:)), invoiceDate: s.optionalText(5).flatMap(CivilDate.init(iso:)),
                    promisedDate: s.optionalText(6).flatMap(CivilDate.init(iso:)), deliveryDate: s.optionalText(7).flatMap(CivilDate.init(iso:)),
                    status: ShipmentStatus(rawValue: s.text(8)) ?? .deliveryNotReported, destination: destination,
                    weightGrams: s.optionalInt64(10).map { Int($0) }, charges: byType, currency: charges.first?.currency ?? .EUR),
                charges)
        }
    }
}

/// A read of one table in key order that hands out one fact at a time, so that it can be walked beside another read
/// (a merge join on a shared key order) instead of being held in memory. Valid while its warehouse is open.
public final class FactCursor<Fact> {
    private let statement: SQLiteStatement
    /// The fact of the current row; `nil` skips the row (a value this version does not know).
    private let decode: (SQLiteStatement) throws -> Fact?

    init(_ statement: SQLiteStatement, decode: @escaping (SQLiteStatement) throws -> Fact?) {
        self.statement = statement
        self.decode = decode
    }

    /// The next fact, `nil` after the last.
    public func next() throws -> Fact? {
        while try statement.step() {
            if let fact = try decode(statement) { return fact }
        }
        return nil
    }
}

/// The charges of the stored parcels, read beside the parcels in their shared key order (carrier, tracking number):
/// a merge join, so no parcel's charges are held longer than its own row. Charges of an unknown type are left out;
/// an unreadable currency fails the read.
struct ParcelCharges {
    private let c: SQLiteStatement
    private var types = TextValues<ChargeType?>(), currencies = TextValues<Currency?>()
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
        c.withTextBytes(0) { keepBytes(textBytes($0), in: &pendingCarrier) }
        c.withTextBytes(1) { keepBytes(textBytes($0), in: &pendingTracking) }
    }

    /// How the pending charge's parcel compares with the parcel on the current row of `s` in SQLite's BINARY
    /// (bytewise) order.
    private func pendingOrder(_ s: SQLiteStatement) -> Int {
        let carrier = s.withTextBytes(0) { compareBytes(pendingCarrier, textBytes($0)) }
        return carrier != 0 ? carrier : s.withTextBytes(1) { compareBytes(pendingTracking, textBytes($0)) }
    }
}
