import Foundation

/// Deterministic Amazon All Orders files of any size, for tests that need a load long enough to interrupt.
public enum GeneratedOrders {
    static let header = "amazon-order-id\tpurchase-date\tlast-updated-date\torder-status\tsales-channel\tproduct-name\tsku\titem-status\tquantity\tcurrency\titem-price\titem-tax\tship-country"

    /// Writes `lines` order lines dated in `month` (`YYYY-MM`), every one `quantity` 1 of SKU `TM-GEN-n` at
    /// `price` EUR on Amazon.de (VAT 0.00, so item amount = price), and returns the file's URL.
    /// Order ids are `<prefix>-<line>`; gross sales of the file = lines × price.
    @discardableResult
    public static func write(to url: URL, lines: Int, month: String, price: String = "10.00", prefix: String = "GEN") throws -> URL {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = header + "\n"
        for i in 0..<lines {
            let day = 1 + i % 28
            let stamp = "\(month)-\(day < 10 ? "0" : "")\(day)T12:00:00+00:00"
            buffer += "\(prefix)-\(i)\t\(stamp)\t\(stamp)\tShipped\tAmazon.de\tGenerated \"\(i % 10)\" item\tTM-GEN-\(i % 20)\tShipped\t1\tEUR\t\(price)\t0.00\tDE\n"
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
        return url
    }
}
