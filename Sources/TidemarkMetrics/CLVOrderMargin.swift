import TidemarkCommerce
import TidemarkNormalize

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
/// Feed every order line first, then fees and parcels (in any order), then read ``margin(platform:orderID:)``.
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

    private struct OrderState {
        var date: CivilDate
        var market: Market
        var gross = Money.zero
        var cogs: Money? = .zero
        var revenueKnown = true
    }

    private var orders: [OrderKey: OrderState] = [:]
    private var fees: [OrderKey: Money] = [:]
    private var feeCoverage: Set<Coverage> = []
    private var shipping: [String: Money] = [:]
    private var duties: [String: Money] = [:]
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
        let date = zone.date(of: line.orderTime)
        let key = OrderKey(platform: line.platform, orderID: line.orderID)
        var state = orders[key] ?? OrderState(date: date, market: line.market)
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
        orders[key] = state
    }

    /// Adds one platform fee (advertising charges are ad spend, not fees, as in the margin table).
    public func add(_ fee: PlatformFee) {
        guard fee.type != .advertising else { return }
        let key = OrderKey(platform: fee.platform, orderID: fee.orderID ?? "")
        let market = fee.orderID.flatMap { orders[OrderKey(platform: fee.platform, orderID: $0)]?.market } ?? fee.market
        feeCoverage.insert(Coverage(platform: fee.platform, month: fee.date.month, market: market))
        guard let id = fee.orderID, !id.isEmpty, let amount = converter.convert(fee.amount, from: fee.currency, on: fee.date) else { return }
        fees[key, default: .zero] += amount
    }

    /// Adds one parcel with its charges.
    public func add(_ shipment: Shipment, charges: [ShipmentCharge]) {
        if let month = (shipment.shipDate ?? shipment.invoiceDate ?? charges.lazy.compactMap(\.date).first)?.month {
            shipmentMonths.insert(month)
        }
        guard let id = shipment.orderID, !id.isEmpty else { return }
        for c in charges {
            guard let d = c.date, let amount = converter.convert(c.amount, from: c.currency, on: d) else { continue }
            if c.isDuty { duties[id, default: .zero] += amount } else { shipping[id, default: .zero] += amount }
        }
    }

    /// The costs of one order, each `nil` when unknown; `nil` when the order has no non-cancelled line.
    public func costs(platform: Platform, orderID: String) -> OrderCosts? {
        let key = OrderKey(platform: platform, orderID: orderID)
        guard let o = orders[key] else { return nil }
        let platformFees: Money?
        if feeCoverage.contains(Coverage(platform: platform, month: o.date.month, market: o.market)) {
            platformFees = fees[key] ?? .zero
        } else {
            platformFees = feeEstimates[platform].map { $0.times(o.gross) }
        }
        let shipped = shipmentMonths.contains(o.date.month)
        return OrderCosts(
            cogs: o.revenueKnown ? o.cogs : nil, platformFees: o.revenueKnown ? platformFees : nil,
            shippingFulfilment: shipping[orderID] ?? (shipped ? .zero : nil), duties: duties[orderID] ?? (shipped ? .zero : nil))
    }
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
