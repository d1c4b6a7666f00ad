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
        """,
        // 2: refunds and returns, platform fees, ad performance, traffic, shipments and their charges. Each fact
        // table has a natural key plus `item_seq` (the row's position among equal keys in its file) and the
        // export rank that decides which of two overlapping exports is kept.
        """
        CREATE TABLE refunds (
            platform TEXT NOT NULL,
            order_id TEXT NOT NULL,
            sku TEXT NOT NULL,
            refund_date TEXT NOT NULL,
            item_seq INTEGER NOT NULL,
            market TEXT NOT NULL CHECK (length(market) = 2),
            amount_micros INTEGER NOT NULL,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            units_returned INTEGER NOT NULL,
            reason TEXT,
            export_rank TEXT NOT NULL,
            source_sha256 TEXT NOT NULL REFERENCES file_fingerprints(sha256),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (platform, order_id, sku, refund_date, item_seq)
        ) WITHOUT ROWID;
        CREATE TABLE platform_fees (
            platform TEXT NOT NULL,
            order_id TEXT NOT NULL,
            sku TEXT NOT NULL,
            fee_date TEXT NOT NULL,
            fee_type TEXT NOT NULL CHECK (fee_type IN ('commission', 'fulfillment', 'storage', 'advertising', 'other')),
            item_seq INTEGER NOT NULL,
            market TEXT NOT NULL CHECK (length(market) = 2),
            amount_micros INTEGER NOT NULL,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            export_rank TEXT NOT NULL,
            source_sha256 TEXT NOT NULL REFERENCES file_fingerprints(sha256),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (platform, order_id, sku, fee_date, fee_type, item_seq)
        ) WITHOUT ROWID;
        CREATE TABLE ad_performance (
            ad_date TEXT NOT NULL,
            platform TEXT NOT NULL,
            account TEXT NOT NULL,
            campaign TEXT NOT NULL,
            ad_group TEXT NOT NULL,
            sku TEXT NOT NULL,
            market TEXT NOT NULL CHECK (length(market) = 2),
            attribution_window TEXT NOT NULL,
            item_seq INTEGER NOT NULL,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            impressions INTEGER NOT NULL,
            clicks INTEGER NOT NULL,
            spend_micros INTEGER NOT NULL,
            attributed_orders INTEGER,
            attributed_sales_micros INTEGER,
            export_rank TEXT NOT NULL,
            source_sha256 TEXT NOT NULL REFERENCES file_fingerprints(sha256),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (ad_date, platform, account, campaign, ad_group, sku, market, attribution_window, item_seq)
        ) WITHOUT ROWID;
        CREATE TABLE traffic (
            traffic_date TEXT NOT NULL,
            platform TEXT NOT NULL,
            market TEXT NOT NULL CHECK (length(market) = 2),
            sku TEXT NOT NULL,
            item_seq INTEGER NOT NULL,
            impressions INTEGER,
            clicks INTEGER,
            sessions INTEGER,
            page_views INTEGER,
            inquiries INTEGER,
            add_to_carts INTEGER,
            export_rank TEXT NOT NULL,
            source_sha256 TEXT NOT NULL REFERENCES file_fingerprints(sha256),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (traffic_date, platform, market, sku, item_seq)
        ) WITHOUT ROWID;
        CREATE TABLE shipments (
            carrier TEXT NOT NULL,
            tracking_number TEXT NOT NULL,
            order_id TEXT,
            service TEXT,
            ship_date TEXT,
            invoice_date TEXT,
            promised_date TEXT,
            delivery_date TEXT,
            status TEXT NOT NULL CHECK (status IN ('in_transit', 'delivered', 'returned', 'lost')),
            destination TEXT NOT NULL CHECK (length(destination) = 2),
            weight_grams INTEGER,
            export_rank TEXT NOT NULL,
            source_sha256 TEXT NOT NULL REFERENCES file_fingerprints(sha256),
            source_line INTEGER NOT NULL,
            PRIMARY KEY (carrier, tracking_number)
        ) WITHOUT ROWID;
        CREATE TABLE shipment_charges (
            carrier TEXT NOT NULL,
            tracking_number TEXT NOT NULL,
            charge_type TEXT NOT NULL CHECK (charge_type IN ('freight', 'fuel', 'duty_tax', 'other')),
            invoice_date TEXT NOT NULL,
            item_seq INTEGER NOT NULL,
            charge_date TEXT NOT NULL,
            amount_micros INTEGER NOT NULL,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            export_rank TEXT NOT NULL,
            source_sha256 TEXT NOT NULL REFERENCES file_fingerprints(sha256),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (carrier, tracking_number, charge_type, invoice_date, item_seq)
        ) WITHOUT ROWID;
        CREATE INDEX shipments_by_order ON shipments(order_id);
        """,
        // 3: issues of the monthly margin report: what each issue showed and which files it was built from, so
        // that a reissue can say what changed.
        """
        CREATE TABLE margin_issues (
            month TEXT NOT NULL,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            issue INTEGER NOT NULL CHECK (issue >= 1),
            issued_at TEXT NOT NULL,
            files TEXT NOT NULL,
            figures TEXT NOT NULL,
            PRIMARY KEY (month, currency, issue)
        ) WITHOUT ROWID;
        """,
    ]
}
