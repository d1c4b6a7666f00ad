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
/// not deducted from cohort revenue in this release. An order's contribution margin (for the cohort table) is its
/// value less COGS, platform fees, shipping and duties, by ``OrderMarginCalculator``; unknown where a cost is.
public struct CLVComputation {
    public var zone: ReportingTimeZone
    public var options: PredictiveCLVOptions
    /// The calibration end; `nil` uses the last order date in the warehouse.
    public var calibrationEnd: CivilDate?
    /// Fee rates for platforms without a fee export (the pipeline's `fee_estimates`), for order margins.
    public var feeEstimates: [Platform: Ratio]

    public init(
        zone: ReportingTimeZone, options: PredictiveCLVOptions = PredictiveCLVOptions(), calibrationEnd: CivilDate? = nil,
        feeEstimates: [Platform: Ratio] = [:]
    ) {
        self.zone = zone
        self.options = options
        self.calibrationEnd = calibrationEnd
        self.feeEstimates = feeEstimates
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
        let margins = OrderMarginCalculator(converter: converter, costs: CostBook(try warehouse.unitCosts()), zone: zone, feeEstimates: feeEstimates)
        try warehouse.forEachOrderLine(provenance: false) { line in
            guard line.status != .cancelled else { return }
            margins.add(line)
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
        try warehouse.forEachFee(provenance: false) { margins.add($0) }
        try warehouse.forEachShipment(provenance: false) { shipment, stored in
            margins.add(shipment, charges: stored.map { ShipmentCharge(type: $0.type, date: $0.date, amount: $0.amount, currency: $0.currency) })
        }
        var purchases: [CLVPurchase] = []
        var cohortOrders: [CohortOrder] = []
        var lastDate: CivilDate?
        for (key, o) in orders.sorted(by: { ($0.key.platform, $0.key.order) < ($1.key.platform, $1.key.order) }) {
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
            cohortOrders.append(CohortOrder(customerKey: o.customer, date: o.date, market: o.market, netRevenue: amount,
                    contributionMargin: margins.costs(platform: Platform(key.platform), orderID: key.order)?.contributionMargin(netRevenue: amount)))
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

