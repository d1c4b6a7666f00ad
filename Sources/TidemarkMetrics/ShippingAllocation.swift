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

    /// One parcel of an order with charges: the order's index, its origin's index in ``Accumulator/origins`` and
    /// its converted charges.
    fileprivate struct Parcel {
        let order: Int32
        let origin: Int32
        let shipping: Money
        let duties: Money
    }

    /// The item amount of a SKU (market, platform, SKU) in an order with charges: 16 bytes, one per line of a shipped
    /// order at most, so the SKU key is a number (``Accumulator/lineKeys``) rather than three strings.
    fileprivate struct Weight {
        let order: Int32
        let key: Int32
        var amount: Money
    }

    /// Accumulates parcels, then order lines; call ``finish(_:)``.
    ///
    /// Shipped orders are numbered as their first parcel arrives; parcels and lines are kept in flat arrays under
    /// those numbers rather than in a dictionary (and a set and a dictionary) per order id.
    public final class Accumulator {
        // Touched on every row: `@exclusivity(unchecked)` drops the run-time exclusivity check of each access. Only
        // the calculator's methods reach these, one access at a time.
        /// Order id → number of the orders with a parcel naming them.
        @exclusivity(unchecked) fileprivate var orderIndex: [String: Int32] = [:]
        /// Per order number: Σ converted charges of its parcels.
        @exclusivity(unchecked) fileprivate var shipping: [Money] = []
        @exclusivity(unchecked) fileprivate var duties: [Money] = []
        /// Per order number: the earliest order date of its non-cancelled lines (`nil` while none came).
        @exclusivity(unchecked) fileprivate var orderDate: [CivilDate?] = []
        /// Per order number: index of its lines' currency in ``currencies``; `-1` no line yet, `-2` more than one.
        @exclusivity(unchecked) fileprivate var currency: [Int16] = []
        @exclusivity(unchecked) fileprivate var currencies: [Currency] = []
        /// Item amounts of the orders' lines, one entry per order and SKU key while the lines of an order come one
        /// after another (otherwise merged in ``finish(_:)``).
        @exclusivity(unchecked) fileprivate var weights: [Weight] = []
        /// The SKU keys of ``weights``, numbered as first met.
        @exclusivity(unchecked) fileprivate var lineKeys = HashedNumbering<LineKey>()
        /// Parcels of orders, to report as unlinked where their order has no line.
        @exclusivity(unchecked) fileprivate var parcels: [Parcel] = []
        /// Ship month × carrier × market of parcels of orders, numbered.
        @exclusivity(unchecked) fileprivate var origins: [UnlinkedKey] = []
        @exclusivity(unchecked) fileprivate var originIndex: [UnlinkedKey: Int32] = [:]
        @exclusivity(unchecked) fileprivate var unlinked: [UnlinkedKey: Amounts] = [:]
        @exclusivity(unchecked) fileprivate var months: Set<YearMonth> = []
        @exclusivity(unchecked) fileprivate var withoutRate = 0
        /// The order id of the last line looked up and its number (lines of an order are adjacent).
        @exclusivity(unchecked) fileprivate var lastOrder: (id: String, index: Int32?)?
        /// ``orderIndex`` for the lines' order ids, which come in ascending order per platform; built when the first
        /// line arrives after a parcel.
        @exclusivity(unchecked) fileprivate var lineLookup: AscendingIDLookup?
        fileprivate init() {}

        /// The number of `order`, assigned on first use.
        fileprivate func number(_ order: String) -> Int32 {
            if let i = orderIndex[order] { return i }
            let i = Int32(shipping.count)
            orderIndex[order] = i
            shipping.append(.zero)
            duties.append(.zero)
            orderDate.append(nil)
            currency.append(-1)
            return i
        }

        fileprivate func number(origin: UnlinkedKey) -> Int32 {
            if let i = originIndex[origin] { return i }
            let i = Int32(origins.count)
            originIndex[origin] = i
            origins.append(origin)
            return i
        }
    }

    /// A fresh accumulator.
    public func makeAccumulator() -> Accumulator { Accumulator() }

    /// A fresh accumulator with room for the orders of `parcels` parcels (the order map then never grows).
    public func makeAccumulator(expectedParcels parcels: Int) -> Accumulator {
        let acc = Accumulator()
        acc.orderIndex.reserveCapacity(parcels)
        return acc
    }

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
            acc.lastOrder = nil
            if let lookup = acc.lineLookup {
                // A parcel after lines (never in a run, which adds every parcel first): back to the dictionary.
                acc.orderIndex = lookup.dictionary
                acc.lineLookup = nil
            }
            let i = acc.number(order)
            acc.shipping[Int(i)] += a.shipping
            acc.duties[Int(i)] += a.duties
            acc.parcels.append(Parcel(order: i, origin: acc.number(origin: origin), shipping: a.shipping, duties: a.duties))
        } else {
            acc.unlinked[origin, default: Amounts()].add(a)
        }
    }

    /// Adds one order line; kept only when its order has charges.
    public func add(_ line: OrderLine, to acc: Accumulator) {
        guard line.status != .cancelled else { return }
        let index: Int32?
        if let last = acc.lastOrder, last.id == line.orderID {
            index = last.index
        } else {
            if acc.lineLookup == nil {
                // The lines' order ids are found in the sorted list from now on; the dictionary (tens of MB at scale
                // 100) is dropped until a parcel comes again.
                acc.lineLookup = AscendingIDLookup(acc.orderIndex)
                acc.orderIndex = [:]
            }
            index = acc.lineLookup!.number(of: line.orderID)
            acc.lastOrder = (line.orderID, index)
        }
        guard let index else { return }
        let i = Int(index)
        let date = zone.date(of: line.orderTime)
        acc.orderDate[i] = min(acc.orderDate[i] ?? date, date)
        switch acc.currency[i] {
        case -2: break
        case -1: acc.currency[i] = acc.currencyIndex(line.currency)
        case let c: if acc.currencies[Int(c)] != line.currency { acc.currency[i] = -2 }
        }
        let key = acc.lineKeys.number(LineKey(market: line.market, platform: line.platform, sku: line.sku))
        if let last = acc.weights.last, last.order == index, last.key == key {
            acc.weights[acc.weights.count - 1].amount += line.itemAmount
        } else {
            acc.weights.append(Weight(order: index, key: key, amount: line.itemAmount))
        }
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
        // Parcels of orders with no line are unlinked, each under its own origin.
        for p in acc.parcels where acc.orderDate[Int(p.order)] == nil {
            unlinked[acc.origins[Int(p.origin)], default: Amounts()].add(Amounts(shipping: p.shipping, duties: p.duties, shipments: 1))
        }
        // The weights grouped by order (a counting sort by order number, stable).
        let orders = acc.shipping.count
        var start = [Int](repeating: 0, count: orders + 1)
        for w in acc.weights { start[Int(w.order) + 1] += 1 }
        for i in 0..<orders { start[i + 1] += start[i] }
        var next = start
        var grouped = [Int32](repeating: 0, count: acc.weights.count)
        for (j, w) in acc.weights.enumerated() {
            grouped[next[Int(w.order)]] = Int32(j)
            next[Int(w.order)] += 1
        }
        var numbers: [Int32] = [], keys: [LineKey] = [], amounts: [Money] = []
        for order in 0..<orders where start[order] < start[order + 1] {
            guard let date = acc.orderDate[order] else { continue }
            // The order's SKU keys with their summed item amounts (merging keys whose lines were not adjacent).
            numbers.removeAll(keepingCapacity: true)
            amounts.removeAll(keepingCapacity: true)
            for j in grouped[start[order]..<start[order + 1]] {
                let w = acc.weights[Int(j)]
                if let k = numbers.firstIndex(of: w.key) { amounts[k] += w.amount } else {
                    numbers.append(w.key)
                    amounts.append(w.amount)
                }
            }
            keys.removeAll(keepingCapacity: true)
            for n in numbers { keys.append(acc.lineKeys[n]) }
            let total = Amounts(shipping: acc.shipping[order], duties: acc.duties[order])
            let month = date.month
            // Largest item amount first, then by key, so the rounding remainder has a deterministic home.
            let sorted = keys.indices.sorted {
                let (a, b) = (amounts[$0], amounts[$1])
                return a != b ? a > b : (keys[$0].market, keys[$0].platform, keys[$0].sku) < (keys[$1].market, keys[$1].platform, keys[$1].sku)
            }
            let weights = sorted.map { amounts[$0].micros }
            if acc.currency[order] >= 0, let shipping = ShippingAllocator.allocate(total.shipping, weights: weights),
                let duties = ShippingAllocator.allocate(total.duties, weights: weights)
            {
                for (i, s) in sorted.enumerated() {
                    let k = keys[s]
                    let rk = RowKey(month: month, market: k.market, platform: k.platform, sku: k.sku)
                    let old = rows[rk] ?? (.zero, .zero)
                    rows[rk] = (old.0 + shipping[i], old.1 + duties[i])
                }
            } else {
                let k = keys[sorted[0]]
                let rk = RowKey(month: month, market: k.market, platform: k.platform, sku: nil)
                let old = rows[rk] ?? (.zero, .zero)
                rows[rk] = (old.0 + total.shipping, old.1 + total.duties)
            }
        }
        return ShippingAllocation(
            rows: rows.map { ShippingAllocationRow(month: $0.key.month, market: $0.key.market, platform: $0.key.platform, sku: $0.key.sku, shippingFulfilment: $0.value.0, duties: $0.value.1) }
                .sorted {
                    // (month, market, platform, SKU or ""), field by field.
                    if $0.month != $1.month { return $0.month < $1.month }
                    if $0.market != $1.market { return $0.market < $1.market }
                    if $0.platform != $1.platform { return $0.platform < $1.platform }
                    return ($0.sku ?? "") < ($1.sku ?? "")
                },
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

extension ShippingAllocator.Accumulator {
    /// The index of `currency` in ``currencies`` (a handful of currencies at most).
    fileprivate func currencyIndex(_ c: Currency) -> Int16 {
        if let i = currencies.firstIndex(of: c) { return Int16(i) }
        currencies.append(c)
        return Int16(currencies.count - 1)
    }
}

extension ShippingAllocator.Amounts {
    fileprivate mutating func add(_ other: ShippingAllocator.Amounts) {
        shipping += other.shipping
        duties += other.duties
        shipments += other.shipments
    }
}
