import TidemarkCommerce
import TidemarkIngest

/// Writes one file's facts with prepared statements.
///
/// Every fact table has a natural key plus `item_seq`, the row's position among rows of equal key in its file (so
/// two identical lines of one order stay two rows). Overlapping exports keep one row per key: the row from the
/// newest export (by `export_rank`) wins, whatever the load order, and every row that met an existing key is
/// counted in ``overlaps`` (reported as `rows_superseded`).
public final class FactLoader {
    /// The fingerprint of the file whose facts this loader stores.
    public let sha256: String
    /// The file's id in `file_ids`, stored on each keyed fact row instead of the fingerprint.
    private let fileID: Int64
    private let exportRank: String
    /// The rank of this file's rows that carry no update time of their own.
    private let rank: String
    private let orders: KeyedUpsert
    private let refunds: KeyedUpsert
    private let fees: KeyedUpsert
    private let ads: KeyedUpsert
    private let traffic: KeyedUpsert
    private let charges: KeyedUpsert
    /// Numbers facts handed over without an `item_seq` (``load(_:)-(IngestedFact)``) and every parcel's charges.
    private var sequencer = ItemSequencer()
    private var dates = DateTexts()
    private let insertRate: SQLiteStatement
    private let insertCost: SQLiteStatement
    private let upsertShipment: SQLiteStatement
    /// Rows of this file whose natural key was already loaded from another export.
    public var overlaps: Int { [orders, refunds, fees, ads, traffic, charges].reduce(0) { $0 + $1.overlaps } }

    init(db: SQLiteConnection, sha256: String, fileID: Int64, exportRank: String) throws {
        self.sha256 = sha256
        self.fileID = fileID
        self.exportRank = exportRank
        self.rank = FactLoader.rank(rowUpdatedAt: nil, exportRank: exportRank)
        func keyed(_ table: String, key: [String], values: [String]) throws -> KeyedUpsert {
            try KeyedUpsert(db, table: table, key: key, values: values, fileID: fileID, exportRank: exportRank)
        }
        orders = try keyed(
            "order_lines",
            key: ["platform", "order_id", "sku"],
            values: ["store", "marketplace", "market", "order_ts", "status", "quantity", "currency", "item_amount_micros",
                     "tax_micros", "shipping_micros", "discount_micros", "customer_key"])
        refunds = try keyed(
            "refunds", key: ["platform", "order_id", "sku", "refund_date"],
            values: ["market", "amount_micros", "currency", "units_returned", "reason"])
        fees = try keyed(
            "platform_fees", key: ["platform", "order_id", "sku", "fee_date", "fee_type"],
            values: ["market", "amount_micros", "currency"])
        ads = try keyed(
            "ad_performance",
            key: ["ad_date", "platform", "account", "campaign", "ad_group", "sku", "market", "attribution_window"],
            values: ["currency", "impressions", "clicks", "spend_micros", "attributed_orders", "attributed_sales_micros"])
        traffic = try keyed(
            "traffic", key: ["traffic_date", "platform", "market", "sku"],
            values: ["impressions", "clicks", "sessions", "page_views", "inquiries", "add_to_carts"])
        charges = try keyed(
            "shipment_charges", key: ["carrier", "tracking_number", "charge_type", "invoice_date"],
            values: ["charge_date", "amount_micros", "currency"])
        insertRate = try db.prepare(
            """
            INSERT INTO ref_fx_rates VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (base, currency, date) DO UPDATE SET rate_scaled = excluded.rate_scaled, source_sha256 = excluded.source_sha256
            """)
        insertCost = try db.prepare(
            """
            INSERT INTO unit_costs VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (sku, market, valid_from) DO UPDATE SET unit_cost_micros = excluded.unit_cost_micros,
              currency = excluded.currency, source_sha256 = excluded.source_sha256
            """)
        // A parcel's attributes merge across rows and files (an invoice line, a tracking export): a newer export's
        // non-empty values win, empty ones never erase what is known; a final status (delivered, returned, lost) from
        // any source is never undone by one that says in transit (billing data knows no delivery).
        upsertShipment = try db.prepare(
            """
            INSERT INTO shipments (carrier, tracking_number, order_id, service, ship_date, invoice_date, promised_date,
              delivery_date, status, destination, weight_grams, export_rank, source_sha256, source_line)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            ON CONFLICT (carrier, tracking_number) DO UPDATE SET
              order_id = CASE WHEN excluded.export_rank >= shipments.export_rank THEN coalesce(excluded.order_id, shipments.order_id) ELSE coalesce(shipments.order_id, excluded.order_id) END,
              service = CASE WHEN excluded.export_rank >= shipments.export_rank THEN coalesce(excluded.service, shipments.service) ELSE coalesce(shipments.service, excluded.service) END,
              ship_date = CASE WHEN excluded.export_rank >= shipments.export_rank THEN coalesce(excluded.ship_date, shipments.ship_date) ELSE coalesce(shipments.ship_date, excluded.ship_date) END,
              invoice_date = CASE WHEN excluded.export_rank >= shipments.export_rank THEN coalesce(excluded.invoice_date, shipments.invoice_date) ELSE coalesce(shipments.invoice_date, excluded.invoice_date) END,
              promised_date = CASE WHEN excluded.export_rank >= shipments.export_rank THEN coalesce(excluded.promised_date, shipments.promised_date) ELSE coalesce(shipments.promised_date, excluded.promised_date) END,
              delivery_date = CASE WHEN excluded.export_rank >= shipments.export_rank THEN coalesce(excluded.delivery_date, shipments.delivery_date) ELSE coalesce(shipments.delivery_date, excluded.delivery_date) END,
              status = CASE WHEN excluded.status = 'in_transit' AND shipments.status <> 'in_transit' THEN shipments.status
                            WHEN excluded.status <> 'in_transit' AND shipments.status = 'in_transit' THEN excluded.status
                            WHEN excluded.export_rank >= shipments.export_rank THEN excluded.status
                            ELSE shipments.status END,
              destination = CASE WHEN excluded.export_rank >= shipments.export_rank AND excluded.destination <> 'ZZ' THEN excluded.destination ELSE shipments.destination END,
              weight_grams = CASE WHEN excluded.export_rank >= shipments.export_rank THEN coalesce(excluded.weight_grams, shipments.weight_grams) ELSE coalesce(shipments.weight_grams, excluded.weight_grams) END,
              export_rank = max(excluded.export_rank, shipments.export_rank)
            """)
    }

    /// Stores one fact, numbering it among this file's rows of the same natural key itself.
    public func load(_ fact: IngestedFact) throws {
        try load(PreparedFact(fact, sequencer: &sequencer))
    }

    /// Stores one fact whose `item_seq` and rank were worked out already (on the reader thread, by
    /// ``PreparedFact/init(_:sequencer:)`` with one ``ItemSequencer`` per file), so the writer only binds.
    public func load(_ prepared: PreparedFact) throws {
        let seq = prepared.itemSeq
        switch prepared.fact {
        case .orderLine(let o):
            try orders.upsert(
                key: [.text(o.platform.name), .text(o.orderID), .text(o.sku)],
                values: [
                    .text(o.store), .text(o.marketplace), .text(o.market.code), .int(o.orderTime.secondsSinceEpoch),
                    .text(o.status.rawValue), .int(Int64(o.quantity)), .text(o.currency.code), .int(o.itemAmount.micros),
                    .int(o.tax.micros), .int(o.shippingCharged.micros), .int(o.discount.micros), o.customerKey.map { .text($0) } ?? .null,
                ],
                rowRank: prepared.rowRank, line: o.provenance.line, seq: seq)
        case .refund(let r):
            try refunds.upsert(
                key: [.text(r.platform.name), .text(r.orderID), .text(r.sku), .text(dates.text(r.refundDate))],
                values: [.text(r.market.code), .int(r.amount.micros), .text(r.currency.code), .int(Int64(r.unitsReturned)), r.reason.map { .text($0) } ?? .null],
                rowRank: 0, line: r.provenance.line, seq: seq)
        case .fee(let f):
            try fees.upsert(
                key: [.text(f.platform.name), .text(f.orderID ?? ""), .text(f.sku ?? ""), .text(dates.text(f.date)), .text(f.type.rawValue)],
                values: [.text(f.market.code), .int(f.amount.micros), .text(f.currency.code)],
                rowRank: 0, line: f.provenance.line, seq: seq)
        case .ad(let a):
            try ads.upsert(
                key: [.text(dates.text(a.date)), .text(a.platform.name), .text(a.account), .text(a.campaign), .text(a.adGroup ?? ""),
                      .text(a.sku ?? ""), .text(a.market.code), .text(a.attributionWindow ?? "")],
                values: [
                    .text(a.currency.code), .int(Int64(a.impressions)), .int(Int64(a.clicks)), .int(a.spend.micros),
                    a.attributedOrders.map { .int(Int64($0)) } ?? .null, a.attributedSales.map { .int($0.micros) } ?? .null,
                ],
                rowRank: 0, line: a.provenance.line, seq: seq)
        case .traffic(let t):
            func count(_ v: Int?) -> SQLiteValue { v.map { .int(Int64($0)) } ?? .null }
            try traffic.upsert(
                key: [.text(dates.text(t.date)), .text(t.platform.name), .text(t.market.code), .text(t.sku ?? "")],
                values: [count(t.impressions), count(t.clicks), count(t.sessions), count(t.pageViews), count(t.inquiries), count(t.addToCarts)],
                rowRank: 0, line: t.provenance.line, seq: seq)
        case .shipment(let s):
            try load(s)
        case .fxRate(let r):
            try insertRate.run([.text(r.base.code), .text(r.currency.code), .text(r.date.description), .int(r.rate.scaled), .text(sha256)])
        case .unitCost(let c):
            try insertCost.run([.text(c.sku), .text(c.market?.code ?? ""), .text(c.validFrom.description), .int(c.unitCost.micros), .text(c.currency.code), .text(sha256)])
        }
    }

    private func load(_ s: Shipment) throws {
        func date(_ d: CivilDate?) -> SQLiteValue { d.map { .text($0.description) } ?? .null }
        func text(_ t: String?) -> SQLiteValue { t.map { .text($0) } ?? .null }
        try upsertShipment.run([
            .text(s.carrier), .text(s.trackingNumber), text(s.orderID), text(s.service), date(s.shipDate), date(s.invoiceDate),
            date(s.promisedDate), date(s.deliveryDate), .text(s.status.rawValue), .text(s.destination.code),
            s.weightGrams.map { .int(Int64($0)) } ?? .null, .text(rank), .text(sha256), .int(Int64(s.provenance.line)),
        ])
        // Charges are dated by ship date, else invoice date (metrics.md §2).
        let chargeDate = (s.shipDate ?? s.invoiceDate).map { dates.text($0) } ?? ""
        let invoiceDate = s.invoiceDate.map { dates.text($0) } ?? ""
        for type in ChargeType.allCases {
            guard let amount = s.charges[type] else { continue }
            try charges.upsert(
                key: [.text(s.carrier), .text(s.trackingNumber), .text(type.rawValue), .text(invoiceDate)],
                values: [.text(chargeDate), .int(amount.micros), .text(s.currency.code)],
                rowRank: 0, line: s.provenance.line, seq: sequencer.itemSeq(chargeOf: s, type: type))
        }
    }

    /// The sortable rank text of a shipment row: zero update time, then the file's rank (modification time, then
    /// name). Keyed fact rows keep the two parts apart (`row_rank`, and `file_ids.export_rank` by `file_id`).
    static func rank(rowUpdatedAt: Timestamp?, exportRank: String) -> String {
        let seconds = rowUpdatedAt?.secondsSinceEpoch ?? 0
        let digits = String(seconds)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits + "|" + exportRank
    }
}

/// A fact ready for the writer: its `item_seq` (its position among this file's rows of the same natural key) and,
/// for order lines that carry their own update time, its rank. Made on the reader thread, so that the writer
/// thread, the slower of the two, only binds and steps.
public struct PreparedFact: Sendable {
    public let fact: IngestedFact
    /// `item_seq` for keyed facts; 0 for facts without one (rates, costs, shipments, whose charges the writer
    /// numbers with its own ``ItemSequencer``).
    public let itemSeq: Int64
    /// The row's own update time (seconds since the epoch) where the export gives one, else 0: the first part of
    /// its rank, before its file's export rank.
    public let rowRank: Int64

    /// Numbers `fact` with the file's `sequencer`.
    public init(_ fact: IngestedFact, sequencer: inout ItemSequencer) {
        self.fact = fact
        itemSeq = sequencer.itemSeq(for: fact)
        if case .orderLine(let o) = fact, let updated = o.sourceUpdatedAt { rowRank = updated.secondsSinceEpoch } else { rowRank = 0 }
    }
}

/// Numbers the rows of one file that share a natural key: 0 for the first, 1 for the second … (so two identical
/// lines of one order stay two rows). One per file; keys of different fact tables never meet.
public struct ItemSequencer: Sendable {
    /// Rows seen per table and natural key; the key's values joined with a unit separator behind a table tag
    /// (cheaper to hash than an array).
    private var seen: [String: Int64] = [:]
    private var dates = DateTexts()

    public init() {}

    /// The `item_seq` of `fact`, counting it as seen; 0 for facts that have none.
    public mutating func itemSeq(for fact: IngestedFact) -> Int64 {
        var key = ""
        key.reserveCapacity(96)
        func add(_ part: String) {
            key += part
            key += "\u{1F}"
        }
        switch fact {
        case .orderLine(let o):
            key = "o"
            add(o.platform.name); add(o.orderID); add(o.sku)
        case .refund(let r):
            key = "r"
            add(r.platform.name); add(r.orderID); add(r.sku); add(dates.text(r.refundDate))
        case .fee(let f):
            key = "f"
            add(f.platform.name); add(f.orderID ?? ""); add(f.sku ?? ""); add(dates.text(f.date)); add(f.type.rawValue)
        case .ad(let a):
            key = "a"
            add(dates.text(a.date)); add(a.platform.name); add(a.account); add(a.campaign); add(a.adGroup ?? "")
            add(a.sku ?? ""); add(a.market.code); add(a.attributionWindow ?? "")
        case .traffic(let t):
            key = "t"
            add(dates.text(t.date)); add(t.platform.name); add(t.market.code); add(t.sku ?? "")
        case .shipment, .fxRate, .unitCost:
            return 0
        }
        return take(&seen[key, default: 0])
    }

    /// The `item_seq` of the charge of `type` on parcel `s` (its charges are rows of their own), counting it as seen.
    mutating func itemSeq(chargeOf s: Shipment, type: ChargeType) -> Int64 {
        var key = "c"
        for part in [s.carrier, s.trackingNumber, type.rawValue, s.invoiceDate.map { dates.text($0) } ?? ""] {
            key += part
            key += "\u{1F}"
        }
        return take(&seen[key, default: 0])
    }

    private func take(_ counter: inout Int64) -> Int64 {
        defer { counter += 1 }
        return counter
    }
}

/// ISO texts of the dates one file's facts carry, made once per distinct date (a file spans few days).
struct DateTexts {
    private var texts: [CivilDate: String] = [:]

    mutating func text(_ date: CivilDate) -> String {
        if let t = texts[date] { return t }
        let t = date.description
        texts[date] = t
        return t
    }
}

/// An upsert into one fact table keyed by natural key + `item_seq`, keeping the newest export's row.
///
/// Two statements instead of one `INSERT … ON CONFLICT DO UPDATE … RETURNING`: SQLite runs `RETURNING` through a
/// temporary b-tree opened and closed on every execution, which cost more than the insert itself. The insert
/// (`ON CONFLICT DO NOTHING`, so constraint errors other than the key still fail the run) reports a new row through
/// the change count; only a key that already exists runs the update, which replaces the row when this export is
/// newer. Either way a met key is an overlap.
final class KeyedUpsert {
    private let insert: SQLiteStatement
    private let replaceOlder: SQLiteStatement
    private(set) var overlaps = 0
    private let db: SQLiteConnection
    private let fileID: Int64
    private let exportRank: String

    init(_ db: SQLiteConnection, table: String, key: [String], values: [String], fileID: Int64, exportRank: String) throws {
        self.db = db
        self.fileID = fileID
        self.exportRank = exportRank
        let columns = key + ["item_seq"] + values + ["row_rank", "file_id", "source_line"]
        let placeholders = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        insert = try db.prepare(
            """
            INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))
            ON CONFLICT (\((key + ["item_seq"]).joined(separator: ", "))) DO NOTHING
            """)
        // The same parameter numbers as the insert, so one binding serves both, plus the file's export rank: the
        // stored row is older when (its row rank, its file's export rank) sorts before this row's.
        let rank = key.count + values.count + 2
        let updates = values.enumerated().map { "\($1) = ?\(key.count + 2 + $0)" }
            + ["row_rank = ?\(rank)", "file_id = ?\(rank + 1)", "source_line = ?\(rank + 2)", "overlap_count = overlap_count + 1"]
        let conditions = (key + ["item_seq"]).enumerated().map { "\($1) = ?\($0 + 1)" }
            + ["(row_rank, (SELECT f.export_rank FROM file_ids f WHERE f.file_id = \(table).file_id)) < (?\(rank), ?\(rank + 3))"]
        replaceOlder = try db.prepare(
            "UPDATE \(table) SET \(updates.joined(separator: ", ")) WHERE \(conditions.joined(separator: " AND "))")
        fileRankParameter = Int32(rank + 3)
    }

    /// The update's parameter for the file's export rank (the insert has none).
    private let fileRankParameter: Int32

    /// Upserts one row. `rowRank` is the row's own update time (0 for none), `seq` its `item_seq` (its position
    /// among this file's rows of the same key, from an ``ItemSequencer``).
    func upsert(key: [SQLiteValue], values: [SQLiteValue], rowRank: Int64, line: Int, seq: Int64) throws {
        func bind(_ statement: SQLiteStatement) {
            // Bound in place (no concatenated parameter array per row): key, item_seq, values, rank, file, line.
            var index: Int32 = 1
            for v in key { statement.bind(index, v); index += 1 }
            statement.bind(index, seq); index += 1
            for v in values { statement.bind(index, v); index += 1 }
            statement.bind(index, rowRank)
            statement.bind(index + 1, fileID)
            statement.bind(index + 2, Int64(line))
        }
        bind(insert)
        defer { insert.reset() }
        try insert.step()
        if db.changes > 0 { return }
        // The key exists: an overlap, whichever export wins.
        overlaps += 1
        bind(replaceOlder)
        replaceOlder.bind(fileRankParameter, exportRank)
        defer { replaceOlder.reset() }
        try replaceOlder.step()
    }
}
