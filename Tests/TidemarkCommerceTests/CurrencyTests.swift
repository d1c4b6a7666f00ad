import Testing
@testable import TidemarkCommerce

@Suite struct CurrencyTests {
    @Test(arguments: ["EUR", "eur", " eur ", "\tEur\t", "EUR\u{A0}"])
    func readsCodesIgnoringCaseAndSurroundingSpace(raw: String) {
        #expect(Currency(code: raw)?.code == "EUR")
    }

    @Test(arguments: ["", "   ", "XYZ", "EURO", "EU", "E UR", "US$", "€", "XAU", "XDR", "XXX"])
    func rejectsUnknownCurrencyCodes(raw: String) {
        #expect(Currency(code: raw) == nil)
    }

    /// ISO 4217 minor units, including the ones that surprise: HUF 2 and ISK 0 per ISO, IQD 3, CLF 4.
    @Test(arguments: [
        ("EUR", 2), ("USD", 2), ("GBP", 2), ("JPY", 0), ("KRW", 0), ("VND", 0), ("ISK", 0), ("CLP", 0),
        ("KWD", 3), ("BHD", 3), ("JOD", 3), ("OMR", 3), ("IQD", 3), ("LYD", 3), ("TND", 3), ("CLF", 4), ("UYW", 4),
        ("HUF", 2), ("IDR", 2), ("XOF", 0), ("XAF", 0), ("XPF", 0), ("UGX", 0), ("PYG", 0), ("TRL", 0),
    ])
    func knowsMinorUnits(code: String, digits: Int) {
        #expect(Currency(code: code)?.minorUnits == digits)
    }

    @Test func constantsAreTheCodesTheyName() {
        #expect(Currency.EUR.code == "EUR" && Currency.EUR.minorUnits == 2)
        #expect(Currency.JPY.minorUnits == 0)
        #expect(Currency("KWD").minorUnits == 3)
        #expect(Currency.USD.description == "USD")
        #expect(Currency.GBP == Currency(code: "gbp"))
    }

    @Test func ordersByCode() {
        #expect(Currency.EUR < Currency.GBP)
        #expect([Currency.USD, .EUR, .JPY, .GBP].sorted().map(\.code) == ["EUR", "GBP", "JPY", "USD"])
    }

    /// Every column of the ECB's eurofxref-hist.csv, retired currencies included, must be readable.
    @Test func readsEveryECBHistoricalColumn() {
        let header = "USD JPY BGN CYP CZK DKK EEK GBP HUF LTL LVL MTL PLN ROL RON SEK SIT SKK CHF ISK NOK HRK RUB TRL TRY "
            + "AUD BRL CAD CNY HKD IDR ILS INR KRW MXN MYR NZD PHP SGD THB ZAR"
        for code in header.split(separator: " ") {
            #expect(Currency(code: String(code)) != nil, "\(code)")
        }
    }

    @Test func tableHoldsOnlyWellFormedCodesWithRoundableMinorUnits() {
        #expect(CurrencyTable.minorUnits.count >= 170)
        for (code, digits) in CurrencyTable.minorUnits {
            #expect(code.count == 3 && code.allSatisfy { $0.isASCII && $0.isUppercase }, "\(code)")
            #expect((0...4).contains(digits), "\(code)")  // Money.rounded(toMinorUnits:) accepts 0...6
        }
    }

    @Test(arguments: [
        ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("￥", "CNY"), ("CN¥", "CNY"), ("RMB", "CNY"), ("rmb", "CNY"),
        ("US$", "USD"), ("us$", "USD"), ("AU $", "AUD"), ("AU\u{A0}$", "AUD"), (" € ", "EUR"), ("A$", "AUD"), ("C$", "CAD"), ("CA$", "CAD"),
        ("NZ$", "NZD"), ("HK$", "HKD"), ("S$", "SGD"), ("NT$", "TWD"), ("R$", "BRL"), ("MX$", "MXN"),
        ("₹", "INR"), ("₩", "KRW"), ("₺", "TRY"), ("₽", "RUB"), ("₱", "PHP"), ("₫", "VND"), ("฿", "THB"),
        ("zł", "PLN"), ("Kč", "CZK"), ("Ft", "HUF"), ("lei", "RON"), ("RM", "MYR"), ("Rp", "IDR"),
    ])
    func readsUnambiguousSymbols(symbol: String, code: String) {
        #expect(Currency.fromSymbol(symbol)?.code == code)
    }

    @Test(arguments: ["$", "kr", "R", "", "DH", "﷼", "Fr"])
    func rejectsAmbiguousOrUnknownSymbols(symbol: String) {
        #expect(Currency.fromSymbol(symbol) == nil)
    }

    @Test func everySymbolNamesAKnownCurrencyAndIsKeyedInLookupForm() {
        for (symbol, code) in CurrencyTable.symbols {
            #expect(CurrencyTable.minorUnits[code] != nil, "\(symbol) → \(code)")
            #expect(symbol == symbol.replacingOccurrences(of: " ", with: "").uppercased(), "\(symbol)")
        }
    }

    @Test func trimsSpacesTabsAndNoBreakSpaces() {
        #expect(" \t a b \u{A0}".trimmingASCIISpaces() == "a b")
        #expect("".trimmingASCIISpaces() == "")
        #expect("   ".trimmingASCIISpaces() == "")
    }
}
