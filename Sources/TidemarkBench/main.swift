// tidemark-bench: benchmarks of single stages, on corpora generated deterministically (never committed).
//
//   swift run -c release tidemark-bench reader [--generate-mb 400] [--file PATH] [--runs 3] [--keep]
//   swift run -c release tidemark-bench pipeline --scale N [--corpus DIR]   (see PipelineBench.swift)
//   swift run -c release tidemark-bench reader-formats --corpus DIR
//
// `reader` writes a 17-column Amazon-orders-like TAB-separated file (raw `"` in product names, trailing tabs,
// CRLF on some rows) and reads it with `CSVReader(.tabUnquoted)`, touching two fields per record, on one thread.
// It prints MB/s, rows/s, wall time and peak RSS of the reader alone, plus libcsv alone for comparison.

import Foundation
import TidemarkCSV
import TidemarkGenerate

#if canImport(Glibc)
    import Glibc
#endif

/// Writes `megabytes` MB of Amazon "All Orders"-like rows to `path`; returns the number of data rows.
func generateOrders(path: String, megabytes: Int) throws -> Int {
    guard let file = fopen(path, "wb") else { throw BenchError("cannot create \(path)") }
    defer { fclose(file) }
    var random = SplitMix64(state: 20_261_001)
    let header = [
        "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
        "fulfillment-channel", "sales-channel", "product-name", "sku", "asin", "item-status", "quantity", "currency",
        "item-price", "item-tax", "shipping-price", "ship-country",
    ]
    let products = [
        "12\" x 18\" Throw Pillow Cover, Linen", "Ceramic Mug 350 ml \"Tidemark\" Edition", "USB-C Cable 2 m",
        "Stainless Steel Water Bottle 750ml", "Yoga Mat 6mm - Non Slip", "Scented Candle \"Sea Breeze\" 200g",
        "LED Desk Lamp with Wireless Charger", "Cotton Tote Bag 38 x 42 cm", "Kinderbuch: Die kleine Möwe",
        "Bouteille isotherme 500 ml, acier", "Phone Case for 6.1\" Display", "Bamboo Cutting Board Set (3 pcs)",
    ]
    let channels = [
        ("Amazon.com", "USD", "US"), ("Amazon.de", "EUR", "DE"), ("Amazon.it", "EUR", "US"),
        ("Amazon.co.uk", "GBP", "GB"), ("Amazon.fr", "EUR", "FR"), ("Amazon.co.jp", "JPY", "JP"),
    ]
    let statuses = ["Shipped", "Shipped", "Shipped", "Pending", "Cancelled"]
    let target = megabytes * 1_000_000
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    buffer.append(contentsOf: header.joined(separator: "\t").utf8)
    buffer.append(0x0A)
    var written = 0
    var rows = 0
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    while written + buffer.count < target {
        let channel = channels[random.below(channels.count)]
        let day = 1 + random.below(28)
        let month = 1 + random.below(12)
        let time = "\(two(random.below(24))):\(two(random.below(60))):\(two(random.below(60)))"
        let orderID =
            "\(100 + random.below(900))-\(1_000_000 + random.below(9_000_000))-\(1_000_000 + random.below(9_000_000))"
        let quantity = 1 + random.below(4)
        let cents = 199 + random.below(20_000)
        let price = "\(cents * quantity / 100).\(two(cents * quantity % 100))"
        let tax = "\(cents * quantity / 500).\(two(cents * quantity / 5 % 100))"
        let shipping = random.below(3) == 0 ? "" : "\(random.below(10)).\(two(random.below(100)))"
        let fields = [
            orderID, random.below(4) == 0 ? "" : "MO-\(random.below(10_000_000))",
            "2026-\(two(month))-\(two(day))T\(time)+00:00", "2026-\(two(month))-\(two(min(day + 1, 28)))T\(time)+00:00",
            statuses[random.below(statuses.count)], random.below(2) == 0 ? "Amazon" : "Merchant", channel.0,
            products[random.below(products.count)], "SKU-\(10_000 + random.below(90_000))",
            "B0\(String(random.next() % 100_000_000, radix: 36, uppercase: true))", statuses[random.below(3)],
            "\(quantity)", channel.1, price, tax, shipping, channel.2,
        ]
        buffer.append(contentsOf: fields.joined(separator: "\t").utf8)
        if random.below(10) == 0 { buffer.append(contentsOf: "\t\t".utf8) }  // trailing tabs, as in real files
        if random.below(4) == 0 { buffer.append(0x0D) }  // some CRLF
        buffer.append(0x0A)
        rows += 1
        if buffer.count >= 1 << 20 {
            guard fwrite(buffer, 1, buffer.count, file) == buffer.count else { throw BenchError("write failed") }
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
    }
    guard fwrite(buffer, 1, buffer.count, file) == buffer.count else { throw BenchError("write failed") }
    return rows
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Peak resident set size of this process in KiB (`VmHWM` in /proc/self/status).
func peakRSSKiB() -> Int { procStatusKiB("VmHWM") }

/// A KiB figure of /proc/self/status (`VmHWM`, `VmRSS`), −1 where it cannot be read.
func procStatusKiB(_ key: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix(key + ":") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
    }
    return -1
}

/// Resets the peak RSS counter (Linux: writing 5 to /proc/self/clear_refs), so the next figure is the reader's.
func resetPeakRSS() {
    if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
        handle.write(Data("5".utf8))
        try? handle.close()
    }
}

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// CPU time (user + system) used by this process so far, in seconds.
func cpuTime() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

/// One measurement: bytes and rows processed, wall and CPU seconds, peak RSS.
struct Measurement {
    var bytes: Int
    var rows: Int
    var wall: Double
    var cpu: Double
    var peakKiB: Int

    func line(_ label: String) -> String {
        func format(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
        return
            "\(label): \(format(Double(bytes) / 1e6 / wall, 1)) MB/s, \(format(Double(rows) / wall / 1e6, 2)) M rows/s, "
            + "\(format(wall, 3)) s wall | by CPU time \(format(Double(bytes) / 1e6 / cpu, 1)) MB/s, "
            + "\(format(cpu, 3)) s | peak RSS \(peakKiB / 1024) MiB"
    }
}

/// Runs `body` and measures it (throughput by wall time, and by CPU time, steadier on a shared machine).
func measure(_ body: () throws -> (bytes: Int, rows: Int)) rethrows -> Measurement {
    resetPeakRSS()
    let wallStart = now()
    let cpuStart = cpuTime()
    let (bytes, rows) = try body()
    return Measurement(
        bytes: bytes, rows: rows, wall: now() - wallStart, cpu: cpuTime() - cpuStart, peakKiB: peakRSSKiB())
}

func runReader(arguments: [String]) throws {
    var megabytes = 400
    var path: String?
    var runs = 3
    var keep = false
    var generateAsked = false
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--generate-mb":
            index += 1
            megabytes = Int(arguments[index]) ?? megabytes
            generateAsked = true
        case "--file":
            index += 1
            path = arguments[index]
        case "--runs":
            index += 1
            runs = Int(arguments[index]) ?? runs
        case "--keep": keep = true
        default: throw BenchError("unknown option \(arguments[index])")
        }
        index += 1
    }
    let file = path ?? FileManager.default.temporaryDirectory.appendingPathComponent("tidemark-bench-orders.tsv").path
    if generateAsked || !FileManager.default.fileExists(atPath: file) {
        let start = now()
        let rows = try generateOrders(path: file, megabytes: megabytes)
        print("generated \(file): \(rows) rows in \(String(format: "%.1f", now() - start)) s")
    } else {
        print("reading existing \(file)")
    }
    defer { if path == nil && !keep { try? FileManager.default.removeItem(atPath: file) } }

    // Runs alternate between the reader and libcsv alone, so machine noise hits both alike; best of N is kept.
    var best: [String: Measurement] = [:]
    let labels = [
        "CSVReader (tabUnquoted, 2 fields touched)", "libcsv alone, counting callbacks, built-in space test",
        "libcsv alone, counting callbacks, space function always on",
    ]
    for run in 1...runs {
        for (index, label) in labels.enumerated() {
            let measurement = try measure {
                switch index {
                case 0:
                    let reader = CSVReader(fileName: "orders.tsv", dialect: .tabUnquoted, encoding: .utf8)
                    var quantities = 0
                    var skuBytes = 0
                    let stats = try reader.read(path: file) { record in
                        // Touch two fields: the quantity (parsed from bytes) and the sku (its length).
                        guard record.count > 11 else { return }
                        var quantity = 0
                        for byte in record[11] where byte >= 0x30 && byte <= 0x39 {
                            quantity = quantity * 10 + Int(byte - 0x30)
                        }
                        quantities &+= quantity
                        skuBytes &+= record[8].count
                    }
                    if run == 1 {
                        print(
                            "  \(stats.records) records, \(stats.physicalLines) lines, "
                                + "checksum \(quantities) / \(skuBytes)")
                    }
                    return (stats.bytesRead, stats.records)
                case 1: return try LibCSVBaseline.parse(path: file, dialect: .tabUnquoted, keepSpaces: false)
                default: return try LibCSVBaseline.parse(path: file, dialect: .tabUnquoted, keepSpaces: true)
                }
            }
            print(measurement.line("run \(run): \(label)"))
            if best[label].map({ measurement.wall < $0.wall }) ?? true { best[label] = measurement }
        }
    }
    print("best of \(runs):")
    for label in labels { print(best[label]!.line("  \(label)")) }
}

/// `read-file PATH`: reads one file with the reader's default limits and prints what it held at most, for the
/// memory-bound tests (a child process, so other tests running in parallel do not move the figure):
/// `records=N problems=K peak_growth_bytes=X`, the growth of the peak resident set above the set at the start.
func runReadFile(arguments: [String]) throws {
    guard let path = arguments.first else { throw BenchError("read-file needs a path") }
    let reader = CSVReader(fileName: (path as NSString).lastPathComponent, dialect: .comma, encoding: .utf8)
    resetPeakRSS()
    let baseline = procStatusKiB("VmRSS")
    var records = 0, problems = 0
    _ = try reader.read(path: path) { record in
        records += 1
        if record.problem != nil { problems += 1 }
    }
    print("records=\(records) problems=\(problems) peak_growth_bytes=\(max(0, peakRSSKiB() - baseline) * 1024)")
}


let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "read-file":
        try runReadFile(arguments: Array(arguments.dropFirst()))
    case "reader":
        try runReader(arguments: Array(arguments.dropFirst()))
    case "pipeline":
        try runPipelineBench(arguments: Array(arguments.dropFirst()))
    case "reader-formats":
        try runReaderFormats(arguments: Array(arguments.dropFirst()))
    default:
        print("usage: tidemark-bench reader [--generate-mb 400] [--file PATH] [--runs 3] [--keep]")
        print("       tidemark-bench pipeline [--scale 1] [--seed 1] [--corpus DIR] [--regenerate] [--runs 1] [--tidemark PATH] [--keep-warehouse]")
        print("       tidemark-bench reader-formats [--scale 1] [--seed 1] [--corpus DIR] [--regenerate] [--runs 1]")
        exit(2)
    }
} catch {
    print("tidemark-bench: \(error)")
    exit(1)
}
