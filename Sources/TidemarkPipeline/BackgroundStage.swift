import Foundation

/// A stage that runs on its own thread beside the main thread's stages (the CLV stage beside metrics and
/// insights, so both cores work once loading is done), measured on its own thread.
///
/// ``wait()`` hands back the value or rethrows the error; it may be called more than once. The stage must be
/// waited for before anything it reads (the warehouse connection) is rolled back or closed.
final class BackgroundStage<Value>: @unchecked Sendable {
    private var outcome: Result<Value, Error>?
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    /// Wall time, this thread's CPU time and the process's peak resident set at the end, once finished.
    private(set) var durationMs = 0
    private(set) var cpuMs = 0
    private(set) var peakRSSKiB: Int?

    /// Starts `body` on a new thread, or runs it here and now when `inline` (a one-core run).
    init(name: String, inline: Bool = false, _ body: @escaping () throws -> Value) {
        let work = { [self] in
            let t0 = DispatchTime.now().uptimeNanoseconds
            let cpu0 = ProcessUsage.threadCPUMilliseconds()
            let result = Result { try body() }
            let duration = Int((DispatchTime.now().uptimeNanoseconds - t0) / 1_000_000)
            let cpu = ProcessUsage.threadCPUMilliseconds() - cpu0
            let peak = ProcessUsage.peakResidentSetKiB()
            lock.lock()
            outcome = result
            durationMs = duration
            cpuMs = cpu
            peakRSSKiB = peak
            lock.unlock()
            finished.signal()
        }
        if inline {
            work()
            return
        }
        let thread = Thread(block: work)
        thread.name = name
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Blocks until the stage is done; its value or its error.
    func wait() throws -> Value {
        finished.wait()
        finished.signal()  // later waits return at once
        lock.lock()
        defer { lock.unlock() }
        return try outcome!.get()
    }
}
