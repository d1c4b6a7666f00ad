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
        var dates = TextValues<CivilDate?>(), markets = TextValues<Market?>()
        var currencies = TextValues<Currency?>(), platforms = TextValues<Platform>()
        var windows = TextValues<String?>(), skus = TextValues<String?>()
        var accounts = TextColumn(), campaigns = TextColumn()
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
    /// The number of stored parcels (to size the maps the parcels fill).
    public func parcelCount() throws -> Int { Int(try db.scalarInt("SELECT count(*) FROM shipments")) }

    /// Every stored parcel with its charges, by carrier and tracking number, reading only what the insights pass
    /// uses: `service` and `weightGrams` come back `nil`, the provenance empty and `charges` (the sums by type) empty;
    /// the charges are listed as ``forEachShipment(provenance:_:)`` lists them (an unknown type left out, each with
    /// its own date and currency) in an array reused from parcel to parcel. Unreadable destinations and charge
    /// currencies fail the read as they do there; an unknown status reads as `deliveryNotReported` there and here.
    public func forEachInsightsParcel(_ body: (Shipment, [StoredCharge]) throws -> Void) throws {
        let s = try db.prepare(
            """
            SELECT carrier, tracking_number, order_id, ship_date, invoice_date, promised_date, delivery_date, status, destination
            FROM shipments ORDER BY carrier, tracking_number
            """)
        var carriers = TextValues<String>(), statuses = TextValues<ShipmentStatus>(), markets = TextValues<Market?>()
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
                    promisedDate: date(5), deliveryDate: date(6), status: s.withTextBytes(7, { statuses.value($0) { ShipmentStatus(rawValue: $0) ?? .deliveryNotReported } }),
                    destination: destination, weightGrams: nil, charges: [:], currency: charges.first?.currency ?? .EUR),
                charges)
        }
    }
}
