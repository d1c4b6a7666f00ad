import TidemarkCSV
import TidemarkCommerce
import TidemarkMetrics

/// The CSV tables added after the first release: `fx_missing.csv`.
extension CSVTables {
    /// Column names of `fx_missing.csv`.
    public static let fxMissingColumns = ["file", "line", "fact", "platform", "order_id", "sku", "market", "date", "currency", "amount", "reason"]

    /// `fx_missing.csv`: every order line, refund and fee left out of the sales figures because no rate converts its
    /// currency on its date (nor in the 7 days before), by file and line. `amount` is in the fact's own currency
    /// (an order line's gross sales: items + shipping, excluding tax).
    public func fxMissing(_ facts: [UnconvertedFact]) -> [UInt8] {
        var w = CSVWriter(options: options)
        w.writeHeader(Self.fxMissingColumns)
        for f in facts {
            w.writeRow([
                .text(f.file), int(f.line), .text(f.kind.rawValue), .text(f.platform.name), .text(f.orderID), .text(f.sku), .text(f.market.code),
                .text(f.date.description), .text(f.currency.code), .number(f.amount.formatted(minorUnits: f.currency.minorUnits)),
                .text("no rate converts \(f.currency.code) to \(currency.code) on \(f.date) or the 7 days before"),
            ])
        }
        return w.bytes
    }
}
