import TidemarkCSV
import TidemarkCommerce

/// A row parser that holds facts back until a later row completes them: a Shopify order's lines (order-level
/// shipping and discount are allocated over all of them) or an eBay multi-item order.
///
/// Such a parser answers a row whose facts it holds back with `.facts([])` (the row is loaded; its facts come
/// later) and hands completed orders out with the next row it loads. The facts still held after the last record
/// come from ``finish()``, which the file ingestor calls once at the end of the file.

/// Splits order-level amounts over an order's lines (metrics.md §3).
enum Allocation {
    /// `total` split over `weights` in proportion: each share but the last rounded half away from zero to the
    /// micro-unit, the last taking the remainder, so the shares add up to `total` exactly. When the weights add up
    /// to zero the total is split equally (the remainder again on the last share).
    static func proportional(_ total: Money, weights: [Money]) -> [Money] {
        guard !weights.isEmpty else { return [] }
        if total.isZero { return weights.map { _ in .zero } }
        let sum = weights.reduce(Int128(0)) { $0 + Int128($1.micros) }
        var shares: [Money] = []
        var given: Int64 = 0
        for (i, w) in weights.enumerated() {
            if i == weights.count - 1 {
                shares.append(Money(micros: total.micros - given))
            } else {
                let share: Int128 =
                    sum == 0
                    ? Money.divideRoundingHalfAwayFromZero(Int128(total.micros), by: Int128(weights.count))
                    : Money.divideRoundingHalfAwayFromZero(Int128(total.micros) * Int128(w.micros), by: sum)
                let s = Int64(share)
                shares.append(Money(micros: s))
                given += s
            }
        }
        return shares
    }
}

/// Currency text next to amounts (`$`, `US $`, `EUR`, `£`, `RMB`) turned into a currency.
enum CurrencyText {
    /// The currency a bare `$` means for a source whose default market is `market`: the dollar of that country
    /// (AU → AUD, CA → CAD …), else US dollars.
    static func dollar(for market: Market?, preferring configured: Currency? = nil) -> Currency {
        let byMarket: [String: String] = [
            "AU": "AUD", "CA": "CAD", "NZ": "NZD", "SG": "SGD", "HK": "HKD", "TW": "TWD", "MX": "MXN",
        ]
        // A source configured in a dollar currency settles a bare `$` for its files.
        if let configured, configured == .USD || byMarket.values.contains(configured.code) { return configured }
        return market.flatMap { byMarket[$0.code] }.flatMap { Currency(code: $0) } ?? .USD
    }

    /// The currency `text` (upper-case, spaces removed, as ``ScaledNumber/currencyText`` gives it) names, `nil`
    /// if none; a bare `$` is `dollar`.
    static func currency(_ text: String, dollar: Currency) -> Currency? {
        if text.isEmpty { return nil }
        if text == "$" { return dollar }
        if let c = Currency(code: text) { return c }
        if text.hasSuffix("$"), let c = Currency(code: String(text.dropLast())) { return c }
        return Currency.fromSymbol(text)
    }
}

extension Fields {
    /// An amount with the currency its text names (`AU $3,000.00` → 3000.00 AUD); `nil` when missing. The
    /// currency is `nil` when the value carries no currency text.
    func amountWithCurrency(_ i: Int?, dollar: Currency) throws -> (Money, Currency?)? {
        switch ValueParser.scaledDecimal(bytes(i), scale: Money.decimalPlaces, separator: separator) {
        case .missing: return nil
        case .invalid(let why): throw FieldProblem(column: i ?? 0, value: raw(i), reason: why)
        case .value(let n):
            if n.isPercent { throw FieldProblem(column: i ?? 0, value: raw(i), reason: "is a percentage, not an amount") }
            if n.currencyText.isEmpty { return (Money(micros: n.scaled), nil) }
            guard let c = CurrencyText.currency(n.currencyText, dollar: dollar) else {
                throw FieldProblem(column: i ?? 0, value: raw(i), reason: "names an unknown currency (\(n.currencyText))")
            }
            return (Money(micros: n.scaled), c)
        }
    }

    /// A timestamp in the first of `patterns` that reads the value (ISO first when `iso` is set); `nil` when
    /// missing. Zone-less readings are wall-clock times in `zone`.
    func patternTimestamp(_ i: Int?, iso: Bool, patterns: [DatePattern], zone: ReportingTimeZone) throws -> Timestamp? {
        let b = bytes(i)
        if iso {
            switch DateParser.isoTimestamp(b, localZone: zone) {
            case .value(let t): return t
            case .missing: return nil
            case .invalid: break
            }
        }
        var firstProblem: String?
        for p in patterns {
            switch p.read(b) {
            case .value(let r): return r.instant(in: zone)
            case .missing: return nil
            case .invalid(let why): if firstProblem == nil || why.contains("zone") { firstProblem = why }
            }
        }
        let expected = ((iso ? ["YYYY-MM-DD HH:MM:SS±HH:MM"] : []) + patterns.map(\.description)).joined(separator: " or ")
        throw FieldProblem(column: i ?? 0, value: raw(i), reason: firstProblem?.contains("zone") == true ? firstProblem! : "is not a date (expected \(expected))")
    }

    /// A calendar date in the first of `patterns` (or ISO `YYYY-MM-DD…`, keeping the date as written); `nil` when
    /// missing. A stated time and offset are ignored: the date as written is the date the export means.
    func patternDate(_ i: Int?, patterns: [DatePattern]) throws -> CivilDate? {
        let b = bytes(i)
        if b.count >= 10, let d = DateParser.civilDate(b, firstNonSpace(b)) {
            return d
        }
        for p in patterns {
            switch p.read(b) {
            case .value(let r): return r.date
            case .missing: return nil
            case .invalid: continue
            }
        }
        if (try text(i)) == nil { return nil }
        throw FieldProblem(column: i ?? 0, value: raw(i), reason: "is not a date (expected \((["YYYY-MM-DD"] + patterns.map(\.description)).joined(separator: " or ")))")
    }

    private func firstNonSpace(_ b: UnsafeRawBufferPointer) -> Int {
        var s = 0
        while s < b.count, b[s] == 0x20 { s += 1 }
        return b.count - s >= 10 ? s : 0
    }

    /// The market a country field names (code, English, local or Chinese name); `nil` when empty, `ZZ` when the
    /// name is not known (loaded and flagged downstream, never dropped).
    func country(_ i: Int?) throws -> Market? {
        guard let t = try text(i) else { return nil }
        return Market.named(t) ?? .unknown
    }

    /// ``country(_:)``, remembered per distinct field.
    func country(_ i: Int?, memo: inout FieldMemo<Market?>) throws -> Market? {
        try memo.value(bytes(i)) { try country(i) }
    }

    /// A whole number that must be present and positive (an order line's quantity).
    func positiveQuantity(_ i: Int?) throws -> Int {
        guard let q = try integer(i) else { throw FieldProblem(column: i ?? 0, value: "", reason: "is empty: a quantity is required") }
        guard q > 0 else {
            throw FieldProblem(column: i ?? 0, value: raw(i), reason: "is not a positive quantity: returns belong in a return or refund export")
        }
        return q
    }
}

extension ParseContext {
    /// The instant a date without a time stands for: noon of that date in the reporting time zone, so that the
    /// fact belongs to that calendar date (metrics.md §2: "dates without time belong to that calendar date").
    func instant(ofDate date: CivilDate) -> Timestamp {
        reportingZone.instant(date: date, hour: 12, minute: 0, second: 0)
    }
}

extension RowOutcome {
    /// The outcome for an error thrown while reading a row.
    static func rejecting(_ error: any Error) -> RowOutcome {
        if let p = error as? FieldProblem { return .rejecting(p) }
        return .reject(column: 0, value: "", reason: "\(error)")
    }
}

/// Common date patterns of the platform exports.
enum PlatformDates {
    static let euDateTimeZone = DatePattern("dd.MM.yyyy HH:mm:ss zzz")!
    static let euDateTime = DatePattern("dd.MM.yyyy HH:mm:ss")!
    static let euDate = DatePattern("dd.MM.yyyy")!
    static let usLong12h = DatePattern("MMM d, yyyy h:mm:ss a zzz")!
    static let ukLong24h = DatePattern("d MMM yyyy HH:mm:ss zzz")!
    static let ebayUS = DatePattern("MMM-dd-yy")!
    static let ebayAU = DatePattern("dd-MMM-yy")!
    static let ebayUSLong = DatePattern("MMM-dd-yyyy")!
    static let slashYMD = DatePattern("yyyy/MM/dd HH:mm:ss")!
    static let slashYMDShort = DatePattern("yyyy/M/d H:mm")!
    static let slashYMDDate = DatePattern("yyyy/MM/dd")!
}

/// Text helpers for matching the words exports use.
enum PlatformText {
    /// Lower-cased letters and digits only: `FBA Per Unit Fulfillment Fee`, `FBAPerUnitFulfillmentFee` and
    /// `fba-per-unit-fulfillment-fee` are one key.
    static func squashed(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.lowercased().unicodeScalars where u.properties.isAlphabetic || (u.value >= 48 && u.value <= 57) {
            out.append(u)
        }
        return String(out)
    }
}
