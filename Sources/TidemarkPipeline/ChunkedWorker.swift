import Foundation

/// Folds a stream of values on a thread of its own, so that the fold and whatever the producing thread does next
/// use two cores at once.
///
/// The producer (the thread that owns the warehouse connection and reads the rows) calls ``add(_:)`` for each value;
/// values travel in chunks over a ``BoundedChannel``, so at most `chunkSize × (capacity + 2)` of them are held at a
/// time however far ahead the producer runs. The worker calls `fold` with each chunk, in order, then `finish` once;
/// ``result()`` waits for it and returns what `finish` made, or rethrows what `fold` or `finish` threw. The worker
/// must not touch the producer's SQLite connection: everything it needs comes in the values or was read before.
final class ChunkedWorker<Element, Output>: @unchecked Sendable {
    private let channel: BoundedChannel<[Element]>
    private let chunkSize: Int
    private var chunk: [Element] = []
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Output, Error>?
    private var joined = false
    private var inputEnded = false
    /// CPU time of the worker thread, in milliseconds (valid once ``result()`` has returned).
    private(set) var cpuMilliseconds = 0
    /// When the worker finished (`DispatchTime` nanoseconds; valid once ``result()`` has returned).
    private(set) var finishedAtNanoseconds: UInt64 = 0

    /// Values per chunk when not given: as many as fit in 128 KiB (at least 64). A chunk's buffer is handed to the
    /// worker, so every chunk takes a new one: below glibc's mmap threshold (256 KiB, set by
    /// `ProcessUsage.returnLargeBlocksWhenFreed`) it comes from the heap's free lists instead of fresh, zeroed pages
    /// mapped and unmapped for each chunk.
    static var defaultChunkSize: Int { max(64, (128 << 10) / max(1, MemoryLayout<Element>.stride)) }

    /// Starts the worker thread named `name`.
    init(
        name: String, chunkSize: Int = ChunkedWorker.defaultChunkSize, capacity: Int = 4, fold: @escaping ([Element]) throws -> Void,
        finish: @escaping () throws -> Output
    ) {
        precondition(chunkSize > 0)
        self.chunkSize = chunkSize
        channel = BoundedChannel(capacity: capacity)
        chunk.reserveCapacity(chunkSize)
        let channel = self.channel
        let thread = Thread { [self] in
            let result = Result<Output, Error> {
                while let values = channel.receive() { try fold(values) }
                guard !channel.isCancelled else { throw CancellationError() }
                return try finish()
            }
            // A failed fold stops the hand-over; the producer's further values are dropped.
            if case .failure = result { channel.cancel() }
            outcome = result
            cpuMilliseconds = ProcessUsage.threadCPUMilliseconds()
            finishedAtNanoseconds = DispatchTime.now().uptimeNanoseconds
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.name = name
        thread.start()
    }

    deinit { abandon() }

    /// Hands `value` to the worker (in the next chunk). Producer thread only.
    func add(_ value: Element) {
        precondition(!inputEnded, "add(_:) after endOfInput()")
        chunk.append(value)
        if chunk.count == chunkSize { sendChunk() }
    }

    /// Sends what is left and tells the worker nothing more comes, so it can finish while the producer goes on.
    /// Producer thread only; later calls do nothing.
    func endOfInput() {
        guard !inputEnded else { return }
        inputEnded = true
        sendChunk()
        channel.close()
    }

    /// Ends the input (if not done yet), waits for the worker and returns its output. Producer thread only; call
    /// once.
    func result() throws -> Output {
        precondition(!joined, "result() called twice")
        endOfInput()
        done.wait()
        joined = true
        // Handed over, not kept: the caller decides how long the output lives.
        let result = outcome!
        outcome = nil
        return try result.get()
    }

    /// Stops the worker without its output (the producer failed): pending values are dropped. Safe to call twice.
    func abandon() {
        guard !joined else { return }
        channel.cancel()
        done.wait()
        joined = true
    }

    private func sendChunk() {
        guard !chunk.isEmpty else { return }
        _ = channel.send(chunk)
        chunk.removeAll(keepingCapacity: true)
    }
}
