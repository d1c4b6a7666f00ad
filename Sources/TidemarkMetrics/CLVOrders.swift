import TidemarkCommerce
import TidemarkNormalize

/// One order as customer lifetime value sees it, compactly: the customer as a number (see
/// ``CLVOrderFolder/customerKeys``), the day and market of its first line with that customer, its net value in
/// the reporting currency and its costs pending fee coverage.
public struct CLVFoldedOrder: Hashable, Sendable {
    /// Index into ``CLVOrderFolder/customerKeys``.
    public var customer: Int32
    /// The day of the order's first line with a customer key (reporting time zone).
    public var date: CivilDate
    /// The market of that line.
    public var market: Market
    /// Σ (item amount + shipping − discount) of the order's lines with a customer key, each currency's total
    /// converted with the order date's rate.
    public var netRevenue: Money
    /// The order's costs for its contribution margin, fee coverage still to be applied.
    public var costs: PendingOrderCosts
}

/// Folds non-cancelled order lines, fed in (platform, order id) order so that each order's lines are adjacent,
/// into one ``CLVFoldedOrder`` per order with a customer key and a rate for every currency, without keeping the
/// orders already passed.
///
/// An order's customer, date and market are those of its first line with a customer key; its value counts only
/// such lines. Orders with a line without customer key are counted in ``ordersWithoutCustomer``. Every order is
/// reported to the margin calculator (for fee coverage), which must already hold every fee and parcel.
public struct CLVOrderFolder {
    public let margins: OrderMarginCalculator
    public let converter: CurrencyConverter
    public let zone: ReportingTimeZone
    /// The orders folded so far, in input order.
    public private(set) var orders: [CLVFoldedOrder] = []
    /// The distinct customer keys, numbered in order of first appearance.
    public private(set) var customerKeys: [String] = []
    /// Orders with at least one non-cancelled line without customer key.
    public private(set) var ordersWithoutCustomer = 0

    private var customerNumbers: [String: Int32] = [:]
    private var current: Current?

    /// The order being folded.
    private struct Current {
        var platform: Platform
        var orderID: String
        var margin: OrderMarginState
        var customer: Int32?
        var date = CivilDate(daysSinceEpoch: 0)
        var market = Market.unknown
        var native: [(Currency, Money)] = []
        var withoutCustomer = false
    }

    /// A folder feeding `margins`, converting with `converter`, dating lines in `zone`.
    public init(margins: OrderMarginCalculator, converter: CurrencyConverter, zone: ReportingTimeZone) {
        self.margins = margins
        self.converter = converter
        self.zone = zone
    }

    /// Adds the next line (cancelled lines are ignored). Lines of one order must be adjacent.
    public mutating func add(_ line: OrderLine) {
        guard line.status != .cancelled else { return }
        if let c = current, c.orderID != line.orderID || c.platform != line.platform { finishOrder() }
        if current == nil {
            current = Current(
                platform: line.platform, orderID: line.orderID, margin: OrderMarginState(date: zone.date(of: line.orderTime), market: line.market))
        }
        margins.add(line, to: &current!.margin)
        guard let key = line.customerKey else {
            current!.withoutCustomer = true
            return
        }
        if current!.customer == nil {
            current!.customer = number(key)
            current!.date = zone.date(of: line.orderTime)
            current!.market = line.market
        }
        let value = line.itemAmount + line.shippingCharged - line.discount
        if let i = current!.native.firstIndex(where: { $0.0 == line.currency }) {
            current!.native[i].1 += value
        } else {
            current!.native.append((line.currency, value))
        }
    }

    /// Folds the last order; call once after the last line.
    public mutating func finish() { finishOrder() }

    private mutating func number(_ key: String) -> Int32 {
        if let n = customerNumbers[key] { return n }
        let n = Int32(customerKeys.count)
        customerNumbers[key] = n
        customerKeys.append(key)
        return n
    }

    private mutating func finishOrder() {
        guard let c = current else { return }
        current = nil
        if c.withoutCustomer { ordersWithoutCustomer += 1 }
        margins.orderSeen(platform: c.platform, orderID: c.orderID, market: c.margin.market)
        guard let customer = c.customer else { return }
        var amount = Money.zero
        for (currency, value) in c.native {
            guard let converted = converter.convert(value, from: currency, on: c.date) else { return }
            amount += converted
        }
        orders.append(
            CLVFoldedOrder(
                customer: customer, date: c.date, market: c.market, netRevenue: amount,
                costs: margins.pendingCosts(platform: c.platform, orderID: c.orderID, order: c.margin)))
    }
}
