import TidemarkCommerce
import TidemarkNormalize

@testable import TidemarkMetrics

/// Small hand-made facts for the funnel, acquisition, campaign, ad-spend and logistics tests.
///
/// Reporting currency EUR; one USD rate, 1.25 USD per EUR from 2026-03-02 (so 1 USD = 0.80 EUR in March 2026).
enum KPI {
    static let de = Market(code: "DE")!
    static let us = Market(code: "US")!
    static let fr = Market(code: "FR")!

    static func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }
    static func m(_ text: String) -> YearMonth { YearMonth(text)! }

    static let rates = [
        FXRate(date: d("2026-03-02"), base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 12_500_000_000)!)
    ]

    static func converter() -> CurrencyConverter { CurrencyConverter(table: FXTable(base: .EUR, rates: rates), target: .EUR) }

    static func ad(
        _ date: String, _ platform: Platform, campaign: String = "C", account: String = "acc", market: Market = KPI.de,
        currency: Currency = .EUR, impressions: Int = 0, clicks: Int = 0, spend: Money, orders: Int? = nil,
        sales: Money? = nil, window: String? = nil, sku: String? = nil, adGroup: String? = nil
    ) -> AdPerformance {
        AdPerformance(
            provenance: Provenance(file: "ads.csv", line: 2), date: d(date), platform: platform, account: account,
            campaign: campaign, adGroup: adGroup, sku: sku, market: market, currency: currency, impressions: impressions,
            clicks: clicks, spend: spend, attributedOrders: orders, attributedSales: sales, attributionWindow: window)
    }

    static func traffic(
        _ date: String, _ platform: Platform, market: Market = KPI.de, impressions: Int? = nil, clicks: Int? = nil,
        sessions: Int? = nil, inquiries: Int? = nil, sku: String? = nil
    ) -> Traffic {
        Traffic(
            provenance: Provenance(file: "traffic.csv", line: 2), date: d(date), platform: platform, market: market, sku: sku,
            impressions: impressions, clicks: clicks, sessions: sessions, pageViews: nil, inquiries: inquiries, addToCarts: nil)
    }

    static func line(
        _ order: String, _ date: String, sku: String = "X", item: Money = cents(10_00), customer: String? = nil,
        status: OrderStatus = .shipped, platform: Platform = .amazon, market: Market = KPI.de, currency: Currency = .EUR,
        hour: Int = 12
    ) -> OrderLine {
        OrderLine(
            provenance: Provenance(file: "orders.csv", line: 2), platform: platform, store: "s", marketplace: "", market: market,
            orderID: order, orderTime: Timestamp(date: d(date), hour: hour, minute: 0, second: 0, utcOffsetSeconds: 0),
            status: status, sku: sku, quantity: 1, currency: currency, itemAmount: item, tax: .zero, shippingCharged: .zero,
            discount: .zero, customerKey: customer, sourceUpdatedAt: nil)
    }

    static func parcel(
        _ tracking: String, order: String? = nil, carrier: String = "dhl", ship: String? = "2026-03-02",
        invoice: String? = nil, promised: String? = nil, delivered: String? = nil, status: ShipmentStatus = .delivered,
        market: Market = KPI.de, charges: [ChargeType: Money] = [:], currency: Currency = .EUR
    ) -> Shipment {
        Shipment(
            provenance: Provenance(file: "shipments.csv", line: 2), trackingNumber: tracking, orderID: order, carrier: carrier,
            service: nil, shipDate: ship.map(d), invoiceDate: invoice.map(d), promisedDate: promised.map(d),
            deliveryDate: delivered.map(d), status: status, destination: market, weightGrams: nil, charges: charges,
            currency: currency)
    }
}
