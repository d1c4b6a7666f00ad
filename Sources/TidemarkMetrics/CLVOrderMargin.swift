import TidemarkCommerce
import TidemarkNormalize
import TidemarkWarehouse

/// The contribution margin of single orders, for the cohort table's cumulative contribution margin per customer
/// (metrics.md §6, "where costs are known").
///
/// An order's contribution margin = its net revenue − COGS − platform fees − shipping & fulfilment − duties, in the
/// reporting currency. Ad spend is **not** deducted: it is the cost of acquiring the customer, which LTV:CAC sets
/// against the lifetime value; deducting it here as well would count it twice. Each cost follows the margin
/// table's rules, applied to the one order:
///
/// - COGS: Σ units × the unit cost valid on the order date (market-specific first), converted with the order date's
///   rate; unknown when any non-cancelled line lacks a cost or its cost's rate.
/// - Platform fees: where a fee source covers the order's platform, market and month (some fee of that platform is
///   dated in that month and market), Σ fee events naming the order (advertising charges excluded, each converted
///   with its fee date's rate), 0 when none names it; elsewhere the configured estimate rate × the order's gross
///   sales; unknown when neither.
/// - Shipping & fulfilment and duties: Σ charges of the parcels naming the order id (each converted with its ship
///   date's rate); 0 when no parcel names it but parcels are loaded for the order's month; unknown otherwise.
///
/// Feed every order line, fee and parcel (in any order), then read ``costs(platform:orderID:)``. A caller that
/// streams orders instead of keeping them all (the CLV computation, ``CLVOrderFolder``) feeds the parcels first,
/// then walks the lines and fees in key order: it folds each order's lines into an ``OrderMarginState`` with
/// ``add(_:to:)``, gives each fee to ``orderFee(_:orderMarket:)`` with the market of the order it names (when that
/// order's lines are passing) and sums what it returns, keeps ``pendingCosts(platform:orderID:order:fees:)`` of the
/// orders it needs and resolves them with ``costs(_:)`` once every fee was seen. Such a caller keeps no fee here.
public final class OrderMarginCalculator {
    public let converter: CurrencyConverter
    public let costs: CostBook
    public let zone: ReportingTimeZone
    public let feeEstimates: [Platform: Ratio]

    private struct OrderKey: Hashable {
        let platform: Platform
        let orderID: String
    }

    private struct Coverage: Hashable {
        let platform: Platform
        let month: YearMonth
        let market: Market
    }

    private var orders: [OrderKey: OrderMarginState] = [:]
    private var fees: [OrderKey: Money] = [:]
    private var feeCoverage: Set<Coverage> = []
    /// Fees naming an order whose lines have not been seen: the fee month and the fee's own market, which counts
    /// for coverage when the order never turns up.
    private var feesOfUnseenOrders: [OrderKey: [(month: YearMonth, market: Market)]] = [:]
    /// The coverage keys of ``pendingCosts(platform:orderID:order:)``, numbered.
    private var coverages = HashedNumbering<Coverage>()
    /// Σ shipping & fulfilment and Σ duties of the parcels naming an order id, each `nil` when no such charge.
    private var parcels: [String: (shipping: Money?, duties: Money?)] = [:]
    private var shipmentMonths: Set<YearMonth> = []

    public init(converter: CurrencyConverter, costs: CostBook, zone: ReportingTimeZone, feeEstimates: [Platform: Ratio] = [:]) {
        self.converter = converter
        self.costs = costs
        self.zone = zone
        self.feeEstimates = feeEstimates
    }

    /// Adds one order line (cancelled lines contribute nothing).
    public func add(_ line: OrderLine) {
        guard line.status != .cancelled else { return }
        let key = OrderKey(platform: line.platform, orderID: line.orderID)
        var state: OrderMarginState
        if let known = orders[key] {
            state = known
        } else {
            state = OrderMarginState(date: zone.date(of: line.orderTime), market: line.market)
            orderSeen(platform: line.platform, orderID: line.orderID, market: line.market)
        }
        add(line, to: &state)
        orders[key] = state
    }

    /// Folds one non-cancelled line into the margin state of its order (started with the order's first line as
    /// `OrderMarginState(date:market:)`): the earliest line date, gross sales and COGS.
    public func add(_ line: OrderLine, to state: inout OrderMarginState) {
        let date = zone.date(of: line.orderTime)
        state.date = min(state.date, date)
        if let gross = converter.convert(line.itemAmount + line.shippingCharged, from: line.currency, on: date) {
            state.gross += gross
        } else {
            state.revenueKnown = false
        }
        if let (unitCost, currency) = costs.cost(sku: line.sku, market: line.market, on: date),
            let cost = converter.convert(unitCost.times(line.quantity), from: currency, on: date)
        {
            state.cogs = state.cogs.map { $0 + cost }
        } else {
            state.cogs = nil
        }
    }

    /// Records that an order with non-cancelled lines exists in `market` (the market of its first line): fees
    /// naming it count towards the fee coverage of that market. ``add(_:)-(OrderLine)`` does this itself.
    public func orderSeen(platform: Platform, orderID: String, market: Market) {
        guard !feesOfUnseenOrders.isEmpty,
            let pending = feesOfUnseenOrders.removeValue(forKey: OrderKey(platform: platform, orderID: orderID))
        else { return }
        for fee in pending { feeCoverage.insert(Coverage(platform: platform, month: fee.month, market: market)) }
    }

    /// Adds one platform fee (advertising charges are ad spend, not fees, as in the margin table). A fee that
    /// names an order counts for the fee coverage of that order's market, else of its own.
    public func add(_ fee: PlatformFee) {
        guard fee.type != .advertising else { return }
        let key = OrderKey(platform: fee.platform, orderID: fee.orderID ?? "")
        if let id = fee.orderID {
            let named = OrderKey(platform: fee.platform, orderID: id)
            if let order = orders[named] {
                feeCoverage.insert(Coverage(platform: fee.platform, month: fee.date.month, market: order.market))
            } else {
                feesOfUnseenOrders[named, default: []].append((fee.date.month, fee.market))
            }
        } else {
            feeCoverage.insert(Coverage(platform: fee.platform, month: fee.date.month, market: fee.market))
        }
        guard let id = fee.orderID, !id.isEmpty, let amount = converter.convert(fee.amount, from: fee.currency, on: fee.date) else { return }
        fees[key, default: .zero] += amount
    }

    /// A fee met beside the lines in key order: it counts for the fee coverage of `orderMarket` (the market of the
    /// first line of the order it names, `nil` when no line of that order is loaded or it names none), else of its
    /// own market. Returns its amount in the reporting currency when it is an order's fee (not advertising, naming
    /// an order, with a rate), for the caller to add to that order's fees; `nil` otherwise.
    public func orderFee(_ fee: PlatformFee, orderMarket: Market?) -> Money? {
        guard fee.type != .advertising else { return nil }
        let named = (fee.orderID ?? "").isEmpty ? nil : orderMarket
        feeCoverage.insert(Coverage(platform: fee.platform, month: fee.date.month, market: named ?? fee.market))
        guard let id = fee.orderID, !id.isEmpty else { return nil }
        return converter.convert(fee.amount, from: fee.currency, on: fee.date)
    }

    /// Fees naming orders that were never seen count for their own market (once every order has been seen).
    private func settleUnseenOrders() {
        guard !feesOfUnseenOrders.isEmpty else { return }
        for (key, pending) in feesOfUnseenOrders {
            for fee in pending { feeCoverage.insert(Coverage(platform: key.platform, month: fee.month, market: fee.market)) }
        }
        feesOfUnseenOrders = [:]
    }

    /// Adds one parcel with its charges.
    public func add(_ shipment: Shipment, charges: [ShipmentCharge]) {
        addParcel(
            orderID: shipment.orderID, date: shipment.shipDate ?? shipment.invoiceDate ?? charges.lazy.compactMap(\.date).first,
            charges: charges.lazy.map { ($0.isDuty, $0.date, $0.amount, $0.currency) })
    }

    /// Adds one parcel as the warehouse's ``Warehouse/forEachCLVParcel(_:)`` reads it: the same as
    /// ``add(_:charges:)`` with the shipment those fields come from.
    public func addParcel(orderID: String?, shipDate: CivilDate?, invoiceDate: CivilDate?, charges: [Warehouse.StoredCharge]) {
        addParcel(
            orderID: orderID, date: shipDate ?? invoiceDate ?? charges.lazy.compactMap(\.date).first,
            charges: charges.lazy.map { ($0.type == .dutyTax, $0.date, $0.amount, $0.currency) })
    }

    /// A parcel dated `date` (ship date, else invoice date, else its first dated charge) with its charges.
    private func addParcel<C: Sequence>(orderID: String?, date: CivilDate?, charges: C)
    where C.Element == (isDuty: Bool, date: CivilDate?, amount: Money, currency: Currency) {
        if let month = date?.month { shipmentMonths.insert(month) }
        guard let id = orderID, !id.isEmpty else { return }
        for c in charges {
            guard let d = c.date, let amount = converter.convert(c.amount, from: c.currency, on: d) else { continue }
            var sums = parcels[id] ?? (nil, nil)
            if c.isDuty { sums.duties = (sums.duties ?? .zero) + amount } else { sums.shipping = (sums.shipping ?? .zero) + amount }
            parcels[id] = sums
        }
    }

    /// Lets go of the parcels once every order's ``pendingCosts(platform:orderID:order:fees:)`` has been taken
    /// (they are most of a streaming caller's memory here).
    public func releaseParcels() { parcels = [:] }

    /// The costs of one order, each `nil` when unknown; `nil` when the order has no non-cancelled line.
    public func costs(platform: Platform, orderID: String) -> OrderCosts? {
        let key = OrderKey(platform: platform, orderID: orderID)
        guard let o = orders[key] else { return nil }
        return costs(pendingCosts(platform: platform, orderID: orderID, order: o, fees: fees[key] ?? .zero))
    }

    /// Everything about the costs of one order that does not depend on orders yet to be seen: all but whether a fee
    /// source covers its platform, month and market. `fees` is the sum of the fees naming the order (reporting
    /// currency, advertising excluded). Needs every parcel added; compact, to be kept per order until ``costs(_:)``
    /// once every fee has been seen.
    public func pendingCosts(platform: Platform, orderID: String, order o: OrderMarginState, fees: Money) -> PendingOrderCosts {
        let coverage = Coverage(platform: platform, month: o.date.month, market: o.market)
        let index = coverages.number(coverage)
        let parcel = parcels[orderID]
        let shipped = shipmentMonths.contains(o.date.month)
        return PendingOrderCosts(
            coverage: index, cogs: o.revenueKnown ? o.cogs : nil,
            actualFees: o.revenueKnown ? fees : nil,
            estimatedFees: o.revenueKnown ? feeEstimates[platform].map { $0.times(o.gross) } : nil,
            shippingFulfilment: parcel?.shipping ?? (shipped ? .zero : nil), duties: parcel?.duties ?? (shipped ? .zero : nil))
    }

    /// The costs of an order from its pending costs, once every order has been seen: actual fees where a fee
    /// source covers the order's platform, month and market, else the estimate.
    public func costs(_ pending: PendingOrderCosts) -> OrderCosts {
        settleUnseenOrders()
        let covered = feeCoverage.contains(coverages[pending.coverage])
        return OrderCosts(
            cogs: pending.cogs, platformFees: covered ? pending.actualFees : pending.estimatedFees,
            shippingFulfilment: pending.shippingFulfilment, duties: pending.duties)
    }
}

/// The running margin figures of one order's non-cancelled lines (see ``OrderMarginCalculator/add(_:to:)``).
public struct OrderMarginState: Sendable {
    /// The earliest line date (reporting time zone).
    public internal(set) var date: CivilDate
    /// The market of the first line.
    public let market: Market
    /// Σ (item amount + shipping charged), reporting currency, of the lines whose rate is known.
    public internal(set) var gross = Money.zero
    /// Σ units × unit cost, reporting currency; `nil` when a line lacks a cost or its rate.
    public internal(set) var cogs: Money? = .zero
    /// Whether every line's gross sales could be converted.
    public internal(set) var revenueKnown = true

    /// The state of an order whose first line is dated `date` in `market`.
    public init(date: CivilDate, market: Market) {
        self.date = date
        self.market = market
    }
}

/// The costs of one order before fee coverage is known: ``OrderMarginCalculator/costs(_:)`` picks the actual or
/// the estimated fees.
public struct PendingOrderCosts: Hashable, Sendable {
    /// The number of the order's platform × month × market in the calculator.
    var coverage: Int32
    var cogs: Money?
    /// Σ fees naming the order (0 when none); `nil` when the order's revenue is unknown.
    var actualFees: Money?
    /// The fee estimate rate × gross sales; `nil` without an estimate or when revenue is unknown.
    var estimatedFees: Money?
    var shippingFulfilment: Money?
    var duties: Money?
}

/// The costs of one order the cohort contribution margin deducts, reporting currency; `nil` = unknown.
public struct OrderCosts: Hashable, Sendable {
    public var cogs: Money?
    public var platformFees: Money?
    public var shippingFulfilment: Money?
    public var duties: Money?

    public init(cogs: Money?, platformFees: Money?, shippingFulfilment: Money?, duties: Money?) {
        self.cogs = cogs
        self.platformFees = platformFees
        self.shippingFulfilment = shippingFulfilment
        self.duties = duties
    }

    /// Net revenue − COGS − platform fees − shipping & fulfilment − duties (no ad spend: that is acquisition
    /// cost); `nil` when any of them is unknown.
    public func contributionMargin(netRevenue: Money) -> Money? {
        ContributionMargin.amount(
            netRevenue: netRevenue, cogs: cogs, platformFees: platformFees, shippingFulfilment: shippingFulfilment, duties: duties,
            adSpend: .zero)
    }
}
