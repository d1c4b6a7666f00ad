import Foundation

/// A bounded, ordered hand-over from one producer thread to one consumer thread.
///
/// The producer blocks while the channel holds `capacity` items (so memory stays bounded however fast it reads);
/// the consumer blocks while it is empty. Either side may stop early: the consumer by ``cancel()`` (the producer's
/// next ``send(_:)`` returns `false`), the producer by ``close()`` (the consumer's ``receive()`` returns `nil`
/// once drained).
final class BoundedChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element?]
    private var head = 0
    private var count = 0
    private var closed = false
    private var cancelled = false

    /// A channel holding at most `capacity` items at a time.
    init(capacity: Int) {
        precondition(capacity > 0)
        items = Array(repeating: nil, count: capacity)
    }

    /// Adds an item, waiting while the channel is full. Returns `false` (dropping the item) once the consumer
    /// has cancelled.
    func send(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while count == items.count && !cancelled { condition.wait() }
        if cancelled { return false }
        items[(head + count) % items.count] = element
        count += 1
        condition.broadcast()
        return true
    }

    /// Tells the consumer that nothing more will come.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Takes the oldest item, waiting while the channel is empty; `nil` when it is closed and drained, or cancelled.
    func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while count == 0 && !closed && !cancelled { condition.wait() }
        if cancelled || count == 0 { return nil }
        let element = items[head]
        items[head] = nil
        head = (head + 1) % items.count
        count -= 1
        condition.broadcast()
        return element
    }

    /// Whether ``cancel()`` has been called (so a `nil` from ``receive()`` means "stopped", not "all sent").
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Stops the hand-over from the consumer's side: pending and future items are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        for i in items.indices { items[i] = nil }
        count = 0
        condition.broadcast()
        condition.unlock()
    }
}
