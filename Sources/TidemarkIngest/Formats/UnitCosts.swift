import TidemarkCSV
import TidemarkCommerce

/// Tidemark's unit-cost layout: `sku, market (optional), valid_from, unit_cost, currency` — one row per SKU (and
/// market) per change. An empty market is the SKU's generic cost.
enum UnitCosts {
    static let declaration = FormatDeclaration(
        id: "unit_costs", title: "Unit costs (Tidemark layout)", kind: .unitCosts, quoting: true,
        signature: ["sku", "valid_from", "unit_cost", "currency"],
        columns: [
            ColumnSpec("sku", ["sku"], required: true),
            ColumnSpec("market", ["market"]),
            ColumnSpec("valid_from", ["valid_from"], required: true),
            ColumnSpec("unit_cost", ["unit_cost"], required: true),
            ColumnSpec("currency", ["currency"], required: true),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    struct Parser: RowParser {
        let ctx: ParseContext
        let iSKU, iMarket, iFrom, iCost, iCurrency: Int?
        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iSKU = map.index("sku")
            iMarket = map.index("market")
            iFrom = map.index("valid_from")
            iCost = map.index("unit_cost")
            iCurrency = map.index("currency")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let sku = try f.requiredText(iSKU, "the SKU")
                var market: Market?
                if let m = try f.text(iMarket) {
                    guard let resolved = Market.named(m) else {
                        return .reject(column: iMarket ?? 0, value: m, reason: "is not a known market (ISO 3166 code or country name)")
                    }
                    market = resolved
                }
                guard case .value(let from) = DateParser.isoDate(f.bytes(iFrom)) else {
                    return .reject(column: iFrom ?? 0, value: f.raw(iFrom), reason: "is not a date (expected YYYY-MM-DD)")
                }
                let cost = try f.requiredMoney(iCost, "a unit cost")
                if cost < .zero { return .reject(column: iCost ?? 0, value: f.raw(iCost), reason: "is negative: a unit cost cannot be") }
                let currency = try f.currency(iCurrency)
                return .fact(
                    .unitCost(
                        UnitCost(
                            provenance: Provenance(file: ctx.fileName, line: record.line), sku: sku, market: market,
                            validFrom: from, unitCost: cost, currency: currency)))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }
    }
}
