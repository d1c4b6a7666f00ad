import TidemarkCSV
import TidemarkCommerce

/// Alibaba.com International Station data manager (数据管家) traffic export, in the layout Tidemark documents (no
/// public export layout is known): one row per day × product (or keyword) × country.
///
/// ```
/// 日期,产品名称,商品编码,国家,曝光,点击,访客,询盘
/// 2026-09-15,亚麻抱枕套 45x45,TM-PILLOW-18,美国,1204,37,29,2
/// ```
///
/// Rules:
/// - Chinese or English header names (a file uses one or the other): 日期/Date, 产品名称/Product, 商品编码/SKU,
///   关键词/Keyword, 国家/Country, 曝光/Impressions (exposure), 点击/Clicks, 访客/Visitors, 询盘 or 反馈/Inquiries.
///   Only the date and the exposure, click and inquiry counts are required.
/// - UTF-8, UTF-8 with BOM or GBK/GB18030 (configure GB18030 as the source's fallback encoding).
/// - Counts: a column the file lacks, or an empty or `--` cell, is `nil` (not reported), never 0. Visitors →
///   sessions.
/// - Dates are US Pacific calendar days (the data manager's clock). A day-level count cannot be split across
///   another zone's days, so it keeps the calendar date written (metrics.md §2: a date without a time belongs
///   to that calendar date); a date-time cell is read in the source zone and dated in the reporting zone.
/// - SKU: the 商品编码/SKU column when present, else the product name as written (sellers often name products by
///   their model number; other names need a column mapping). A keyword-level row has no SKU.
/// - Market: 国家/Country in English, local or Chinese names (美国, 德国); unknown names load as `ZZ`; without the
///   column, the source's default market, else `ZZ`. Platform `alibaba`.
enum AlibabaTraffic {
    static let declaration = FormatDeclaration(
        id: "alibaba_traffic", title: "Alibaba.com data manager traffic (Tidemark layout)", kind: .traffic, quoting: true,
        signature: ["date", "impressions", "clicks", "inquiries"],
        columns: [
            ColumnSpec("date", ["日期", "Date", "统计日期"], required: true),
            ColumnSpec("product", ["产品名称", "Product", "Product name", "商品名称"]),
            ColumnSpec("sku", ["商品编码", "SKU", "产品编码", "型号"]),
            ColumnSpec("keyword", ["关键词", "Keyword"]),
            ColumnSpec("country", ["国家", "Country", "国家/地区"]),
            ColumnSpec("impressions", ["曝光", "曝光量", "Impressions", "Exposure"], required: true),
            ColumnSpec("clicks", ["点击", "点击量", "Clicks"], required: true),
            ColumnSpec("visitors", ["访客", "访客数", "Visitors"]),
            ColumnSpec("inquiries", ["询盘", "反馈", "询盘数", "Inquiries", "Feedback"], required: true),
        ],
        headerPredicate: { header in !header.contains("platform") },
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    struct Parser: RowParser {
        let ctx: ParseContext
        let iDate, iProduct, iSKU, iKeyword, iCountry, iImpr, iClicks, iVisitors, iInquiries: Int?

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iDate = map.index("date")
            iProduct = map.index("product")
            iSKU = map.index("sku")
            iKeyword = map.index("keyword")
            iCountry = map.index("country")
            iImpr = map.index("impressions")
            iClicks = map.index("clicks")
            iVisitors = map.index("visitors")
            iInquiries = map.index("inquiries")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let date = try trafficDate(f, iDate, ctx)
                try checkNotFuture(date, ctx, column: iDate, raw: f.raw(iDate))
                let keywordRow = try f.text(iKeyword) != nil && iProduct == nil && iSKU == nil
                let sku = keywordRow ? nil : try f.text(iSKU) ?? f.text(iProduct)
                let market = try f.market(iCountry, fallback: ctx.defaultMarket)
                return .fact(
                    .traffic(
                        Traffic(
                            provenance: Provenance(file: ctx.fileName, line: record.line), date: date, platform: .alibaba,
                            market: market, sku: sku, impressions: try f.count(iImpr), clicks: try f.count(iClicks),
                            sessions: try f.count(iVisitors), pageViews: nil, inquiries: try f.count(iInquiries),
                            addToCarts: nil)))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }
    }
}

/// A traffic row's day: a calendar date as written, or a date-time read in the source zone and dated in the
/// reporting zone.
func trafficDate(_ f: Fields, _ i: Int?, _ ctx: ParseContext) throws -> CivilDate {
    let b = f.bytes(i)
    var n = b.count
    while n > 0, b[n - 1] == 0x20 || b[n - 1] == 0x0D { n -= 1 }
    if n > 10, case .value(let t) = DateParser.isoTimestamp(b, localZone: ctx.sourceZone) {
        return ctx.reportingZone.date(of: t)
    }
    return try f.day(i, "the date")
}
