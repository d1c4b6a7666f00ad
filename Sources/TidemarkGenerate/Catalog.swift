/// A product of the generated seller.
public struct Product: Sendable {
    public let index: Int
    public let sku: String
    public let asin: String
    public let name: String
    /// Reference price in US cents (the other markets derive from it).
    public let priceUSCents: Int
    /// Landed unit cost in CNY fen.
    public let costCNYCents: Int
    /// Popularity weight (a long tail).
    let weight: Double
}

/// An Amazon marketplace of the generated seller.
struct Site {
    let name: String
    let currency: String
    let country: String
    /// Currency decimals.
    let digits: Int
    /// Price factor from US cents to this currency's minor unit.
    let factor: Double
    /// VAT rate in permille included in prices (0: US sales tax on top).
    let vat: Int
    let share: Double
    let cities: [(String, String, String)]
}

/// The products, marketplaces and places of the generated seller, fixed by the seed and the scale.
public struct Catalog: Sendable {
    public let products: [Product]
    /// Cumulative popularity, for weighted picks.
    let cumulative: [Double]

    static let stems: [(String, String)] = [
        ("PILLOW", "12\" x 18\" Pillow Cover, Linen"), ("LAMP", "Harbor Table Lamp 14\", Brass"),
        ("THROW", "Chunky Knit Throw 50\" x 60\""), ("MUG", "Stoneware Mug Set (4 x 12 oz)"),
        ("CANDLE", "Pine & Cedar Soy Candle, 8 oz"), ("TRAY", "Walnut Serving Tray 18\""),
        ("RUG", "Cotton Runner Rug 2' x 3', Striped"), ("BASKET", "Seagrass Storage Basket, Large"),
        ("COASTER", "Slate Coasters, Set of 6"), ("VASE", "Ceramic Bud Vase 6\""),
        ("BLANKET", "Waffle Cotton Blanket, Queen 90\" x 90\""), ("BOARD", "Bamboo Cutting Board Set (3 pcs)"),
    ]
    static let colours = ["Sand", "Oat", "Sea Glass", "Charcoal", "Ivory", "Sage", "Rust", "Navy", "Blush", "Slate"]

    public init(scale: Double, seed: UInt64) {
        var rng = SplitMix64(seed: seed, stream: 2)
        let count = max(12, Int((40 * scale.squareRoot()).rounded()))
        var products: [Product] = []
        var cumulative: [Double] = []
        var total = 0.0
        for i in 0..<count {
            let stem = Self.stems[i % Self.stems.count]
            let colour = Self.colours[(i / Self.stems.count) % Self.colours.count]
            let series = i / (Self.stems.count * Self.colours.count)
            let name = "\(stem.1), \(colour)" + (series > 0 ? " (Series \(series + 1))" : "")
            let sku = "TM-\(stem.0)-\(String(1000 + i))"
            var asin = "B0TM"
            var x = i &* 7919 &+ 104_729
            for _ in 0..<6 {
                let c = x % 36
                asin.append(Character(Unicode.Scalar(UInt8(c < 10 ? 48 + c : 55 + c))))
                x /= 36
            }
            let price = 999 + rng.below(120) * 100 + (rng.chance(0.5) ? 99 : 0) - (rng.chance(0.5) ? 100 : 0)
            let cost = price * 7 * (22 + rng.below(14)) / 100
            let weight = 1.0 / Double(i + 3).squareRoot()
            total += weight
            products.append(
                Product(index: i, sku: sku, asin: asin, name: name, priceUSCents: max(price, 599), costCNYCents: cost, weight: weight))
            cumulative.append(total)
        }
        self.products = products
        self.cumulative = cumulative.map { $0 / total }
    }

    /// A product picked by popularity.
    func pick(_ rng: inout SplitMix64) -> Int {
        let u = rng.unit()
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static let sites: [Site] = [
        Site(name: "Amazon.com", currency: "USD", country: "US", digits: 2, factor: 1, vat: 0, share: 0.42,
             cities: [("Austin", "TX", "78704"), ("Portland", "OR", "97205"), ("Brooklyn", "NY", "11201"), ("Denver", "CO", "80202"), ("Seattle", "WA", "98101")]),
        Site(name: "Amazon.co.uk", currency: "GBP", country: "GB", digits: 2, factor: 0.82, vat: 200, share: 0.14,
             cities: [("Leeds", "", "LS1 4AP"), ("Bristol", "", "BS1 5TR"), ("London", "", "SE1 9SG")]),
        Site(name: "Amazon.de", currency: "EUR", country: "DE", digits: 2, factor: 0.95, vat: 190, share: 0.18,
             cities: [("Berlin", "BE", "10115"), ("München", "BY", "80331"), ("Köln", "NW", "50667")]),
        Site(name: "Amazon.fr", currency: "EUR", country: "FR", digits: 2, factor: 0.95, vat: 200, share: 0.08,
             cities: [("Paris", "", "75011"), ("Lyon", "", "69002")]),
        Site(name: "Amazon.it", currency: "EUR", country: "IT", digits: 2, factor: 0.95, vat: 220, share: 0.06,
             cities: [("Bologna", "BO", "40121"), ("Milano", "MI", "20121")]),
        Site(name: "Amazon.es", currency: "EUR", country: "ES", digits: 2, factor: 0.95, vat: 210, share: 0.05,
             cities: [("Madrid", "M", "28004"), ("Valencia", "V", "46002")]),
        Site(name: "Amazon.co.jp", currency: "JPY", country: "JP", digits: 0, factor: 1.5, vat: 100, share: 0.07,
             cities: [("札幌市中央区", "北海道", "060-0001"), ("大阪市北区", "大阪府", "530-0001")]),
    ]

    /// Markets with Amazon Ads files (one per marketplace and month).
    static let adMarkets = ["US", "GB", "DE", "FR", "IT", "ES", "JP"]

    /// Price of `product` on `site` in the site's minor unit (JPY rounded to 10 yen, others end in 9).
    static func price(_ product: Product, _ site: Site) -> Int {
        if site.digits == 0 { return Int(Double(product.priceUSCents) * site.factor) / 100 * 100 + 80 }
        let raw = Int(Double(product.priceUSCents) * site.factor)
        return raw / 100 * 100 + 99
    }
}
