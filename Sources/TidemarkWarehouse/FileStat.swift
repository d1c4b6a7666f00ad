import Foundation

/// How a file looked on disk when it was loaded: its path, size, modification time and inode, with the fingerprint
/// its contents had then. A later run that finds all four unchanged takes the file as the same one without reading it
/// to hash it again (fingerprinting every input of a year would otherwise grow with the year).
public struct FileStat: Hashable, Sendable {
    public var path: String
    public var sizeBytes: Int64
    /// Modification time in nanoseconds since 1970.
    public var modifiedNanoseconds: Int64
    public var inode: Int64
    public var sha256: String

    public init(path: String, sizeBytes: Int64, modifiedNanoseconds: Int64, inode: Int64, sha256: String) {
        self.path = path
        self.sizeBytes = sizeBytes
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
        self.sha256 = sha256
    }

    /// The file at `path` as it is now (with an empty fingerprint), `nil` when it cannot be examined.
    public static func current(path: String) -> FileStat? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStat(
            path: path, sizeBytes: Int64(st.st_size), modifiedNanoseconds: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
            inode: Int64(st.st_ino), sha256: "")
    }

    /// Whether `other` describes the same file in the same state (path, size, modification time and inode).
    public func isUnchanged(from other: FileStat) -> Bool {
        path == other.path && sizeBytes == other.sizeBytes && modifiedNanoseconds == other.modifiedNanoseconds && inode == other.inode
    }
}

extension Warehouse {
    /// The last seen state of every loaded file, by path.
    public func fileStats() throws -> [String: FileStat] {
        let s = try db.prepare("SELECT path, size_bytes, modified_ns, inode, sha256 FROM file_stats")
        var out: [String: FileStat] = [:]
        while try s.step() {
            out[s.text(0)] = FileStat(path: s.text(0), sizeBytes: s.int64(1), modifiedNanoseconds: s.int64(2), inode: s.int64(3), sha256: s.text(4))
        }
        return out
    }

    /// Records how a file whose fingerprint is in the warehouse looks on disk (replacing what was known of its path).
    public func recordFileStat(_ stat: FileStat) throws {
        try db.prepare("INSERT OR REPLACE INTO file_stats VALUES (?, ?, ?, ?, ?)").run([
            .text(stat.path), .int(stat.sizeBytes), .int(stat.modifiedNanoseconds), .int(stat.inode), .text(stat.sha256),
        ])
    }
}
