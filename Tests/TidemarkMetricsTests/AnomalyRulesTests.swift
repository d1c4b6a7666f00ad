import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("Flag rules: campaigns, ACoS, margin, shipments, logistics share")
struct AnomalyRulesTests {
    static func day(_ d: Int) -> CivilDate { CivilDate(year: 2026, month: 3, day: d)! }
    static func eur(_ cents: Int64) -> Money { Money(micros: cents * 10_000) }
    static let march = YearMonth(year: 2026, month: 3)!

    static func idle(_ spec: [(Int, Int64, Int?)]) -> [Flag] {
        FlagRules.idleCampaign(
            spec.map { FlagRules.CampaignDay(date: day($0.0), spend: eur($0.1), attributedOrders: $0.2) },
            dimensions: ["campaign": "Lamps DE", "platform": "amazon"], currency: Currency("EUR"))
    }

    @Test func threeConsecutiveSpendingDaysWithoutOrdersFlagOnce() {
        // 1–3 spend, no orders → flag 1–3, 10.00 + 12.50 + 7.50 = 30.00
        let f = Self.idle([(1, 10_00, 0), (2, 12_50, 0), (3, 7_50, 0), (4, 5_00, 1)])
        #expect(f.map { "\($0.date)…\($0.endDate) \($0.observed)" } == ["2026-03-01…2026-03-03 30.00"])
        #expect(f.first?.rule == "campaign_spend_no_orders" && f.first?.severity == .warning)
        #expect(f.first?.explanation == "Campaign Lamps DE spent 30.00 EUR on 3 consecutive days (2026-03-01 to 2026-03-03) with no attributed order")
    }

    @Test func twoDaysOrABrokenRunDoNotFlag() {
        #expect(Self.idle([(1, 10_00, 0), (2, 10_00, 0)]).isEmpty)
        // an order on day 2
        #expect(Self.idle([(1, 10_00, 0), (2, 10_00, 1), (3, 10_00, 0), (4, 10_00, 0)]).isEmpty)
        // no spend on day 2
        #expect(Self.idle([(1, 10_00, 0), (2, 0, 0), (3, 10_00, 0), (4, 10_00, 0)]).isEmpty)
        // a calendar gap (day 3 missing)
        #expect(Self.idle([(1, 10_00, 0), (2, 10_00, 0), (4, 10_00, 0)]).isEmpty)
        // attribution unknown on day 2
        #expect(Self.idle([(1, 10_00, 0), (2, 10_00, nil), (3, 10_00, 0), (4, 10_00, 0)]).isEmpty)
    }

    @Test func aLongRunIsOneFlagAndOrderDoesNotMatter() {
        let f = Self.idle([(5, 1_00, 0), (1, 1_00, 0), (3, 1_00, 0), (2, 1_00, 0), (4, 1_00, 0)])
        #expect(f.map { "\($0.date)…\($0.endDate) \($0.observed)" } == ["2026-03-01…2026-03-05 5.00"])
    }

    static func acos(spend: Int64, sales: Int64, ceiling: Double? = 0.30) -> Flag? {
        var t = FlagThresholds.defaults
        t.acosCeiling = ceiling
        return FlagRules.acosAboveCeiling(
            month: march, spend: eur(spend), attributedSales: eur(sales), dimensions: ["campaign": "C"],
            currency: Currency("EUR"), thresholds: t)
    }

    @Test func acosAboveTheCeilingOnly() {
        #expect(Self.acos(spend: 30_00, sales: 100_00) == nil)  // 0.30 is not above 0.30
        let f = Self.acos(spend: 30_01, sales: 100_00)!  // 30.01 / 100 = 0.3001
        #expect((f.observed, f.expected, f.rule) == ("0.3001", "0.3000", "acos_above_ceiling"))
        #expect((f.date, f.endDate) == (Self.day(1), Self.day(31)))
        #expect(Self.acos(spend: 90_00, sales: 100_00, ceiling: nil) == nil)  // no ceiling configured
    }

    @Test func spendWithoutSalesIsAboveAnyCeilingWithNoACoSValue() {
        let f = Self.acos(spend: 5_00, sales: 0)!
        #expect(f.observed == "")
        #expect(f.explanation.contains("no attributed sales"))
        #expect(Self.acos(spend: 0, sales: 0) == nil)
    }

    @Test func negativeContributionMarginForTheMonth() {
        let dims = ["sku": "LAMP-36", "market": "DE"]
        let f = FlagRules.negativeContributionMargin(month: Self.march, contributionMargin: Self.eur(-1), dimensions: dims, currency: Currency("EUR"))!
        #expect((f.observed, f.rule, f.metric) == ("-0.01", "negative_contribution_margin", "contribution_margin"))
        #expect(f.explanation == "SKU LAMP-36 in DE lost 0.01 EUR in 2026-03 after COGS, fees, shipping, duties and ads")
        #expect(FlagRules.negativeContributionMargin(month: Self.march, contributionMargin: .zero, dimensions: dims, currency: Currency("EUR")) == nil)
        #expect(FlagRules.negativeContributionMargin(month: Self.march, contributionMargin: nil, dimensions: dims, currency: Currency("EUR")) == nil)
    }

    static func shipment(promised: Int?, delivered: Int?, status: ShipmentStatus) -> Shipment {
        Shipment(
            provenance: Provenance(file: "s", line: 2), trackingNumber: "1Z999", orderID: nil, carrier: "UPS", service: nil,
            shipDate: day(1), invoiceDate: nil, promisedDate: promised.map(day), deliveryDate: delivered.map(day), status: status,
            destination: Market(code: "DE")!, weightGrams: nil, charges: [:], currency: Currency("EUR"))
    }

    @Test(arguments: [
        // promised the 5th (kept until the end of the 5th); more than 48 h late = the 8th or later
        (5, Int?(7), ShipmentStatus.delivered, String?.none),  // 2 days: at most 48 h
        (5, 8, .delivered, "2026-03-08…2026-03-08 3"),
        (5, 12, .delivered, "2026-03-08…2026-03-12 7"),
        (5, nil, .inTransit, "2026-03-08…2026-03-09 4"),  // run date the 9th, still travelling
        (5, nil, .lost, nil),
        (5, nil, .deliveryNotReported, nil),  // 4 days past the promise, but no source would say it arrived
    ])
    func shipmentMoreThan48HoursPastItsPromise(promised: Int, delivered: Int?, status: ShipmentStatus, expected: String?) {
        let f = FlagRules.shipmentDelayed(Self.shipment(promised: promised, delivered: delivered, status: status), runDate: Self.day(9))
        #expect(f.map { "\($0.date)…\($0.endDate) \($0.observed)" } == expected)
    }

    @Test func lateParcelsOfALaneOnTouchingDaysAreOneFlag() {
        func parcel(_ tracking: String, _ carrier: String, _ market: String, promised: Int, delivered: Int) -> Flag {
            var s = Self.shipment(promised: promised, delivered: delivered, status: .delivered)
            s.trackingNumber = tracking
            s.carrier = carrier
            s.destination = Market(code: market)!
            return FlagRules.shipmentDelayed(s, runDate: Self.day(31))!
        }
        // UPS to DE: late 8th–10th and 11th–14th touch (one flag, 2 parcels, the second 6 days late); late 20th–21st
        // stands alone. UPS to FR on the 9th is another lane.
        let flags = FlagRules.shipmentDelayedEpisodes([
            parcel("T3", "UPS", "DE", promised: 17, delivered: 21), parcel("T1", "UPS", "DE", promised: 5, delivered: 10),
            parcel("T2", "UPS", "DE", promised: 8, delivered: 14), parcel("T4", "UPS", "FR", promised: 6, delivered: 9),
        ]).sorted { ($0.dimensions["market"]!, $0.date) < ($1.dimensions["market"]!, $1.date) }
        #expect(flags.map { "\($0.dimensions["carrier"]!) \($0.dimensions["market"]!) \($0.date)…\($0.endDate) \($0.observed)" } == [
            "UPS DE 2026-03-08…2026-03-14 2", "UPS DE 2026-03-20…2026-03-21 1", "UPS FR 2026-03-09…2026-03-09 1",
        ])
        #expect(flags.allSatisfy { $0.rule == "shipment_delayed" && $0.metric == "delayed_shipments" && $0.dimensions["tracking"] == nil })
        #expect(
            flags[0].explanation
                == "2 shipments (UPS to DE) more than 48 hours past their promise between 2026-03-08 and 2026-03-14; longest delay: Shipment T2 (UPS to DE) promised for 2026-03-08, delivered 2026-03-14: 6 days late")
        #expect(flags[1].explanation == "Shipment T3 (UPS to DE) promised for 2026-03-17, delivered 2026-03-21: 4 days late")
    }

    @Test func aShipmentWithoutPromiseIsNotJudged() {
        #expect(FlagRules.shipmentDelayed(Self.shipment(promised: nil, delivered: 20, status: .delivered), runDate: Self.day(25)) == nil)
    }

    @Test func logisticsCostShareAboveTheCeiling() {
        var t = FlagThresholds.defaults
        t.logisticsCostShareCeiling = 0.15
        func share(_ cost: Int64, _ revenue: Int64) -> Flag? {
            FlagRules.logisticsCostShareAboveCeiling(
                month: Self.march, logisticsCost: Self.eur(cost), netRevenue: Self.eur(revenue),
                dimensions: ["carrier": "DHL", "market": "FR"], thresholds: t)
        }
        #expect(share(15_00, 100_00) == nil)  // 0.15 is not above 0.15
        #expect(share(15_01, 100_00)?.observed == "0.1501")
        #expect(share(15_00, 0) == nil)  // no revenue, no share
    }
}
