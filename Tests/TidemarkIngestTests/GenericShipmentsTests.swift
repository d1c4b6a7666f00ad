import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("Generic shipments layout")
struct GenericShipmentsTests {
    @Test func perChargeRowsOfThe4PXFixture() throws {
        let run = try ingestSource(TestPaths.fixture("logistics/forwarder-4px-charges.csv"))
        #expect(run.detection.format.id == "generic_shipments")
        #expect(counts(run) == [45, 45, 0, 0])
        #expect(run.shipments.allSatisfy { $0.charges.count == 1 && $0.carrier == "4PX" && $0.currency == .USD })
        // one lost parcel (2 charge rows) and one returned (freight, fuel and the return leg)
        #expect(Set(run.shipments.filter { $0.status == .lost }.map(\.trackingNumber)).count == 1)
        #expect(Set(run.shipments.filter { $0.status == .returned }.map(\.trackingNumber)).count == 1)
        #expect(run.shipments.filter { $0.status == .lost }.allSatisfy { $0.deliveryDate == nil })
    }

    @Test func theWorkedDayParcelToGermany() throws {
        let run = try ingestSource(TestPaths.fixture("logistics/forwarder-4px-charges.csv"))
        let rows = run.shipments.filter { $0.orderID == "306-0899867-2256624" }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.trackingNumber == "4PX307632559988CN" && $0.destination.code == "DE" })
        #expect(rows.allSatisfy { $0.shipDate == day("2026-09-16") && $0.promisedDate == day("2026-09-24") && $0.deliveryDate == day("2026-09-23") })
        #expect(rows.allSatisfy { $0.weightGrams == 2380 && $0.status == .delivered })  // 2.38 kg
        var total: [ChargeType: Money] = [:]
        for r in rows { for (k, v) in r.charges { total[k, default: .zero] += v } }
        // duty 12.5 % of 74.90 + 22.99 = 97.89 → 12.23625 → 12.24
        #expect(total == [.freight: m("25.20"), .fuel: m("2.02"), .dutyTax: m("12.24")])
    }

    @Test func perParcelRowsOfTheYanwenFixture() throws {
        let run = try ingestSource(TestPaths.fixture("logistics/yanwen-parcels.csv"))
        #expect(run.detection.format.id == "generic_shipments")
        #expect(counts(run) == [14, 14, 0, 0])
        // line 2: UG105503704YP, FR, 3000 g, freight 30.10, fuel 2.41, duty 12.00, other empty
        let first = run.shipments[0]
        #expect(first.trackingNumber == "UG105503704YP")
        #expect(first.weightGrams == 3000)
        #expect(first.charges == [.freight: m("30.10"), .fuel: m("2.41"), .dutyTax: m("12.00")])
        #expect(first.destination.code == "FR")
    }

    @Test func badStatusesChargeTypesUnitsAndCurrencies() throws {
        let run = try ingestSource(TestPaths.fixture("malformed/shipments_bad_values.csv"))
        #expect(counts(run) == [7, 2, 4, 1])
        #expect(run.rejectPlaces == [
            "3 status Teleported", "4 charge_type handling", "5 weight_unit stone", "6 currency XYZ",
        ])
        // line 7: no status and no delivery date → in transit; 德国 → DE; 16 oz = 453.59237 g → 454 g; (1.50) → -1.50
        let s = run.shipments[1]
        #expect(s.status == .inTransit)
        #expect(s.destination.code == "DE")
        #expect(s.weightGrams == 454)
        #expect(s.charges == [.dutyTax: m("-1.50")])
    }

    @Test(arguments: [
        ("1", "kg", 1000), ("0.0005", "kg", 1), ("0.0004", "kg", 0), ("2", "lb", 907), ("1", "lb", 454),
        ("0.5", "oz", 14), ("3.5", "g", 4), ("2.5", "g", 3), ("10", "OZ", 283),
    ])
    func weightsConvertExactlyToWholeGrams(_ weight: String, _ unit: String, _ grams: Int) throws {
        // 2 lb = 907.18474 g → 907; 1 lb = 453.59237 → 454; 0.5 oz = 14.1747615625 → 14; 10 oz = 283.49523125 → 283;
        // 2.5 g → 3 (half away from zero); 0.0005 kg = 0.5 g → 1
        let micros = withBytes(weight) { b -> Int64 in
            guard case .value(let n) = ValueParser.scaledDecimal(b, scale: 6, separator: .point) else { return -1 }
            return n.scaled
        }
        #expect(ShipmentVocabulary.grams(micros: micros, unit: unit) == grams)
    }

    @Test(arguments: [
        ("Delivered", ShipmentStatus.delivered), ("Returned to sender", .returned), ("RTS", .returned),
        ("Lost", .lost), ("Exception", .inTransit), ("In transit", .inTransit), ("已签收", .delivered),
    ])
    func statusWords(_ word: String, _ status: ShipmentStatus) {
        #expect(ShipmentVocabulary.status(word) == status)
    }
}
