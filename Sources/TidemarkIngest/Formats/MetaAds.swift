import TidemarkCSV
import TidemarkCommerce

/// Meta (Facebook) Ads Manager export (reconstructed; columns follow the user's preset), one row per reporting
/// period × campaign (× ad set, × country with a breakdown).
///
/// ```
/// Reporting starts,Reporting ends,Campaign name,Ad set name,Country,Attribution setting,Amount spent (EUR),
/// Impressions,"CPM (cost per 1,000 impressions) (EUR)",Link clicks,Clicks (all),Purchases,Purchases conversion value
/// 2026-09-15,2026-09-15,DE | Prospecting | Lamps,Broad 25-54,DE,7-day click or 1-day view,"1,250.50",…
/// ```
///
/// Rules:
/// - The currency is only in the spend column's name: `Amount spent (EUR)`, `Montant dépensé (EUR)`; the column
///   is found by its prefix and the code in parentheses must be ISO 4217 (else the file is not recognised).
///   Other money columns (`Purchases conversion value`) are in that currency.
/// - With a daily breakdown `Reporting starts` = `Reporting ends`; a row whose dates differ is a period total and
///   is skipped with its reason, never counted as a day.
/// - `Attribution setting` is kept verbatim (`7-day click or 1-day view`).
/// - Clicks are `Link clicks` when present (clicks towards the shop), else `Clicks (all)`. Meta writes blank
///   cells where there were no results: when the export has the `Purchases`/`Purchases conversion value`
///   columns, a blank cell is 0 purchases / 0 value (so a campaign spending for days with blank purchases is an
///   idle campaign); without those columns (a preset that does not report purchases) they are missing (`nil`).
///   A blank impression or click count is 0, since those counts cannot be absent from a delivered row.
/// - Quoted header with a comma (`"CPM (cost per 1,000 impressions) (EUR)"`), amounts like `"1,250.50"`;
///   localised exports (`Début des rapports`, `Montant dépensé (EUR)`, `;`, `1 234,56`) read the same.
/// - Market: a `Country`/`Pays` breakdown column when present; else the source's default market; else `ZZ`.
enum MetaAdsManager {
    static let spendPrefixes = ["Amount spent", "Montant dépensé", "Betrag ausgegeben", "Importe gastado", "Importo speso"]

    static let declaration = FormatDeclaration(
        id: "meta_ads", title: "Meta Ads Manager export", kind: .adPerformance, quoting: true,
        signature: ["starts", "ends", "campaign", "impressions"],
        columns: [
            ColumnSpec("starts", ["Reporting starts", "Début des rapports", "Berichtsbeginn", "Inicio del informe"], required: true),
            ColumnSpec("ends", ["Reporting ends", "Fin des rapports", "Berichtsende", "Fin del informe"], required: true),
            ColumnSpec("campaign", ["Campaign name", "Nom de la campagne", "Kampagnenname", "Nombre de la campaña"], required: true),
            ColumnSpec("ad_set", ["Ad set name", "Nom de l’ensemble de publicités", "Nom de l'ensemble de publicités"]),
            ColumnSpec("account", ["Account name", "Nom du compte"]),
            ColumnSpec("attribution", ["Attribution setting", "Paramètre d’attribution", "Paramètre d'attribution"]),
            ColumnSpec("impressions", ["Impressions"], required: true),
            ColumnSpec("link_clicks", ["Link clicks", "Clics sur un lien"]),
            ColumnSpec("clicks_all", ["Clicks (all)", "Clics (tous)"]),
            ColumnSpec("purchases", ["Purchases", "Achats"]),
            ColumnSpec("purchase_value", ["Purchases conversion value", "Valeur de conversion des achats"]),
            ColumnSpec("country", ["Country", "Pays", "Land", "País"]),
        ],
        headerPredicate: { header in spendColumn(header) != nil },
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    /// The spend column of a header and the currency its name states, or `nil`.
    static func spendColumn(_ headerNames: [String]) -> (Int, Currency)? {
        guard let (i, rest) = HeaderScan.column(headerNames, prefixes: spendPrefixes),
            let c = HeaderScan.currencyInParentheses(rest)
        else { return nil }
        return (i, c)
    }

    struct Parser: RowParser {
        let ctx: ParseContext
        let iStarts, iEnds, iCampaign, iAdSet, iAccount, iAttribution, iImpr, iClicks, iPurchases, iValue, iCountry: Int?
        let iSpend: Int
        let currency: Currency
        // Memos of the columns whose few values repeat from row to row (see `FieldMemo`).
        var startsMemo = FieldMemo<CivilDate>()
        var endsMemo = FieldMemo<CivilDate>()
        var campaignMemo = FieldMemo<String>()
        var countryMemo = FieldMemo<Market>()
        var accountMemo = FieldMemo<String?>()
        var adSetMemo = FieldMemo<String?>()
        var attributionMemo = FieldMemo<String?>()

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iStarts = map.index("starts")
            iEnds = map.index("ends")
            iCampaign = map.index("campaign")
            iAdSet = map.index("ad_set")
            iAccount = map.index("account")
            iAttribution = map.index("attribution")
            iImpr = map.index("impressions")
            iClicks = map.index("link_clicks") ?? map.index("clicks_all")
            iPurchases = map.index("purchases")
            iValue = map.index("purchase_value")
            iCountry = map.index("country")
            // Detection matched the header predicate, so the spend column exists.
            (iSpend, currency) = MetaAdsManager.spendColumn(map.headerNames) ?? (0, .EUR)
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let starts = try f.day(iStarts, "the reporting start", memo: &startsMemo)
                let ends = try f.day(iEnds, "the reporting end", memo: &endsMemo)
                if starts != ends { return .skip(reason: "period total, not daily (Reporting starts ≠ Reporting ends)") }
                try checkNotFuture(starts, ctx, column: iStarts, raw: f.raw(iStarts))
                let campaign = try f.requiredText(iCampaign, "the campaign name", memo: &campaignMemo)
                let spend = try f.money(iSpend, in: currency) ?? .zero
                let market = try f.market(iCountry, fallback: ctx.defaultMarket, memo: &countryMemo)
                return .fact(
                    .ad(
                        AdPerformance(
                            provenance: Provenance(file: ctx.fileName, line: record.line), date: starts, platform: "meta_ads",
                            account: try f.text(iAccount, memo: &accountMemo) ?? "", campaign: campaign, adGroup: try f.text(iAdSet, memo: &adSetMemo), sku: nil,
                            market: market, currency: currency, impressions: try f.count(iImpr) ?? 0,
                            clicks: try f.count(iClicks) ?? 0, spend: spend,
                            attributedOrders: iPurchases == nil ? nil : try f.count(iPurchases) ?? 0,
                            attributedSales: iValue == nil ? nil : try f.money(iValue, in: currency) ?? .zero,
                            attributionWindow: try f.text(iAttribution, memo: &attributionMemo))))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }
    }
}
