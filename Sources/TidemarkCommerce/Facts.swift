/// The selling platform, ad network or carrier a fact comes from.
public struct Platform: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// Lower-case snake_case name, e.g. `amazon`, `shopify`, `google_ads`.
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }
    public var description: String { name }
    public static func < (a: Platform, b: Platform) -> Bool { a.name < b.name }

    public static let amazon: Platform = "amazon"
    public static let shopify: Platform = "shopify"
    public static let ebay: Platform = "ebay"
    public static let aliexpress: Platform = "aliexpress"
    public static let alibaba: Platform = "alibaba"
}

/// Where a fact came from: the file, its 1-based physical line, and the file's content fingerprint.
public struct Provenance: Hashable, Sendable {
    /// The file's path as given to the run.
    public var file: String
    /// The physical line the record starts on.
    public var line: Int
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
}

/// The status of an order line.
public enum OrderStatus: String, Sendable, CaseIterable {
    case placed, shipped, cancelled
}

/// One line item of an order (metrics.md §1): order × SKU.
public struct OrderLine: Hashable, Sendable {
    public var provenance: Provenance
    public var platform: Platform
    /// The seller's store or account on the platform (may be empty when the export does not say).
    public var store: String
    /// The marketplace or site as the export names it (`Amazon.it`), or empty.
    public var marketplace: String
    public var market: Market
    public var orderID: String
    public var orderTime: Timestamp
    public var status: OrderStatus
    public var sku: String
    public var quantity: Int
    public var currency: Currency
    /// Line amount excluding tax (unit price × quantity for formats that give a unit price).
    public var itemAmount: Money
    public var tax: Money
    public var shippingCharged: Money
    /// Promotional discounts on items and shipping, as a positive amount.
    public var discount: Money
    /// Keyed hash of the buyer identity, or `nil` when the export has no buyer identity.
    public var customerKey: String?
    /// The export's own update time for this row, where the format has one (used to pick the newest export).
    public var sourceUpdatedAt: Timestamp?

    public init(
        provenance: Provenance, platform: Platform, store: String, marketplace: String, market: Market,
        orderID: String, orderTime: Timestamp, status: OrderStatus, sku: String, quantity: Int, currency: Currency,
        itemAmount: Money, tax: Money, shippingCharged: Money, discount: Money, customerKey: String?,
        sourceUpdatedAt: Timestamp?
    ) {
        self.provenance = provenance
        self.platform = platform
        self.store = store
        self.marketplace = marketplace
        self.market = market
        self.orderID = orderID
        self.orderTime = orderTime
        self.status = status
        self.sku = sku
        self.quantity = quantity
        self.currency = currency
        self.itemAmount = itemAmount
        self.tax = tax
        self.shippingCharged = shippingCharged
        self.discount = discount
        self.customerKey = customerKey
        self.sourceUpdatedAt = sourceUpdatedAt
    }
}

/// A refund or return event (metrics.md §1).
public struct Refund: Hashable, Sendable {
    public var provenance: Provenance
    public var platform: Platform
    public var market: Market
    public var orderID: String
    public var sku: String
    public var refundDate: CivilDate
    /// The refunded amount as a positive number.
    public var amount: Money
    public var currency: Currency
    public var unitsReturned: Int
    public var reason: String?

    /// A fact with every field given.
    public init(provenance: Provenance, platform: Platform, market: Market, orderID: String, sku: String, refundDate: CivilDate, amount: Money, currency: Currency, unitsReturned: Int, reason: String?) {
        self.provenance = provenance
        self.platform = platform
        self.market = market
        self.orderID = orderID
        self.sku = sku
        self.refundDate = refundDate
        self.amount = amount
        self.currency = currency
        self.unitsReturned = unitsReturned
        self.reason = reason
    }

    /// Which of the two facts a refund row is: returned units without money (a returns report) or money (a payment
    /// report or an order export, with or without units). The two kinds of one order, SKU and day are different
    /// facts, never two exports of one.
    public enum Kind: String, Sendable {
        case money, units
    }

    /// ``Kind/units`` for a row of units and no money, else ``Kind/money``.
    public var kind: Kind { amount.isZero && unitsReturned != 0 ? .units : .money }
}

/// The kind of a platform fee.
public enum FeeType: String, Sendable, CaseIterable {
    case commission, fulfillment, storage, advertising, other
}

/// A fee the platform charged the seller (metrics.md §1), as a positive amount.
public struct PlatformFee: Hashable, Sendable {
    public var provenance: Provenance
    public var platform: Platform
    public var market: Market
    public var orderID: String?
    public var sku: String?
    public var date: CivilDate
    public var type: FeeType
    public var amount: Money
    public var currency: Currency

    /// A fact with every field given.
    public init(provenance: Provenance, platform: Platform, market: Market, orderID: String?, sku: String?, date: CivilDate, type: FeeType, amount: Money, currency: Currency) {
        self.provenance = provenance
        self.platform = platform
        self.market = market
        self.orderID = orderID
        self.sku = sku
        self.date = date
        self.type = type
        self.amount = amount
        self.currency = currency
    }
}

/// Ad performance for one date × platform × account × campaign (× ad group / product).
public struct AdPerformance: Hashable, Sendable {
    public var provenance: Provenance
    public var date: CivilDate
    public var platform: Platform
    public var account: String
    public var campaign: String
    public var adGroup: String?
    public var sku: String?
    public var market: Market
    public var currency: Currency
    public var impressions: Int
    public var clicks: Int
    public var spend: Money
    public var attributedOrders: Int?
    public var attributedSales: Money?
    /// The attribution window as the export states it (`7 Day`, `7-day click`), or `nil`.
    public var attributionWindow: String?

    /// A fact with every field given.
    public init(provenance: Provenance, date: CivilDate, platform: Platform, account: String, campaign: String, adGroup: String?, sku: String?, market: Market, currency: Currency, impressions: Int, clicks: Int, spend: Money, attributedOrders: Int?, attributedSales: Money?, attributionWindow: String?) {
        self.provenance = provenance
        self.date = date
        self.platform = platform
        self.account = account
        self.campaign = campaign
        self.adGroup = adGroup
        self.sku = sku
        self.market = market
        self.currency = currency
        self.impressions = impressions
        self.clicks = clicks
        self.spend = spend
        self.attributedOrders = attributedOrders
        self.attributedSales = attributedSales
        self.attributionWindow = attributionWindow
    }
}

/// Traffic for one date × platform × market (× SKU). A count the source does not report is `nil`, never 0.
public struct Traffic: Hashable, Sendable {
    public var provenance: Provenance
    public var date: CivilDate
    public var platform: Platform
    public var market: Market
    public var sku: String?
    public var impressions: Int?
    public var clicks: Int?
    public var sessions: Int?
    public var pageViews: Int?
    public var inquiries: Int?
    public var addToCarts: Int?

    /// A fact with every field given.
    public init(provenance: Provenance, date: CivilDate, platform: Platform, market: Market, sku: String?, impressions: Int?, clicks: Int?, sessions: Int?, pageViews: Int?, inquiries: Int?, addToCarts: Int?) {
        self.provenance = provenance
        self.date = date
        self.platform = platform
        self.market = market
        self.sku = sku
        self.impressions = impressions
        self.clicks = clicks
        self.sessions = sessions
        self.pageViews = pageViews
        self.inquiries = inquiries
        self.addToCarts = addToCarts
    }
}

/// The state of a parcel.
///
/// Sources differ in what they can know: a tracking export reports deliveries, so a parcel it calls in transit has
/// not arrived yet (``inTransit``); billing data and label exports (UPS billing data, ShipStation, FedEx bills
/// without a proof-of-delivery date, Amazon FBA shipments) never report a delivery, so their parcels are
/// ``deliveryNotReported``: they may well have arrived, and they are never judged late or on time.
public enum ShipmentStatus: String, Sendable, CaseIterable {
    /// Shipped by a source that never reports deliveries: whether and when the parcel arrived is unknown.
    case deliveryNotReported = "not_reported"
    /// Not yet delivered, according to a source that reports deliveries.
    case inTransit = "in_transit"
    case delivered, returned, lost
}

/// The kind of a shipment charge.
public enum ChargeType: String, Sendable, CaseIterable {
    case freight, fuel, dutyTax = "duty_tax", other
}

/// One parcel (metrics.md §1) with its charges.
public struct Shipment: Hashable, Sendable {
    public var provenance: Provenance
    public var trackingNumber: String
    public var orderID: String?
    public var carrier: String
    public var service: String?
    public var shipDate: CivilDate?
    public var invoiceDate: CivilDate?
    public var promisedDate: CivilDate?
    public var deliveryDate: CivilDate?
    public var status: ShipmentStatus
    public var destination: Market
    /// Weight in grams, if given.
    public var weightGrams: Int?
    public var charges: [ChargeType: Money]
    public var currency: Currency

    /// A fact with every field given.
    public init(provenance: Provenance, trackingNumber: String, orderID: String?, carrier: String, service: String?, shipDate: CivilDate?, invoiceDate: CivilDate?, promisedDate: CivilDate?, deliveryDate: CivilDate?, status: ShipmentStatus, destination: Market, weightGrams: Int?, charges: [ChargeType: Money], currency: Currency) {
        self.provenance = provenance
        self.trackingNumber = trackingNumber
        self.orderID = orderID
        self.carrier = carrier
        self.service = service
        self.shipDate = shipDate
        self.invoiceDate = invoiceDate
        self.promisedDate = promisedDate
        self.deliveryDate = deliveryDate
        self.status = status
        self.destination = destination
        self.weightGrams = weightGrams
        self.charges = charges
        self.currency = currency
    }
}

/// One FX rate: units of `currency` per one unit of the table's `base` on `date`.
public struct FXRate: Hashable, Sendable {
    public var date: CivilDate
    public var base: Currency
    public var currency: Currency
    public var rate: ExchangeRate
    public init(date: CivilDate, base: Currency, currency: Currency, rate: ExchangeRate) {
        self.date = date
        self.base = base
        self.currency = currency
        self.rate = rate
    }
}

/// A SKU's landed unit cost (COGS) from a date on, optionally for one market only.
public struct UnitCost: Hashable, Sendable {
    public var provenance: Provenance
    public var sku: String
    /// `nil` for the SKU's generic cost.
    public var market: Market?
    public var validFrom: CivilDate
    public var unitCost: Money
    public var currency: Currency
    public init(provenance: Provenance, sku: String, market: Market?, validFrom: CivilDate, unitCost: Money, currency: Currency) {
        self.provenance = provenance
        self.sku = sku
        self.market = market
        self.validFrom = validFrom
        self.unitCost = unitCost
        self.currency = currency
    }
}
