import TidemarkCommerce
import TidemarkIngest

@testable import TidemarkMetrics

/// An amount in cents: `cents(34_99)` = 34.99.
func cents(_ c: Int64) -> Money { Money(micros: c * 10_000) }

enum ReportsTestData {
    static let de = Market(code: "DE")!
    static let us = Market(code: "US")!

    static func row(
        _ month: String, _ market: Market, _ sku: String?, orders: Int, units: Int, gross: Money, discounts: Money = .zero,
        refunds: Money? = nil, cogs: Money?, tax: Money = .zero, platform: Platform = .amazon
    ) -> SalesMarginRow {
        SalesMarginRow(
            month: YearMonth(month)!, market: market, platform: platform, sku: sku, orders: orders, units: units,
            grossSales: gross, discounts: discounts, refunds: refunds, cogs: cogs, taxCollected: tax)
    }

    static func file(
        _ name: String, format: String = "amazon_all_orders", sha256: String, read: Int, loaded: Int, rejected: Int = 0,
        skipped: [String: Int] = [:], superseded: Int = 0, preamble: Int = 0, status: String = "loaded"
    ) -> FileReconciliation {
        var f = FileReconciliation(file: name, sha256: sha256)
        f.format = format
        f.encoding = "utf-8"
        f.delimiter = "\t"
        f.preambleLines = preamble
        f.rowsRead = read
        f.rowsLoaded = loaded
        f.rowsRejected = rejected
        f.skippedReasons = skipped
        f.rowsSkipped = skipped.values.reduce(0, +)
        f.rowsSuperseded = superseded
        f.status = status
        return f
    }

    static func flag(
        _ rule: String, _ severity: Severity, from: String, to: String? = nil, dimensions: [String: String],
        explanation: String, observed: String = ""
    ) -> Flag {
        Flag(
            date: CivilDate(iso: from)!, endDate: CivilDate(iso: to ?? from)!, severity: severity, rule: rule, metric: "m",
            dimensions: dimensions, observed: observed, explanation: explanation)
    }
}
