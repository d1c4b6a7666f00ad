import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Dated report folders under a pipeline's output root, the `latest` link, and retention.
enum ReportFolders {
    /// Points `<root>/latest` at `<root>/<name>` atomically (a new link renamed over the old one), and returns the
    /// `latest` path.
    static func pointLatest(root: String, at name: String) throws -> String {
        let latest = root + "/latest"
        let temporary = root + "/.latest.tmp-\(getpid())"
        unlink(temporary)
        guard symlink(name, temporary) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, latest) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: latest])
        }
        return latest
    }

    /// Removes the oldest dated folders (`YYYY-MM-DD`) beyond `keep`, never the one `latest` points at.
    static func applyRetention(root: String, keep: Int?, log: Logger) {
        guard let keep else { return }
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter { name in
            name.count == 10 && name.enumerated().allSatisfy { i, c in (i == 4 || i == 7) ? c == "-" : c.isNumber }
        }.sorted()
        let current = (try? fm.destinationOfSymbolicLink(atPath: root + "/latest")) ?? ""
        for name in names.dropLast(keep) where name != current {
            do {
                try fm.removeItem(atPath: root + "/" + name)
                log.info("reports.removed", metadata: ["folder": "\(root)/\(name)", "retention.keep": "\(keep)"])
            } catch {
                log.warning("reports.not_removed", metadata: ["folder": "\(root)/\(name)", "error": "\(error)"])
            }
        }
    }
}
