import Testing
@testable import TidemarkCommerce

@Suite struct MarketTests {
    @Test(arguments: [
        // Alpha-2 codes, any case and spacing.
        ("DE", "DE"), ("de", "DE"), (" gb ", "GB"), ("Us", "US"),
        // Alpha-3 codes.
        ("usa", "US"), ("GBR", "GB"), ("deu", "DE"), ("JPN", "JP"), ("Kor", "KR"), ("che", "CH"), ("bra", "BR"),
        // English short names and long forms.
        ("Germany", "DE"), ("GERMANY", "DE"), ("United  States", "US"), ("united states of america", "US"),
        ("Republic of Korea", "KR"), ("South Korea", "KR"), ("Korea, Republic of", "KR"), ("North Korea", "KP"),
        ("Russian Federation", "RU"), ("Russia", "RU"), ("Viet Nam", "VN"), ("Vietnam", "VN"),
        ("Czechia", "CZ"), ("Czech Republic", "CZ"), ("Türkiye", "TR"), ("Turkiye", "TR"), ("Turkey", "TR"),
        ("Holland", "NL"), ("The Netherlands", "NL"), ("Côte d'Ivoire", "CI"), ("Cote d'Ivoire", "CI"),
        ("Ivory Coast", "CI"), ("Trinidad & Tobago", "TT"), ("St. Lucia", "LC"), ("Hong Kong", "HK"),
        ("Taiwan", "TW"), ("Macau", "MO"), ("Iran", "IR"), ("Bolivia", "BO"), ("Democratic Republic of the Congo", "CD"),
        // Aliases.
        ("UK", "GB"), ("U.K.", "GB"), ("USA", "US"), ("U.S.A.", "US"), ("U.S.", "US"), ("Great Britain", "GB"),
        ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"), ("UAE", "AE"),
        ("KSA", "SA"),
        // Local-language names.
        ("Deutschland", "DE"), ("España", "ES"), ("Espana", "ES"), ("Italia", "IT"), ("France", "FR"),
        ("França", "FR"), ("Nederland", "NL"), ("Polska", "PL"), ("Sverige", "SE"), ("Österreich", "AT"),
        ("Schweiz", "CH"), ("Suisse", "CH"), ("Svizzera", "CH"), ("België", "BE"), ("Belgique", "BE"),
        ("Danmark", "DK"), ("Norge", "NO"), ("Suomi", "FI"), ("Éire", "IE"), ("Россия", "RU"), ("日本", "JP"),
        ("대한민국", "KR"), ("한국", "KR"), ("Brasil", "BR"), ("México", "MX"), ("Mexico", "MX"), ("Česko", "CZ"),
        ("Magyarország", "HU"), ("România", "RO"), ("Ελλάδα", "GR"), ("Україна", "UA"), ("Estados Unidos", "US"),
        ("Royaume-Uni", "GB"), ("ประเทศไทย", "TH"), ("Việt Nam", "VN"), ("السعودية", "SA"), ("ישראל", "IL"),
        // Chinese.
        ("美国", "US"), ("英国", "GB"), ("德国", "DE"), ("法国", "FR"), ("意大利", "IT"), ("西班牙", "ES"),
        ("加拿大", "CA"), ("澳大利亚", "AU"), ("荷兰", "NL"), ("比利时", "BE"), ("瑞典", "SE"), ("波兰", "PL"),
        ("俄罗斯", "RU"), ("巴西", "BR"), ("墨西哥", "MX"), ("韩国", "KR"), ("新加坡", "SG"), ("马来西亚", "MY"),
        ("泰国", "TH"), ("越南", "VN"), ("印度", "IN"), ("印度尼西亚", "ID"), ("菲律宾", "PH"), ("沙特阿拉伯", "SA"),
        ("阿联酋", "AE"), ("土耳其", "TR"), ("以色列", "IL"), ("南非", "ZA"), ("新西兰", "NZ"), ("爱尔兰", "IE"),
        ("奥地利", "AT"), ("瑞士", "CH"), ("葡萄牙", "PT"), ("丹麦", "DK"), ("挪威", "NO"), ("芬兰", "FI"),
        ("捷克", "CZ"), ("匈牙利", "HU"), ("罗马尼亚", "RO"), ("希腊", "GR"), ("智利", "CL"), ("阿根廷", "AR"),
        ("哥伦比亚", "CO"), ("秘鲁", "PE"), ("乌克兰", "UA"), ("香港", "HK"), ("中国香港", "HK"), ("台湾", "TW"),
        ("中国台湾", "TW"), ("澳门", "MO"), ("中国", "CN"), ("日本", "JP"), ("美國", "US"), ("澳洲", "AU"),
    ])
    func recognisesCodesNamesAndAliases(text: String, code: String) {
        #expect(Market.named(text)?.code == code)
    }

    /// Unknown or ambiguous names give `nil` rather than a guess.
    @Test(arguments: ["", "   ", "Atlantis", "XX", "ZZ", "Congo", "Korea", "America", "Virgin Islands", "Island", "Narnia 2"])
    func returnsNilForUnknownOrAmbiguousNames(text: String) {
        #expect(Market.named(text) == nil)
    }

    @Test func readsOnlyAssignedAlpha2Codes() {
        #expect(Market(code: "de")?.code == "DE")
        #expect(Market(code: " fr ")?.code == "FR")
        #expect(Market(code: "ZZ") == Market.unknown)
        #expect(Market(code: "UK") == nil)  // reserved, not assigned: GB is the code
        #expect(Market(code: "XX") == nil)
        #expect(Market(code: "DEU") == nil)
    }

    @Test(arguments: [
        ("A1PA6795UKMFR9", "DE"), ("a1pa6795ukmfr9", "DE"), ("ATVPDKIKX0DER", "US"), ("A1F83G8C2ARO7P", "GB"),
        ("A1VC38T7YXB528", "JP"), ("Amazon.it", "IT"), ("AMAZON.CO.UK", "GB"), ("www.amazon.de", "DE"),
        ("WWW.Amazon.com.au", "AU"), (" amazon.com ", "US"), ("amazon.com.mx", "MX"), ("amazon.co.jp", "JP"),
    ])
    func recognisesAmazonMarketplaceIDsAndSites(text: String, code: String) {
        #expect(Market.amazonMarketplace(text)?.code == code)
    }

    @Test(arguments: ["", "amazon.xyz", "ebay.de", "amazon", "A0000000000000", "de"])
    func returnsNilForUnknownMarketplaces(text: String) {
        #expect(Market.amazonMarketplace(text) == nil)
    }

    @Test(arguments: [
        ("GB", Region.unitedKingdom), ("GG", .unitedKingdom), ("JE", .unitedKingdom), ("IM", .unitedKingdom),
        ("GI", .unitedKingdom), ("DE", .europe), ("CH", .europe), ("NO", .europe), ("IS", .europe), ("RU", .europe),
        ("BY", .europe), ("UA", .europe), ("MD", .europe), ("CY", .europe), ("US", .northAmerica), ("CA", .northAmerica),
        ("PM", .northAmerica), ("BM", .northAmerica), ("GL", .northAmerica), ("BR", .latinAmerica), ("MX", .latinAmerica),
        ("PR", .latinAmerica), ("JM", .latinAmerica), ("AE", .middleEastAfrica), ("TR", .middleEastAfrica),
        ("ZA", .middleEastAfrica), ("EG", .middleEastAfrica), ("JP", .asiaPacific), ("KZ", .asiaPacific),
        ("AU", .asiaPacific), ("CN", .asiaPacific), ("ZZ", .unknown),
    ])
    func mapsMarketsToRegions(code: String, region: Region) {
        #expect(Market(code: code)?.region == region)
    }

    @Test func regionCodesAreTheReportLabels() {
        #expect(Region.allCases.map(\.rawValue) == ["NA", "LATAM", "EU", "UK", "MEA", "APAC", "ZZ"])
        #expect(Market.unknown.region.rawValue == "ZZ")
    }

    @Test func coversAllAssignedISOCodes() {
        // ISO 3166-1 has 249 assigned alpha-2 codes.
        #expect(MarketTable.regionByCode.count == 249)
        for code in MarketTable.regionByCode.keys {
            #expect(code.count == 2 && code.allSatisfy { $0.isASCII && $0.isUppercase }, "\(code)")
            #expect(Market.named(code)?.code == code)
            #expect(Market(code: code.lowercased())?.code == code)
        }
        for region in Region.allCases where region != .unknown {
            #expect(MarketTable.regionByCode.values.contains(region), "\(region)")
        }
    }

    @Test func everyNameIsALookupKeyForAKnownCode() {
        #expect(MarketTable.codeByName.count > 1000)
        for (name, code) in MarketTable.codeByName {
            #expect(MarketTable.normalizedKey(name) == name, "\(name) is not in lookup form")
            #expect(MarketTable.regionByCode[code] != nil, "\(name) → \(code)")
            #expect(Market.named(name)?.code == code, "\(name)")
        }
        // Every market has at least one name besides its code.
        #expect(Set(MarketTable.codeByName.values) == Set(MarketTable.regionByCode.keys))
    }

    @Test func amazonTablesNameKnownMarkets() {
        for (id, code) in MarketTable.amazonMarketplaceIDs {
            #expect(id == id.uppercased() && MarketTable.regionByCode[code] != nil, "\(id)")
        }
        for (site, code) in MarketTable.amazonSites {
            #expect(site == site.lowercased() && !site.hasPrefix("www.") && MarketTable.regionByCode[code] != nil)
        }
    }

    @Test func normalizesKeys() {
        #expect(MarketTable.normalizedKey("  United   Kingdom \t") == "united kingdom")
        #expect(MarketTable.normalizedKey("") == "")
    }

    @Test func ordersAndPrintsByCode() {
        #expect(Market(code: "DE")! < Market(code: "FR")!)
        #expect(Market(code: "jp")?.description == "JP")
    }
}
