import Foundation
import Testing

@testable import TidemarkPipeline

/// The worker folds every value once, in the order sent, across chunk boundaries; its errors reach the producer;
/// stopping it early neither hangs nor finishes.
@Suite struct ChunkedWorkerTests {
    struct Stop: Error, Equatable { let at: Int }

    @Test func foldsEveryValueInOrderAcrossChunks() throws {
        var seen: [Int] = []
        var chunks = 0
        let worker = ChunkedWorker<Int, [Int]>(
            name: "test-worker", chunkSize: 7, capacity: 2, fold: { chunk in chunks += 1; seen += chunk }, finish: { seen })
        for v in 0..<10_001 { worker.add(v) }
        let result = try worker.result()
        #expect(result == Array(0..<10_001))
        #expect(chunks == 1_429)  // ⌈10,001 / 7⌉
        #expect(worker.finishedAtNanoseconds > 0)  // set by the worker when it ended
    }

    @Test func endOfInputLetsTheWorkerFinishBeforeTheResultIsAskedFor() throws {
        let finished = DispatchSemaphore(value: 0)
        var sum = 0
        let worker = ChunkedWorker<Int, Int>(name: "test-worker", chunkSize: 3, fold: { sum += $0.reduce(0, +) }, finish: { finished.signal(); return sum })
        for v in 1...10 { worker.add(v) }
        worker.endOfInput()
        // The worker finishes on its own (the producer is free to do other work meanwhile).
        #expect(finished.wait(timeout: .now() + 10) == .success)
        #expect(try worker.result() == 55)
    }

    @Test func aFailedFoldReachesTheProducerAndLaterValuesDoNotBlock() {
        var total = 0
        let worker = ChunkedWorker<Int, Int>(
            name: "test-worker", chunkSize: 4, capacity: 1,
            fold: { chunk in
                for v in chunk {
                    if v == 500 { throw Stop(at: v) }
                    total += v
                }
            }, finish: { total })
        // Far more values than the channel holds: after the failure they are dropped, not waited on.
        for v in 0..<100_000 { worker.add(v) }
        #expect(throws: Stop(at: 500)) { try worker.result() }
    }

    @Test func abandoningStopsTheWorkerWithoutFinishing() {
        var finished = false
        let worker = ChunkedWorker<Int, Int>(name: "test-worker", chunkSize: 2, capacity: 1, fold: { _ in }, finish: { finished = true; return 0 })
        for v in 0..<100 { worker.add(v) }
        worker.abandon()
        worker.abandon()  // twice is harmless
        #expect(!finished)
    }
}
