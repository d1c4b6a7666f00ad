/// ISO 4217 active currency codes and their minor units.
enum CurrencyTable {
    static let minorUnits: [String: Int] = [
        "AED": 2, "AUD": 2, "BGN": 2, "BRL": 2, "CAD": 2, "CHF": 2, "CNY": 2, "CZK": 2, "DKK": 2, "EGP": 2,
        "EUR": 2, "GBP": 2, "HKD": 2, "HUF": 2, "IDR": 2, "ILS": 2, "INR": 2, "ISK": 0, "JPY": 0, "KRW": 0,
        "KWD": 3, "MXN": 2, "MYR": 2, "NOK": 2, "NZD": 2, "PHP": 2, "PLN": 2, "RON": 2, "RUB": 2, "SAR": 2,
        "SEK": 2, "SGD": 2, "THB": 2, "TRY": 2, "USD": 2, "ZAR": 2, "BHD": 3, "CLP": 0, "VND": 0, "TWD": 2,
    ]
    static let symbols: [String: String] = [
        "€": "EUR", "£": "GBP", "¥": "JPY", "US$": "USD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
        "A$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "MX$": "MXN", "₹": "INR", "₩": "KRW",
        "CN¥": "CNY", "RMB": "CNY", "￥": "CNY", "ZŁ": "PLN", "KČ": "CZK", "₺": "TRY",
    ]
}
