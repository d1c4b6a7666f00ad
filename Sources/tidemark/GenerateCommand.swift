import ArgumentParser
import Foundation
import TidemarkGenerate

/// `tidemark generate`: writes a deterministic demo/benchmark corpus and a pipeline file that loads it.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic one-year corpus of exports (and DIR/pipeline.yaml) for trying or benchmarking Tidemark.")

    @Option(help: "Size: 1 ≈ 20 000 order lines, 100 ≈ 2 M order lines, 2 M ad rows, 500 k shipment rows. Fractions allowed.")
    var scale: Double = 1

    @Option(help: "Seed: the same seed and scale always give byte-identical files.")
    var seed: UInt64 = 1

    @Option(help: "Number of order lines, overriding the scale's (ads and shipments follow in proportion).")
    var lines: Int?

    @Option(help: "Output folder (created if needed).")
    var out: String

    func validate() throws {
        guard scale > 0 else { throw ValidationError("--scale must be above 0") }
        if let lines, lines < 1 { throw ValidationError("--lines must be at least 1") }
    }

    func run() throws {
        let start = Date()
        let summary = try CorpusGenerator(options: CorpusOptions(scale: scale, seed: seed, orderLines: lines)).write(to: out)
        let seconds = Date().timeIntervalSince(start)
        print(
            "wrote \(summary.files.count) files, \(summary.bytes / 1_000_000) MB to \(out) in \(String(format: "%.1f", seconds)) s: "
                + "\(summary.orderLines) order lines, \(summary.adRows) ad rows, \(summary.shipmentRows) shipment rows")
        print("run it: tidemark run \(out)/pipeline.yaml")
    }
}
