import Testing
import TidemarkTestSupport
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// The insights accumulators that keep flat arrays or add runs of adjacent rows at once agree with a plain
/// dictionary computation (written out here) or with the same rows in another order, on random input.
@Suite struct FlatAccumulatorTests {
    /// Parcels naming random orders of ``KeyOrderCountingTests/lines(seed:orders:)`` (some twice, some unknown ids,
    /// some without id), in EUR or USD, shipped in February or March (some without date, one currency without rate).
    static func parcels(seed: UInt64, orders: Int) -> [Shipment] {
        var rng = SeededRandom(seed: seed &* 31)
        return (0..<orders).map { i in
            let n = Int.random(in: 0..<(orders + orders / 5), using: &rng)
            let order: String? = Int.random(in: 0..<10, using: &rng) == 0 ? nil : "O" + String(100_000 + n)
            let currency = [Currency.EUR, .EUR, .USD, Currency(code: "GBP")!].randomElement(using: &rng)!
            var charges: [ChargeType: Money] = [.freight: Money(micros: Int64.random(in: 0...9_000_000, using: &rng))]
            if Bool.random(using: &rng) { charges[.dutyTax] = Money(micros: Int64.random(in: 0...3_000_000, using: &rng)) }
            let ship = ["2026-02-27", "2026-03-02", "2026-03-04", nil].randomElement(using: &rng)!
            return KPI.parcel(
                "T" + String(i), order: order, carrier: ["dhl", "ups"].randomElement(using: &rng)!, ship: ship,
                market: [KPI.de, KPI.us].randomElement(using: &rng)!, charges: charges, currency: currency)
        }
    }

    /// The allocation as a dictionary of charges per order id and of lines per order id (the former accumulator).
    static func reference(_ parcels: [Shipment], _ lines: [OrderLine]) -> (rows: [String: (Money, Money)], unlinked: [String: (Int, Money, Money)], withoutRate: Int) {
        let fx = KPI.converter()
        var charges: [String: [(origin: String, shipping: Money, duties: Money)]] = [:]
        var unlinked: [String: (Int, Money, Money)] = [:]
        var withoutRate = 0
        for s in parcels {
            let list = ShipmentCharge.of(s)
            guard let month = (s.shipDate ?? s.invoiceDate)?.month else {
                withoutRate += list.count
                continue
            }
            var shipping = Money.zero, duties = Money.zero
            for c in list {
                guard let d = c.date, let rc = fx.convert(c.amount, from: c.currency, on: d) else {
                    withoutRate += 1
                    continue
                }
                if c.isDuty { duties += rc } else { shipping += rc }
            }
            let origin = "\(month)|\(s.carrier)|\(s.destination.code)"
            if let id = s.orderID, !id.isEmpty {
                charges[id, default: []].append((origin, shipping, duties))
            } else {
                let u = unlinked[origin] ?? (0, .zero, .zero)
                unlinked[origin] = (u.0 + 1, u.1 + shipping, u.2 + duties)
            }
        }
        var weights: [String: [String: Money]] = [:], dates: [String: CivilDate] = [:], currencies: [String: Set<Currency>] = [:]
        for l in lines where l.status != .cancelled && charges[l.orderID] != nil {
            let date = ReportingTimeZone.utc.date(of: l.orderTime)
            dates[l.orderID] = min(dates[l.orderID] ?? date, date)
            currencies[l.orderID, default: []].insert(l.currency)
            weights[l.orderID, default: [:]]["\(l.market.code)|\(l.platform.name)|\(l.sku)", default: .zero] += l.itemAmount
        }
        var rows: [String: (Money, Money)] = [:]
        func add(_ key: String, _ s: Money, _ d: Money) {
            let r = rows[key] ?? (.zero, .zero)
            rows[key] = (r.0 + s, r.1 + d)
        }
        for (id, parcels) in charges {
            guard let w = weights[id], let date = dates[id] else {
                for p in parcels {
                    let u = unlinked[p.origin] ?? (0, .zero, .zero)
                    unlinked[p.origin] = (u.0 + 1, u.1 + p.shipping, u.2 + p.duties)
                }
                continue
            }
            let shipping = Money.sum(parcels.map(\.shipping)), duties = Money.sum(parcels.map(\.duties))
            let keys = w.keys.sorted { w[$0]! != w[$1]! ? w[$0]! > w[$1]! : $0 < $1 }
            let total = keys.reduce(Int128(0)) { $0 + Int128(w[$1]!.micros) }
            if currencies[id]!.count == 1 && total != 0 {
                // Each share rounded half away from zero; the remainder to the largest weight.
                func split(_ amount: Money) -> [Money] {
                    var shares = keys.map { Money(micros: Int64(Money.divideRoundingHalfAwayFromZero(Int128(amount.micros) * Int128(w[$0]!.micros), by: total))) }
                    shares[0] += amount - Money.sum(shares)
                    return shares
                }
                let (s, d) = (split(shipping), split(duties))
                for (i, k) in keys.enumerated() { add("\(date.month)|" + k, s[i], d[i]) }
            } else {
                let k = keys[0].split(separator: "|")
                add("\(date.month)|\(k[0])|\(k[1])|-", shipping, duties)
            }
        }
        return (rows, unlinked, withoutRate)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func flatAllocationEqualsTheDictionaryComputation(seed: UInt64) {
        // Some lines in USD: their orders' charges stay at order level.
        let lines = KeyOrderCountingTests.lines(seed: seed, orders: 200).enumerated().map { i, line in
            var l = line
            if i % 11 == 0 { l.currency = .USD }
            return l
        }
        let parcels = Self.parcels(seed: seed, orders: 200)
        let expected = Self.reference(parcels, lines)
        var shuffled = lines
        var rng = SeededRandom(seed: seed)
        shuffled.shuffle(using: &rng)
        // In key order and shuffled (lines of an order no longer adjacent).
        for input in [lines, shuffled] {
            let calc = ShippingAllocator(converter: KPI.converter(), zone: .utc)
            let acc = calc.makeAccumulator()
            for p in parcels { calc.add(p, to: acc) }
            for l in input { calc.add(l, to: acc) }
            let got = calc.finish(acc)
            let rows = Dictionary(uniqueKeysWithValues: got.rows.map { ("\($0.month)|\($0.market.code)|\($0.platform.name)|\($0.sku ?? "-")", ($0.shippingFulfilment, $0.duties)) })
            #expect(rows.count == expected.rows.count)
            #expect(rows.allSatisfy { k, v in expected.rows[k].map { $0 == v } ?? false })
            #expect(rows.contains { $0.key.hasSuffix("|-") } && rows.count > 20)
            let unlinked = Dictionary(uniqueKeysWithValues: got.unlinked.map { ("\($0.month)|\($0.carrier)|\($0.market.code)", ($0.shipments, $0.shippingFulfilment, $0.duties)) })
            #expect(unlinked.count == expected.unlinked.count)
            #expect(unlinked.allSatisfy { k, v in expected.unlinked[k].map { $0 == v } ?? false })
            #expect(got.chargesWithoutRate == expected.withoutRate && expected.withoutRate > 0)
        }
    }

    /// Ad rows of a few dates, platforms, campaigns, markets and windows.
    static func ads(seed: UInt64, count: Int) -> [AdPerformance] {
        var rng = SeededRandom(seed: seed &* 7)
        return (0..<count).map { _ in
            let campaign = ["A", "B", "C"].randomElement(using: &rng)!
            // Campaign A states one window; the others mix windows or state none.
            let window = campaign == "A" ? "7 Day" : [nil, "7 Day", "14 Day"].randomElement(using: &rng)!
            return KPI.ad(
                "2026-0" + ["2-27", "2-28", "3-02", "3-03"].randomElement(using: &rng)!, ["amazon_ads", "meta_ads"].randomElement(using: &rng)!,
                campaign: campaign, account: ["acc", "acc2"].randomElement(using: &rng)!,
                market: [KPI.de, KPI.us].randomElement(using: &rng)!, currency: [Currency.EUR, .USD, Currency(code: "GBP")!].randomElement(using: &rng)!,
                impressions: Int.random(in: 0...1000, using: &rng), clicks: Int.random(in: 0...50, using: &rng),
                spend: Money(micros: Int64.random(in: 0...20_000_000, using: &rng)),
                orders: Int.random(in: 0..<8, using: &rng) == 0 ? nil : Int.random(in: 0...5, using: &rng),
                sales: Int.random(in: 0..<8, using: &rng) == 0 ? nil : Money(micros: Int64.random(in: 0...90_000_000, using: &rng)),
                window: window,
                sku: ["X", "Y", nil].randomElement(using: &rng)!)
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func adTablesAddingRunsOfRowsEqualThoseOfShuffledRows(seed: UInt64) {
        let sorted = Self.ads(seed: seed, count: 400).sorted {
            ($0.date, $0.platform, $0.account, $0.campaign, $0.sku ?? "", $0.market) < ($1.date, $1.platform, $1.account, $1.campaign, $1.sku ?? "", $1.market)
        }
        var rng = SeededRandom(seed: seed)
        let shuffled = sorted.shuffled(using: &rng)
        func tables(_ ads: [AdPerformance]) -> ([AcquisitionRow], [CampaignRow], [AdSpendRow], [FunnelRow]) {
            let fx = KPI.converter()
            let acq = AcquisitionCalculator(converter: fx, newCustomers: [:]), camp = CampaignCalculator(converter: fx)
            let spend = MarginAdSpendCalculator(converter: fx), funnel = FunnelCalculator(zone: .utc, firstOrderDates: [:])
            let (a, c, s, f) = (acq.makeAccumulator(), camp.makeAccumulator(), spend.makeAccumulator(), funnel.makeAccumulator())
            for ad in ads {
                acq.add(ad, to: a)
                camp.add(ad, to: c)
                spend.add(ad, to: s)
                funnel.add(ad, to: f)
            }
            return (acq.finish(a).rows, camp.finish(c), spend.finish(s).rows, funnel.finish(f))
        }
        let (a1, c1, s1, f1) = tables(sorted), (a2, c2, s2, f2) = tables(shuffled)
        #expect(a1 == a2 && c1 == c2 && s1 == s2 && f1 == f2)
        #expect(c1.contains { $0.attributionWindow == .mixed } && c1.contains { $0.attributionWindow == .stated("7 Day") })
    }
}
