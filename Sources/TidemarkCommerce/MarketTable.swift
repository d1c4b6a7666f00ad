/// Country codes, names and aliases, and Amazon marketplaces. Data only.
enum MarketTable {
    /// Lower-cased, trimmed, inner spaces folded: the key names are looked up by.
    static func normalizedKey(_ text: String) -> String {
        text.trimmingASCIISpaces().lowercased().split(whereSeparator: { $0 == " " }).joined(separator: " ")
    }

    static let regionByCode: [String: Region] = [
        "US": .northAmerica, "CA": .northAmerica, "MX": .latinAmerica, "BR": .latinAmerica,
        "GB": .unitedKingdom, "DE": .europe, "FR": .europe, "IT": .europe, "ES": .europe, "NL": .europe,
        "BE": .europe, "SE": .europe, "PL": .europe, "IE": .europe, "AT": .europe, "TR": .middleEastAfrica,
        "AE": .middleEastAfrica, "SA": .middleEastAfrica, "EG": .middleEastAfrica, "ZA": .middleEastAfrica,
        "IN": .asiaPacific, "JP": .asiaPacific, "AU": .asiaPacific, "SG": .asiaPacific, "CN": .asiaPacific,
        "CH": .europe,
    ]

    static let codeByName: [String: String] = [
        "united states": "US", "usa": "US", "us": "US", "united states of america": "US", "美国": "US",
        "united kingdom": "GB", "uk": "GB", "great britain": "GB", "英国": "GB", "gbr": "GB",
        "germany": "DE", "deutschland": "DE", "德国": "DE", "deu": "DE",
        "france": "FR", "法国": "FR", "fra": "FR", "italy": "IT", "italia": "IT", "意大利": "IT",
        "spain": "ES", "españa": "ES", "西班牙": "ES", "japan": "JP", "日本": "JP", "canada": "CA", "加拿大": "CA",
        "australia": "AU", "澳大利亚": "AU", "netherlands": "NL", "nederland": "NL", "荷兰": "NL",
    ]

    static let amazonMarketplaceIDs: [String: String] = [
        "ATVPDKIKX0DER": "US", "A2EUQ1WTGCTBG2": "CA", "A1AM78C64UM0Y8": "MX", "A2Q3Y263D00KWC": "BR",
        "A1F83G8C2ARO7P": "GB", "A1PA6795UKMFR9": "DE", "A13V1IB3VIYZZH": "FR", "APJ6JRA9NG5V4": "IT",
        "A1RKKUPIHCS9HS": "ES", "A1805IZSGTT6HS": "NL", "AMEN7PMS3EDWL": "BE", "A2NODRKZP88ZB9": "SE",
        "A1C3SOZRARQ6R3": "PL", "A28R8C7NBKEWEA": "IE", "A33AVAJ2PDY3EV": "TR", "A2VIGQ35RCS4UG": "AE",
        "A17E79C6D8DWNP": "SA", "ARBP9OOSHTCHU": "EG", "AE08WJ6YKNBMC": "ZA", "A21TJRUUN4KGV": "IN",
        "A1VC38T7YXB528": "JP", "A39IBJ37TRP1C6": "AU", "A19VAU5U5O7RUS": "SG",
    ]

    static let amazonSites: [String: String] = [
        "amazon.com": "US", "amazon.ca": "CA", "amazon.com.mx": "MX", "amazon.com.br": "BR", "amazon.co.uk": "GB",
        "amazon.de": "DE", "amazon.fr": "FR", "amazon.it": "IT", "amazon.es": "ES", "amazon.nl": "NL",
        "amazon.com.be": "BE", "amazon.se": "SE", "amazon.pl": "PL", "amazon.ie": "IE", "amazon.com.tr": "TR",
        "amazon.ae": "AE", "amazon.sa": "SA", "amazon.eg": "EG", "amazon.co.za": "ZA", "amazon.in": "IN",
        "amazon.co.jp": "JP", "amazon.com.au": "AU", "amazon.sg": "SG",
    ]
}
