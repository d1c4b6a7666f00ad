import Foundation

/// Writes a run's outputs into a temporary folder beside the destination and moves it into place only when every
/// file is complete, so readers never see a half-written report.
public final class OutputFolder {
    /// The final folder.
    public let destination: URL
    /// Where files are written until ``commit()``.
    public let staging: URL

    /// Prepares a staging folder next to `destination`.
    public init(destination: URL) throws {
        self.destination = destination
        let parent = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Writes one file into the staging folder; `name` may contain a subfolder (`last_90_days/report.html`).
    public func write(_ name: String, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write(name, raw: $0) }
    }

    /// Writes one text file into the staging folder.
    public func write(_ name: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { try write(name, raw: UnsafeRawBufferPointer($0)) }
    }

    /// Writes `bytes` straight from the caller's storage (files of several MB were copied into a `Data` first, and
    /// texts into an array before that).
    private func write(_ name: String, raw bytes: UnsafeRawBufferPointer) throws {
        let url = staging.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard let base = bytes.baseAddress, bytes.count > 0 else { return try Data().write(to: url) }
        try Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none).write(to: url)
    }

    /// Replaces the destination with the staging folder: the old folder is renamed aside, the new one renamed in,
    /// the old one removed.
    public func commit() throws {
        let fm = FileManager.default
        let aside = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: aside)
        let hadOld = fm.fileExists(atPath: destination.path)
        if hadOld { try fm.moveItem(at: destination, to: aside) }
        do {
            try fm.moveItem(at: staging, to: destination)
        } catch {
            if hadOld { try? fm.moveItem(at: aside, to: destination) }
            throw error
        }
        if hadOld { try? fm.removeItem(at: aside) }
    }

    /// Removes the staging folder (after a failure).
    public func abandon() { try? FileManager.default.removeItem(at: staging) }
}
