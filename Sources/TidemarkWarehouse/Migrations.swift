/// The warehouse schema as an append-only list of migrations: a released migration is never edited; a change is
/// a new entry. `PRAGMA user_version` records how many have been applied.
///
/// Money is stored as INTEGER millionths (`*_micros`), so SQLite never turns an amount into floating point; rates
/// as INTEGER ten-billionths (`rate_scaled`). Dates are ISO text, instants INTEGER seconds since the epoch (UTC).
enum Migrations {
    static let all: [String] = [
        // 1: run ledger, file fingerprints, order lines, FX rates, unit costs, rejects.
        """
        CREATE TABLE run_ledger (
            run_id INTEGER PRIMARY KEY,
            pipeline TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL
        );
        CREATE TABLE file_fingerprints (
            sha256 TEXT PRIMARY KEY,
            file_name TEXT NOT NULL,
            format TEXT NOT NULL,
            encoding TEXT NOT NULL,
            delimiter TEXT NOT NULL,
            preamble_lines INTEGER NOT NULL,
            rows_read INTEGER NOT NULL,
            rows_loaded INTEGER NOT NULL,
            rows_rejected INTEGER NOT NULL,
            rows_skipped INTEGER NOT NULL,
            skipped_reasons TEXT NOT NULL,
            rows_superseded INTEGER NOT NULL,
            run_id INTEGER NOT NULL REFERENCES run_ledger(run_id),
            CHECK (rows_read = rows_loaded + rows_rejected + rows_skipped)
        );
        CREATE TABLE order_lines (
            platform TEXT NOT NULL,
            order_id TEXT NOT NULL,
            sku TEXT NOT NULL,
            item_seq INTEGER NOT NULL,
            store TEXT NOT NULL,
            marketplace TEXT NOT NULL,
            market TEXT NOT NULL CHECK (length(market) = 2),
            order_ts INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('placed', 'shipped', 'cancelled')),
            quantity INTEGER NOT NULL,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            item_amount_micros INTEGER NOT NULL,
            tax_micros INTEGER NOT NULL,
            shipping_micros INTEGER NOT NULL,
            discount_micros INTEGER NOT NULL,
            customer_key TEXT,
            export_rank TEXT NOT NULL,
            source_sha256 TEXT NOT NULL REFERENCES file_fingerprints(sha256),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (platform, order_id, sku, item_seq)
        ) WITHOUT ROWID;
        CREATE INDEX order_lines_by_time ON order_lines(order_ts);
        CREATE TABLE ref_fx_rates (
            base TEXT NOT NULL,
            currency TEXT NOT NULL,
            date TEXT NOT NULL,
            rate_scaled INTEGER NOT NULL CHECK (rate_scaled > 0),
            source_sha256 TEXT NOT NULL,
            PRIMARY KEY (base, currency, date)
        ) WITHOUT ROWID;
        CREATE TABLE unit_costs (
            sku TEXT NOT NULL,
            market TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            unit_cost_micros INTEGER NOT NULL CHECK (unit_cost_micros >= 0),
            currency TEXT NOT NULL,
            source_sha256 TEXT NOT NULL,
            PRIMARY KEY (sku, market, valid_from)
        ) WITHOUT ROWID;
        CREATE TABLE rejects (
            source_sha256 TEXT NOT NULL REFERENCES file_fingerprints(sha256),
            file_name TEXT NOT NULL,
            line INTEGER NOT NULL,
            column_number INTEGER NOT NULL,
            column_name TEXT NOT NULL,
            value TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        """
    ]
}
