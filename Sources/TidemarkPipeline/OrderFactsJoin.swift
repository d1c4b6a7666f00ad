import TidemarkCommerce
import TidemarkWarehouse


/// The refunds and fees of the warehouse walked beside its order lines, all in the key order (platform, order id) the
/// tables share: a merge join. Each refund or fee is handed over with the market of the order it names (that of the
/// order's last line), once that order's lines have passed, so that no table of order markets (or of fees by order)
/// is ever built: memory stays that of one row per table, however many orders, refunds and fees there are.
///
/// The caller reads the lines in key order, tells ``lineArrived(_:)`` of each line before handling it, and calls
/// ``finish()`` after the last one. A refund or fee naming no order, or an order without lines, is handed over with
/// `nil` before the next order's lines (or at the end).
final class OrderFactsJoin {
    private let refunds: FactCursor<Refund>?
    private let fees: FactCursor<PlatformFee>?
    private let refund: (Refund, Market?) throws -> Void
    private let fee: (PlatformFee, Market?) throws -> Void
    private var nextRefund: Refund?
    private var nextFee: PlatformFee?
    /// The order whose lines are passing and the market of its last line so far.
    private var order: (platform: Platform, id: String, market: Market)?

    /// Opens the refunds (when `refund` is given) and the fees (when `fee` is given) of `warehouse`, with their
    /// provenance when `provenance`; each is handed to its closure with its order's market.
    init(
        _ warehouse: Warehouse, provenance: Bool, refund: ((Refund, Market?) throws -> Void)? = nil,
        fee: ((PlatformFee, Market?) throws -> Void)? = nil
    ) throws {
        refunds = refund == nil ? nil : try warehouse.refunds(provenance: provenance)
        fees = fee == nil ? nil : try warehouse.fees(provenance: provenance)
        self.refund = refund ?? { _, _ in }
        self.fee = fee ?? { _, _ in }
        nextRefund = try refunds?.next()
        nextFee = try fees?.next()
    }

    /// The next order line is about to be handled: when it starts a new order, the refunds and fees up to the
    /// previous order are handed over first.
    func lineArrived(_ line: OrderLine) throws {
        if let o = order, o.id != line.orderID || o.platform != line.platform { try handOver(through: o) }
        order = (line.platform, line.orderID, line.market)
    }

    /// After the last line: hands over the last order's refunds and fees and those after it.
    func finish() throws {
        if let o = order { try handOver(through: o) }
        order = nil
        while let r = nextRefund {
            try refund(r, nil)
            nextRefund = try refunds?.next()
        }
        while let f = nextFee {
            try fee(f, nil)
            nextFee = try fees?.next()
        }
    }

    /// Hands over every refund and fee up to order `o`, whose lines have all passed: those naming it with its
    /// market, those before it with `nil`.
    private func handOver(through o: (platform: Platform, id: String, market: Market)) throws {
        while let r = nextRefund {
            let order = compareOrderKeys(r.platform, r.orderID, o.platform, o.id)
            guard order <= 0 else { break }
            try refund(r, order == 0 ? o.market : nil)
            nextRefund = try refunds?.next()
        }
        while let f = nextFee {
            let order = compareOrderKeys(f.platform, f.orderID ?? "", o.platform, o.id)
            guard order <= 0 else { break }
            try fee(f, order == 0 ? o.market : nil)
            nextFee = try fees?.next()
        }
    }
}
