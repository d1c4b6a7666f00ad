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
        // 4: narrower fact rows. The six keyed fact tables carried the file's 64-character fingerprint and a
        // ~56-character export rank on every row; they now carry an integer file id (`file_ids`, which holds the
        // fingerprint and the file's export rank once) and the row's own update time (`row_rank`, 0 when the export
        // has none). A row is newer than another when (row_rank, its file's export_rank) is greater, the same
        // order the old rank text "row time|file rank" sorted in. Measured on 1 M order lines: 32 % less SQLite
        // CPU per insert. Existing rows are converted in place.
        """
        CREATE TABLE file_ids (
            file_id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE REFERENCES file_fingerprints(sha256),
            export_rank TEXT NOT NULL
        );
        INSERT OR IGNORE INTO file_ids (sha256, export_rank) SELECT source_sha256, substr(min(export_rank), 14) FROM order_lines GROUP BY source_sha256;
        INSERT OR IGNORE INTO file_ids (sha256, export_rank) SELECT source_sha256, substr(min(export_rank), 14) FROM refunds GROUP BY source_sha256;
        INSERT OR IGNORE INTO file_ids (sha256, export_rank) SELECT source_sha256, substr(min(export_rank), 14) FROM platform_fees GROUP BY source_sha256;
        INSERT OR IGNORE INTO file_ids (sha256, export_rank) SELECT source_sha256, substr(min(export_rank), 14) FROM ad_performance GROUP BY source_sha256;
        INSERT OR IGNORE INTO file_ids (sha256, export_rank) SELECT source_sha256, substr(min(export_rank), 14) FROM traffic GROUP BY source_sha256;
        INSERT OR IGNORE INTO file_ids (sha256, export_rank) SELECT source_sha256, substr(min(export_rank), 14) FROM shipment_charges GROUP BY source_sha256;
        INSERT OR IGNORE INTO file_ids (sha256, export_rank) SELECT sha256, '' FROM file_fingerprints;
        CREATE TABLE order_lines_v4 (
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
            row_rank INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES file_ids(file_id),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (platform, order_id, sku, item_seq)
        ) WITHOUT ROWID;
        INSERT INTO order_lines_v4 SELECT platform, order_id, sku, item_seq, store, marketplace, market, order_ts, status, quantity, currency, item_amount_micros, tax_micros, shipping_micros, discount_micros, customer_key, CAST(substr(export_rank, 1, 12) AS INTEGER), (SELECT file_id FROM file_ids WHERE sha256 = source_sha256), source_line, overlap_count FROM order_lines;
        DROP TABLE order_lines;
        ALTER TABLE order_lines_v4 RENAME TO order_lines;
        CREATE TABLE refunds_v4 (
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
            row_rank INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES file_ids(file_id),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (platform, order_id, sku, refund_date, item_seq)
        ) WITHOUT ROWID;
        INSERT INTO refunds_v4 SELECT platform, order_id, sku, refund_date, item_seq, market, amount_micros, currency, units_returned, reason, CAST(substr(export_rank, 1, 12) AS INTEGER), (SELECT file_id FROM file_ids WHERE sha256 = source_sha256), source_line, overlap_count FROM refunds;
        DROP TABLE refunds;
        ALTER TABLE refunds_v4 RENAME TO refunds;
        CREATE TABLE platform_fees_v4 (
            platform TEXT NOT NULL,
            order_id TEXT NOT NULL,
            sku TEXT NOT NULL,
            fee_date TEXT NOT NULL,
            fee_type TEXT NOT NULL CHECK (fee_type IN ('commission', 'fulfillment', 'storage', 'advertising', 'other')),
            item_seq INTEGER NOT NULL,
            market TEXT NOT NULL CHECK (length(market) = 2),
            amount_micros INTEGER NOT NULL,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            row_rank INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES file_ids(file_id),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (platform, order_id, sku, fee_date, fee_type, item_seq)
        ) WITHOUT ROWID;
        INSERT INTO platform_fees_v4 SELECT platform, order_id, sku, fee_date, fee_type, item_seq, market, amount_micros, currency, CAST(substr(export_rank, 1, 12) AS INTEGER), (SELECT file_id FROM file_ids WHERE sha256 = source_sha256), source_line, overlap_count FROM platform_fees;
        DROP TABLE platform_fees;
        ALTER TABLE platform_fees_v4 RENAME TO platform_fees;
        CREATE TABLE ad_performance_v4 (
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
            row_rank INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES file_ids(file_id),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (ad_date, platform, account, campaign, ad_group, sku, market, attribution_window, item_seq)
        ) WITHOUT ROWID;
        INSERT INTO ad_performance_v4 SELECT ad_date, platform, account, campaign, ad_group, sku, market, attribution_window, item_seq, currency, impressions, clicks, spend_micros, attributed_orders, attributed_sales_micros, CAST(substr(export_rank, 1, 12) AS INTEGER), (SELECT file_id FROM file_ids WHERE sha256 = source_sha256), source_line, overlap_count FROM ad_performance;
        DROP TABLE ad_performance;
        ALTER TABLE ad_performance_v4 RENAME TO ad_performance;
        CREATE TABLE traffic_v4 (
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
            row_rank INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES file_ids(file_id),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (traffic_date, platform, market, sku, item_seq)
        ) WITHOUT ROWID;
        INSERT INTO traffic_v4 SELECT traffic_date, platform, market, sku, item_seq, impressions, clicks, sessions, page_views, inquiries, add_to_carts, CAST(substr(export_rank, 1, 12) AS INTEGER), (SELECT file_id FROM file_ids WHERE sha256 = source_sha256), source_line, overlap_count FROM traffic;
        DROP TABLE traffic;
        ALTER TABLE traffic_v4 RENAME TO traffic;
        CREATE TABLE shipment_charges_v4 (
            carrier TEXT NOT NULL,
            tracking_number TEXT NOT NULL,
            charge_type TEXT NOT NULL CHECK (charge_type IN ('freight', 'fuel', 'duty_tax', 'other')),
            invoice_date TEXT NOT NULL,
            item_seq INTEGER NOT NULL,
            charge_date TEXT NOT NULL,
            amount_micros INTEGER NOT NULL,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            row_rank INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES file_ids(file_id),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (carrier, tracking_number, charge_type, invoice_date, item_seq)
        ) WITHOUT ROWID;
        INSERT INTO shipment_charges_v4 SELECT carrier, tracking_number, charge_type, invoice_date, item_seq, charge_date, amount_micros, currency, CAST(substr(export_rank, 1, 12) AS INTEGER), (SELECT file_id FROM file_ids WHERE sha256 = source_sha256), source_line, overlap_count FROM shipment_charges;
        DROP TABLE shipment_charges;
        ALTER TABLE shipment_charges_v4 RENAME TO shipment_charges;
        CREATE INDEX order_lines_by_time ON order_lines(order_ts);
        """,
        // 5: where and how each loaded file was last seen, so that a later run can know an unchanged file (same path,
        // size, modification time and inode) without reading it to hash it again.
        """
        CREATE TABLE file_stats (
            path TEXT PRIMARY KEY,
            size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
            modified_ns INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            sha256 TEXT NOT NULL REFERENCES file_fingerprints(sha256) ON DELETE CASCADE
        ) WITHOUT ROWID;
        """,
        // 6: a refund's money and a return's units are different facts. The payment reports (settlement, Date Range)
        // give a refund's money with no units and the returns reports its units with no money; sharing one natural
        // key, a return reported by both on the same day was taken for two exports of one row and the newer replaced
        // the older, losing the money or the units. `refund_kind` ('units' for a row of units and no money, else
        // 'money') joins the key, so the two kinds never replace each other, and each kind's rows are numbered on
        // their own (`item_seq` 0, 1, … within the new key, as a file is numbered from now on). Rows lost before stay
        // lost until the warehouse is rebuilt from its files.
        """
        CREATE TABLE refunds_v6 (
            platform TEXT NOT NULL,
            order_id TEXT NOT NULL,
            sku TEXT NOT NULL,
            refund_date TEXT NOT NULL,
            refund_kind TEXT NOT NULL CHECK (refund_kind IN ('money', 'units')),
            item_seq INTEGER NOT NULL,
            market TEXT NOT NULL CHECK (length(market) = 2),
            amount_micros INTEGER NOT NULL,
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            units_returned INTEGER NOT NULL,
            reason TEXT,
            row_rank INTEGER NOT NULL,
            file_id INTEGER NOT NULL REFERENCES file_ids(file_id),
            source_line INTEGER NOT NULL,
            overlap_count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (platform, order_id, sku, refund_date, refund_kind, item_seq)
        ) WITHOUT ROWID;
        INSERT INTO refunds_v6 SELECT platform, order_id, sku, refund_date, kind,
          row_number() OVER (PARTITION BY platform, order_id, sku, refund_date, kind ORDER BY item_seq) - 1,
          market, amount_micros, currency, units_returned, reason, row_rank, file_id, source_line, overlap_count
        FROM (SELECT *, CASE WHEN amount_micros = 0 AND units_returned <> 0 THEN 'units' ELSE 'money' END AS kind FROM refunds);
        DROP TABLE refunds;
        ALTER TABLE refunds_v6 RENAME TO refunds;
        """,
        // 7: a status of its own for parcels whose sources never report a delivery (`not_reported`): UPS billing data,
        // ShipStation, FedEx bills without a proof-of-delivery date and Amazon FBA shipments stored them as
        // `in_transit`, so they were counted delayed once their due date had passed. The CHECK admits the new word
        // (SQLite cannot alter a CHECK: the table is rebuilt and its index made again). A stored `in_transit` parcel
        // becomes `not_reported` when everything known to have come from another kind of source is absent: the file
        // that first stored it is one of those four formats, it has neither a promised nor a delivery date (those four
        // never give one), and none of its charges was last loaded from a file of another format. What the row does
        // not record stays unknown: a tracking export that said "in transit" for such a parcel, with no date and no
        // charge, is not seen, and its parcel becomes `not_reported` until the warehouse is rebuilt from its files.
        """
        CREATE TABLE shipments_v7 (
            carrier TEXT NOT NULL,
            tracking_number TEXT NOT NULL,
            order_id TEXT,
            service TEXT,
            ship_date TEXT,
            invoice_date TEXT,
            promised_date TEXT,
            delivery_date TEXT,
            status TEXT NOT NULL CHECK (status IN ('not_reported', 'in_transit', 'delivered', 'returned', 'lost')),
            destination TEXT NOT NULL CHECK (length(destination) = 2),
            weight_grams INTEGER,
            export_rank TEXT NOT NULL,
            source_sha256 TEXT NOT NULL REFERENCES file_fingerprints(sha256),
            source_line INTEGER NOT NULL,
            PRIMARY KEY (carrier, tracking_number)
        ) WITHOUT ROWID;
        INSERT INTO shipments_v7 SELECT carrier, tracking_number, order_id, service, ship_date, invoice_date, promised_date,
          delivery_date,
          CASE WHEN status = 'in_transit' AND promised_date IS NULL AND delivery_date IS NULL
                AND (SELECT format FROM file_fingerprints WHERE sha256 = s.source_sha256)
                    IN ('ups_billing', 'shipstation_shipments', 'fedex_billing', 'amazon_fba_shipments')
                AND NOT EXISTS (
                  SELECT 1 FROM shipment_charges c JOIN file_ids i ON i.file_id = c.file_id JOIN file_fingerprints f ON f.sha256 = i.sha256
                  WHERE c.carrier = s.carrier AND c.tracking_number = s.tracking_number
                    AND f.format NOT IN ('ups_billing', 'shipstation_shipments', 'fedex_billing', 'amazon_fba_shipments'))
               THEN 'not_reported' ELSE status END,
          destination, weight_grams, export_rank, source_sha256, source_line
        FROM shipments s;
        DROP TABLE shipments;
        ALTER TABLE shipments_v7 RENAME TO shipments;
        CREATE INDEX shipments_by_order ON shipments(order_id);
        """,
        // 8: no secondary indexes. Every read of the compute stages scans a table in its primary key's order, and no
        // statement looks order lines up by time or parcels by order: `order_lines_by_time` and `shipments_by_order`
        // were only written (a first load sorted 2 M time entries and wrote about 200 MB more at scale 100, and each
        // later row updated both). A range of order times is read by scanning the key order with a filter.
        """
        DROP INDEX IF EXISTS order_lines_by_time;
        DROP INDEX IF EXISTS shipments_by_order;
        """,
    ]
}
