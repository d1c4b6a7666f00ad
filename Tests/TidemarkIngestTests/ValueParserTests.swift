import Testing
import TidemarkCommerce

@testable import TidemarkIngest

/// One number as an export writes it, and what it means. Micros = value × 1,000,000.
struct NumberCase: Sendable, CustomTestStringConvertible {
    var text: String
    var separator: DecimalSeparator
    var micros: Int64
    var currencyText: String = ""
    var testDescription: String { "\"\(text)\" (\(separator.rawValue))" }
}

/// A text that must not be read as a number, with the separator of the file it appears in.
struct BadNumberCase: Sendable, CustomTestStringConvertible {
    var text: String
    var separator: DecimalSeparator
    var why: String
    var testDescription: String { "\"\(text)\" (\(separator.rawValue)): \(why)" }
}

@Suite("ValueParser")
struct ValueParserTests {
    static let amounts: [NumberCase] = [
        // 1,234.56 = 1234 + 56/100 → 1_234_560_000 micros
        NumberCase(text: "1,234.56", separator: .point, micros: 1_234_560_000),
        NumberCase(text: "1.234,56", separator: .comma, micros: 1_234_560_000),
        NumberCase(text: "1 234,56", separator: .comma, micros: 1_234_560_000),
        // EU settlement amount: 95 + 0/100 → 95_000_000
        NumberCase(text: "95,00", separator: .comma, micros: 95_000_000),
        // 16 + 22/100 → 16_220_000
        NumberCase(text: "$ 16.22", separator: .point, micros: 16_220_000, currencyText: "$"),
        // 3000 + 0/100 → 3_000_000_000; "AU $" with its space removed
        NumberCase(text: "AU $3,000.00", separator: .point, micros: 3_000_000_000, currencyText: "AU$"),
        NumberCase(text: "EUR 90,00", separator: .comma, micros: 90_000_000, currencyText: "EUR"),
        NumberCase(text: "US$5", separator: .point, micros: 5_000_000, currencyText: "US$"),
        NumberCase(text: "12.50 €", separator: .point, micros: 12_500_000, currencyText: "€"),
        // accounting negative: (12.50) = −12.50 → −12_500_000
        NumberCase(text: "(12.50)", separator: .point, micros: -12_500_000),
        NumberCase(text: "-5.00", separator: .point, micros: -5_000_000),
        // U+2212 MINUS SIGN
        NumberCase(text: "\u{2212}5", separator: .point, micros: -5_000_000),
        NumberCase(text: "+7", separator: .point, micros: 7_000_000),
        // surrounding spaces are not part of the value
        NumberCase(text: "  22.99 ", separator: .point, micros: 22_990_000),
        // 0.5 written without its leading zero
        NumberCase(text: ".5", separator: .point, micros: 500_000),
        // JPY amounts have no decimals: 3980 → 3_980_000_000
        NumberCase(text: "3980", separator: .point, micros: 3_980_000_000),
        // six decimals is exactly Money's scale: 0.000001 → 1 micro
        NumberCase(text: "0.000001", separator: .point, micros: 1),
        // Swiss grouping with an apostrophe: 1'234.50 → 1_234_500_000
        NumberCase(text: "1'234.50", separator: .point, micros: 1_234_500_000),
        // two groups: 1,234,567.89 → 1_234_567_890_000
        NumberCase(text: "1,234,567.89", separator: .point, micros: 1_234_567_890_000),
    ]

    @Test(arguments: amounts)
    func readsMoneyWrittenAsExportsWriteIt(_ c: NumberCase) {
        let parsed = withBytes(c.text) { ValueParser.scaledDecimal($0, scale: 6, separator: c.separator) }
        #expect(parsed.value == ScaledNumber(scaled: c.micros, currencyText: c.currencyText, isPercent: false))
        let money = withBytes(c.text) { ValueParser.money($0, separator: c.separator) }
        #expect(money.value == Money(micros: c.micros))
    }

    @Test func readsAPercentageAndMarksIt() {
        // 18.7558 % → 18.7558 × 10^6 = 18_755_800 at scale 6
        let parsed = withBytes("18.7558%") { ValueParser.scaledDecimal($0, scale: 6, separator: .point) }
        #expect(parsed.value == ScaledNumber(scaled: 18_755_800, currencyText: "", isPercent: true))
    }

    @Test func rejectsAPercentageWhereAnAmountIsExpected() {
        let money = withBytes("18.7558%") { ValueParser.money($0, separator: .point) }
        #expect(money.isInvalid)
    }

    @Test(arguments: ["", "   ", "--", " --", "-- ", "-", "N/A", "n/a", " N/A "])
    func readsNoValueMarkersAsMissingNotZero(_ text: String) {
        let money = withBytes(text) { ValueParser.money($0, separator: .point) }
        #expect(money.isMissing)
        let integer = withBytes(text) { ValueParser.integer($0, separator: .point) }
        #expect(integer.isMissing)
    }

    static let badAmounts: [BadNumberCase] = [
        BadNumberCase(text: "12.3O", separator: .point, why: "letter O instead of zero"),
        BadNumberCase(text: "1,23.4", separator: .point, why: "misplaced grouping"),
        BadNumberCase(text: "1.23,4", separator: .comma, why: "misplaced grouping"),
        BadNumberCase(text: "12,50", separator: .point, why: "decimal comma in a point file: a 2-digit group"),
        BadNumberCase(text: "1,234,56", separator: .point, why: "last group of two digits"),
        BadNumberCase(text: "1.2.3", separator: .point, why: "two decimal points"),
        BadNumberCase(text: "1,2,3", separator: .comma, why: "two decimal commas"),
        BadNumberCase(text: "abc", separator: .point, why: "no digits"),
        BadNumberCase(text: "EUR", separator: .point, why: "currency without a number"),
        BadNumberCase(text: "$", separator: .point, why: "symbol without a number"),
        BadNumberCase(text: "1.1234567", separator: .point, why: "7 decimals > scale 6 (never silently rounded)"),
        BadNumberCase(text: "12.50 XYZ", separator: .point, why: "unknown currency text"),
        BadNumberCase(text: "1e5", separator: .point, why: "exponent notation"),
        BadNumberCase(text: "5-", separator: .point, why: "trailing sign"),
        BadNumberCase(text: "--5", separator: .point, why: "two signs"),
        BadNumberCase(text: "(12.50", separator: .point, why: "unclosed parenthesis"),
        BadNumberCase(text: "12.50)", separator: .point, why: "unopened parenthesis"),
        BadNumberCase(text: "12 EUR 50", separator: .point, why: "digits after the currency text"),
        // Int64.max micros is 9,223,372,036,854.775807: one micro more overflows while reading digits
        BadNumberCase(text: "9223372036854.775808", separator: .point, why: "overflow in the digits"),
        // 10^13 units × 10^6 = 10^19 > Int64.max ≈ 9.22 × 10^18: overflows when scaled
        BadNumberCase(text: "10000000000000", separator: .point, why: "overflow when scaling"),
    ]

    @Test(arguments: badAmounts)
    func rejectsTextThatIsNotAnAmount(_ c: BadNumberCase) {
        let money = withBytes(c.text) { ValueParser.money($0, separator: c.separator) }
        #expect(money.isInvalid)
    }

    @Test func readsTheLargestAmountThatFits() {
        // Int64.max = 9_223_372_036_854_775_807 micros
        let money = withBytes("9223372036854.775807") { ValueParser.money($0, separator: .point) }
        #expect(money.value == Money(micros: Int64.max))
    }

    @Test func keepsMoreDecimalsWhenTheScaleAllowsThem() {
        // an ECB rate at scale 10: 1.1558 → 1.1558 × 10^10 = 11_558_000_000
        let rate = withBytes("1.1558") { ValueParser.scaledDecimal($0, scale: 10, separator: .point) }
        #expect(rate.value?.scaled == 11_558_000_000)
    }

    @Test func rejectsALeadingGroupOfMoreThanThreeDigits() {
        // "1234,567" in a point file: a group separator after four digits is misplaced, like "1,23.4". Read as
        // grouping it silently becomes 1,234,567 — the value of a decimal-comma file misdetected as point.
        let money = withBytes("1234,567") { ValueParser.money($0, separator: .point) }
        #expect(money.isInvalid)
    }

    @Test func readsANoBreakSpaceAsAThousandsSeparator() {
        // French exports group thousands with U+00A0 NO-BREAK SPACE: 1 234,56 → 1234 + 56/100 → 1_234_560_000
        let money = withBytes("1\u{00A0}234,56") { ValueParser.money($0, separator: .comma) }
        #expect(money.value == Money(micros: 1_234_560_000))
    }

    @Test func readsANoBreakSpaceBeforeTheCurrencySymbol() {
        // 12,50 € with U+00A0 before €: 12 + 50/100 → 12_500_000
        let money = withBytes("12,50\u{00A0}€") { ValueParser.money($0, separator: .comma) }
        #expect(money.value == Money(micros: 12_500_000))
    }

    // MARK: whole numbers

    struct IntegerCase: Sendable, CustomTestStringConvertible {
        var text: String
        var separator: DecimalSeparator
        var value: Int
        var testDescription: String { "\"\(text)\" (\(separator.rawValue))" }
    }

    static let integers: [IntegerCase] = [
        IntegerCase(text: "1,200", separator: .point, value: 1200),
        IntegerCase(text: "1.200", separator: .comma, value: 1200),
        IntegerCase(text: "3", separator: .point, value: 3),
        IntegerCase(text: " 4 ", separator: .point, value: 4),
        IntegerCase(text: "-1", separator: .point, value: -1),
        IntegerCase(text: "0", separator: .point, value: 0),
    ]

    @Test(arguments: integers)
    func readsWholeNumbersWithGrouping(_ c: IntegerCase) {
        let parsed = withBytes(c.text) { ValueParser.integer($0, separator: c.separator) }
        #expect(parsed.value == c.value)
    }

    @Test(arguments: ["1.5", "2.0", "5 EUR", "$5", "50%", "x", "1,5"])
    func rejectsWholeNumbersWithDecimalsOrUnits(_ text: String) {
        // "1,5" in a point file is a misplaced group, not fifteen
        let parsed = withBytes(text) { ValueParser.integer($0, separator: .point) }
        #expect(parsed.isInvalid)
    }
}
