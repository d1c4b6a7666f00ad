import TidemarkCSV
import TidemarkCommerce

/// Tidemark's documented traffic layout, for Shopify/Amazon traffic exports re-shaped by the seller or a mapping:
///
/// ```
/// date,platform,market,sku,impressions,clicks,sessions,page_views,inquiries,add_to_carts
/// 2026-09-15,amazon,US,TM-LAMP-01,,,41,57,,3
/// ```
///
/// Rules: `date` (ISO `YYYY-MM-DD`, or a date-time read in the source zone), `platform` (snake_case name,
/// lower-cased) and `market` (ISO code or country name; empty → the source's default market, else `ZZ`; an
/// unknown name → `ZZ`) are required columns; `sku` and every count column are optional. A count column the
/// file lacks, or an empty cell, is `nil` (not reported), never 0.
enum GenericTraffic {
    static let declaration = FormatDeclaration(
        id: "generic_traffic", title: "Traffic (Tidemark layout)", kind: .traffic, quoting: true,
        signature: ["date", "platform", "market"],
        columns: [
            ColumnSpec("date", ["date"], required: true),
            ColumnSpec("platform", ["platform"], required: true),
            ColumnSpec("market", ["market"], required: true),
            ColumnSpec("sku", ["sku"]),
            ColumnSpec("impressions", ["impressions"]),
            ColumnSpec("clicks", ["clicks"]),
            ColumnSpec("sessions", ["sessions", "visitors"]),
            ColumnSpec("page_views", ["page_views"]),
            ColumnSpec("inquiries", ["inquiries"]),
            ColumnSpec("add_to_carts", ["add_to_carts"]),
        ],
        headerPredicate: { header in
            // At least one count: a file of dates and markets alone is something else.
            ["impressions", "clicks", "sessions", "visitors", "page views", "inquiries", "add to carts"].contains { header.contains($0) }
        },
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    struct Parser: RowParser {
        let ctx: ParseContext
        let iDate, iPlatform, iMarket, iSKU, iImpr, iClicks, iSessions, iViews, iInquiries, iCarts: Int?

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iDate = map.index("date")
            iPlatform = map.index("platform")
            iMarket = map.index("market")
            iSKU = map.index("sku")
            iImpr = map.index("impressions")
            iClicks = map.index("clicks")
            iSessions = map.index("sessions")
            iViews = map.index("page_views")
            iInquiries = map.index("inquiries")
            iCarts = map.index("add_to_carts")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let date = try trafficDate(f, iDate, ctx)
                try checkNotFuture(date, ctx, column: iDate, raw: f.raw(iDate))
                let platformText = try f.requiredText(iPlatform, "the platform")
                let platform = Platform(HeaderName.normalize(platformText).replacingOccurrences(of: " ", with: "_"))
                let market: Market
                if let m = try f.text(iMarket) {
                    market = Market.named(m) ?? .unknown
                } else {
                    market = ctx.defaultMarket ?? .unknown
                }
                return .fact(
                    .traffic(
                        Traffic(
                            provenance: Provenance(file: ctx.fileName, line: record.line), date: date, platform: platform,
                            market: market, sku: try f.text(iSKU), impressions: try f.count(iImpr),
                            clicks: try f.count(iClicks), sessions: try f.count(iSessions), pageViews: try f.count(iViews),
                            inquiries: try f.count(iInquiries), addToCarts: try f.count(iCarts))))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }
    }
}
