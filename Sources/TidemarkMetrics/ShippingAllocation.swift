import TidemarkCommerce
import TidemarkNormalize

/// Shipping & fulfilment and duties allocated to one margin-table row: month (of the order) × market × platform ×
/// SKU, or × platform only (`sku` `nil`) where the order's charges could not be split over its SKUs. Reporting
/// currency, unrounded.
public struct ShippingAllocationRow: Hashable, Sendable {
    public var month: YearMonth
    public var market: Market
    public var platform: Platform
    /// `nil`: the order-level share that belongs in `sales_margin_summary.csv` only.
    public var sku: String?
    /// Σ allocated freight, fuel and other charges.
    public var shippingFulfilment: Money
    /// Σ allocated duty and import-tax charges.
    public var duties: Money
    public init(month: YearMonth, market: Market, platform: Platform, sku: String?, shippingFulfilment: Money, duties: Money) {
        self.month = month
        self.market = market
        self.platform = platform
        self.sku = sku
        self.shippingFulfilment = shippingFulfilment
        self.duties = duties
    }
}

/// Charges that could not be linked to a loaded order (no order id, or an order id with no loaded non-cancelled
/// line), per ship month × carrier × destination market: the margin table's "unallocated" line.
public struct UnlinkedShippingRow: Hashable, Sendable {
    public var month: YearMonth
    public var carrier: String
    public var market: Market
    public var shipments: Int
    public var shippingFulfilment: Money
    public var duties: Money
    public init(month: YearMonth, carrier: String, market: Market, shipments: Int, shippingFulfilment: Money, duties: Money) {
        self.month = month
        self.carrier = carrier
        self.market = market
        self.shipments = shipments
        self.shippingFulfilment = shippingFulfilment
        self.duties = duties
    }
}

/// The allocation result.
public struct ShippingAllocation: Sendable {
    /// Sorted by month, market, platform and SKU (order-level rows first).
    public var rows: [ShippingAllocationRow]
    /// Sorted by month, carrier and market.
    public var unlinked: [UnlinkedShippingRow]
    /// Ship months with any parcel loaded: a margin row of such a month without allocated charges has a true 0.
    public var shipmentMonths: Set<YearMonth>
    /// Charges left out because their currency had no rate on their date (or they had no date).
    public var chargesWithoutRate: Int
}

/// Allocates parcel charges to the order lines of the margin table (metrics.md §3 "shipping & fulfilment",
/// "duties").
///
/// All charges of an order (every parcel naming its order id) are converted, each with its own date (ship date,
/// else invoice date), added, and split over the order's non-cancelled lines in proportion to their item amounts
/// (excl. tax), separately for shipping & fulfilment and for duties. The shares land in the order's month (its order
/// date in the reporting time zone, so costs sit beside the sales they served), market and platform. Where the split
/// is impossible (item amounts add to 0, or lines in different currencies) the whole amount goes to the order's
/// month × market × platform with no SKU. Shares are rounded to millionths and the rounding difference goes to the
/// line with the largest item amount, so shares add up exactly to the charge.
///
/// Feed every parcel before any order line: only lines of orders that have charges are kept, so memory grows with the
/// number of shipped orders, not with all order history. Order ids are matched across platforms.
public struct ShippingAllocator {
    public let converter: CurrencyConverter
    public let zone: ReportingTimeZone

    public init(converter: CurrencyConverter, zone: ReportingTimeZone) {
        self.converter = converter
        self.zone = zone
    }

    fileprivate struct UnlinkedKey: Hashable {
        let month: YearMonth
        let carrier: String
        let market: Market
    }

    fileprivate struct Amounts {
        var shipping = Money.zero
        var duties = Money.zero
        var shipments = 0
    }

    fileprivate struct LineKey: Hashable {
        let market: Market
        let platform: Platform
        let sku: String
    }

    fileprivate struct OrderLines {
        var date: CivilDate
        var currencies: Set<Currency> = []
        var weights: [LineKey: Money] = [:]
    }

    /// Accumulates parcels, then order lines; call ``finish(_:)``.
    public final class Accumulator {
        /// Order id → charges, kept per parcel origin so they can be reported as unlinked if no line turns up.
        fileprivate var charges: [String: [UnlinkedKey: Amounts]] = [:]
        fileprivate var unlinked: [UnlinkedKey: Amounts] = [:]
        fileprivate var lines: [String: OrderLines] = [:]
        fileprivate var months: Set<YearMonth> = []
        fileprivate var withoutRate = 0
        fileprivate init() {}
    }

    /// A fresh accumulator.
    public func makeAccumulator() -> Accumulator { Accumulator() }

    /// Adds one parcel with the charges of `shipment.charges`.
    public func add(_ shipment: Shipment, to acc: Accumulator) { add(shipment, charges: ShipmentCharge.of(shipment), to: acc) }

    /// Adds one parcel with its charges.
    public func add(_ s: Shipment, charges: [ShipmentCharge], to acc: Accumulator) {
        let month = (s.shipDate ?? s.invoiceDate ?? charges.lazy.compactMap(\.date).first)?.month
        if let month { acc.months.insert(month) }
        var a = Amounts(shipments: 1)
        for c in charges {
            guard let d = c.date, converter.canConvert(c.currency, on: d), let rc = converter.convert(c.amount, from: c.currency, on: d) else {
                acc.withoutRate += 1
                continue
            }
            if c.isDuty { a.duties += rc } else { a.shipping += rc }
        }
        guard let month else {
            // No date at all: no charge could be converted either; nothing to allocate.
            return
        }
        let origin = UnlinkedKey(month: month, carrier: s.carrier, market: s.destination)
        if let order = s.orderID, !order.isEmpty {
            acc.charges[order, default: [:]][origin, default: Amounts()].add(a)
        } else {
            acc.unlinked[origin, default: Amounts()].add(a)
        }
    }

    /// Adds one order line; kept only when its order has charges.
    public func add(_ line: OrderLine, to acc: Accumulator) {
        guard line.status != .cancelled, acc.charges[line.orderID] != nil else { return }
        let date = zone.date(of: line.orderTime)
        if acc.lines[line.orderID] == nil { acc.lines[line.orderID] = OrderLines(date: date) }
        acc.lines[line.orderID]!.date = min(acc.lines[line.orderID]!.date, date)
        acc.lines[line.orderID]!.currencies.insert(line.currency)
        acc.lines[line.orderID]!.weights[LineKey(market: line.market, platform: line.platform, sku: line.sku), default: .zero] += line.itemAmount
    }

    /// Allocates and builds the sorted tables.
    public func finish(_ acc: Accumulator) -> ShippingAllocation {
        struct RowKey: Hashable {
            let month: YearMonth
            let market: Market
            let platform: Platform
            let sku: String?
        }
        var rows: [RowKey: (Money, Money)] = [:]
        var unlinked = acc.unlinked
        for (order, origins) in acc.charges {
            guard let lines = acc.lines[order], !lines.weights.isEmpty else {
                for (k, a) in origins { unlinked[k, default: Amounts()].add(a) }
                continue
            }
            var total = Amounts()
            for a in origins.values { total.add(a) }
            let month = lines.date.month
            // Largest item amount first, then by key, so the rounding remainder has a deterministic home.
            let keys = lines.weights.keys.sorted {
                let (a, b) = (lines.weights[$0]!, lines.weights[$1]!)
                return a != b ? a > b : ($0.market, $0.platform, $0.sku) < ($1.market, $1.platform, $1.sku)
            }
            let weights = keys.map { lines.weights[$0]!.micros }
            if lines.currencies.count == 1, let shipping = ShippingAllocator.allocate(total.shipping, weights: weights),
                let duties = ShippingAllocator.allocate(total.duties, weights: weights)
            {
                for (i, k) in keys.enumerated() {
                    let rk = RowKey(month: month, market: k.market, platform: k.platform, sku: k.sku)
                    let old = rows[rk] ?? (.zero, .zero)
                    rows[rk] = (old.0 + shipping[i], old.1 + duties[i])
                }
            } else {
                let k = keys[0]
                let rk = RowKey(month: month, market: k.market, platform: k.platform, sku: nil)
                let old = rows[rk] ?? (.zero, .zero)
                rows[rk] = (old.0 + total.shipping, old.1 + total.duties)
            }
        }
        return ShippingAllocation(
            rows: rows.map { ShippingAllocationRow(month: $0.key.month, market: $0.key.market, platform: $0.key.platform, sku: $0.key.sku, shippingFulfilment: $0.value.0, duties: $0.value.1) }
                .sorted { ($0.month, $0.market, $0.platform, $0.sku ?? "") < ($1.month, $1.market, $1.platform, $1.sku ?? "") },
            unlinked: unlinked.map { UnlinkedShippingRow(month: $0.key.month, carrier: $0.key.carrier, market: $0.key.market, shipments: $0.value.shipments, shippingFulfilment: $0.value.shipping, duties: $0.value.duties) }
                .sorted { ($0.month, $0.carrier, $0.market) < ($1.month, $1.carrier, $1.market) },
            shipmentMonths: acc.months, chargesWithoutRate: acc.withoutRate)
    }

    /// Splits `amount` in proportion to `weights` (each share rounded half away from zero to millionths), the
    /// rounding difference going to the first weight, so the shares add up to `amount` exactly. `nil` when the
    /// weights add up to 0 (no proportion exists).
    public static func allocate(_ amount: Money, weights: [Int64]) -> [Money]? {
        let total = weights.reduce(Int128(0)) { $0 + Int128($1) }
        guard total != 0, !weights.isEmpty else { return nil }
        var shares = weights.map { Money(micros: Int64(Money.divideRoundingHalfAwayFromZero(Int128(amount.micros) * Int128($0), by: total))) }
        shares[0] += amount - Money.sum(shares)
        return shares
    }
}

extension ShippingAllocator.Amounts {
    fileprivate mutating func add(_ other: ShippingAllocator.Amounts) {
        shipping += other.shipping
        duties += other.duties
        shipments += other.shipments
    }
}
