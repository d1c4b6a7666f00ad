import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest

@testable import TidemarkWarehouse

private typealias D = WarehouseTestData

/// A parcel's status merges by what each source knows: `not_reported` (billing data and label exports, which never
/// report a delivery) < `in_transit` (a tracking export that has seen no delivery yet) < a final status (delivered,
/// returned, lost), whatever the load order; between two final statuses the newer export wins. Migration 7 gives the
/// parcels stored as `in_transit` by the four never-reporting formats their own status.
@Suite("Shipment statuses")
struct ShipmentStatusTests {
    static let jp = Market(code: "JP")!

    /// One row of parcel 1Z1 (UPS to JP, shipped 2026-09-16) with `status`; a delivered one has a delivery date.
    static func parcel(_ status: ShipmentStatus, file: String) -> IngestedFact {
        .shipment(
            Shipment(
                provenance: Provenance(file: file, line: 2), trackingNumber: "1Z1", orderID: "O-1", carrier: "UPS", service: nil,
                shipDate: CivilDate(iso: "2026-09-16"), invoiceDate: nil, promisedDate: nil,
                deliveryDate: status == .delivered ? CivilDate(iso: "2026-09-20") : nil, status: status, destination: jp,
                weightGrams: nil, charges: [:], currency: .EUR))
    }

    static func statuses(_ w: Warehouse) throws -> [String: ShipmentStatus] {
        var out: [String: ShipmentStatus] = [:]
        try w.forEachShipment { s, _ in out[s.trackingNumber] = s.status }
        return out
    }

    /// (older export's status, newer export's status, the status kept).
    static let merges: [(ShipmentStatus, ShipmentStatus, ShipmentStatus)] = [
        // A tracking export's "in transit" upgrades "not reported", from an older or a newer file.
        (.deliveryNotReported, .inTransit, .inTransit), (.inTransit, .deliveryNotReported, .inTransit),
        // Billing data never downgrades a final status.
        (.deliveryNotReported, .delivered, .delivered), (.delivered, .deliveryNotReported, .delivered),
        (.returned, .deliveryNotReported, .returned), (.deliveryNotReported, .lost, .lost),
        // As before: "in transit" never undoes a final status, and a final status replaces it.
        (.inTransit, .delivered, .delivered), (.delivered, .inTransit, .delivered), (.lost, .inTransit, .lost),
        // Equal strength: the same status stays; of two final statuses the newer export's wins.
        (.deliveryNotReported, .deliveryNotReported, .deliveryNotReported), (.inTransit, .inTransit, .inTransit),
        (.delivered, .returned, .returned), (.returned, .delivered, .delivered),
    ]

    @Test(arguments: merges, [false, true])
    func statusesMergeByStrengthWhateverTheLoadOrder(merge: (ShipmentStatus, ShipmentStatus, ShipmentStatus), newerFirst: Bool) throws {
        let (olderStatus, newerStatus, kept) = merge
        let w = try Warehouse(path: D.newWarehousePath())
        _ = try w.beginRun(pipeline: "p", startedAt: "t0")
        let older = (Self.parcel(olderStatus, file: "old.csv"), "old.csv", "sha-old", "000000000001|old.csv")
        let newer = (Self.parcel(newerStatus, file: "new.csv"), "new.csv", "sha-new", "000000000002|new.csv")
        for (fact, file, sha, rank) in newerFirst ? [newer, older] : [older, newer] {
            try D.load([fact], into: w, file: file, sha256: sha, exportRank: rank)
        }
        try w.commitRun(finishedAt: "t1", status: "success")
        #expect(try Self.statuses(w) == ["1Z1": kept])
    }

    /// Within one file too: a UPS parcel's `RTN` line makes it returned, whichever of its lines comes first.
    @Test func aReturnLineOfBillingDataOutranksItsShipmentLines() throws {
        let w = try D.committed([Self.parcel(.deliveryNotReported, file: "ups.csv"), Self.parcel(.returned, file: "ups.csv"), Self.parcel(.deliveryNotReported, file: "ups.csv")])
        #expect(try Self.statuses(w) == ["1Z1": .returned])
    }

    /// A version-6 warehouse: five files (the four never-reporting formats and a generic tracking export) and
    /// eleven parcels. Migration 7 turns exactly the `in_transit` parcels of those four formats into `not_reported`,
    /// unless the row shows another source's hand (a promised date, a charge from a file of another format).
    @Test func migrationSevenGivesTheNeverReportingFormatsParcelsTheirOwnStatus() throws {
        let path = try D.olderWarehouse(
            version: 6,
            rows: """
            INSERT INTO run_ledger VALUES (1, 'p', '2026-10-01T00:00:00Z', '2026-10-01T00:00:01Z', 'success');
            INSERT INTO file_fingerprints VALUES ('sha-ups', 'ups.csv', 'ups_billing', 'UTF-8', ',', 0, 5, 5, 0, 0, '', 0, 1);
            INSERT INTO file_fingerprints VALUES ('sha-ss', 'ss.csv', 'shipstation_shipments', 'UTF-8', ',', 0, 1, 1, 0, 0, '', 0, 1);
            INSERT INTO file_fingerprints VALUES ('sha-fedex', 'fedex.csv', 'fedex_billing', 'UTF-8', ',', 0, 2, 2, 0, 0, '', 0, 1);
            INSERT INTO file_fingerprints VALUES ('sha-fba', 'fba.txt', 'amazon_fba_shipments', 'UTF-8', 'tab', 0, 2, 2, 0, 0, '', 0, 1);
            INSERT INTO file_fingerprints VALUES ('sha-gen', '4px.csv', 'generic_shipments', 'UTF-8', ',', 0, 2, 2, 0, 0, '', 0, 1);
            INSERT INTO file_ids VALUES (1, 'sha-ups', '000000000001|ups.csv');
            INSERT INTO file_ids VALUES (2, 'sha-gen', '000000000002|4px.csv');
            INSERT INTO shipments VALUES ('UPS', '1Z01', 'O-1', NULL, '2026-09-16', '2026-09-28', NULL, NULL, 'in_transit', 'JP', NULL, 'r', 'sha-ups', 2);
            INSERT INTO shipments VALUES ('UPS', '1Z02', 'O-2', NULL, '2026-09-16', '2026-09-28', NULL, NULL, 'returned', 'JP', NULL, 'r', 'sha-ups', 3);
            INSERT INTO shipments VALUES ('USPS', '9400', '#1001', NULL, '2026-09-16', NULL, NULL, NULL, 'in_transit', 'US', NULL, 'r', 'sha-ss', 2);
            INSERT INTO shipments VALUES ('FedEx', '794600000011', NULL, NULL, '2026-09-15', NULL, NULL, NULL, 'in_transit', 'US', NULL, 'r', 'sha-fedex', 2);
            INSERT INTO shipments VALUES ('FedEx', '794600000012', NULL, NULL, '2026-09-15', NULL, NULL, '2026-09-18', 'delivered', 'US', NULL, 'r', 'sha-fedex', 3);
            INSERT INTO shipments VALUES ('AMZN_US', 'TBA1', '113-1', NULL, '2026-10-02', NULL, NULL, NULL, 'in_transit', 'US', NULL, 'r', 'sha-fba', 2);
            INSERT INTO shipments VALUES ('AMZN_US', 'TBA2', '113-2', NULL, '2026-10-02', NULL, NULL, NULL, 'lost', 'US', NULL, 'r', 'sha-fba', 3);
            INSERT INTO shipments VALUES ('4PX', '4PX1', 'O-3', NULL, '2026-09-15', NULL, NULL, NULL, 'in_transit', 'DE', NULL, 'r', 'sha-gen', 2);
            INSERT INTO shipments VALUES ('UPS', '1Z03', 'O-4', NULL, '2026-09-16', '2026-09-28', '2026-09-20', NULL, 'in_transit', 'JP', NULL, 'r', 'sha-ups', 4);
            INSERT INTO shipments VALUES ('UPS', '1Z04', 'O-5', NULL, '2026-09-16', '2026-09-28', NULL, NULL, 'in_transit', 'JP', NULL, 'r', 'sha-ups', 5);
            INSERT INTO shipments VALUES ('UPS', '1Z05', 'O-6', NULL, '2026-09-16', '2026-09-28', NULL, NULL, 'in_transit', 'JP', NULL, 'r', 'sha-ups', 6);
            INSERT INTO shipment_charges VALUES ('UPS', '1Z04', 'other', '2026-09-30', 0, '2026-09-16', 3000000, 'EUR', 0, 2, 3, 0);
            INSERT INTO shipment_charges VALUES ('UPS', '1Z05', 'freight', '2026-09-28', 0, '2026-09-16', 29480000, 'EUR', 0, 1, 6, 0);
            """)
        let w = try Warehouse(path: path)
        #expect(try w.db.scalarInt("PRAGMA user_version") == WarehouseTests.schemaVersion)
        #expect(try Self.statuses(w) == [
            "1Z01": .deliveryNotReported,  // UPS billing data
            "1Z02": .returned,  // a final status stays
            "9400": .deliveryNotReported,  // ShipStation
            "794600000011": .deliveryNotReported,  // FedEx bill without a POD date
            "794600000012": .delivered,  // FedEx bill with one
            "TBA1": .deliveryNotReported,  // Amazon FBA shipments
            "TBA2": .lost,
            "4PX1": .inTransit,  // a generic tracking export reports deliveries: it stays in transit
            "1Z03": .inTransit,  // a promised date came from a tracking export, which said in transit
            "1Z04": .inTransit,  // a charge from the generic export: that export said in transit
            "1Z05": .deliveryNotReported,  // its charge came from UPS billing data itself
        ])
        // The other columns are copied as they were.
        #expect(try w.db.scalarInt("SELECT count(*) FROM shipments WHERE source_sha256 = 'sha-ups' AND invoice_date = '2026-09-28'") == 5)
        #expect(try w.db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'shipments_by_order'") == 0)  // migration 8
        #expect(try w.db.scalarInt("PRAGMA foreign_key_check") == 0)
        // The CHECK admits the new word and still refuses an unknown one.
        try w.db.execute("UPDATE shipments SET status = 'not_reported' WHERE tracking_number = '4PX1'")
        #expect(throws: WarehouseError.self) { try w.db.execute("UPDATE shipments SET status = 'gone' WHERE tracking_number = '4PX1'") }
    }
}
