/// Amazon fees and refunds of the generated orders, shared by the payment and returns writers.
///
/// Coverage, chosen to keep the corpus bounded: Amazon.com's money comes from the Date Range transaction report
/// (one row per shipped order line, fees in columns), Amazon.de's from monthly settlement reports V2 (one
/// `Commission` row per shipped line, one `FBAPerUnitFulfillmentFee` row per FBA line; the sales components
/// `ItemPrice`/`Principal` are left out, since the ingest reads sales from the All Orders report). The other
/// marketplaces have no payment report: their fees are the pipeline's `fee_estimates` rate.
enum AmazonMoney {
    /// Marketplaces (indexes into ``Catalog/sites``) with payment and returns reports: Amazon.com and Amazon.de.
    static let us = 0
    static let de = 2

    /// Referral fee: 15 % of the line amount (VAT included on EU sites, as Amazon charges it).
    static func commission(_ amount: Int) -> Int { CorpusGenerator.share(amount, 15, 100) }

    /// The referral fee kept when an item is refunded (20 %, at most 5.00).
    static func refundCommission(_ commission: Int) -> Int { min(CorpusGenerator.share(commission, 20, 100), 500) }

    /// FBA fulfilment fee per unit by price tier, in the site's minor unit.
    static func fbaPerUnit(_ product: Product, _ site: Site) -> Int {
        let base = product.priceUSCents < 2000 ? 322 : (product.priceUSCents < 4000 ? 409 : 568)
        return site.digits == 0 ? base * 3 / 2 : Int(Double(base) * site.factor)
    }

    /// Day and time (UTC seconds) a shipped order's charges are posted: one or two days after the purchase,
    /// never after the corpus year.
    static func posting(_ order: AmazonOrderEvent, _ rng: inout SplitMix64) -> (Day, Int) {
        let day = order.day.adding(1 + rng.below(2))
        let capped = day.epochDay > CorpusGenerator.lastDay.epochDay ? CorpusGenerator.lastDay : day
        return (capped, rng.below(86_400))
    }

    /// Settlement/report id of a month (stable per marketplace and month).
    static func settlementID(_ base: Int, _ day: Day) -> Int { base + (day.year - 2025) * 12 + day.month }
}

/// A return of one unit (or more) of a shipped Amazon order line: requested on `day` (the returns reports' date),
/// refunded on `refundDay` when the item is back, 2–9 days later (the payment reports' date), or not yet when that
/// falls after the corpus year.
struct AmazonReturn {
    let order: AmazonOrderEvent
    let line: OrderLineEvent
    let units: Int
    let day: Day
    let refundDay: Day?
    let seconds: Int
    let reason: String
    /// The line's amount for the returned units (VAT included on EU sites).
    var amount: Int { line.amount * units / line.quantity }
    var tax: Int { line.tax * units / line.quantity }

    static let reasons = ["DEFECTIVE", "NOT_AS_DESCRIBED", "UNWANTED_ITEM", "DAMAGED_BY_CARRIER", "ORDERED_WRONG_ITEM", "SWITCHEROO"]

    /// Whether `order` comes back (about 3 % of shipped orders of Amazon.com and Amazon.de), decided from the order
    /// id alone so the payment and returns writers agree without sharing state or a stream.
    static func decide(_ order: AmazonOrderEvent, seed: UInt64) -> AmazonReturn? {
        guard order.isShipped, order.site == AmazonMoney.us || order.site == AmazonMoney.de, let line = order.lines.first else { return nil }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a of the order id
        for b in order.id.utf8 { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        var rng = SplitMix64(seed: seed, stream: 40 &+ hash)
        guard rng.chance(0.03) else { return nil }
        let day = order.day.adding(rng.within(6...35))
        guard day.epochDay <= CorpusGenerator.lastDay.epochDay else { return nil }  // not yet returned
        let units = line.quantity > 1 && rng.chance(0.3) ? line.quantity : 1
        let refund = day.adding(rng.within(2...9))
        return AmazonReturn(order: order, line: line, units: units, day: day,
                            refundDay: refund.epochDay <= CorpusGenerator.lastDay.epochDay ? refund : nil, seconds: rng.below(86_400),
                            reason: reasons[rng.below(reasons.count)])
    }
}

/// Returns waiting for their day, so each writer writes them in date order into the file of their month.
struct PendingReturns {
    private var byDay: [Int: [AmazonReturn]] = [:]
    /// Waits for the request day.
    mutating func add(_ r: AmazonReturn) { byDay[r.day.epochDay, default: []].append(r) }
    /// Waits for the refund day (dropped when the refund falls after the corpus year).
    mutating func addRefund(_ r: AmazonReturn) {
        if let day = r.refundDay { byDay[day.epochDay, default: []].append(r) }
    }
    /// The returns of `day`, removed.
    mutating func take(_ day: Day) -> [AmazonReturn] { byDay.removeValue(forKey: day.epochDay) ?? [] }
}
