import Testing
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// DHL to DE, all shipped 2026-03-02; run date 2026-03-13; lane dhl|DE 5 days, default 7.
///
/// | parcel | promised | delivered | transit | due | on time | delayed (> 2 days past due) |
/// |---|---|---|---|---|---|---|
/// | P1–P5 | 03-06 | 03-03, 03-04, 03-04, 03-05, 03-05 | 1, 2, 2, 3, 3 | 03-06 | yes ×5 | no |
/// | P6 | – | 03-06 | 4 | 03-07 (lane) | yes | no |
/// | P7 | – | 03-07 | 5 | 03-07 | yes (on the day) | no |
/// | P8 | – | 03-08 | 6 | 03-07 | no | no (1 day) |
/// | P9 | – | 03-10 | 8 | 03-07 | no | yes (3 days) |
/// | P10 | – | 03-14 | 12 | 03-07 | no | yes (7 days) |
/// | P11 | 03-10 | in transit | | | | yes (13 − 10 = 3) |
/// | P12 | 03-11 | in transit | | | | no (13 − 11 = 2) |
/// | P13 | | lost | | | | |
/// | P14 | | returned | | | | |
///
/// Charges: P1 freight 5.00 + fuel 1.00 EUR, duty 3.00 EUR (order O1); P2 freight 10.00 USD = 8.00 EUR (order O1);
/// P3 none (order O2).
@Suite struct LogisticsTests {
    static let march = KPI.m("2026-03")
    static let standards = TransitStandards(lanes: [Lane(carrier: "dhl", market: KPI.de): 5], defaultDays: 7)

    static func parcels() -> [Shipment] {
        let delivered = ["2026-03-03", "2026-03-04", "2026-03-04", "2026-03-05", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-10", "2026-03-14"]
        var out: [Shipment] = []
        for (i, date) in delivered.enumerated() {
            let order: String? = i < 2 ? "O1" : i == 2 ? "O2" : nil
            var charges: [ChargeType: Money] = [:]
            var currency = Currency.EUR
            if i == 0 { charges = [.freight: cents(5_00), .fuel: cents(1_00), .dutyTax: cents(3_00)] }
            if i == 1 {
                charges = [.freight: cents(10_00)]
                currency = .USD
            }
            out.append(KPI.parcel("P\(i + 1)", order: order, promised: i < 5 ? "2026-03-06" : nil, delivered: date, charges: charges, currency: currency))
        }
        out.append(KPI.parcel("P11", promised: "2026-03-10", status: .inTransit))
        out.append(KPI.parcel("P12", promised: "2026-03-11", status: .inTransit))
        out.append(KPI.parcel("P13", status: .lost))
        out.append(KPI.parcel("P14", status: .returned))
        return out
    }

    static func table(_ extra: [Shipment] = []) -> LogisticsTable {
        let calc = LogisticsCalculator(
            converter: KPI.converter(), standards: standards, runDate: KPI.d("2026-03-13"),
            netRevenue: [MonthMarket(march, KPI.de): cents(170_00)])
        let acc = calc.makeAccumulator()
        for p in parcels() + extra { calc.add(p, to: acc) }
        return calc.finish(acc)
    }

    @Test func netRevenueSetAfterTheParcelsGivesTheSameTable() throws {
        // Finished without net revenue as soon as the parcels are in (the run's line pass), then given it.
        let early = LogisticsCalculator(converter: KPI.converter(), standards: Self.standards, runDate: KPI.d("2026-03-13"))
        let acc = early.makeAccumulator()
        for p in Self.parcels() { early.add(p, to: acc) }
        let bare = early.finish(acc)
        #expect(bare.rows.allSatisfy { $0.netRevenue == nil })
        let later = LogisticsCalculator(
            converter: KPI.converter(), standards: Self.standards, runDate: KPI.d("2026-03-13"),
            netRevenue: [MonthMarket(Self.march, KPI.de): cents(170_00)])
        let table = later.withNetRevenue(bare), expected = Self.table()
        #expect(table.rows == expected.rows && table.undatedShipments == expected.undatedShipments)
        #expect(table.rows.first { $0.carrier == "dhl" }?.logisticsCostShare?.formatted(decimals: 4) == "0.1000")
    }

    @Test func computesEveryFigureOfALane() throws {
        let r = try #require(Self.table().rows.first { $0.carrier == "dhl" })
        #expect(r.month == Self.march && r.market == KPI.de)
        #expect(r.shipments == 14)
        #expect(r.orders == 2)  // O1, O2
        #expect(r.cost == cents(14_00))  // 5 + 1 + 10 USD / 1.25; duty excluded
        #expect(r.duties == cents(3_00))
        #expect(r.costedShipments == 2)
        #expect(r.costPerShipment == cents(7_00))  // 14 / 2 parcels that carry a charge
        #expect(r.costPerOrder == cents(14_00))  // 14 / 1 order (O1)
        #expect(r.logisticsCostShare?.formatted(decimals: 4) == "0.1000")  // (14 + 3) / 170
        #expect(r.averageTransitDays?.formatted(decimals: 2) == "4.60")  // (1+2+2+3+3+4+5+6+8+12) / 10 = 46 / 10
        #expect(r.p90TransitDays == 8)  // rank ⌈0.9 × 10⌉ = 9 of [1,2,2,3,3,4,5,6,8,12]
        #expect(r.onTimeJudged == 10 && r.onTime == 7)  // P1–P7
        #expect(r.onTimeRate?.formatted(decimals: 4) == "0.7000")
        #expect(r.delayed == 3)  // P9, P10, P11
        #expect(r.lost == 1 && r.returned == 1)
    }

    @Test func withoutPromiseOrStandardsAParcelIsNeitherOnTimeNorLateAndWithoutChargesCostIsNil() throws {
        let extra = [
            KPI.parcel("U1", carrier: "ups", delivered: "2026-03-20"),
            KPI.parcel("U2", carrier: "ups", status: .inTransit),
        ]
        let calc = LogisticsCalculator(converter: KPI.converter(), standards: TransitStandards(), runDate: KPI.d("2026-04-30"))
        let acc = calc.makeAccumulator()
        for p in extra { calc.add(p, to: acc) }
        let r = try #require(calc.finish(acc).rows.first)
        #expect(r.shipments == 2 && r.onTimeJudged == 0 && r.onTimeRate == nil && r.delayed == 0)
        #expect(r.p90TransitDays == 18 && r.averageTransitDays?.formatted(decimals: 1) == "18.0")  // 03-02 → 03-20
        #expect(r.cost == nil && r.duties == nil && r.costPerShipment == nil && r.logisticsCostShare == nil)
    }

    /// Both shipped 2026-03-02 on the dhl|DE lane (5 days): due 2026-03-07; the run date 2026-04-06 is 30 days later.
    /// N1 comes from billing data (delivery not reported) with order O9, freight 6.00 and duty 2.00 EUR; T1 from a
    /// tracking export that has seen no delivery. Only T1 is delayed; N1 still counts as a parcel, an order, cost and
    /// duties, and is judged for nothing (no transit days, not on time or late, not lost or returned).
    @Test func aParcelWhoseDeliveryIsNotReportedIsNeverDelayedButCountsItsCost() throws {
        let calc = LogisticsCalculator(converter: KPI.converter(), standards: Self.standards, runDate: KPI.d("2026-04-06"))
        let acc = calc.makeAccumulator()
        calc.add(KPI.parcel("N1", order: "O9", status: .deliveryNotReported, charges: [.freight: cents(6_00), .dutyTax: cents(2_00)]), to: acc)
        calc.add(KPI.parcel("T1", status: .inTransit), to: acc)
        let r = try #require(calc.finish(acc).rows.first)
        #expect(r.shipments == 2 && r.orders == 1)
        #expect(r.cost == cents(6_00) && r.duties == cents(2_00) && r.costedShipments == 1 && r.costPerShipment == cents(6_00))
        #expect(r.delayed == 1)  // T1: 2026-03-07 → 2026-04-06 = 30 days > 2
        #expect(r.onTimeJudged == 0 && r.onTimeRate == nil && r.transitDays.isEmpty)
        #expect(r.lost == 0 && r.returned == 0)

        // N1 alone: not delayed.
        let alone = calc.makeAccumulator()
        calc.add(KPI.parcel("N1", status: .deliveryNotReported), to: alone)
        #expect(calc.finish(alone).rows.map(\.delayed) == [0])
    }

    @Test func datesConversionAndUndatedParcels() throws {
        let extra = [
            // No ship date: the invoice date gives the month and converts the charge with the rate of 2026-03-02
            // (3 days earlier): 12.50 USD = 10.00 EUR.
            KPI.parcel("I1", carrier: "fedex", ship: nil, invoice: "2026-03-05", status: .inTransit, charges: [.freight: cents(12_50)], currency: .USD),
            // No date at all: not counted anywhere.
            KPI.parcel("X1", ship: nil, status: .inTransit),
            // No USD rate on 2026-02-20 (none within 7 days before): the charge is left out and counted.
            KPI.parcel("F1", ship: "2026-02-20", status: .inTransit, charges: [.freight: cents(1_00)], currency: .USD),
        ]
        let t = Self.table(extra)
        #expect(t.undatedShipments == 1 && t.chargesWithoutRate == 1)
        let fedex = try #require(t.rows.first { $0.carrier == "fedex" })
        #expect(fedex.month == Self.march && fedex.cost == cents(10_00) && fedex.duties == .zero && fedex.shipments == 1)
        #expect(fedex.delayed == 0)  // no promise; ship date unknown, so no lane due date either
        let feb = try #require(t.rows.first { $0.month == KPI.m("2026-02") })
        #expect(feb.cost == nil && feb.shipments == 1)
        #expect(t.rows.map { "\($0.month) \($0.carrier) \($0.market)" } == ["2026-02 dhl DE", "2026-03 dhl DE", "2026-03 fedex DE"])
    }

    @Test(arguments: [
        // (promised, delivered, status, delayed?) with run date 2026-03-13
        ("2026-03-05", "2026-03-07", ShipmentStatus.delivered, false),  // exactly 48 h late
        ("2026-03-05", "2026-03-08", .delivered, true),  // 3 days
        ("2026-03-11", nil, .inTransit, false),  // 13 − 11 = 2 days
        ("2026-03-10", nil, .inTransit, true),  // 13 − 10 = 3 days
        ("2026-03-01", nil, .lost, false),  // lost parcels count as lost, not delayed
        ("2026-03-01", nil, .deliveryNotReported, false),  // 12 days past: no source would report its delivery
    ] as [(String, String?, ShipmentStatus, Bool)])
    func delayedMeansMoreThan48HoursPastPromise(promised: String, delivered: String?, status: ShipmentStatus, delayed: Bool) throws {
        let calc = LogisticsCalculator(converter: KPI.converter(), standards: TransitStandards(), runDate: KPI.d("2026-03-13"))
        let acc = calc.makeAccumulator()
        calc.add(KPI.parcel("T", promised: promised, delivered: delivered, status: status), to: acc)
        let r = try #require(calc.finish(acc).rows.first)
        #expect(r.delayed == (delayed ? 1 : 0))
    }

    @Test(arguments: [
        ([7: 1], 7),  // n = 1: rank ⌈0.9⌉ = 1
        ([1: 1, 2: 2, 3: 2, 4: 1, 5: 1, 6: 1, 8: 1, 12: 1], 8),  // n = 10: rank 9
        ([1: 10, 9: 1], 1),  // n = 11: rank ⌈9.9⌉ = 10, and the 10th smallest of ten 1s and one 9 is 1
        ([1: 9, 9: 2], 9),  // n = 11: rank 10, the 10th smallest of nine 1s and two 9s is 9
        ([1: 18, 5: 2], 1),  // n = 20: rank 18 → 1
        ([1: 17, 5: 3], 5),  // n = 20: rank 18 → 5
    ] as [([Int: Int], Int)])
    func p90ByNearestRank(histogram: [Int: Int], expected: Int) {
        #expect(LogisticsRow.nearestRank(90, of: histogram) == expected)
    }
}
