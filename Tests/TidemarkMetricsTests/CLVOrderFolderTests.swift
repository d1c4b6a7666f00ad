import Testing
import TidemarkTestSupport
import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// ``CLVOrderFolder`` (orders folded by adjacency from lines in key order) against the dictionary of every order the
/// CLV computation used to keep, and the margin calculator fed in either order.
@Suite("CLV order folding")
struct CLVOrderFolderTests {
    typealias K = KPI

    /// Random lines in key order (platform, order id): several lines per order, some cancelled, some without
    /// customer, USD and EUR, a few on a day without a USD rate.
    static func lines(seed: UInt64) -> [OrderLine] {
        var g = SeededRandom(seed: seed)
        var out: [OrderLine] = []
        for platform in [Platform.amazon, .ebay, .shopify] {
            for n in 0..<300 {
                let order = "O-\(1000 + n)"
                let day = ["2026-03-01", "2026-03-05", "2026-03-20", "2026-04-02"][Int.random(in: 0..<4, using: &g)]
                let customer = Int.random(in: 0..<4, using: &g) == 0 ? nil : "c\(Int.random(in: 0..<60, using: &g))"
                for i in 0..<Int.random(in: 1...3, using: &g) {
                    let sku = ["A", "B", "NOCOST"][Int.random(in: 0..<3, using: &g)] + "\(i)"
                    let status: OrderStatus = Int.random(in: 0..<8, using: &g) == 0 ? .cancelled : .shipped
                    let currency: Currency = Int.random(in: 0..<3, using: &g) == 0 ? .USD : .EUR
                    let hour = Int.random(in: 0..<24, using: &g)
                    // Now and then a line without the order's customer.
                    let who = Int.random(in: 0..<10, using: &g) == 0 ? nil : customer
                    out.append(
                        K.line(
                            order, day, sku: sku, item: cents(Int64.random(in: 1_00...90_00, using: &g)), customer: who, status: status,
                            platform: platform, market: Int.random(in: 0..<2, using: &g) == 0 ? K.de : K.us, currency: currency, hour: hour))
                }
            }
        }
        return out
    }

    static func calculator() -> OrderMarginCalculator {
        OrderMarginCalculator(
            converter: K.converter(), costs: CostBook([CLVOrderMarginTests.cost("A0", nil, 10_00), CLVOrderMarginTests.cost("B1", K.de, 5_00)]),
            zone: .utc, feeEstimates: [.shopify: Ratio(29, 1000)!])
    }

    /// eBay fees: two naming orders (whose lines say US or DE, the fees DE), one naming no loaded order, one naming
    /// none, one advertising charge.
    static let fees = [
        CLVOrderMarginTests.fee("O-1003", "2026-03-06", 3_90), CLVOrderMarginTests.fee("O-1004", "2026-04-06", 1_10),
        CLVOrderMarginTests.fee("O-1004", "2026-04-07", 40), CLVOrderMarginTests.fee("O-1004", "2026-04-07", 99, .advertising),
        CLVOrderMarginTests.fee("NO-SUCH-ORDER", "2026-03-07", 2_00), CLVOrderMarginTests.fee(nil, "2026-04-07", 50),
    ]

    static func parcels(_ calc: OrderMarginCalculator) {
        let parcel = K.parcel("T1", order: "O-1010", ship: "2026-03-11", charges: [.freight: cents(6_00), .dutyTax: cents(2_50)])
        calc.add(parcel, charges: ShipmentCharge.of(parcel))
    }

    /// The lines with the fees between them as a walk in key order gives them: each order's fees right after its
    /// last line, fees of orders without lines (and naming none) before every line.
    static func linesWithFees(_ lines: [OrderLine]) -> [CLVBeside] {
        var out = fees.filter { fee in !lines.contains { $0.platform == fee.platform && $0.orderID == fee.orderID && $0.status != .cancelled } }
            .map(CLVBeside.fee)
        for (i, line) in lines.enumerated() {
            out.append(.line(line))
            let last = i + 1 == lines.count || lines[i + 1].orderID != line.orderID || lines[i + 1].platform != line.platform
            let orderHasLines = lines.contains { $0.platform == line.platform && $0.orderID == line.orderID && $0.status != .cancelled }
            if last && orderHasLines {
                out += fees.filter { $0.platform == line.platform && $0.orderID == line.orderID }.map(CLVBeside.fee)
            }
        }
        return out
    }

    enum CLVBeside {
        case line(OrderLine)
        case fee(PlatformFee)
    }

    /// One order as the CLV computation built it with a dictionary of every order.
    struct Expected: Equatable {
        var customer: String
        var date: CivilDate
        var market: Market
        var netRevenue: Money
        var margin: Money?
    }

    @Test(arguments: [11 as UInt64, 12, 13])
    func adjacencyGivesTheSameOrdersAsADictionary(seed: UInt64) {
        let lines = Self.lines(seed: seed)
        // The reference: every line into one dictionary, lines first, fees and parcels after (the old order).
        struct Key: Hashable { let platform: String; let order: String }
        struct Order { var customer: String; var date: CivilDate; var market: Market; var native: [Currency: Money] = [:] }
        let reference = Self.calculator()
        var orders: [Key: Order] = [:]
        var withoutCustomer: Set<Key> = []
        let converter = K.converter()
        for line in lines where line.status != .cancelled {
            reference.add(line)
            let key = Key(platform: line.platform.name, order: line.orderID)
            guard let customer = line.customerKey else {
                withoutCustomer.insert(key)
                continue
            }
            if orders[key] == nil { orders[key] = Order(customer: customer, date: ZonedDate.utc(line), market: line.market) }
            orders[key]!.native[line.currency, default: .zero] += line.itemAmount + line.shippingCharged - line.discount
        }
        for fee in Self.fees { reference.add(fee) }
        Self.parcels(reference)
        var expected: [Expected] = []
        for (key, o) in orders.sorted(by: { ($0.key.platform, $0.key.order) < ($1.key.platform, $1.key.order) }) {
            var amount = Money.zero
            var convertible = true
            for (currency, value) in o.native {
                guard let c = converter.convert(value, from: currency, on: o.date) else {
                    convertible = false
                    break
                }
                amount += c
            }
            guard convertible else { continue }
            let margin = reference.costs(platform: Platform(key.platform), orderID: key.order)!.contributionMargin(netRevenue: amount)
            expected.append(Expected(customer: o.customer, date: o.date, market: o.market, netRevenue: amount, margin: margin))
        }

        // The folder: parcels first, then the lines streamed with each order's fees after its lines.
        let margins = Self.calculator()
        Self.parcels(margins)
        var folder = CLVOrderFolder(margins: margins, converter: K.converter(), zone: .utc)
        for input in Self.linesWithFees(lines) {
            switch input {
            case .line(let line): folder.add(line)
            case .fee(let fee): folder.add(fee)
            }
        }
        folder.finish()
        let folded = folder.orders.map {
            Expected(
                customer: folder.customerKeys[Int($0.customer)], date: $0.date, market: $0.market, netRevenue: $0.netRevenue,
                margin: margins.costs($0.costs).contributionMargin(netRevenue: $0.netRevenue))
        }
        #expect(folded == expected)
        #expect(folder.orderLinesArrivedTogether)
        #expect(folder.ordersWithoutCustomer == withoutCustomer.count)
        #expect(expected.contains { $0.margin != nil } && expected.contains { $0.margin == nil })
    }

    @Test func feesBesideTheLinesTakeTheirOrdersMarketAndSum() {
        // E1 is a US order; its two fees say DE (commission 3.90 in March, 0.60 in April) and an advertising charge
        // is left out. E2 (US) has no fee; the fee of E9 (no lines) counts for DE × March only.
        let margins = Self.calculator()
        var folder = CLVOrderFolder(margins: margins, converter: K.converter(), zone: .utc)
        folder.add(K.line("E1", "2026-03-05", sku: "A0", item: cents(30_00), customer: "c", platform: .ebay, market: K.us))
        folder.add(CLVOrderMarginTests.fee("E1", "2026-03-06", 3_90, platform: .ebay))
        folder.add(CLVOrderMarginTests.fee("E1", "2026-04-02", 60, platform: .ebay))
        folder.add(CLVOrderMarginTests.fee("E1", "2026-03-06", 5_00, .advertising, platform: .ebay))
        folder.add(K.line("E2", "2026-03-09", sku: "A0", item: cents(20_00), customer: "c", platform: .ebay, market: K.us))
        folder.add(K.line("E3", "2026-03-09", sku: "A0", item: cents(20_00), customer: "c", platform: .ebay, market: K.de))
        folder.add(CLVOrderMarginTests.fee("E9", "2026-05-01", 1_00, platform: .ebay))
        folder.add(K.line("E4", "2026-05-09", sku: "A0", item: cents(20_00), customer: "c", platform: .ebay, market: K.us))
        folder.finish()
        let fees = folder.orders.map { margins.costs($0.costs).platformFees }
        // E1: 3.90 + 0.60 (US × March is covered by its own fee). E2: covered, no fee names it: 0. E3: DE × March is
        // covered only by E9's fee, which is dated May: not covered, and eBay has no estimate: unknown. E4: US × May
        // not covered: unknown.
        #expect(fees == [cents(4_50), .zero, nil, nil])
    }

    @Test func linesOfAnOrderApartAreNoticed() {
        var folder = CLVOrderFolder(margins: Self.calculator(), converter: K.converter(), zone: .utc)
        for order in ["O-1", "O-2", "O-1"] { folder.add(K.line(order, "2026-03-05", customer: "c", platform: .shopify)) }
        folder.finish()
        #expect(!folder.orderLinesArrivedTogether)
        var inOrder = CLVOrderFolder(margins: Self.calculator(), converter: K.converter(), zone: .utc)
        for (platform, order) in [(Platform.amazon, "O-9"), (.shopify, "O-1"), (.shopify, "O-1"), (.shopify, "O-2")] {
            inOrder.add(K.line(order, "2026-03-05", customer: "c", platform: platform))
        }
        inOrder.finish()
        #expect(inOrder.orderLinesArrivedTogether && inOrder.orders.count == 3)
    }

    @Test func feesBeforeLinesCountForTheOrdersMarket() {
        // E1 is a US order; its fee says DE. Fed before or after the lines, the fee covers eBay × US × March.
        let line = K.line("E1", "2026-03-05", sku: "A0", item: cents(30_00), customer: "c", platform: .ebay, market: K.us)
        let other = K.line("E2", "2026-03-09", sku: "A0", item: cents(20_00), customer: "c", platform: .ebay, market: K.us)
        let fee = CLVOrderMarginTests.fee("E1", "2026-03-06", 3_90, platform: .ebay)
        let linesFirst = Self.calculator()
        linesFirst.add(line)
        linesFirst.add(other)
        linesFirst.add(fee)
        let feesFirst = Self.calculator()
        feesFirst.add(fee)
        feesFirst.add(line)
        feesFirst.add(other)
        for calc in [linesFirst, feesFirst] {
            #expect(calc.costs(platform: .ebay, orderID: "E1")?.platformFees == cents(3_90))
            #expect(calc.costs(platform: .ebay, orderID: "E2")?.platformFees == .zero)  // covered, no fee names it
        }
    }

    @Test func refundsOfACustomersOrderAreKeptConvertedOnTheirDate() {
        // S1 (customer c, USD) is refunded 12.50 USD on 2026-03-09 (the rate of 03-02, 1.25, within the 7-day fallback → 10.00 EUR), and a return
        // of units without money; S2 has no customer, so its refund belongs to nobody; S9's refund has no order.
        let refund = { (order: String, date: String, amount: Money, units: Int) in
            Refund(
                provenance: Provenance(file: "r.csv", line: 2), platform: .shopify, market: K.us, orderID: order, sku: "A0",
                refundDate: CivilDate(iso: date)!, amount: amount, currency: .USD, unitsReturned: units, reason: nil)
        }
        var folder = CLVOrderFolder(margins: Self.calculator(), converter: K.converter(), zone: .utc)
        folder.add(K.line("S1", "2026-03-05", sku: "A0", item: cents(25_00), customer: "c", platform: .shopify, market: K.us, currency: .USD))
        folder.add(refund("S1", "2026-03-09", cents(12_50), 0))
        folder.add(refund("S1", "2026-03-09", .zero, 1))
        folder.add(K.line("S2", "2026-03-06", sku: "A0", item: cents(25_00), platform: .shopify, market: K.us, currency: .USD))
        folder.add(refund("S2", "2026-03-09", cents(5_00), 0))
        folder.add(refund("S9", "2026-03-09", cents(5_00), 0))
        folder.finish()
        #expect(folder.refunds.count == 1)
        #expect(folder.refunds.first.map { folder.customerKeys[Int($0.customer)] } == "c")
        #expect(folder.refunds.first?.date == CivilDate(iso: "2026-03-09")!)
        #expect(folder.refunds.first?.amount == cents(10_00))
    }

    @Test func numberedPurchasesBuildTheSameTransactions() {
        var g = SeededRandom(seed: 99)
        let keys = (0..<40).map { "k\(($0 * 7919) % 40)" }
        var numbered: [(customer: Int32, date: CivilDate, amount: Money)] = []
        for _ in 0..<500 {
            numbered.append(
                (Int32.random(in: 0..<30, using: &g), CivilDate(daysSinceEpoch: Int32.random(in: 20_000...20_040, using: &g)),
                 Money(micros: Int64.random(in: 1...9_000_000, using: &g))))
        }
        let byKey = numbered.map { CLVPurchase(customerKey: keys[Int($0.customer)], date: $0.date, amount: $0.amount) }
        #expect(CustomerTransactions.build(customers: keys, orders: numbered) == CustomerTransactions.build(from: byKey))
    }
}

/// The reporting day of a line in UTC.
private enum ZonedDate {
    static func utc(_ line: OrderLine) -> CivilDate { ReportingTimeZone.utc.date(of: line.orderTime) }
}
