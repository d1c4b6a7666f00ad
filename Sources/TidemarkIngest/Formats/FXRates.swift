import TidemarkCSV
import TidemarkCommerce

/// ECB euro reference rates: `eurofxref-hist.csv` (`Date,USD,JPY,…,` with a trailing comma, ISO dates, newest
/// first, `N/A` where a currency is not quoted) and the daily `eurofxref.csv` (`Date, USD, …` with `19 February
/// 2024` dates). Rates are units of currency per 1 EUR. One row yields one fact per quoted currency.
enum ECBReferenceRates {
    static let declaration = FormatDeclaration(
        id: "ecb_eurofxref", title: "ECB euro reference rates", kind: .fxRates, quoting: true,
        signature: ["date"],
        columns: [ColumnSpec("date", ["date"], required: true)],
        headerPredicate: { header in
            // Date first, then at least three currency codes (ECB quotes ~30).
            header.first == "date" && header.dropFirst().filter { Currency(code: $0) != nil }.count >= 3
        },
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    struct Parser: RowParser {
        let ctx: ParseContext
        let iDate: Int
        /// (column, currency) for every column that is a known currency.
        let currencyColumns: [(Int, Currency)]

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iDate = map.index("date") ?? 0
            currencyColumns = map.headerNames.enumerated().compactMap { i, name in
                i == (map.index("date") ?? 0) ? nil : Currency(code: name).map { (i, $0) }
            }
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, .point)
            let rawDate = f.raw(iDate).trimmingASCIISpaces()
            guard let date = ECBReferenceRates.parseDate(rawDate) else {
                return .reject(column: iDate, value: rawDate, reason: "is not a date (expected YYYY-MM-DD or 19 February 2024)")
            }
            var facts: [IngestedFact] = []
            facts.reserveCapacity(currencyColumns.count)
            for (i, currency) in currencyColumns where i < record.count {
                switch ValueParser.scaledDecimal(record[i], scale: 10, separator: .point) {
                case .missing: continue  // N/A: not quoted that day
                case .invalid(let why): return .reject(column: i, value: f.raw(i), reason: why)
                case .value(let n):
                    guard let rate = ExchangeRate(scaled: n.scaled) else {
                        return .reject(column: i, value: f.raw(i), reason: "is not a positive rate")
                    }
                    facts.append(.fxRate(FXRate(date: date, base: .EUR, currency: currency, rate: rate)))
                }
            }
            return .facts(facts)
        }
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// `2024-02-19` or `19 February 2024`.
    static func parseDate(_ text: String) -> CivilDate? {
        if let d = CivilDate(iso: text) { return d }
        let parts = text.split(separator: " ")
        guard parts.count == 3, let day = Int(parts[0]), let year = Int(parts[2]),
            let m = monthNames.firstIndex(of: parts[1].lowercased())
        else { return nil }
        return CivilDate(year: year, month: m + 1, day: day)
    }
}

/// A plain rate table: `date,currency,rate[,base]` — units of `currency` per one unit of `base` (the pipeline's
/// configured FX base, EUR unless set, when the column is absent).
enum PlainFXTable {
    static let declaration = FormatDeclaration(
        id: "fx_rates_table", title: "FX rate table (date, currency, rate)", kind: .fxRates, quoting: true,
        signature: ["date", "currency", "rate"],
        columns: [
            ColumnSpec("date", ["date"], required: true),
            ColumnSpec("currency", ["currency"], required: true),
            ColumnSpec("rate", ["rate"], required: true),
            ColumnSpec("base", ["base"]),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    struct Parser: RowParser {
        let ctx: ParseContext
        let iDate, iCurrency, iRate, iBase: Int?
        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iDate = map.index("date")
            iCurrency = map.index("currency")
            iRate = map.index("rate")
            iBase = map.index("base")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                guard case .value(let date) = DateParser.isoDate(f.bytes(iDate)) else {
                    return .reject(column: iDate ?? 0, value: f.raw(iDate), reason: "is not a date (expected YYYY-MM-DD)")
                }
                let currency = try f.currency(iCurrency)
                let base = try f.text(iBase).map { t -> Currency in
                    guard let c = Currency(code: t) else { throw FieldProblem(column: iBase ?? 0, value: t, reason: "is not an ISO 4217 currency code") }
                    return c
                } ?? ctx.fxBase
                switch ValueParser.scaledDecimal(f.bytes(iRate), scale: 10, separator: ctx.decimalSeparator) {
                case .value(let n):
                    guard let rate = ExchangeRate(scaled: n.scaled) else {
                        return .reject(column: iRate ?? 0, value: f.raw(iRate), reason: "is not a positive rate")
                    }
                    return .fact(.fxRate(FXRate(date: date, base: base, currency: currency, rate: rate)))
                case .missing: return .reject(column: iRate ?? 0, value: "", reason: "is empty: a rate is required")
                case .invalid(let why): return .reject(column: iRate ?? 0, value: f.raw(iRate), reason: why)
                }
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }
    }
}
