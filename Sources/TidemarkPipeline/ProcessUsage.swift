import Foundation

/// The process's CPU time and peak memory, for the per-stage figures of `run.json`.
public enum ProcessUsage {
    /// User + system CPU time of the whole process (all threads), in milliseconds.
    static func cpuMilliseconds() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Int(usage.ru_utime.tv_sec) * 1000 + Int(usage.ru_utime.tv_usec) / 1000
        let system = Int(usage.ru_stime.tv_sec) * 1000 + Int(usage.ru_stime.tv_usec) / 1000
        return user + system
    }

    /// User + system CPU time of the calling thread alone, in milliseconds (for stages that share the process with
    /// a worker thread).
    static func threadCPUMilliseconds() -> Int {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return 0 }
        return Int(time.tv_sec) * 1000 + Int(time.tv_nsec) / 1_000_000
    }

    /// Hands memory the allocator holds but no longer uses back to the kernel (glibc keeps freed memory of
    /// finished stages mapped otherwise), so that a stage's peak is its own.
    static func returnFreeMemory() {
        _ = mallocTrim?(0)
    }

    /// Makes glibc map every block of 256 KiB or more on its own and unmap it when freed, for the rest of the
    /// process. By default glibc raises that threshold each time such a block is freed (up to 32 MiB), after which the
    /// large arrays the compute stages grow and drop stay in the heap, mapped but unused: at scale 100 about 100 MiB
    /// of the peak resident set. Call once, first thing in `main`. Does nothing where `mallopt` is absent.
    public static func returnLargeBlocksWhenFreed() {
        // M_MMAP_THRESHOLD is -3 in glibc's malloc.h; setting it also turns the dynamic threshold off.
        _ = mallopt?(-3, 256 * 1024)
    }

    /// glibc's `mallopt`, looked up at run time like `malloc_trim`.
    private static let mallopt: (@convention(c) (Int32, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }()

    /// glibc's `malloc_trim`, looked up at run time (it is not in the Glibc module's headers; absent elsewhere).
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    /// Resets the peak resident set to the current one (Linux: `5` into /proc/self/clear_refs); `false` where the
    /// kernel does not allow it, in which case the peak stays the process's peak so far.
    @discardableResult
    static func resetPeakResidentSet() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    /// The peak resident set (VmHWM) in KiB, `nil` where /proc is not available.
    static func peakResidentSetKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst("VmHWM:".count).filter(\.isNumber))
        }
        return nil
    }
}
