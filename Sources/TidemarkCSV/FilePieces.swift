import Glibc

/// Why a file could not be read: the step that failed and the system's error number (`EISDIR` for a directory).
public struct FileReadFailure: Error, Sendable, CustomStringConvertible {
    public enum Step: String, Sendable {
        case open, stat, read
    }
    public let step: Step
    public let code: Int32

    /// The system's description of ``code``.
    public var reason: String { String(cString: strerror(code)) }

    /// What a user is told: the system's reason ("No such file or directory", "Permission denied"), "is a directory".
    public var description: String { code == EISDIR ? "is a directory" : reason }
}

/// A file opened for reading from start to end in pieces, each read into the same buffer: the one `open`/`read`
/// loop of the project (the CSV reader, the fingerprint and the format detector's first bytes all read files this
/// way). A reader allocates one buffer
/// per file, so pieces below glibc's mapping threshold (256 KiB) come from the heap, not fresh pages.
public final class FilePieces {
    private let descriptor: Int32

    /// Opens `path`; a directory is refused (step `.read`, `EISDIR`) before any read.
    public init(path: String) throws(FileReadFailure) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadFailure(step: .open, code: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw FileReadFailure(step: .stat, code: code)
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw FileReadFailure(step: .read, code: EISDIR)
        }
    }

    deinit { close(descriptor) }

    /// Calls `body` with each piece of at most `pieceSize` bytes, in order, to the end of the file. Throws
    /// ``FileReadFailure`` when a read fails (interrupted reads are retried) and rethrows what `body` throws.
    public func forEach(pieceSize: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(pieceSize > 0)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: pieceSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, pieceSize)
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadFailure(step: .read, code: errno)
            }
            try body(UnsafeRawBufferPointer(start: buffer, count: count))
        }
    }
}
