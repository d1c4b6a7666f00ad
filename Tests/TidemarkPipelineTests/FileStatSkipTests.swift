import Foundation
import Testing
import TidemarkCommerce
import TidemarkIngest
import TidemarkTestSupport
@testable import TidemarkPipeline
@testable import TidemarkWarehouse

/// A file loaded before and unchanged on disk (path, size, modification time, inode) is known without being read
/// again; a file whose modification time changed is fingerprinted again.
@Suite struct FileStatSkipTests {
    func run(_ d: PipelineDefinition) -> RunOutcome {
        PipelineRunner(
            definition: d, environment: RunEnvironment(now: { PipelineRunnerTests.now }, logger: MemoryLog().logger(), toolVersion: "test", customerKeySecret: "k")
        ).run()
    }

    /// A pipeline over one copy of an Amazon orders fixture, with a warehouse kept between runs.
    func setUp() throws -> (PipelineDefinition, URL) {
        let dir = TestPaths.temporaryDirectory()
        let file = dir.appendingPathComponent("orders.txt")
        try FileManager.default.copyItem(atPath: TestPaths.fixture("amazon/all-orders-2026-09.txt"), toPath: file.path)
        var d = PipelineDefinition.adhoc(output: dir.appendingPathComponent("out").path, inputs: [InputDefinition(pattern: file.path)])
        d.warehousePath = dir.appendingPathComponent("w.sqlite").path
        d.temporaryWarehouse = false
        d.customerKeyFile = dir.appendingPathComponent("key").path
        return (d, file)
    }

    /// Rewrites the file's bytes in place with as many other bytes (same inode and size), then puts its
    /// modification time back to `mtime` (nanoseconds), or leaves the new one when `mtime` is nil.
    func rewriteInPlace(_ file: URL, keepingTime mtime: timespec?) throws {
        var bytes = try Data(contentsOf: file)
        let i = bytes.lastIndex(of: UInt8(ascii: "1"))!
        bytes[i] = UInt8(ascii: "2")
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: bytes)
        try handle.close()
        if let mtime { setTimes(file, mtime) }
    }

    /// Sets the file's access and modification times to `time`.
    func setTimes(_ file: URL, _ time: timespec) {
        var times = [time, time]
        #expect(utimensat(AT_FDCWD, file.path, &times, 0) == 0)
    }

    func modificationTime(_ file: URL) -> timespec {
        var st = stat()
        stat(file.path, &st)
        return st.st_mtim
    }

    @Test func anUnchangedFileIsKnownWithoutBeingHashedAgain() throws {
        let (d, file) = try setUp()
        let first = run(d)
        let loaded = try #require(first.files.first)
        #expect(loaded.rowsLoaded > 0)
        let known = try Warehouse(path: d.warehousePath).fileStats()
        #expect(known[file.path]?.sha256 == loaded.sha256)
        #expect(known[file.path]?.sizeBytes == Int64(try Data(contentsOf: file).count))

        // Other bytes under the same path, size, inode and modification time: taken as the file already loaded
        // (its fingerprint is not computed again, so it is the old one), nothing new is loaded.
        try rewriteInPlace(file, keepingTime: modificationTime(file))
        let second = run(d)
        #expect(second.files.map(\.sha256) == [loaded.sha256])
        #expect(try Fingerprint.sha256(ofFileAt: file.path) != loaded.sha256)
        #expect(try Warehouse(path: d.warehousePath).tableCounts()["file_fingerprints"] == 1)
    }

    @Test func aFileWithAnotherModificationTimeIsHashedAgain() throws {
        let (d, file) = try setUp()
        let first = run(d)
        let loaded = try #require(first.files.first)
        try rewriteInPlace(file, keepingTime: nil)
        var later = modificationTime(file)
        later.tv_sec += 60  // surely another time, however coarse the file system's clock
        setTimes(file, later)
        let second = run(d)
        let now = try Fingerprint.sha256(ofFileAt: file.path)
        #expect(now != loaded.sha256)
        #expect(second.files.map(\.sha256) == [now])
        #expect(try Warehouse(path: d.warehousePath).tableCounts()["file_fingerprints"] == 2)
        #expect(try Warehouse(path: d.warehousePath).fileStats()[file.path]?.sha256 == now)
    }

    @Test func aWarehouseWithoutStatsLearnsThemFromAFileAlreadyLoaded() throws {
        let (d, file) = try setUp()
        let first = run(d)
        let w = try Warehouse(path: d.warehousePath)
        try w.db.execute("DELETE FROM file_stats")  // as a warehouse loaded before schema version 5
        let second = run(d)
        #expect(second.files.map(\.sha256) == first.files.map(\.sha256))
        #expect(try Warehouse(path: d.warehousePath).fileStats()[file.path]?.sha256 == first.files.first?.sha256)
    }
}
