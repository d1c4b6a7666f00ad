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

/// Folds non-cancelled order lines and platform fees, fed in (platform, order id) order so that each order's lines
/// are adjacent and its fees follow them, into one ``CLVFoldedOrder`` per order with a customer key and a rate for
/// every currency, without keeping the orders (or fees) already passed.
///
/// An order's customer, date and market are those of its first line with a customer key; its value counts only
/// such lines. Orders with a line without customer key are counted in ``ordersWithoutCustomer``. Every fee is
/// reported to the margin calculator (for fee coverage, under the market of the order it names when that order's
/// lines are folded here), which must already hold every parcel; only orders with a customer have their margin
/// worked out.
public struct CLVOrderFolder {
    public let margins: OrderMarginCalculator
    public let converter: CurrencyConverter
    public let zone: ReportingTimeZone
    /// The orders folded so far, in input order.
    public private(set) var orders: [CLVFoldedOrder] = []
    /// The distinct customer keys, numbered in order of first appearance.
    public private(set) var customerKeys: [String] = []
    /// Money refunded on the folded orders, by customer number (see ``customerKeys``), date and amount in the
    /// reporting currency: refunds naming an order with a customer key, dated with a rate.
    public private(set) var refunds: [(customer: Int32, date: CivilDate, amount: Money)] = []
    /// Orders with at least one non-cancelled line without customer key.
    public private(set) var ordersWithoutCustomer = 0
    /// Whether every order's lines arrived one after another, orders in ascending (platform, order id) byte order;
    /// when not, an order may have been folded as two and the orders must not be used.
    public private(set) var orderLinesArrivedTogether = true

    private var customerNumbers: [String: Int32] = [:]
    /// The non-cancelled lines of the order being folded (the buffer is reused from order to order).
    private var lines: [OrderLine] = []
    private var native: [(Currency, Money)] = []
    /// Σ fees naming the order being folded (reporting currency).
    private var fees = Money.zero
    /// The refunds naming the order being folded (their customer is known once its lines are folded).
    private var orderRefunds: [Refund] = []

    /// A folder feeding `margins`, converting with `converter`, dating lines in `zone`.
    public init(margins: OrderMarginCalculator, converter: CurrencyConverter, zone: ReportingTimeZone) {
        self.margins = margins
        self.converter = converter
        self.zone = zone
    }

    /// Adds the next line (cancelled lines are ignored). Lines of one order must be adjacent.
    public mutating func add(_ line: OrderLine) {
        guard line.status != .cancelled else { return }
        if let first = lines.first, first.orderID != line.orderID || first.platform != line.platform {
            if compareOrderKeys(first.platform, first.orderID, line.platform, line.orderID) >= 0 { orderLinesArrivedTogether = false }
            finishOrder()
        }
        lines.append(line)
    }

    /// Adds a platform fee, after the lines of the order it names (if any are loaded) and before the next order's
    /// lines: the key order of the warehouse's fees beside its lines.
    public mutating func add(_ fee: PlatformFee) {
        if let first = lines.first, let id = fee.orderID, id == first.orderID, fee.platform == first.platform {
            if let amount = margins.orderFee(fee, orderMarket: first.market) { fees += amount }
        } else {
            _ = margins.orderFee(fee, orderMarket: nil)
        }
    }

    /// Adds a refund, after the lines of the order it names and before the next order's lines (as ``add(_:)-fee``).
    /// Only a refund of money naming the order being folded counts: returned units without money, and refunds of
    /// orders without lines here, change no customer's value.
    public mutating func add(_ refund: Refund) {
        guard !refund.amount.isZero, let first = lines.first, refund.orderID == first.orderID, refund.platform == first.platform
        else { return }
        orderRefunds.append(refund)
    }

    /// Folds the last order; call once after the last line and fee. The margin calculator's parcels are let go:
    /// every folded order's costs are pending in it already.
    public mutating func finish() {
        finishOrder()
        margins.releaseParcels()
    }

    private mutating func number(_ key: String) -> Int32 {
        if let n = customerNumbers[key] { return n }
        let n = Int32(customerKeys.count)
        customerNumbers[key] = n
        customerKeys.append(key)
        return n
    }

    /// Folds the buffered lines of one order. Its margin state is worked out only when it has a customer.
    private mutating func finishOrder() {
        guard let first = lines.first else { return }
        defer {
            lines.removeAll(keepingCapacity: true)
            orderRefunds.removeAll(keepingCapacity: true)
            fees = .zero
        }
        guard let buyer = lines.firstIndex(where: { $0.customerKey != nil }) else {
            ordersWithoutCustomer += 1
            return
        }
        if lines.contains(where: { $0.customerKey == nil }) { ordersWithoutCustomer += 1 }
        let date = zone.date(of: lines[buyer].orderTime)
        native.removeAll(keepingCapacity: true)
        for line in lines[buyer...] where line.customerKey != nil {
            let value = line.itemAmount + line.shippingCharged - line.discount
            if let i = native.firstIndex(where: { $0.0 == line.currency }) {
                native[i].1 += value
            } else {
                native.append((line.currency, value))
            }
        }
        var amount = Money.zero
        for (currency, value) in native {
            guard let converted = converter.convert(value, from: currency, on: date) else { return }
            amount += converted
        }
        var margin = OrderMarginState(date: zone.date(of: first.orderTime), market: first.market)
        for line in lines { margins.add(line, to: &margin) }
        let customer = number(lines[buyer].customerKey!)
        // Each refund converted with its refund date's rate (one without a rate is left out, as in the sales tables).
        for r in orderRefunds {
            if let amount = converter.convert(r.amount, from: r.currency, on: r.refundDate) { refunds.append((customer, r.refundDate, amount)) }
        }
        orders.append(
            CLVFoldedOrder(
                customer: customer, date: date, market: lines[buyer].market, netRevenue: amount,
                costs: margins.pendingCosts(platform: first.platform, orderID: first.orderID, order: margin, fees: fees)))
    }
}
