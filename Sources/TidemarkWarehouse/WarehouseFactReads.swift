import TidemarkCommerce

extension Warehouse {
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
    public func forEachRefund(_ body: (Refund) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT platform, order_id, sku, refund_date, market, amount_micros, currency, units_returned, reason, source_sha256, source_line
            FROM refunds ORDER BY platform, order_id, sku, refund_date, item_seq
            """)
        while try s.step() {
            try body(
                Refund(
                    provenance: Provenance(file: s.text(9), line: Int(s.int64(10))), platform: Platform(s.text(0)),
                    market: try market(s.text(4)), orderID: s.text(1), sku: s.text(2), refundDate: try date(s.text(3)),
                    amount: Money(micros: s.int64(5)), currency: try currency(s.text(6)), unitsReturned: Int(s.int64(7)),
                    reason: s.optionalText(8)))
        }
    }

    /// Every stored platform fee, in key order. Empty order ids and SKUs come back as `nil`.
    public func forEachFee(_ body: (PlatformFee) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT platform, order_id, sku, fee_date, fee_type, market, amount_micros, currency, source_sha256, source_line
            FROM platform_fees ORDER BY platform, order_id, sku, fee_date, fee_type, item_seq
            """)
        while try s.step() {
            guard let type = FeeType(rawValue: s.text(4)) else { continue }
            let order = s.text(1), sku = s.text(2)
            try body(
                PlatformFee(
                    provenance: Provenance(file: s.text(8), line: Int(s.int64(9))), platform: Platform(s.text(0)),
                    market: try market(s.text(5)), orderID: order.isEmpty ? nil : order, sku: sku.isEmpty ? nil : sku,
                    date: try date(s.text(3)), type: type, amount: Money(micros: s.int64(6)), currency: try currency(s.text(7))))
        }
    }

    /// Every stored ad-performance row, in key order.
    public func forEachAd(_ body: (AdPerformance) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT ad_date, platform, account, campaign, ad_group, sku, market, attribution_window, currency, impressions,
                   clicks, spend_micros, attributed_orders, attributed_sales_micros, source_sha256, source_line
            FROM ad_performance ORDER BY ad_date, platform, account, campaign, ad_group, sku, market, attribution_window, item_seq
            """)
        while try s.step() {
            let group = s.text(4), sku = s.text(5), window = s.text(7)
            try body(
                AdPerformance(
                    provenance: Provenance(file: s.text(14), line: Int(s.int64(15))), date: try date(s.text(0)),
                    platform: Platform(s.text(1)), account: s.text(2), campaign: s.text(3), adGroup: group.isEmpty ? nil : group,
                    sku: sku.isEmpty ? nil : sku, market: try market(s.text(6)), currency: try currency(s.text(8)),
                    impressions: Int(s.int64(9)), clicks: Int(s.int64(10)), spend: Money(micros: s.int64(11)),
                    attributedOrders: s.optionalInt64(12).map { Int($0) }, attributedSales: s.optionalInt64(13).map { Money(micros: $0) },
                    attributionWindow: window.isEmpty ? nil : window))
        }
    }

    /// Every stored traffic row, in key order. Counts a source did not report come back as `nil`.
    public func forEachTraffic(_ body: (Traffic) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT traffic_date, platform, market, sku, impressions, clicks, sessions, page_views, inquiries, add_to_carts,
                   source_sha256, source_line
            FROM traffic ORDER BY traffic_date, platform, market, sku, item_seq
            """)
        while try s.step() {
            let sku = s.text(3)
            func count(_ c: Int32) -> Int? { s.optionalInt64(c).map { Int($0) } }
            try body(
                Traffic(
                    provenance: Provenance(file: s.text(10), line: Int(s.int64(11))), date: try date(s.text(0)),
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
    public func forEachShipment(_ body: (Shipment, [StoredCharge]) throws -> Void) throws {
        var chargesByParcel: [String: [StoredCharge]] = [:]
        let c = try db.prepare(
            "SELECT carrier, tracking_number, charge_type, charge_date, amount_micros, currency FROM shipment_charges ORDER BY carrier, tracking_number, charge_type, invoice_date, item_seq")
        while try c.step() {
            guard let type = ChargeType(rawValue: c.text(2)) else { continue }
            chargesByParcel[c.text(0) + "\u{1F}" + c.text(1), default: []].append(
                StoredCharge(type: type, date: CivilDate(iso: c.text(3)), amount: Money(micros: c.int64(4)), currency: try currency(c.text(5))))
        }
        let s = try db.prepare(
            """
            SELECT carrier, tracking_number, order_id, service, ship_date, invoice_date, promised_date, delivery_date, status,
                   destination, weight_grams, source_sha256, source_line
            FROM shipments ORDER BY carrier, tracking_number
            """)
        while try s.step() {
            let charges = chargesByParcel[s.text(0) + "\u{1F}" + s.text(1)] ?? []
            var byType: [ChargeType: Money] = [:]
            for ch in charges where ch.currency == charges[0].currency { byType[ch.type, default: .zero] += ch.amount }
            try body(
                Shipment(
                    provenance: Provenance(file: s.text(11), line: Int(s.int64(12))), trackingNumber: s.text(1),
                    orderID: s.optionalText(2), carrier: s.text(0), service: s.optionalText(3),
                    shipDate: s.optionalText(4).flatMap(CivilDate.init(iso:)), invoiceDate: s.optionalText(5).flatMap(CivilDate.init(iso:)),
                    promisedDate: s.optionalText(6).flatMap(CivilDate.init(iso:)), deliveryDate: s.optionalText(7).flatMap(CivilDate.init(iso:)),
                    status: ShipmentStatus(rawValue: s.text(8)) ?? .inTransit, destination: try market(s.text(9)),
                    weightGrams: s.optionalInt64(10).map { Int($0) }, charges: byType, currency: charges.first?.currency ?? .EUR),
                charges)
        }
    }
}
