/// One order line as the order writer wrote it.
struct OrderLineEvent {
    /// Index into ``Catalog/products``.
    let product: Int
    let quantity: Int
    /// Line amount in the currency's minor unit (quantity × unit price; VAT included outside the US).
    let amount: Int
    /// Tax of the line in minor units (0 where the writer does not state it).
    let tax: Int
}

/// One Amazon order of the All Orders report, with what the payment, returns, traffic and carrier writers need to
/// stay consistent with it (same order id, SKUs, amounts, dates).
struct AmazonOrderEvent {
    /// `114-1234567-7654321`.
    let id: String
    let day: Day
    /// Seconds of the purchase time into `day` (UTC).
    let seconds: Int
    /// Index into ``Catalog/sites``.
    let site: Int
    /// Ship-to country (`AT` and `CH` also come from Amazon.de and Amazon.it).
    let country: String
    /// Ship-to city, state and postal code.
    let city: (String, String, String)
    let cancelled: Bool
    let pending: Bool
    /// Shipped by the seller (MFN) rather than by Amazon (FBA).
    let merchantFulfilled: Bool
    /// Shipping charged on the first line, in minor units.
    let shipping: Int
    /// The lines with a price (a cancelled order's first line has none).
    let lines: [OrderLineEvent]
    /// The order has a parcel in the generic shipments files (a forwarder shipped it).
    let forwarderShipped: Bool

    /// Shipped and final: the orders that payment and returns reports know.
    var isShipped: Bool { !cancelled && !pending }
}

/// One Shopify order of the orders export.
struct ShopifyOrderEvent {
    /// `#1234`.
    let name: String
    let day: Day
    let seconds: Int
    /// Index into ``CorpusGenerator/shopifyMarkets``.
    let market: Int
    let customer: Int
    /// Amounts are the lines' prices in the market's currency (tax not split per line).
    let lines: [OrderLineEvent]
    let subtotal: Int
    let cancelled: Bool
    let fulfilled: Bool
    let forwarderShipped: Bool
}

/// A writer that follows the orders as they are written: it is told about each order, the end of each day and
/// the month boundaries, and writes its own files from that. Each listener owns its random streams, so adding
/// one never changes the bytes of the orders, ads or shipments files.
protocol OrderListener: AnyObject {
    /// Opens the month's files.
    func beginMonth(first: Day, last: Day) throws
    func amazonOrder(_ order: AmazonOrderEvent) throws
    func shopifyOrder(_ order: ShopifyOrderEvent) throws
    /// Called after the last order of `day`.
    func endDay(_ day: Day) throws
    /// Closes the month's files and returns what was written.
    func endMonth() throws -> [GeneratedFile]
}

extension OrderListener {
    func amazonOrder(_ order: AmazonOrderEvent) throws {}
    func shopifyOrder(_ order: ShopifyOrderEvent) throws {}
    func endDay(_ day: Day) throws {}
}

extension CorpusGenerator {
    /// `114-0001234-7654321` from the three parts the order writer draws.
    static func amazonOrderID(_ parts: (Int, Int, Int)) -> String {
        func pad7(_ v: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, 7 - s.count)) + s
        }
        return "\(parts.0)-\(pad7(parts.1))-\(pad7(parts.2))"
    }
}
