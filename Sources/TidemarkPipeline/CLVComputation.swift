import TidemarkCommerce
import TidemarkMetrics
import TidemarkNormalize
import TidemarkWarehouse

/// Customer lifetime value from the warehouse's order lines: historical cohorts, BG/NBD + Gamma-Gamma predictive
/// CLV (or the reason it is not available), RFM scores and the 90-day repurchase rate.
///
/// An order's value is its net of discounts (item amounts + shipping − discounts, excluding tax) on lines that are
/// not cancelled, converted to the reporting currency with the order date's rate. Orders without a customer key
/// (Amazon gives none) count in sales but not here; ``CLVTables/ordersWithoutCustomer`` says how many. Refunds are
/// not deducted from cohort revenue in this release.
public struct CLVComputation {
    public var zone: ReportingTimeZone
    public var options: PredictiveCLVOptions
    /// The calibration end; `nil` uses the last order date in the warehouse.
    public var calibrationEnd: CivilDate?

    public init(zone: ReportingTimeZone, options: PredictiveCLVOptions = PredictiveCLVOptions(), calibrationEnd: CivilDate? = nil) {
        self.zone = zone
        self.options = options
        self.calibrationEnd = calibrationEnd
    }

    public func compute(_ warehouse: Warehouse, converter: CurrencyConverter) throws -> CLVTables {
        struct OrderKey: Hashable {
            let platform: String
            let order: String
        }
        struct Order {
            var customer: String
            var date: CivilDate
            var market: Market
            var native: [Currency: Money] = [:]
        }
        var orders: [OrderKey: Order] = [:]
        var withoutCustomer: Set<OrderKey> = []
        try warehouse.forEachOrderLine { line in
            guard line.status != .cancelled else { return }
            let key = OrderKey(platform: line.platform.name, order: line.orderID)
            guard let customer = line.customerKey else {
                withoutCustomer.insert(key)
                return
            }
            let value = line.itemAmount + line.shippingCharged - line.discount
            if orders[key] == nil {
                orders[key] = Order(customer: customer, date: zone.date(of: line.orderTime), market: line.market)
            }
            orders[key]!.native[line.currency, default: .zero] += value
        }
        var purchases: [CLVPurchase] = []
        var cohortOrders: [CohortOrder] = []
        var lastDate: CivilDate?
        for (_, o) in orders.sorted(by: { ($0.key.platform, $0.key.order) < ($1.key.platform, $1.key.order) }) {
            var amount = Money.zero
            var convertible = true
            for (currency, value) in o.native {
                guard let converted = converter.convert(value, from: currency, on: o.date) else {
                    convertible = false
                    break
                }
                amount += converted
            }
            guard convertible else { continue }
            purchases.append(CLVPurchase(customerKey: o.customer, date: o.date, amount: amount))
            cohortOrders.append(CohortOrder(customerKey: o.customer, date: o.date, market: o.market, netRevenue: amount, contributionMargin: nil))
            lastDate = max(lastDate ?? o.date, o.date)
        }
        let end = calibrationEnd ?? lastDate ?? CivilDate(daysSinceEpoch: 0)
        let transactions = CustomerTransactions.build(from: purchases)
        let summaries = CustomerTransactions.summaries(transactions, calibrationEnd: end, unit: options.unit)
        let predictive = PredictiveCLV.run(summaries, options: options)
        let rfm = RFM.score(transactions.compactMap { RFMInput($0, asOf: end) }, ties: .sameValueSameScore)
        let cohorts = CohortCLV.table(cohortOrders, through: end.month)
        let repurchase = CohortCLV.repurchase(cohortOrders, asOf: end, windowDays: 90)
        let firstMarket = CohortCLV.cohorts(cohortOrders)
        return CLVTables(
            calibrationEnd: end, unit: options.unit, summaries: summaries, predictive: predictive, rfm: rfm, cohorts: cohorts,
            repurchase: repurchase, cohortOfCustomer: firstMarket, ordersWithoutCustomer: withoutCustomer.count)
    }
}

