/// ISO 4217 currency codes and their minor units, and the currency symbols value parsers recognise. Data only.
enum CurrencyTable {
    /// Every active ISO 4217 currency code (List One) with the decimals of its minor unit, plus the retired codes
    /// still found in historical exchange-rate tables.
    ///
    /// Minor units are ISO's, not what people use in cash: HUF and IDR are 2, IQD is 3, ISK and KRW are 0.
    /// Codes ISO lists without a minor unit ("N.A.") are left out, because an amount in them cannot be rounded
    /// for output: precious metals (XAU, XAG, XPT, XPD), the SDR (XDR), the European bond-market units (XBA,
    /// XBB, XBC, XBD), SUCRE (XSU), the ADB unit of account (XUA), and the testing/no-currency codes XTS, XXX.
    /// Funds codes that do have minor units (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW) are kept.
    static let minorUnits: [String: Int] = [
        // Three decimals.
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        // Four decimals: the Chilean and Uruguayan indexed units of account.
        "CLF": 4, "UYW": 4,
        // No decimals.
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
        "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        // Two decimals.
        "AED": 2, "AFN": 2, "ALL": 2, "AMD": 2, "AOA": 2, "ARS": 2, "AUD": 2, "AWG": 2, "AZN": 2, "BAM": 2,
        "BBD": 2, "BDT": 2, "BMD": 2, "BND": 2, "BOB": 2, "BOV": 2, "BRL": 2, "BSD": 2, "BTN": 2, "BWP": 2,
        "BYN": 2, "BZD": 2, "CAD": 2, "CDF": 2, "CHE": 2, "CHF": 2, "CHW": 2, "CNY": 2, "COP": 2, "COU": 2,
        "CRC": 2, "CUP": 2, "CVE": 2, "CZK": 2, "DKK": 2, "DOP": 2, "DZD": 2, "EGP": 2, "ERN": 2, "ETB": 2,
        "EUR": 2, "FJD": 2, "FKP": 2, "GBP": 2, "GEL": 2, "GHS": 2, "GIP": 2, "GMD": 2, "GTQ": 2, "GYD": 2,
        "HKD": 2, "HNL": 2, "HTG": 2, "HUF": 2, "IDR": 2, "ILS": 2, "INR": 2, "IRR": 2, "JMD": 2, "KES": 2,
        "KGS": 2, "KHR": 2, "KPW": 2, "KYD": 2, "KZT": 2, "LAK": 2, "LBP": 2, "LKR": 2, "LRD": 2, "LSL": 2,
        "MAD": 2, "MDL": 2, "MGA": 2, "MKD": 2, "MMK": 2, "MNT": 2, "MOP": 2, "MRU": 2, "MUR": 2, "MVR": 2,
        "MWK": 2, "MXN": 2, "MXV": 2, "MYR": 2, "MZN": 2, "NAD": 2, "NGN": 2, "NIO": 2, "NOK": 2, "NPR": 2,
        "NZD": 2, "PAB": 2, "PEN": 2, "PGK": 2, "PHP": 2, "PKR": 2, "PLN": 2, "QAR": 2, "RON": 2, "RSD": 2,
        "RUB": 2, "SAR": 2, "SBD": 2, "SCR": 2, "SDG": 2, "SEK": 2, "SGD": 2, "SHP": 2, "SLE": 2, "SOS": 2,
        "SRD": 2, "SSP": 2, "STN": 2, "SVC": 2, "SYP": 2, "SZL": 2, "THB": 2, "TJS": 2, "TMT": 2, "TOP": 2,
        "TRY": 2, "TTD": 2, "TWD": 2, "TZS": 2, "UAH": 2, "USD": 2, "USN": 2, "UYU": 2, "UZS": 2, "VED": 2,
        "VES": 2, "WST": 2, "XCD": 2, "XCG": 2, "YER": 2, "ZAR": 2, "ZMW": 2, "ZWG": 2,
        // Bulgaria adopted the euro on 2026-01-01; BGN stays for older orders and rate tables.
        "BGN": 2,
        // Being phased out, kept so exports from the transition still read: ANG (replaced by XCG, Caribbean
        // guilder, 2025), CUC (Cuban convertible peso, withdrawn 2021), SLL (old leone, redenominated to SLE
        // 2022), ZWL (replaced by ZWG, Zimbabwe Gold, 2024).
        "ANG": 2, "CUC": 2, "SLL": 2, "ZWL": 2,
        // Retired: legacy currencies that are columns of the ECB's eurofxref-hist.csv. CYP (Cyprus pound, to
        // EUR 2008), EEK (Estonian kroon, 2011), HRK (Croatian kuna, 2023), LTL (Lithuanian litas, 2015),
        // LVL (Latvian lats, 2014), MTL (Maltese lira, 2008), ROL (old Romanian leu, to RON 2005), SIT (Slovenian
        // tolar, 2007), SKK (Slovak koruna, 2009), TRL (old Turkish lira, to TRY 2005; ISO gave it no decimals).
        "CYP": 2, "EEK": 2, "HRK": 2, "LTL": 2, "LVL": 2, "MTL": 2, "ROL": 2, "SIT": 2, "SKK": 2, "TRL": 0,
    ]

    /// Currency symbols and prefixes that name one currency, keyed upper-case with spaces removed (the form
    /// ``Currency/fromSymbol(_:)`` looks up).
    ///
    /// Left out because several currencies share them: `$` (USD, CAD, AUD, MXN, …), `KR` (SEK, NOK, DKK, ISK),
    /// `R` (ZAR, and the prefix of `R$`), `﷼` (SAR, OMR, QAR, IRR, YER), `DH` (AED, MAD), `FR` (CHF, XOF, …).
    /// Two are ambiguous but mapped anyway, as the seller's exports use them: `¥` is JPY (Japanese exports; a
    /// Chinese export writes `￥`, `CN¥` or `RMB`, which map to CNY), `£` is GBP (not EGP, LBP or SYP), and
    /// `C$` is CAD (Nicaragua's córdoba writes it too).
    static let symbols: [String: String] = [
        // Signs.
        "€": "EUR", "£": "GBP", "¥": "JPY", "￥": "CNY", "₹": "INR", "₩": "KRW", "₺": "TRY", "₽": "RUB",
        "₴": "UAH", "₱": "PHP", "₫": "VND", "฿": "THB", "₪": "ILS", "₦": "NGN", "₸": "KZT", "₾": "GEL",
        "₼": "AZN", "₲": "PYG", "₡": "CRC", "₵": "GHS", "৳": "BDT", "₭": "LAK", "₮": "MNT", "៛": "KHR",
        // Dollar and yen prefixes.
        "US$": "USD", "AU$": "AUD", "A$": "AUD", "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD",
        "S$": "SGD", "SG$": "SGD", "NT$": "TWD", "MX$": "MXN", "R$": "BRL", "CN¥": "CNY", "JP¥": "JPY",
        // Letters.
        "RMB": "CNY", "ZŁ": "PLN", "KČ": "CZK", "FT": "HUF", "LEI": "RON", "RM": "MYR", "RP": "IDR", "E£": "EGP",
    ]
}
