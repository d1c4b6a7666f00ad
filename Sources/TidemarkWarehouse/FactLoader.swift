import TidemarkCommerce
import TidemarkIngest

/// Writes one file's facts with prepared statements. Overlapping exports keep one row per natural key: the row
/// from the newest export (by `export_rank`) wins, and every row that met an existing key is counted in
/// ``overlaps`` (reported as `rows_superseded`).
public final class FactLoader {
    private let sha256: String
    private let exportRank: String
    private let insertOrder: SQLiteStatement
    private let insertRate: SQLiteStatement
    private let insertCost: SQLiteStatement
    /// Occurrences of each (order id, SKU) in this file so far: repeated lines of one order get their own key.
    private var sequence: [OrderKey: Int64] = [:]
    /// Rows of this file whose natural key was already loaded from another export.
    public private(set) var overlaps = 0

    private struct OrderKey: Hashable {
        let platform: String
        let order: String
        let sku: String
    }

    init(db: SQLiteConnection, sha256: String, exportRank: String) throws {
        self.sha256 = sha256
        self.exportRank = exportRank
        insertOrder = try db.prepare(
            """
            INSERT INTO order_lines (platform, order_id, sku, item_seq, store, marketplace, market, order_ts, status, quantity,
              currency, item_amount_micros, tax_micros, shipping_micros, discount_micros, customer_key, export_rank,
              source_sha256, source_line)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
            ON CONFLICT (platform, order_id, sku, item_seq) DO UPDATE SET
              store = excluded.store, marketplace = excluded.marketplace, market = excluded.market,
              order_ts = excluded.order_ts, status = excluded.status, quantity = excluded.quantity,
              currency = excluded.currency, item_amount_micros = excluded.item_amount_micros,
              tax_micros = excluded.tax_micros, shipping_micros = excluded.shipping_micros,
              discount_micros = excluded.discount_micros, customer_key = excluded.customer_key,
              export_rank = excluded.export_rank, source_sha256 = excluded.source_sha256,
              source_line = excluded.source_line, overlap_count = order_lines.overlap_count + 1
            WHERE excluded.export_rank > order_lines.export_rank
            RETURNING overlap_count
            """)
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
    }

    /// Stores one fact.
    public func load(_ fact: IngestedFact) throws {
        switch fact {
        case .orderLine(let o): try load(o)
        case .fxRate(let r):
            insertRate.bind(1, r.base.code)
            insertRate.bind(2, r.currency.code)
            insertRate.bind(3, r.date.description)
            insertRate.bind(4, r.rate.scaled)
            insertRate.bind(5, sha256)
            defer { insertRate.reset() }
            try insertRate.step()
        case .unitCost(let c):
            insertCost.bind(1, c.sku)
            insertCost.bind(2, c.market?.code ?? "")
            insertCost.bind(3, c.validFrom.description)
            insertCost.bind(4, c.unitCost.micros)
            insertCost.bind(5, c.currency.code)
            insertCost.bind(6, sha256)
            defer { insertCost.reset() }
            try insertCost.step()
        case .refund, .fee, .ad, .traffic, .shipment:
            throw WarehouseError(code: 0, message: "this warehouse version does not store \(fact) facts yet", sql: nil)
        }
    }

    private func load(_ o: OrderLine) throws {
        let key = OrderKey(platform: o.platform.name, order: o.orderID, sku: o.sku)
        let seq = sequence[key, default: 0]
        sequence[key] = seq + 1
        let s = insertOrder
        s.bind(1, o.platform.name)
        s.bind(2, o.orderID)
        s.bind(3, o.sku)
        s.bind(4, seq)
        s.bind(5, o.store)
        s.bind(6, o.marketplace)
        s.bind(7, o.market.code)
        s.bind(8, o.orderTime.secondsSinceEpoch)
        s.bind(9, o.status.rawValue)
        s.bind(10, Int64(o.quantity))
        s.bind(11, o.currency.code)
        s.bind(12, o.itemAmount.micros)
        s.bind(13, o.tax.micros)
        s.bind(14, o.shippingCharged.micros)
        s.bind(15, o.discount.micros)
        s.bind(16, o.customerKey)
        s.bind(17, FactLoader.rank(rowUpdatedAt: o.sourceUpdatedAt, exportRank: exportRank))
        s.bind(18, sha256)
        s.bind(19, Int64(o.provenance.line))
        defer { s.reset() }
        if try s.step() {
            if s.int64(0) > 0 { overlaps += 1 }  // replaced an older export's row
        } else {
            overlaps += 1  // an existing row from a newer export wins
        }
    }

    /// The sortable rank of a row: its own update time where the export has one, then the file's rank
    /// (modification time, then name).
    static func rank(rowUpdatedAt: Timestamp?, exportRank: String) -> String {
        let seconds = rowUpdatedAt?.secondsSinceEpoch ?? 0
        let digits = String(seconds)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits + "|" + exportRank
    }
}
