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
    /// Numbers facts handed over without an `item_seq` (``load(_:)-(IngestedFact)``) and every parcel's charges;
    /// the warehouse takes it back for the next file's loader (``takeSequencer()``).
    private var sequencer: ItemSequencer
    private var dates = DateTexts()
    private let insertRate: SQLiteStatement
    private let insertCost: SQLiteStatement
    private let upsertShipment: SQLiteStatement
    /// Rows of this file whose natural key was already loaded from another export.
    public var overlaps: Int { [orders, refunds, fees, ads, traffic, charges].reduce(0) { $0 + $1.overlaps } }

    init(db: SQLiteConnection, sha256: String, fileID: Int64, exportRank: String, sequencer: ItemSequencer) throws {
        self.sequencer = sequencer
        self.sequencer.reset()
        self.sha256 = sha256
        self.fileID = fileID
        self.exportRank = exportRank
        self.rank = FactLoader.rank(rowUpdatedAt: nil, exportRank: exportRank)
        func keyed(_ table: String, key: [String], values: [String]) throws -> KeyedUpsert {
            try KeyedUpsert(db, table: table, key: key, values: values, fileID: fileID, exportRank: exportRank)
        }
        // The CHECK constraints of the fact tables only restate what the types of the values bound guarantee (a
        // status, fee, charge or refund kind is an enum's raw value, a market code has two letters, a currency code
        // three: see FactTableCheckTests). SQLite evaluates a CHECK's `IN (…)` list of three or more words by
        // building and dropping a temporary b-tree on every row, which cost the writer thread about a third of its
        // time per order line; the per-row statements of these tables run without CHECK code. Rates and unit costs
        // (whose checks bound values) and every other statement keep theirs.
        orders = try keyed(
            "order_lines",
            key: ["platform", "order_id", "sku"],
            values: ["store", "marketplace", "market", "order_ts", "status", "quantity", "currency", "item_amount_micros",
                     "tax_micros", "shipping_micros", "discount_micros", "customer_key"])
        fees = try keyed(
            "platform_fees", key: ["platform", "order_id", "sku", "fee_date", "fee_type"],
            values: ["market", "amount_micros", "currency"])
        charges = try keyed(
            "shipment_charges", key: ["carrier", "tracking_number", "charge_type", "invoice_date"],
            values: ["charge_date", "amount_micros", "currency"])
        upsertShipment = try db.prepareWithoutCheckConstraints(Self.shipmentUpsert)
        refunds = try keyed(
            "refunds", key: ["platform", "order_id", "sku", "refund_date", "refund_kind"],
            values: ["market", "amount_micros", "currency", "units_returned", "reason"])
        ads = try keyed(
            "ad_performance",
            key: ["ad_date", "platform", "account", "campaign", "ad_group", "sku", "market", "attribution_window"],
            values: ["currency", "impressions", "clicks", "spend_micros", "attributed_orders", "attributed_sales_micros"])
        traffic = try keyed(
            "traffic", key: ["traffic_date", "platform", "market", "sku"],
            values: ["impressions", "clicks", "sessions", "page_views", "inquiries", "add_to_carts"])
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
        upsertShipment.bindPersistent(12, rank)
        upsertShipment.bindPersistent(13, sha256)
    }

    /// Hands this file's sequencer (its storage grown) back for the next file, leaving an empty one here: the next
    /// loader then holds the only reference to that storage, so resetting it copies nothing, however long this
    /// loader lives.
    func takeSequencer() -> ItemSequencer {
        var taken = ItemSequencer()
        swap(&taken, &sequencer)
        return taken
    }

    /// The shipment upsert. A parcel's attributes merge across rows and files (an invoice line, a tracking
    /// export): a newer export's non-empty values win, empty ones never erase what is known. Statuses rank by what
    /// they know: `not_reported` (billing data, label exports: no delivery ever reported) < `in_transit` (a source
    /// that reports deliveries has not seen one yet) < a final status (delivered, returned, lost). A stronger status
    /// from any source replaces a weaker one and is never undone by a weaker one, whatever the load order; between
    /// two of equal strength (two final statuses) the newer export wins.
    static let shipmentUpsert = """
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
          status = CASE WHEN excluded.status = 'not_reported' THEN shipments.status  -- the weakest replaces nothing
                        WHEN shipments.status = 'not_reported' THEN excluded.status  -- anything else replaces it
                        WHEN excluded.status = 'in_transit' THEN shipments.status  -- in transit or final: kept
                        WHEN shipments.status = 'in_transit' THEN excluded.status  -- a final status replaces it
                        WHEN excluded.export_rank >= shipments.export_rank THEN excluded.status  -- two final: newer
                        ELSE shipments.status END,
          destination = CASE WHEN excluded.export_rank >= shipments.export_rank AND excluded.destination <> 'ZZ' THEN excluded.destination ELSE shipments.destination END,
          weight_grams = CASE WHEN excluded.export_rank >= shipments.export_rank THEN coalesce(excluded.weight_grams, shipments.weight_grams) ELSE coalesce(shipments.weight_grams, excluded.weight_grams) END,
          export_rank = max(excluded.export_rank, shipments.export_rank)
        """

    /// Stores one fact, numbering it among this file's rows of the same natural key itself.
    public func load(_ fact: IngestedFact) throws {
        try load(PreparedFact(fact, sequencer: &sequencer))
    }

    /// Stores one fact whose `item_seq` and rank were worked out already (on the reader thread, by
    /// ``PreparedFact/init(_:sequencer:)`` with one ``ItemSequencer`` per file), so the writer only binds.
    public func load(_ prepared: PreparedFact) throws {
        let seq = prepared.itemSeq
        // Each row binds its key's values, then its other values, in the column order given in `init`.
        switch prepared.fact {
        case .orderLine(let o):
            try orders.upsert(rowRank: prepared.rowRank, line: o.provenance.line, seq: seq) { row in
                row.text(o.platform.name); row.text(o.orderID); row.text(o.sku)
                row.text(o.store); row.text(o.marketplace); row.text(o.market.code); row.int(o.orderTime.secondsSinceEpoch)
                row.text(o.status.rawValue); row.int(o.quantity); row.text(o.currency.code); row.int(o.itemAmount.micros)
                row.int(o.tax.micros); row.int(o.shippingCharged.micros); row.int(o.discount.micros); row.text(o.customerKey)
            }
        case .refund(let r):
            let date = dates.text(r.refundDate)
            try refunds.upsert(rowRank: 0, line: r.provenance.line, seq: seq) { row in
                row.text(r.platform.name); row.text(r.orderID); row.text(r.sku); row.text(date); row.text(r.kind.rawValue)
                row.text(r.market.code); row.int(r.amount.micros); row.text(r.currency.code); row.int(r.unitsReturned)
                row.text(r.reason)
            }
        case .fee(let f):
            let date = dates.text(f.date)
            try fees.upsert(rowRank: 0, line: f.provenance.line, seq: seq) { row in
                row.text(f.platform.name); row.text(f.orderID ?? ""); row.text(f.sku ?? ""); row.text(date)
                row.text(f.type.rawValue)
                row.text(f.market.code); row.int(f.amount.micros); row.text(f.currency.code)
            }
        case .ad(let a):
            let date = dates.text(a.date)
            try ads.upsert(rowRank: 0, line: a.provenance.line, seq: seq) { row in
                row.text(date); row.text(a.platform.name); row.text(a.account); row.text(a.campaign)
                row.text(a.adGroup ?? ""); row.text(a.sku ?? ""); row.text(a.market.code); row.text(a.attributionWindow ?? "")
                row.text(a.currency.code); row.int(a.impressions); row.int(a.clicks); row.int(a.spend.micros)
                row.int(a.attributedOrders); row.int(a.attributedSales?.micros)
            }
        case .traffic(let t):
            let date = dates.text(t.date)
            try traffic.upsert(rowRank: 0, line: t.provenance.line, seq: seq) { row in
                row.text(date); row.text(t.platform.name); row.text(t.market.code); row.text(t.sku ?? "")
                row.int(t.impressions); row.int(t.clicks); row.int(t.sessions); row.int(t.pageViews); row.int(t.inquiries)
                row.int(t.addToCarts)
            }
        case .shipment(let s):
            try load(s)
        case .fxRate(let r):
            try insertRate.run([.text(r.base.code), .text(r.currency.code), .text(r.date.description), .int(r.rate.scaled), .text(sha256)])
        case .unitCost(let c):
            try insertCost.run([.text(c.sku), .text(c.market?.code ?? ""), .text(c.validFrom.description), .int(c.unitCost.micros), .text(c.currency.code), .text(sha256)])
        }
    }

    private func load(_ s: Shipment) throws {
        // Every parameter is bound for each parcel except the file's rank and fingerprint, bound once in `init`.
        let u = upsertShipment
        u.bind(1, s.carrier); u.bind(2, s.trackingNumber); u.bind(3, s.orderID); u.bind(4, s.service)
        u.bind(5, s.shipDate.map { dates.text($0) }); u.bind(6, s.invoiceDate.map { dates.text($0) })
        u.bind(7, s.promisedDate.map { dates.text($0) }); u.bind(8, s.deliveryDate.map { dates.text($0) })
        u.bind(9, s.status.rawValue); u.bind(10, s.destination.code); u.bind(11, s.weightGrams.map(Int64.init))
        u.bind(14, Int64(s.provenance.line))
        defer { u.resetKeepingBindings() }
        try u.step()
        // Charges are dated by ship date, else invoice date (metrics.md §2).
        let chargeDate = (s.shipDate ?? s.invoiceDate).map { dates.text($0) } ?? ""
        let invoiceDate = s.invoiceDate.map { dates.text($0) } ?? ""
        for type in ChargeType.allCases {
            guard let amount = s.charges[type] else { continue }
            try charges.upsert(rowRank: 0, line: s.provenance.line, seq: sequencer.itemSeq(chargeOf: s, type: type)) { row in
                row.text(s.carrier); row.text(s.trackingNumber); row.text(type.rawValue); row.text(invoiceDate)
                row.text(chargeDate); row.int(amount.micros); row.text(s.currency.code)
            }
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
    /// Rows seen per table and natural key. A key is a table tag, then the key's values each followed by a unit
    /// separator, as bytes (see ``KeyBytes``).
    private var seen = KeyCounter()
    private var key = KeyBytes()
    private var dates = DateTexts()

    public init() {}

    /// Forgets the keys seen, keeping the storage: one sequencer serves file after file (each file numbers its
    /// rows on its own) without growing its tables again for each.
    public mutating func reset() {
        seen.removeAll()
    }

    /// The `item_seq` of `fact`, counting it as seen; 0 for facts that have none.
    public mutating func itemSeq(for fact: IngestedFact) -> Int64 {
        switch fact {
        case .orderLine(let o):
            key.start("o")
            key.add(o.platform.name); key.add(o.orderID); key.add(o.sku)
        case .refund(let r):
            key.start("r")
            key.add(r.platform.name); key.add(r.orderID); key.add(r.sku); key.add(dates.text(r.refundDate)); key.add(r.kind.rawValue)
        case .fee(let f):
            key.start("f")
            key.add(f.platform.name); key.add(f.orderID ?? ""); key.add(f.sku ?? ""); key.add(dates.text(f.date))
            key.add(f.type.rawValue)
        case .ad(let a):
            key.start("a")
            key.add(dates.text(a.date)); key.add(a.platform.name); key.add(a.account); key.add(a.campaign)
            key.add(a.adGroup ?? ""); key.add(a.sku ?? ""); key.add(a.market.code); key.add(a.attributionWindow ?? "")
        case .traffic(let t):
            key.start("t")
            key.add(dates.text(t.date)); key.add(t.platform.name); key.add(t.market.code); key.add(t.sku ?? "")
        case .shipment, .fxRate, .unitCost:
            return 0
        }
        return key.withBytes { seen.take($0) }
    }

    /// The `item_seq` of the charge of `type` on parcel `s` (its charges are rows of their own), counting it as seen.
    mutating func itemSeq(chargeOf s: Shipment, type: ChargeType) -> Int64 {
        key.start("c")
        key.add(s.carrier); key.add(s.trackingNumber); key.add(type.rawValue)
        key.add(s.invoiceDate.map { dates.text($0) } ?? "")
        return key.withBytes { seen.take($0) }
    }
}

/// The bytes of one natural key, built in a buffer reused from row to row: a one-letter table tag, then each
/// value's UTF-8 followed by a unit separator (U+001F). The same bytes the sequencer once joined into a `String`,
/// so rows are numbered exactly as before, without a `String` per row.
struct KeyBytes {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(128) }

    /// Empties the buffer and writes the table tag.
    mutating func start(_ tag: Unicode.Scalar) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(UInt8(ascii: tag))
    }

    /// Appends one value and its separator.
    mutating func add(_ part: String) {
        var part = part
        part.withUTF8 { bytes.append(contentsOf: $0) }
        bytes.append(0x1F)
    }

    /// The key so far; valid only inside `body`.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes(body)
    }
}

/// ISO texts of the dates one file's facts carry, made once per distinct date (a file spans few days).
struct DateTexts {
    private var texts: [CivilDate: String] = [:]
    /// The date asked for last and its text: rows come grouped by day, so most lookups end here.
    private var last: (date: CivilDate, text: String)?

    mutating func text(_ date: CivilDate) -> String {
        if let last, last.date == date { return last.text }
        let t: String
        if let known = texts[date] {
            t = known
        } else {
            t = date.description
            texts[date] = t
        }
        last = (date, t)
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

    init(_ db: SQLiteConnection, table: String, key: [String], values: [String], fileID: Int64, exportRank: String) throws {
        self.db = db
        let columns = key + ["item_seq"] + values + ["row_rank", "file_id", "source_line"]
        let placeholders = (1...columns.count).map { "?\($0)" }.joined(separator: ", ")
        insert = try db.prepareWithoutCheckConstraints(
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
        replaceOlder = try db.prepareWithoutCheckConstraints(
            "UPDATE \(table) SET \(updates.joined(separator: ", ")) WHERE \(conditions.joined(separator: " AND "))")
        seqParameter = Int32(key.count + 1)
        rankParameter = Int32(rank)
        // The same for every row of the file: bound once, kept across resets.
        insert.bind(rankParameter + 1, fileID)
        replaceOlder.bind(rankParameter + 1, fileID)
        replaceOlder.bindPersistent(rankParameter + 3, exportRank)
    }

    /// The insert's parameter for `item_seq`, between the key and the values.
    private let seqParameter: Int32
    /// The parameter for `row_rank`, after the values; `file_id` and `source_line` follow it.
    private let rankParameter: Int32

    /// Upserts one row. `row` binds the key's values, then the other values, in the order the columns were given
    /// (a ``RowBinder`` numbers the parameters and leaves out `item_seq`); it runs once per statement executed.
    /// `rowRank` is the row's own update time (0 for none), `seq` its `item_seq` (its position among this file's
    /// rows of the same key, from an ``ItemSequencer``).
    func upsert(rowRank: Int64, line: Int, seq: Int64, _ row: (inout RowBinder) -> Void) throws {
        func bind(_ statement: SQLiteStatement) {
            // Bound in place, straight from the fact (no array of values per row): key and values, then item_seq,
            // rank and line. The file's id and export rank were bound once, when the statements were prepared.
            var binder = RowBinder(statement, skipping: seqParameter)
            row(&binder)
            // Every parameter up to the rank bound again: none keeps the previous row's value.
            assert(binder.nextParameter == rankParameter, "a row bound \(binder.nextParameter - 1) parameters, not \(rankParameter - 1)")
            statement.bind(seqParameter, seq)
            statement.bind(rankParameter, rowRank)
            statement.bind(rankParameter + 2, Int64(line))
        }
        bind(insert)
        defer { insert.resetKeepingBindings() }
        try insert.step()
        if db.changes > 0 { return }
        // The key exists: an overlap, whichever export wins.
        overlaps += 1
        bind(replaceOlder)
        defer { replaceOlder.resetKeepingBindings() }
        try replaceOlder.step()
    }
}

/// Binds one row's values to parameters 1, 2, 3 … in turn, stepping over one parameter the caller binds itself
/// (`item_seq`, between a key and its values).
struct RowBinder {
    private let statement: SQLiteStatement
    private let skipped: Int32
    private var index: Int32 = 1

    init(_ statement: SQLiteStatement, skipping skipped: Int32) {
        self.statement = statement
        self.skipped = skipped
    }

    /// The parameter the next value goes to.
    var nextParameter: Int32 { index == skipped ? index + 1 : index }

    /// The next parameter, after the skipped one.
    private mutating func next() -> Int32 {
        if index == skipped { index += 1 }
        defer { index += 1 }
        return index
    }

    /// Binds text.
    mutating func text(_ value: String) { statement.bind(next(), value) }
    /// Binds text, or NULL for `nil`.
    mutating func text(_ value: String?) { statement.bind(next(), value) }
    /// Binds an integer.
    mutating func int(_ value: Int64) { statement.bind(next(), value) }
    /// Binds an integer.
    mutating func int(_ value: Int) { statement.bind(next(), Int64(value)) }
    /// Binds an integer, or NULL for `nil`.
    mutating func int(_ value: Int?) { statement.bind(next(), value.map(Int64.init)) }
    /// Binds an integer, or NULL for `nil`.
    mutating func int(_ value: Int64?) { statement.bind(next(), value) }
}
