/// A sales market: an ISO 3166-1 alpha-2 country code, or `ZZ` when the market cannot be told.
public struct Market: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The upper-case alpha-2 code, e.g. `DE`; `ZZ` for unknown.
    public let code: String

    /// The unknown market, `ZZ`: loaded, counted and flagged (`market_unknown`), never dropped.
    public static let unknown = Market(uncheckedCode: "ZZ")

    private init(uncheckedCode: String) { self.code = uncheckedCode }

    /// The market with this alpha-2 code, or `nil` if it is not an assigned ISO 3166-1 code.
    public init?(code raw: String) {
        let code = raw.trimmingASCIISpaces().uppercased()
        guard code == "ZZ" || MarketTable.regionByCode[code] != nil else { return nil }
        self.code = code
    }

    /// The market named by `text`: an alpha-2 or alpha-3 code, an English, local-language or Chinese country
    /// name, or a common alias (`UK` → GB, `USA` → US, `美国` → US). `nil` if nothing matches.
    public static func named(_ text: String) -> Market? {
        let key = MarketTable.normalizedKey(text)
        guard !key.isEmpty else { return nil }
        if key.count == 2, MarketTable.regionByCode[key.uppercased()] != nil { return Market(uncheckedCode: key.uppercased()) }
        if let code = MarketTable.codeByName[key] { return Market(uncheckedCode: code) }
        return nil
    }

    /// The market of an Amazon marketplace id (`A1PA6795UKMFR9` → DE) or site name (`Amazon.co.uk` → GB,
    /// `amazon.it` → IT), or `nil` if unknown. Case is ignored.
    public static func amazonMarketplace(_ text: String) -> Market? {
        let key = text.trimmingASCIISpaces()
        if let code = MarketTable.amazonMarketplaceIDs[key.uppercased()] { return Market(uncheckedCode: code) }
        var site = key.lowercased()
        if site.hasPrefix("www.") { site.removeFirst(4) }
        if let code = MarketTable.amazonSites[site] { return Market(uncheckedCode: code) }
        return nil
    }

    /// The world region this market belongs to.
    public var region: Region { MarketTable.regionByCode[code] ?? .unknown }

    public var description: String { code }
    public static func < (a: Market, b: Market) -> Bool { a.code < b.code }
}

/// A world region markets roll up to.
public enum Region: String, Sendable, CaseIterable {
    case northAmerica = "NA"
    case latinAmerica = "LATAM"
    case europe = "EU"
    case unitedKingdom = "UK"
    case middleEastAfrica = "MEA"
    case asiaPacific = "APAC"
    case unknown = "ZZ"
}
