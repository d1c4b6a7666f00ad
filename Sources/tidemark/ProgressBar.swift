import Foundation
import TidemarkPipeline

/// A one-line progress display on standard error for long loads: file, facts loaded, rate.
enum ProgressBar {
    @Sendable static func draw(_ p: LoadProgress) {
        let rate = p.seconds > 0 ? Int(Double(p.facts) / p.seconds) : 0
        let mb = Double(p.bytes) / 1_048_576
        let line = String(format: "\r  %@  %@ facts  %@ facts/s  (%.1f MB)%@", p.file, grouped(p.facts), grouped(rate), mb, p.done ? "\u{1B}[K\n" : "\u{1B}[K")
        // Only files big enough to wait for get a line of their own.
        if p.done && p.facts < 50_000 { return }
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func grouped(_ n: Int) -> String {
        var digits = String(n)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }
}
