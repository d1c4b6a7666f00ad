import Testing
import TidemarkTestSupport
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// The sales calculator (SKUs, markets and platforms numbered, groups found through a flat map, sums kept in flat
/// arrays merged by a counting sort, the detail sorted by ranks) agrees with a plain dictionary computation written
/// out here, on random lines in key order over many groups, currencies and days.
@Suite struct SalesMarginNumberedTests {
    static let markets = ["DE", "FR", "US", "GB", "JP"].map { Market(code: $0)! }
    static let currencies: [Currency] = [.EUR, .USD, Currency(code: "GBP")!, Currency(code: "JPY")!]
    static let skus = ["A-1", "B-22", "C", "Z9", "a-1", "Ä-umlaut", "SKU-000000000000042"]

    /// Daily rates (EUR base) for every currency but JPY on the first 20 days of each month from 2026-01 to 2026-04:
    /// days 21 to 27 borrow day 20's rate, later days have none (JPY never has one).
    static let rates: [FXRate] = {
        var rates: [FXRate] = []
        for month in 1...4 {
            for day in 1...20 {
                let date = CivilDate(year: 2026, month: month, day: day)!
                rates.append(FXRate(date: date, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 11_000_000_000 + Int64(month * 100 + day) * 1_000_000)!))
                rates.append(FXRate(date: date, base: .EUR, currency: currencies[2], rate: ExchangeRate(scaled: 8_500_000_000 + Int64(month * 100 + day) * 700_000)!))
            }
        }
        return rates
    }()

    /// Generic EUR costs for A-1 and C, a DE-specific USD cost for B-22; other SKUs have none.
    static let costs: [UnitCost] = [
        UnitCost(provenance: Provenance(file: "c", line: 2), sku: "A-1", market: nil, validFrom: CivilDate(iso: "2025-01-01")!, unitCost: Money(micros: 4_123_457), currency: .EUR),
        UnitCost(provenance: Provenance(file: "c", line: 3), sku: "A-1", market: nil, validFrom: CivilDate(iso: "2026-02-15")!, unitCost: Money(micros: 4_500_001), currency: .EUR),
        UnitCost(provenance: Provenance(file: "c", line: 4), sku: "C", market: nil, validFrom: CivilDate(iso: "2025-01-01")!, unitCost: Money(micros: 999_999), currency: .EUR),
        UnitCost(provenance: Provenance(file: "c", line: 5), sku: "B-22", market: markets[0], validFrom: CivilDate(iso: "2025-01-01")!, unitCost: Money(micros: 3_333_333), currency: .USD),
    ]

    /// Random orders in key order (platform, order id), each with 1–4 lines on one date and market.
    static func lines(seed: UInt64, orders: Int) -> [OrderLine] {
        var rng = SeededRandom(seed: seed)
        var lines: [OrderLine] = []
        for platform in [Platform.amazon, .shopify] {
            for o in 0..<orders {
                let market = markets.randomElement(using: &rng)!
                let currency = currencies.randomElement(using: &rng)!
                let date = CivilDate(year: 2026, month: Int.random(in: 1...4, using: &rng), day: Int.random(in: 1...28, using: &rng))!
                let status: OrderStatus = Int.random(in: 0..<10, using: &rng) == 0 ? .cancelled : .shipped
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    lines.append(
                        OrderLine(
                            provenance: Provenance(file: "o", line: lines.count + 2), platform: platform, store: "", marketplace: "", market: market,
                            orderID: "O" + String(100_000 + o), orderTime: Timestamp(date: date, hour: 10, minute: 0, second: 0, utcOffsetSeconds: 0),
                            status: status, sku: skus.randomElement(using: &rng)!, quantity: Int.random(in: 1...3, using: &rng), currency: currency,
                            itemAmount: Money(micros: Int64.random(in: 0...90_000_000, using: &rng)), tax: Money(micros: Int64.random(in: 0...9_000_000, using: &rng)),
                            shippingCharged: Money(micros: Int64.random(in: 0...5_000_000, using: &rng)),
                            discount: Money(micros: Int64.random(in: 0...2_000_000, using: &rng)), customerKey: nil, sourceUpdatedAt: nil))
                }
            }
        }
        return lines
    }

    struct Key: Hashable {
        let month: YearMonth, market: Market, platform: Platform, sku: String
    }

    /// The detail rows computed with dictionaries: sums per group, currency and date converted once, orders as sets.
    static func reference(_ lines: [OrderLine]) -> [SalesMarginRow] {
        let converter = CurrencyConverter(table: FXTable(base: .EUR, rates: rates), target: .EUR)
        let book = CostBook(costs)
        struct Native: Hashable { let key: Key, currency: Currency, date: CivilDate }
        var gross: [Native: Money] = [:], discounts: [Native: Money] = [:], tax: [Native: Money] = [:], cogs: [Native: Money] = [:]
        var orders: [Key: Set<String>] = [:], units: [Key: Int] = [:], costMissing: Set<Key> = []
        for l in lines where l.status != .cancelled {
            let date = l.orderTime.utcDate
            guard converter.canConvert(l.currency, on: date) else { continue }
            let key = Key(month: date.month, market: l.market, platform: l.platform, sku: l.sku)
            let n = Native(key: key, currency: l.currency, date: date)
            gross[n, default: .zero] += l.itemAmount + l.shippingCharged
            discounts[n, default: .zero] += l.discount
            tax[n, default: .zero] += l.tax
            orders[key, default: []].insert(l.orderID)
            units[key, default: 0] += l.quantity
            if let (cost, currency) = book.cost(sku: l.sku, market: l.market, on: date), converter.canConvert(currency, on: date) {
                cogs[Native(key: key, currency: currency, date: date), default: .zero] += cost.times(l.quantity)
            } else {
                costMissing.insert(key)
            }
        }
        func total(_ sums: [Native: Money], _ key: Key) -> Money {
            sums.filter { $0.key.key == key }.reduce(Money.zero) { $0 + converter.convert($1.value, from: $1.key.currency, on: $1.key.date)! }
        }
        return orders.keys.map { key in
            SalesMarginRow(
                month: key.month, market: key.market, platform: key.platform, sku: key.sku, orders: orders[key]!.count, units: units[key]!,
                grossSales: total(gross, key), discounts: total(discounts, key), refunds: nil,
                cogs: costMissing.contains(key) ? nil : total(cogs, key), taxCollected: total(tax, key))
        }.sorted { ($0.month, $0.market, $0.platform.name, $0.sku!) < ($1.month, $1.market, $1.platform.name, $1.sku!) }
    }

    @Test(arguments: [1, 2, 3] as [UInt64]) func agreesWithDictionariesOnRandomLines(seed: UInt64) {
        let lines = Self.lines(seed: seed, orders: 400)
        let calc = SalesMarginCalculator(
            converter: CurrencyConverter(table: FXTable(base: .EUR, rates: Self.rates), target: .EUR), costs: CostBook(Self.costs), zone: .utc)
        let acc = calc.makeAccumulator()
        for l in lines { calc.add(l, to: acc) }
        let tables = calc.finish(acc)
        let expected = Self.reference(lines)
        #expect(tables.detail.count == expected.count)
        for (got, want) in zip(tables.detail, expected) { #expect(got == want) }
        // Summary orders are distinct orders per month × market × platform.
        var summaryOrders: [String: Set<String>] = [:]
        for l in lines where l.status != .cancelled && calc.converter.canConvert(l.currency, on: l.orderTime.utcDate) {
            summaryOrders["\(l.orderTime.utcDate.month)|\(l.market)|\(l.platform)", default: []].insert(l.orderID)
        }
        #expect(tables.summary.count == summaryOrders.count)
        for s in tables.summary { #expect(s.orders == summaryOrders["\(s.month)|\(s.market)|\(s.platform)"]?.count) }
    }
}
