import TidemarkCSV
import TidemarkCommerce

// Shared pieces of the ad, traffic and logistics formats (issue 4): header names that carry data (a currency,
// an attribution window), calendar days written in several layouts, optional counts, and the shipment
// vocabulary (statuses, charge kinds, weight units).

/// Header cells that carry a value in their name: `Amount spent (EUR)`, `7 Day Total Sales`.
enum HeaderScan {
    /// The first column whose normalised name starts with one of `prefixes` (normalised here), with the
    /// rest of the name after the prefix (`(eur)`), or `nil`.
    static func column(_ headerNames: [String], prefixes: [String]) -> (index: Int, rest: String)? {
        let wanted = prefixes.map(HeaderName.normalize)
        for (i, raw) in headerNames.enumerated() {
            let name = HeaderName.normalize(raw)
            for p in wanted where name.hasPrefix(p) {
                return (i, String(name.dropFirst(p.count)).trimmingASCIISpaces())
            }
        }
        return nil
    }

    /// Whether some normalised header cell starts with one of `prefixes` (already normalised).
    static func has(_ normalizedHeader: [String], prefixes: [String]) -> Bool {
        normalizedHeader.contains { name in prefixes.contains { name.hasPrefix($0) } }
    }

    /// The currency a header names in parentheses: `amount spent (eur)` → EUR; `nil` if none or not ISO 4217.
    static func currencyInParentheses(_ name: String) -> Currency? {
        guard let close = name.lastIndex(of: ")"), let open = name[..<close].lastIndex(of: "(") else { return nil }
        return Currency(code: String(name[name.index(after: open)..<close]))
    }

    /// The attribution window a column name starts with, as the export writes it: `7 Day Total Sales ` →
    /// `7 Day`, `14 Day Total Orders (#)` → `14 Day`; `nil` when the name does not start with `N Day`.
    static func dayWindow(_ raw: String) -> String? {
        let words = raw.trimmingASCIISpaces().split(separator: " ", maxSplits: 2)
        guard words.count >= 2, let n = Int(words[0]), n > 0, words[1].lowercased() == "day" else { return nil }
        return "\(n) \(words[1])"
    }
}

/// Calendar days as ad, traffic and carrier exports write them.
enum DayParser {
    /// Layouts tried in turn after ISO `YYYY-MM-DD`: `Dec 01, 2019`, `December 1, 2019`, `2026/09/15`,
    /// `20260915`. None of them is ambiguous between day and month.
    static let patterns: [DatePattern] = ["MMM d, yyyy", "yyyy/M/d", "yyyyMMdd"].compactMap { DatePattern($0) }

    /// A day written as a date (or a date-time whose time is ignored, e.g. `2026-09-15 00:00:00`): `.missing`
    /// when empty.
    static func day(_ b: UnsafeRawBufferPointer, patterns: [DatePattern] = DayParser.patterns) -> ParsedValue<CivilDate> {
        var s = 0
        var e = b.count
        while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 || b[e - 1] == 0x0D { e -= 1 }
        if s == e { return .missing }
        if e - s >= 10, let d = DateParser.civilDate(b, s), e - s == 10 || b[s + 10] == 0x20 || b[s + 10] == UInt8(ascii: "T") {
            return .value(d)
        }
        for p in patterns {
            if case .value(let r) = p.read(b) { return .value(r.date) }
        }
        return .invalid("is not a date (expected YYYY-MM-DD, Dec 01, 2019, 2026/09/15 or 20260915)")
    }
}

extension Fields {
    /// A calendar day that must be present.
    func day(_ i: Int?, _ what: String, patterns: [DatePattern] = DayParser.patterns) throws -> CivilDate {
        switch DayParser.day(bytes(i), patterns: patterns) {
        case .value(let d): return d
        case .missing: throw FieldProblem(column: i ?? 0, value: "", reason: "is empty: \(what) is required")
        case .invalid(let why): throw FieldProblem(column: i ?? 0, value: raw(i), reason: why)
        }
    }

    /// An optional calendar day.
    func optionalDay(_ i: Int?, patterns: [DatePattern] = DayParser.patterns) throws -> CivilDate? {
        switch DayParser.day(bytes(i), patterns: patterns) {
        case .value(let d): return d
        case .missing: return nil
        case .invalid(let why): throw FieldProblem(column: i ?? 0, value: raw(i), reason: why)
        }
    }

    /// ``day(_:_:patterns:)`` with the default patterns, remembered per distinct field (rows come day by day).
    func day(_ i: Int?, _ what: String, memo: inout FieldMemo<CivilDate>) throws -> CivilDate {
        try memo.value(bytes(i)) { try day(i, what) }
    }

    /// ``optionalDay(_:patterns:)`` with the default patterns, remembered per distinct field.
    func optionalDay(_ i: Int?, memo: inout FieldMemo<CivilDate?>) throws -> CivilDate? {
        try memo.value(bytes(i)) { try optionalDay(i) }
    }

    /// A count that must not be negative; `nil` when the column is absent or the cell empty or `--`.
    func count(_ i: Int?) throws -> Int? {
        guard let v = try integer(i) else { return nil }
        if v < 0 { throw FieldProblem(column: i ?? 0, value: raw(i), reason: "is negative: a count cannot be") }
        return v
    }

    /// An amount whose currency text, if any (`$ 16.22`, `€12.50`, `EUR 3.00`), must agree with `currency`.
    /// A bare `$` is accepted for any dollar currency. `nil` when missing.
    func money(_ i: Int?, in currency: Currency) throws -> Money? {
        switch ValueParser.scaledDecimal(bytes(i), scale: Money.decimalPlaces, separator: separator) {
        case .missing: return nil
        case .invalid(let why): throw FieldProblem(column: i ?? 0, value: raw(i), reason: why)
        case .value(let n):
            if n.isPercent { throw FieldProblem(column: i ?? 0, value: raw(i), reason: "is a percentage, not an amount") }
            let text = n.currencyText
            if !text.isEmpty {
                let named = Currency(code: text) ?? Currency.fromSymbol(text) ?? (text.hasSuffix("$") ? Currency(code: String(text.dropLast())) : nil)
                if let named, named != currency {
                    throw FieldProblem(column: i ?? 0, value: raw(i), reason: "is in \(named.code), but the row's currency is \(currency.code)")
                }
                if named == nil && text == "$" && !currency.code.hasSuffix("D") {
                    throw FieldProblem(column: i ?? 0, value: raw(i), reason: "is in dollars, but the row's currency is \(currency.code)")
                }
            }
            return Money(micros: n.scaled)
        }
    }
}

/// Markets an ad account's currency points to when nothing else names one. Only currencies used by a single
/// Amazon/ads market are listed: EUR (and USD outside the US marketplace) cannot tell a market.
enum CurrencyHome {
    static let marketByCurrency: [String: String] = [
        "USD": "US", "CAD": "CA", "MXN": "MX", "BRL": "BR", "GBP": "GB", "JPY": "JP", "AUD": "AU", "INR": "IN",
        "SEK": "SE", "PLN": "PL", "TRY": "TR", "AED": "AE", "SAR": "SA", "EGP": "EG", "SGD": "SG", "ZAR": "ZA",
    ]

    /// The single market a currency is the home currency of, or `nil` (EUR: many).
    static func market(of currency: Currency) -> Market? {
        marketByCurrency[currency.code].flatMap { Market(code: $0) }
    }
}

/// The words carriers and forwarders use for a parcel's state, charge kinds and weight units.
enum ShipmentVocabulary {
    /// A status word → the canonical status; `nil` if the word is not known (the row is then rejected, never
    /// guessed). An `Exception` is a parcel still in the carrier's network: in transit.
    static func status(_ text: String) -> ShipmentStatus? {
        let key = HeaderName.normalize(text)
        switch key {
        case "delivered", "delivered to recipient", "signed", "pod", "已签收", "妥投", "签收":
            return .delivered
        case "in transit", "intransit", "shipped", "picked up", "label created", "out for delivery", "exception",
            "delivery exception", "customs clearance", "held at customs", "awaiting collection", "in_transit",
            "运输中", "已发货", "转运中":
            return .inTransit
        case "returned", "returned to sender", "return to sender", "rts", "returned to shipper", "return", "已退回", "退件":
            return .returned
        case "lost", "missing", "lost in transit", "丢失", "丢件":
            return .lost
        default:
            return nil
        }
    }

    /// `freight`, `fuel`, `duty`, `tax`, `other` (and a few synonyms) → the canonical charge type.
    static func chargeType(_ text: String) -> ChargeType? {
        switch HeaderName.normalize(text) {
        case "freight", "shipping", "postage", "transportation", "运费": return .freight
        case "fuel", "fuel surcharge", "燃油附加费", "燃油费": return .fuel
        case "duty", "tax", "duties", "vat", "import vat", "customs", "duty tax", "duties and taxes", "关税", "税费", "增值税": return .dutyTax
        case "other", "surcharge", "remote area", "insurance", "其他", "杂费": return .other
        default: return nil
        }
    }

    /// A carrier's free-text charge description → the canonical type: fuel surcharges are `fuel`; duties,
    /// taxes, VAT, GST, customs and brokerage are `dutyTax`; discounts and the base transportation charge are
    /// `freight` (FedEx lists its discounts as negative charges against the transportation charge); everything
    /// else (residential, address correction, delivery area …) is `other`.
    static func classifyDescription(_ text: String) -> ChargeType {
        let d = text.lowercased()
        if d.contains("fuel") { return .fuel }
        for word in ["duty", "duties", "tax", "vat", "gst", "customs", "brokerage", "clearance entry", "import"] where d.contains(word) {
            return .dutyTax
        }
        for word in ["discount", "performance pricing", "transportation", "freight", "base charge"] where d.contains(word) {
            return .freight
        }
        return .other
    }

    /// Grams per unit as an exact fraction (numerator, denominator): kg, g, lb (453.59237 g), oz (28.349523125 g).
    static func gramsPerUnit(_ unit: String) -> (Int128, Int128)? {
        switch unit.trimmingASCIISpaces().lowercased() {
        case "kg", "kgs", "k", "kilogram", "kilograms", "千克", "公斤": return (1000, 1)
        case "g", "gr", "gram", "grams", "克": return (1, 1)
        case "lb", "lbs", "l", "pound", "pounds": return (45_359_237, 100_000)
        case "oz", "ounce", "ounces": return (28_349_523_125, 1_000_000_000)
        default: return nil
        }
    }

    /// A weight with up to six decimals in `unit`, in whole grams rounded half away from zero; `nil` when the
    /// unit is not known.
    static func grams(micros: Int64, unit: String) -> Int? {
        guard let (num, den) = gramsPerUnit(unit) else { return nil }
        let g = Money.divideRoundingHalfAwayFromZero(Int128(micros) * num, by: den * 1_000_000)
        return Int(exactly: g)
    }
}

extension Fields {
    /// A weight column with its unit column (or a fixed unit) → whole grams; `nil` when the weight is empty.
    func weightGrams(_ iWeight: Int?, unitColumn iUnit: Int?, defaultUnit: String? = nil) throws -> Int? {
        switch ValueParser.scaledDecimal(bytes(iWeight), scale: 6, separator: separator) {
        case .missing: return nil
        case .invalid(let why): throw FieldProblem(column: iWeight ?? 0, value: raw(iWeight), reason: why)
        case .value(let n):
            if n.isPercent || !n.currencyText.isEmpty {
                throw FieldProblem(column: iWeight ?? 0, value: raw(iWeight), reason: "is not a weight (write the unit in its own column)")
            }
            if n.scaled < 0 { throw FieldProblem(column: iWeight ?? 0, value: raw(iWeight), reason: "is negative: a weight cannot be") }
            guard let unit = try text(iUnit) ?? defaultUnit else {
                throw FieldProblem(column: iWeight ?? 0, value: raw(iWeight), reason: "has no unit (kg, g, lb or oz)")
            }
            guard let g = ShipmentVocabulary.grams(micros: n.scaled, unit: unit) else {
                throw FieldProblem(column: iUnit ?? iWeight ?? 0, value: unit, reason: "is not a weight unit (kg, g, lb or oz)")
            }
            return g
        }
    }
}
