import Testing
import TidemarkCSV
import TidemarkCommerce
import TidemarkIngest
import TidemarkNormalize

@testable import TidemarkMetrics
@testable import TidemarkReports

private typealias D = ReportsTestData

@Suite("CSVTables")
struct CSVTablesTests {
    /// outputs.md, `sales_margin.csv`, copied by hand.
    static let salesMarginHeader = [
        "month", "market", "platform", "sku", "currency", "orders", "units", "gross_sales", "discounts", "refunds",
        "net_revenue", "cogs", "platform_fees", "fees_estimated", "shipping_fulfilment", "duties", "ad_spend", "gross_margin",
        "gross_margin_pct", "contribution_margin", "contribution_margin_pct", "aov", "units_returned", "return_rate",
        "tax_collected",  // added after outputs.md (CHANGELOG): tax collected is not revenue, so it has its own column
    ]

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
    static func lines(_ bytes: [UInt8]) -> [String] { text(bytes).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func salesMarginIsWrittenByteForByte() {
        let rows = [
            // net 34.99 − 2.50 = 32.49; margin 32.49 − 12.40 = 20.09; 20.09 / 32.49 = 0.61834 → 0.6183; AOV 34.99 / 2 = 17.495 → 17.50
            D.row("2026-01", D.de, "A", orders: 2, units: 3, gross: cents(34_99), discounts: cents(2_50), cogs: cents(12_40), tax: cents(6_65)),
            // no cost: COGS, margin and margin % empty; zero discounts are 0.00, not -0.00
            D.row("2026-02", D.de, "C", orders: 1, units: 1, gross: cents(9_00), cogs: nil),
            // refunds 1.00 written negative; net 10.00 − 0 − 1.00 = 9.00; margin 9.00 − 4.50 = 4.50; 4.5 / 9 = 0.5
            D.row("2026-02", D.us, "B", orders: 1, units: 1, gross: cents(10_00), refunds: cents(1_00), cogs: cents(4_50)),
        ]
        let bytes = CSVTables(currency: .EUR).salesMargin(rows, withSKU: true)
        let expected =
            Self.salesMarginHeader.joined(separator: ",") + "\n"
            + "2026-01,DE,amazon,A,EUR,2,3,34.99,-2.50,,32.49,12.40,,,,,,20.09,0.6183,,,17.50,,,6.65\n"
            + "2026-02,DE,amazon,C,EUR,1,1,9.00,0.00,,9.00,,,,,,,,,,,9.00,,,0.00\n"
            + "2026-02,US,amazon,B,EUR,1,1,10.00,0.00,-1.00,9.00,4.50,,,,,,4.50,0.5000,,,10.00,,,0.00\n"
        #expect(Self.text(bytes) == expected)
        #expect(Self.lines(bytes).dropLast().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 25 })
    }

    @Test func theSummaryDropsOnlyTheSKUColumn() {
        let row = D.row("2026-01", D.de, nil, orders: 2, units: 4, gross: cents(49_99), discounts: cents(2_50), cogs: cents(14_80))
        let lines = Self.lines(CSVTables(currency: .EUR).salesMargin([row], withSKU: false))
        #expect(lines[0] == Self.salesMarginHeader.filter { $0 != "sku" }.joined(separator: ","))
        // net 47.49; margin 32.69; 32.69 / 47.49 = 0.68835… → 0.6884; AOV 49.99 / 2 = 24.995 → 25.00
        #expect(lines[1] == "2026-01,DE,amazon,EUR,2,4,49.99,-2.50,,47.49,14.80,,,,,,32.69,0.6884,,,25.00,,,0.00")
        #expect(lines.count == 3 && lines[2] == "")
    }

    /// (reporting currency, amount in micros, gross_sales as written, discounts as written).
    @Test(arguments: [
        ("EUR", Int64(5_000), "0.01", "-0.01"),  // 0.005 → 0.01, half away from zero
        ("EUR", -5_000, "-0.01", "0.01"),  // -0.005 → -0.01
        ("EUR", 4_999, "0.00", "0.00"),  // 0.004999 → 0.00, and never "-0.00"
        ("EUR", -4_999, "0.00", "0.00"),
        ("EUR", 14_995_000, "15.00", "-15.00"),
        ("EUR", 1_234_567_891_234, "1234567.89", "-1234567.89"),
        ("JPY", 500_000, "1", "-1"),  // 0.5 yen → 1
        ("JPY", -500_000, "-1", "1"),
        ("JPY", 499_999, "0", "0"),
        ("JPY", 1_234_567_890, "1235", "-1235"),  // 1234.56789 → 1235
    ])
    func moneyIsRoundedToTheReportingCurrencysMinorUnitHalfAwayFromZero(
        currency: String, micros: Int64, gross: String, discounts: String
    ) throws {
        let c = try #require(Currency(code: currency))
        let row = D.row("2026-01", D.de, "A", orders: 1, units: 1, gross: Money(micros: micros), discounts: Money(micros: micros), cogs: nil)
        let fields = Self.lines(CSVTables(currency: c).salesMargin([row], withSKU: true))[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields[4] == currency[...])
        #expect(fields[7] == gross[...])
        #expect(fields[8] == discounts[...])
    }

    @Test func aovIsRoundedOnceFromTheExactQuotient() {
        // gross 20.009999 over 2 orders: AOV = 10.0049995 exactly, which rounds to 10.00.
        // Rounding first to millionths (10.005000) and then to cents gives 10.01: double rounding.
        let row = D.row("2026-01", D.de, "A", orders: 2, units: 2, gross: Money(micros: 20_009_999), cogs: nil)
        let fields = Self.lines(CSVTables(currency: .EUR).salesMargin([row], withSKU: true))[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields[7] == "20.01")  // gross itself: 20.009999 → 20.01
        #expect(fields[21] == "10.00")
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2", "'-2"),
        ("\tcmd", "'\tcmd"),
        ("SKU-1", "SKU-1"),  // only a leading character matters
        ("a,b", "\"a,b\""),
    ])
    func formulaLikeTextIsNeutralisedButNumbersStayNumeric(sku: String, written: String) {
        let row = D.row("2026-01", D.de, sku, orders: 1, units: 1, gross: cents(10_00), discounts: cents(2_50), cogs: cents(1_00), platform: Platform("=cmd"))
        let line = Self.lines(CSVTables(currency: .EUR).salesMargin([row], withSKU: true))[1]
        // net 7.50; margin 6.50; 6.5 / 7.5 = 0.86666… → 0.8667; the negative discount stays a plain number.
        #expect(line == "2026-01,DE,'=cmd,\(written),EUR,1,1,10.00,-2.50,,7.50,1.00,,,,,,6.50,0.8667,,,10.00,,,0.00")
    }

    @Test func negativeMarginsStayNumeric() {
        // net 10.00; COGS 12.00 → margin −2.00; −2 / 10 = −0.2
        let row = D.row("2026-01", D.de, "A", orders: 1, units: 1, gross: cents(10_00), cogs: cents(12_00))
        let line = Self.lines(CSVTables(currency: .EUR).salesMargin([row], withSKU: true))[1]
        #expect(line.contains(",-2.00,-0.2000,"))
        #expect(!line.contains("'"))
    }

    @Test func reconciliationHasTheDocumentedColumnsAndOneRowPerFileSortedByName() {
        let files = [
            D.file("orders/b.txt", sha256: "bbb", read: 10, loaded: 7, rejected: 1, skipped: ["totals row": 1, "blank line": 1], superseded: 2, preamble: 3),
            D.file("-a.txt", format: "fx_ecb", sha256: "aaa", read: 0, loaded: 0, status: "empty"),
        ]
        let lines = Self.lines(CSVTables(currency: .EUR).reconciliation(files))
        #expect(lines[0] == "file,format,sha256,encoding,preamble_lines,rows_read,rows_loaded,rows_rejected,rows_skipped,skipped_reasons,rows_superseded,status")
        #expect(lines[1] == "'-a.txt,fx_ecb,aaa,utf-8,0,0,0,0,0,,0,empty")
        #expect(lines[2] == "orders/b.txt,amazon_all_orders,bbb,utf-8,3,10,7,1,2,blank line: 1; totals row: 1,2,loaded")
        #expect(lines.count == 4)
    }

    @Test func rejectsHaveTheDocumentedColumnsAndHostileValuesAreNeutralised() {
        let rejects = [
            RejectedRow(file: "b.txt", line: 9, columnNumber: 2, column: "qty", value: "-2", reason: "returns belong in a return or refund export"),
            RejectedRow(file: "a.txt", line: 7, columnNumber: 5, column: "price", value: "=1+1", reason: "is not a number"),
            RejectedRow(file: "a.txt", line: 7, columnNumber: 3, column: "sku", value: "@x", reason: "r"),
        ]
        let lines = Self.lines(CSVTables(currency: .EUR).rejects(rejects))
        #expect(lines[0] == "file,line,column,value,reason")
        #expect(Array(lines[1...3]) == [
            "a.txt,7,sku,'@x,r",
            "a.txt,7,price,'=1+1,is not a number",
            "b.txt,9,qty,'-2,returns belong in a return or refund export",
        ])
    }

    @Test func fxRatesUsedHaveTheDocumentedColumns() {
        // USD 1.0823 on 2026-01-02 (a Friday), used for Sunday 2026-01-04; GBP 0.8612 used on its own day.
        let table = FXTable(base: .EUR, rates: [
            FXRate(date: CivilDate(iso: "2026-01-02")!, base: .EUR, currency: .USD, rate: ExchangeRate(scaled: 10_823_000_000)!),
            FXRate(date: CivilDate(iso: "2026-01-02")!, base: .EUR, currency: .GBP, rate: ExchangeRate(scaled: 8_612_000_000)!),
        ])
        let converter = CurrencyConverter(table: table, target: .EUR)
        _ = converter.convert(cents(10_00), from: .USD, on: CivilDate(iso: "2026-01-04")!)
        _ = converter.convert(cents(10_00), from: .GBP, on: CivilDate(iso: "2026-01-02")!)
        let lines = Self.lines(CSVTables(currency: .EUR).ratesUsed(Array(converter.used)))
        #expect(lines == [
            "date,currency,rate_date,rate,base",
            "2026-01-02,GBP,2026-01-02,0.8612,EUR",
            "2026-01-04,USD,2026-01-02,1.0823,EUR",
            "",
        ])
    }

    @Test func flagsHaveTheDocumentedColumnsMostSevereFirst() {
        let flags = [
            D.flag("cost_missing", .warning, from: "2026-02-01", to: "2026-02-28", dimensions: ["sku": "=C", "market": "DE"], explanation: "-no cost", observed: "-3.5"),
            D.flag("fx_missing", .critical, from: "2026-02-20", dimensions: ["currency": "USD"], explanation: "No USD rate"),
        ]
        let lines = Self.lines(CSVTables(currency: .EUR).flags(flags))
        #expect(lines[0] == "date,end_date,severity,rule,metric,dimensions,observed,expected,score,explanation")
        #expect(lines[1] == "2026-02-20,2026-02-20,critical,fx_missing,m,currency=USD,,,,No USD rate")
        #expect(lines[2] == "2026-02-01,2026-02-28,warning,cost_missing,m,market=DE;sku==C,-3.5,,,'-no cost")
    }

    @Test func excelOptionsGiveABOMAndCRLF() {
        let row = D.row("2026-01", D.de, "Ä-1", orders: 1, units: 1, gross: cents(10_00), cogs: nil)
        let excel = CSVTables(currency: .EUR, options: .excel).salesMargin([row], withSKU: true)
        #expect(Array(excel.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let body = Self.text(Array(excel.dropFirst(3)))
        #expect(body.hasPrefix("month,market,"))
        #expect(body.hasSuffix(",,,0.00\r\n"))
        // Every LF is preceded by CR, and there are exactly two lines.
        let bytes = Array(excel.dropFirst(3))
        let lfs = bytes.indices.filter { bytes[$0] == 0x0A }
        #expect(lfs.count == 2)
        #expect(lfs.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D })
        #expect(body.contains("Ä-1"))  // UTF-8 kept

        let plain = CSVTables(currency: .EUR).salesMargin([row], withSKU: true)
        #expect(plain.first == UInt8(ascii: "m"))
        #expect(!plain.contains(0x0D))
    }
}
