import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The lock that makes runs on one warehouse exclusive: an advisory `flock` on `<warehouse>.lock`.
///
/// The kernel releases a `flock` when its process ends, however it ends, so a run killed with SIGKILL leaves no
/// stale lock to clear: the next run simply gets it. The file records who holds it (pid, start time, pipeline)
/// so that a refused run can say which run it waited for.
public final class RunLock {
    private let fd: Int32
    /// The lock file.
    public let path: String

    /// Takes the lock at once or throws ``RunLockBusy`` naming the holder.
    public init(warehousePath: String, pipeline: String, startedAt: String) throws {
        path = warehousePath + ".lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RunLockBusy(path: path, holder: "the lock file cannot be opened: \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 512)
            let n = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let holder = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "another run"
            throw RunLockBusy(path: path, holder: holder)
        }
        let note = Array("pid \(getpid()), pipeline \(pipeline), started \(startedAt)\n".utf8)
        _ = ftruncate(fd, 0)
        _ = note.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Another run holds the warehouse.
public struct RunLockBusy: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let holder: String
    public var description: String {
        "another Tidemark run is using this warehouse (\(holder)); this run stopped without changing anything. Lock: \(path)"
    }
}
