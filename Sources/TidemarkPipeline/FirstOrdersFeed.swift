import TidemarkCommerce
import TidemarkMetrics

/// Each customer's first order, found on the first sales pass instead of a pass of its own, and everything the pass
/// reads handed on to `next` (CLV on its worker).
///
/// The insights need the first orders of all loaded history before their own passes (new customers for acquisition,
/// first-order dates for the funnel's repeat orders). They were read by a scan of every order line of their own, the
/// third over the order lines on the run's thread; the sales pass reads every line in the same key order with its
/// customer key already (for CLV), and ``FirstOrders`` keeps the earliest line per customer whatever the order of
/// adding. The pass runs on the warehouse's thread, so the table is complete, and read only there, once the pass
/// returns. Its size is one entry per customer (about 110 k at scale 100).
final class FirstOrdersFeed: SalesPassFeed {
    private(set) var firstOrders: FirstOrders
    private let next: SalesPassFeed?

    /// An empty table of first orders in `zone`, handing every fact on to `next`.
    init(zone: ReportingTimeZone, passingOn next: SalesPassFeed?) {
        firstOrders = FirstOrders(zone: zone)
        self.next = next
    }

    func add(_ line: OrderLine) {
        firstOrders.add(line)
        next?.add(line)
    }

    func add(_ fee: PlatformFee) { next?.add(fee) }

    func add(_ refund: Refund) { next?.add(refund) }
}
