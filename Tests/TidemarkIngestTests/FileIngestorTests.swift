import Foundation
import Testing
import TidemarkCSV
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkIngest

@Suite("FileIngestor")
struct FileIngestorTests {
    /// Every file of the malformed corpus, as listed in expected_reconciliation.csv.
    static let malformedFiles = [
        "bad_values.txt", "blank_lines.txt", "duplicate_a.txt", "duplicate_b.txt", "empty.txt", "header_only.txt",
        "overlap_newer.txt", "overlap_older.txt", "preamble_and_totals.csv", "quoted_newline.csv", "ragged_rows.txt",
        "semicolon_decimal_comma.csv", "truncated_last_line.txt", "unknown_format.csv", "unterminated_quote.csv",
        "utf16le_bom.csv", "utf8_bom.txt", "windows1252.txt",
    ]

    /// Every readable fixture (demo store and malformed corpus).
    static let readableFiles =
        ["amazon/all-orders-2026-08.txt", "amazon/all-orders-2026-09.txt", "amazon/all-orders-2026-10.txt",
         "fx/eurofxref-hist.csv", "costs/unit_costs.csv"]
        + malformedFiles.filter { $0 != "empty.txt" && $0 != "unknown_format.csv" }.map { "malformed/" + $0 }

    static func run(_ fixture: String) throws -> IngestRun { try ingestFile(TestPaths.fixture(fixture)) }

    static func int(_ row: [String: String], _ key: String) -> Int { Int(row[key] ?? "") ?? -1 }

    // MARK: reconciliation and rejects against the independent expectations

    @Test func expectationsListEveryMalformedFile() {
        #expect(Set(expectedReconciliation.keys) == Set(Self.malformedFiles))
    }

    @Test(arguments: malformedFiles)
    func reconcilesAsExpected(_ file: String) throws {
        let expected = try #require(expectedReconciliation[file])
        let path = TestPaths.fixture("malformed/" + file)
        // the content fingerprint is given independently in the expectations
        #expect(try Fingerprint.sha256(ofFileAt: path) == expected["sha256"])

        let status = expected["status"] ?? ""
        if status == "empty" && expected["format"] == "unknown" || status == "failed" {
            // the file cannot be read as any format: detection says why, nothing is counted
            let error = #expect(throws: IngestError.self) { try ingestFile(path) }
            #expect(error?.code == (status == "empty" ? .empty : .unknownFormat))
            return
        }
        var counts = expected
        if status.hasPrefix("duplicate of ") {
            // Skipping a duplicate is the run's job (by sha256); read alone, the copy reads like its original.
            let original = String(status.dropFirst("duplicate of ".count))
            counts = try #require(expectedReconciliation[original])
            #expect(counts["sha256"] == expected["sha256"])
        }
        let run = try ingestFile(path)
        let rec = run.reconciliation
        #expect(rec.file == file)
        #expect(rec.format == expected["format"])
        #expect(rec.sha256 == expected["sha256"])
        #expect(run.detection.encoding == expectedEncodingNames[expected["encoding"] ?? ""])
        #expect(rec.encoding == run.detection.encoding.rawValue)
        #expect(rec.preambleLines == Self.int(expected, "preamble_lines"))
        #expect(rec.rowsRead == Self.int(counts, "rows_read"))
        #expect(rec.rowsLoaded == Self.int(counts, "rows_loaded"))
        #expect(rec.rowsRejected == Self.int(counts, "rows_rejected"))
        #expect(rec.rowsSkipped == Self.int(counts, "rows_skipped"))
        #expect(rec.status == (status == "empty" ? "empty" : "loaded"))
        // skip reasons: compare the counts, not the wording (`blank line=3` → [3])
        let expectedSkipCounts = (counts["skipped_reasons"] ?? "").split(separator: ";").compactMap { part in
            part.split(separator: "=").last.flatMap { Int($0) }
        }
        #expect(rec.skippedReasons.values.sorted() == expectedSkipCounts.sorted())
        // one fact per loaded row for these formats (no ECB file here)
        #expect(rec.factsProduced == rec.rowsLoaded)
        #expect(run.facts.count == rec.rowsLoaded)
    }

    @Test(arguments: malformedFiles)
    func rejectsExactlyTheExpectedRowsByLineColumnAndValue(_ file: String) throws {
        struct Place: Equatable, CustomStringConvertible {
            var line: Int, column: String, value: String
            var description: String { "\(line) \(column) \"\(value)\"" }
        }
        let want = expectedRejects.filter { $0["file"] == file }.map {
            Place(line: Int($0["line"] ?? "") ?? -1, column: $0["column"] ?? "", value: $0["value"] ?? "")
        }
        guard let run = try? ingestFile(TestPaths.fixture("malformed/" + file)) else {
            #expect(want.isEmpty, "an unreadable file has no row rejects")
            return
        }
        let got = run.reconciliation.rejects.map { Place(line: $0.line, column: $0.column, value: $0.value) }
        #expect(got == want)
        #expect(run.reconciliation.rejects.allSatisfy { $0.file == file && !$0.reason.isEmpty })
    }

    @Test func numbersTheColumnOfARejectFromOne() throws {
        // bad_values.txt line 3: `currency` is the 16th column of the August layout
        let rejects = try Self.run("malformed/bad_values.txt").reconciliation.rejects
        let currency = try #require(rejects.first { $0.line == 3 })
        #expect(currency.columnNumber == 16)
        // ragged_rows.txt line 5: the first extra field is #33
        let ragged = try Self.run("malformed/ragged_rows.txt").reconciliation.rejects
        #expect(ragged.first { $0.line == 5 }?.columnNumber == 33)
    }

    @Test(arguments: readableFiles)
    func balancesRowsReadWithLoadedRejectedAndSkipped(_ file: String) throws {
        let rec = try Self.run(file).reconciliation
        #expect(rec.rowsRead == rec.rowsLoaded + rec.rowsRejected + rec.rowsSkipped)
        #expect(rec.isBalanced)
        #expect(rec.rejects.count == rec.rowsRejected)
        #expect(rec.skippedReasons.values.reduce(0, +) == rec.rowsSkipped)
    }

    @Test(arguments: [
        ("amazon/all-orders-2026-08.txt", 114), ("amazon/all-orders-2026-09.txt", 128),
        ("amazon/all-orders-2026-10.txt", 144), ("costs/unit_costs.csv", 20), ("fx/eurofxref-hist.csv", 87),
    ])
    func loadsEveryRowOfTheDemoStore(_ file: String, _ rows: Int) throws {
        // fixtures/README.md: 114 + 128 + 144 = 386 order lines; 16 unit costs; 87 ECB business days
        let rec = try Self.run(file).reconciliation
        #expect(rec.rowsRead == rows)
        #expect(rec.rowsLoaded == rows)
        #expect(rec.rowsRejected == 0)
        #expect(rec.rowsSkipped == 0)
    }

    // MARK: Amazon All Orders

    static func line(_ run: IngestRun, _ number: Int) throws -> OrderLine {
        try #require(run.orderLines.first { $0.provenance.line == number })
    }

    @Test func loadsARowWithRawQuotesInTheProductNameAndKeepsItsSKU() throws {
        // August line 2: product-name `12" x 18" Pillow Cover, Linen, Sand`, sku TM-PILLOW-18, qty 1, 24.99 USD
        let l = try Self.line(try Self.run("amazon/all-orders-2026-08.txt"), 2)
        #expect(l.orderID == "117-2664434-0882464")
        #expect(l.sku == "TM-PILLOW-18")
        #expect(l.quantity == 1)
        #expect(l.currency == .USD)
        #expect(l.itemAmount == Money(micros: 24_990_000))
    }

    @Test func loadsACancelledLineWithStatusCancelled() throws {
        // August line 49: order and item Cancelled, EUR, empty item-price → loaded, status cancelled, amount 0
        let l = try Self.line(try Self.run("amazon/all-orders-2026-08.txt"), 49)
        #expect(l.orderID == "402-0118538-0056732")
        #expect(l.status == .cancelled)
        #expect(l.quantity == 1)
        #expect(l.itemAmount == .zero)
    }

    @Test func takesTheItemStatusWhenOnlyOneItemOfAShippedOrderIsCancelled() throws {
        // September lines 81/82: order 306-7453020-9817698 Shipped; TM-MUG-SET4 Shipped, TM-VASE-10 Cancelled
        let run = try Self.run("amazon/all-orders-2026-09.txt")
        #expect(try Self.line(run, 81).status == .shipped)
        #expect(try Self.line(run, 82).status == .cancelled)
        #expect(try Self.line(run, 82).sku == "TM-VASE-10")
    }

    @Test func subtractsIncludedVATOnAGermanRow() throws {
        // August line 18, Amazon.de, TM-COASTER-6: item-price 17.99 incl. item-tax 2.87 → 17.99 − 2.87 = 15.12;
        // shipping-price 4.49 incl. shipping-tax 0.72 → 4.49 − 0.72 = 3.77; ship-promotion-discount −4.49 → 4.49
        let l = try Self.line(try Self.run("amazon/all-orders-2026-08.txt"), 18)
        #expect(l.orderID == "306-0955319-5841396")
        #expect(l.market.code == "DE")
        #expect(l.currency == .EUR)
        #expect(l.itemAmount == Money(micros: 15_120_000))
        #expect(l.tax == Money(micros: 3_590_000))  // tax collected: item 2.87 + shipping 0.72 = 3.59
        #expect(l.shippingCharged == Money(micros: 3_770_000))
        #expect(l.discount == Money(micros: 4_490_000))
    }

    @Test func keepsTheItemPriceOnAUSRowWhereTaxIsOnTop() throws {
        // August line 6, Amazon.com, TM-VASE-10 ×4: item-price 90.00 (sales tax 9.23 on top) → 90.00;
        // shipping-price 5.99 → 5.99; tax collected: item 9.23 + shipping tax 0.61 = 9.84
        let l = try Self.line(try Self.run("amazon/all-orders-2026-08.txt"), 6)
        #expect(l.orderID == "114-7032225-2590127")
        #expect(l.market.code == "US")
        #expect(l.quantity == 4)
        #expect(l.itemAmount == Money(micros: 90_000_000))
        #expect(l.tax == Money(micros: 9_840_000))
        #expect(l.shippingCharged == Money(micros: 5_990_000))
        #expect(l.discount == .zero)
    }

    @Test func turnsNegativePromotionsIntoPositiveDiscounts() throws {
        let run = try Self.run("amazon/all-orders-2026-08.txt")
        // line 31, Amazon.co.uk TM-BASKET-L: item-promotion-discount −5.00 → 5.00;
        // item 89.97 − VAT 15.00 = 74.97 GBP
        let basket = try Self.line(run, 31)
        #expect(basket.discount == Money(micros: 5_000_000))
        #expect(basket.itemAmount == Money(micros: 74_970_000))
        #expect(basket.currency == .GBP)
        // line 30, TM-PILLOW-20: ship-promotion-discount −3.99 → 3.99; shipping 3.99 − 0.67 = 3.32
        let pillow = try Self.line(run, 30)
        #expect(pillow.discount == Money(micros: 3_990_000))
        #expect(pillow.shippingCharged == Money(micros: 3_320_000))
    }

    @Test(arguments: ["amazon/all-orders-2026-08.txt", "amazon/all-orders-2026-09.txt", "amazon/all-orders-2026-10.txt"])
    func neverLoadsANegativeDiscount(_ file: String) throws {
        let lines = try Self.run(file).orderLines
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.discount >= .zero })
    }

    @Test func convertsAnOrderTimeWithAnOffsetToUTC() throws {
        // August line 114: 2026-08-31T23:30:00-07:00 = 23:30 + 7 h → 2026-09-01T06:30:00Z (a September order)
        let l = try Self.line(try Self.run("amazon/all-orders-2026-08.txt"), 114)
        #expect(l.orderID == "119-8903273-7928077")
        #expect(l.orderTime.description == "2026-09-01T06:30:00Z")
        #expect(l.orderTime.utcDate == CivilDate(year: 2026, month: 9, day: 1))
        // last-updated-date 2026-09-05T18:47:00-07:00 = 18:47 + 7 h → 2026-09-06T01:47:00Z
        #expect(l.sourceUpdatedAt?.description == "2026-09-06T01:47:00Z")
    }

    @Test func convertsTheJapaneseOrderBackIntoSeptember() throws {
        // fixtures/README.md: 2026-10-01T03:15:00+09:00 (October file) = 03:15 − 9 h → 2026-09-30T18:15:00Z
        let lines = try Self.run("amazon/all-orders-2026-10.txt").orderLines
        let jp = lines.filter { $0.orderTime.description == "2026-09-30T18:15:00Z" }
        #expect(!jp.isEmpty)
        #expect(jp.allSatisfy { $0.currency == .JPY })
    }

    @Test func ignoresTrailingEmptyFieldsBeyondTheHeader() throws {
        // October: CRLF, and every 9th data row ends with an extra empty field; none is rejected
        let rec = try Self.run("amazon/all-orders-2026-10.txt").reconciliation
        #expect(rec.rejects.isEmpty)
    }

    @Test func loadsAnUnknownShipCountryAsZZAndAnEmptyOneFromTheSite() throws {
        // bad_values.txt line 8: ship-country `Atlantis` → ZZ; line 9: empty ship-country, Amazon.de → DE
        let run = try Self.run("malformed/bad_values.txt")
        #expect(try Self.line(run, 8).market == .unknown)
        #expect(try Self.line(run, 9).market.code == "DE")
    }

    @Test func rejectsAFutureDateAgainstTheRunDate() throws {
        // bad_values.txt line 7 is dated 2027-01-05; with a run date of 2027-01-05 it is no longer in the future
        let path = TestPaths.fixture("malformed/bad_values.txt")
        let detection = try FileDetector.detect(path: path, displayName: "bad_values.txt", options: IngestOptions())
        var context = testContext(fileName: "bad_values.txt", separator: detection.decimalSeparator)
        context.runDate = CivilDate(year: 2027, month: 1, day: 5)!
        let rec = try FileIngestor.ingest(path: path, detection: detection, context: context, sha256: "") { _ in }
        // 10 rows: lines 3, 4, 5, 6 still rejected; line 7 now loads → 6 loaded, 4 rejected
        #expect(rec.rowsLoaded == 6)
        #expect(rec.rejects.map(\.line) == [3, 4, 5, 6])
    }

    // MARK: encodings

    /// The product-name field of every record of an Amazon file, read the way detection says to read it.
    static func productNames(_ fixture: String) throws -> [Int: String] {
        let path = TestPaths.fixture(fixture)
        let d = try FileDetector.detect(path: path, displayName: fixture, options: IngestOptions())
        let column = try #require(d.columns.headerNames.firstIndex(of: "product-name"))
        var names: [Int: String] = [:]
        _ = try CSVReader(fileName: fixture, dialect: d.dialect, encoding: d.encoding).read(path: path) { record in
            if record.count > column { names[record.line] = record.string(column) }
        }
        return names
    }

    @Test func decodesWindows1252() throws {
        // E8 → è, FB → û, 96 → – (en dash), 80 → € (ISO-8859-1 would give C1 controls for the last two)
        let names = try Self.productNames("malformed/windows1252.txt")
        #expect(names[2] == "Crème brûlée set – 6 €")
        // 84 → „, 93 → “
        #expect(names[3] == "Tischlampe „Harbor“ 36 cm, Messing")
        let run = try Self.run("malformed/windows1252.txt")
        #expect(run.reconciliation.rowsLoaded == 4)
        #expect(run.orderLines.map(\.sku) == ["TM-MUG-SET4", "TM-LAMP-01", "TM-CANDLE-PINE", "TM-PILLOW-18"])
    }

    @Test func decodesUTF16WithBOM() throws {
        // malformed/README.md: 38.90 CNY, 21.60 USD, 24.10 EUR (DE), 730 JPY (JP); all valid from 2026-02-01
        let costs = try Self.run("malformed/utf16le_bom.csv").unitCosts
        #expect(costs.map(\.sku) == ["TM-PILLOW-18", "TM-LAMP-01", "TM-LAMP-01", "TM-CANDLE-PINE"])
        #expect(costs.map(\.unitCost) == [
            Money(micros: 38_900_000), Money(micros: 21_600_000), Money(micros: 24_100_000), Money(micros: 730_000_000),
        ])
        #expect(costs.map(\.currency.code) == ["CNY", "USD", "EUR", "JPY"])
        #expect(costs.map { $0.market?.code } == [nil, nil, "DE", "JP"])
        #expect(costs.allSatisfy { $0.validFrom == CivilDate(year: 2026, month: 2, day: 1) })
    }

    @Test func readsDecimalCommasWithDotGrouping() throws {
        // 38,50 → 38.50; 23,90 → 23.90; 1.250,00 → 1250.00; 12,50 → 12.50
        let costs = try Self.run("malformed/semicolon_decimal_comma.csv").unitCosts
        #expect(costs.map(\.unitCost) == [
            Money(micros: 38_500_000), Money(micros: 23_900_000), Money(micros: 1_250_000_000), Money(micros: 12_500_000),
        ])
    }

    @Test func numbersLinesPhysicallyAcrossAQuotedNewline() throws {
        // quoted_newline.csv: the record on lines 3–4 loads; the next starts on line 5
        let costs = try Self.run("malformed/quoted_newline.csv").unitCosts
        #expect(costs.map(\.provenance.line) == [2, 3, 5, 7])
    }

    // MARK: ECB rates

    @Test func yieldsOneRatePerQuotedCurrencyAndSkipsNA() throws {
        // BGN is N/A that day; the trailing comma makes an empty last column
        let path = try writeTemporaryFile(
            "eurofxref-hist.csv",
            "Date,USD,JPY,BGN,GBP,\n2026-09-11,1.2106,173.86,N/A,0.8736,\n2026-09-10,1.2004,173.14,N/A,0.8721,\n")
        let run = try ingestFile(path)
        #expect(run.detection.format.id == "ecb_eurofxref")
        #expect(run.reconciliation.rowsLoaded == 2)
        // 2 rows × 3 quoted currencies = 6 rates
        #expect(run.reconciliation.factsProduced == 6)
        let first = run.fxRates.filter { $0.date == CivilDate(year: 2026, month: 9, day: 11) }
        #expect(first.map(\.currency.code) == ["USD", "JPY", "GBP"])
        // rates at 10^-10: 1.2106 → 12_106_000_000; 173.86 → 1_738_600_000_000; 0.8736 → 8_736_000_000
        #expect(first.map(\.rate.scaled) == [12_106_000_000, 1_738_600_000_000, 8_736_000_000])
        #expect(first.allSatisfy { $0.base == .EUR })
    }

    @Test func readsEveryQuotedRateOfTheECBFile() throws {
        // count the rates in the file independently: every value after Date that is neither empty nor N/A
        let path = TestPaths.fixture("fx/eurofxref-hist.csv")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        let quoted = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst().filter { !$0.isEmpty && $0 != "N/A" }.count }
        // 87 rows × 29 quoted currencies = 2523
        #expect(quoted.reduce(0, +) == 2523)
        let run = try ingestFile(path)
        #expect(run.reconciliation.factsProduced == 2523)
        #expect(run.fxRates.count == 2523)
    }

    @Test func readsTheDailyECBLayout() throws {
        // eurofxref.csv: `Date, USD, …` with comma-space separators and `19 February 2024` dates
        let path = try writeTemporaryFile(
            "eurofxref.csv", "Date, USD, JPY, GBP, \n19 February 2024, 1.0771, 161.50, 0.85468, \n")
        let run = try ingestFile(path)
        #expect(run.detection.format.id == "ecb_eurofxref")
        #expect(run.fxRates.map(\.date) == Array(repeating: CivilDate(year: 2024, month: 2, day: 19)!, count: 3))
        // 1.0771 → 10_771_000_000; 161.50 → 1_615_000_000_000; 0.85468 → 8_546_800_000
        #expect(run.fxRates.map(\.rate.scaled) == [10_771_000_000, 1_615_000_000_000, 8_546_800_000])
    }

    @Test func readsAPlainRateTable() throws {
        let path = try writeTemporaryFile("rates.csv", "date,currency,rate,base\n2026-09-11,USD,1.2106,EUR\n2026-09-11,JPY,143.6,USD\n")
        let run = try ingestFile(path)
        #expect(run.detection.format.id == "fx_rates_table")
        #expect(run.fxRates.map(\.base) == [.EUR, .USD])
        // 143.6 → 1_436_000_000_000
        #expect(run.fxRates.map(\.rate.scaled) == [12_106_000_000, 1_436_000_000_000])
    }
}
