import TidemarkCSV
import TidemarkCommerce

/// UPS billing data (the "Billing Data" CSV of UPS Billing Center): NO header row, about 250 positional columns,
/// one row per charge line. Recognised by its shape only (see ``PositionalLayout``): at least 200 fields, an
/// ISO date in field 5, an ISO 4217 code in field 10 and a tracking-number-like value in field 21.
///
/// Positions read (1-based). 5, 6, 10, 11, 12, 21 and 27–30 are from formats.md; the others are Tidemark's
/// reading of the UPS billing data dictionary and must be checked against a real file (a pipeline mapping can
/// override them):
///
/// | # | field | use |
/// |---|---|---|
/// | 5 | Invoice Date | invoice date |
/// | 6 | Invoice Number | — |
/// | 10 | Invoice Currency Code | currency when 51 is empty |
/// | 12 | Transaction Date | ship date |
/// | 16 | Shipment Reference Number 1 | order id |
/// | 21 | Tracking Number | tracking number (string) |
/// | 27, 28 | Entered Weight, Unit of Measure (`L`, `K`) | weight in grams |
/// | 35 | Charge Category Code | `SHP` shipment, `RTN` return (status returned), `ADJ` adjustment |
/// | 44 | Charge Classification Code | `FRT` freight, `FSC` fuel, `GOV`/`BRK` duty/tax, `ACC`/`INF` other |
/// | 46 | Charge Description | service name on `FRT` lines |
/// | 51 | Transaction Currency Code | currency of the net amount |
/// | 53 | Net Amount | the charge |
/// | 76 | Receiver Country/Territory | destination market |
///
/// Each charge line becomes one ``Shipment`` with that single charge (the warehouse adds a parcel's lines up).
/// A line without a tracking number (an account-level charge) is skipped with its reason; an unknown
/// classification code is rejected, never guessed. Billing data never states a delivery: status is
/// ``ShipmentStatus/deliveryNotReported``, or returned on `RTN` lines.
enum UPSBilling {
    static let declaration = PositionalLayout.headerless(
        id: "ups_billing", title: "UPS billing data (header-less, positional)", kind: .shipments,
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    static let positions: [(field: String, position: Int, name: String)] = [
        ("invoice_date", 5, "Invoice Date"), ("invoice_number", 6, "Invoice Number"),
        ("invoice_currency", 10, "Invoice Currency Code"), ("invoice_amount", 11, "Invoice Amount"),
        ("transaction_date", 12, "Transaction Date"), ("reference", 16, "Shipment Reference Number 1"),
        ("tracking", 21, "Tracking Number"), ("entered_weight", 27, "Entered Weight"),
        ("entered_weight_unit", 28, "Entered Weight Unit of Measure"), ("billed_weight", 29, "Billed Weight"),
        ("billed_weight_unit", 30, "Billed Weight Unit of Measure"), ("category", 35, "Charge Category Code"),
        ("classification", 44, "Charge Classification Code"), ("description", 46, "Charge Description"),
        ("transaction_currency", 51, "Transaction Currency Code"), ("net_amount", 53, "Net Amount"),
        ("receiver_country", 76, "Receiver Country/Territory"),
    ]

    static let layout = PositionalLayout(
        declaration: declaration, delimiter: UInt8(ascii: ","), minimumFields: 200, positions: positions,
        shape: { fields in
            fields.count >= 200 && isISODate(fields[4]) && fields[9].count == 3 && Currency(code: fields[9]) != nil
                && isTrackingLike(fields[20])
        })

    static func isISODate(_ s: String) -> Bool { CivilDate(iso: s) != nil }

    /// 8–35 letters and digits, at least one digit (`1Z…` for UPS).
    static func isTrackingLike(_ s: String) -> Bool {
        (8...35).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } && s.contains { $0.isNumber }
    }

    static let classification: [String: ChargeType] = [
        "FRT": .freight, "FSC": .fuel, "GOV": .dutyTax, "BRK": .dutyTax, "ACC": .other, "INF": .other,
    ]

    struct Parser: RowParser {
        let ctx: ParseContext
        let iInvoiceDate, iInvoiceCurrency, iTransactionDate, iRef, iTracking, iWeight, iWeightUnit: Int?
        let iCategory, iClass, iDescription, iCurrency, iNet, iCountry: Int?

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iInvoiceDate = map.index("invoice_date")
            iInvoiceCurrency = map.index("invoice_currency")
            iTransactionDate = map.index("transaction_date")
            iRef = map.index("reference")
            iTracking = map.index("tracking")
            iWeight = map.index("entered_weight")
            iWeightUnit = map.index("entered_weight_unit")
            iCategory = map.index("category")
            iClass = map.index("classification")
            iDescription = map.index("description")
            iCurrency = map.index("transaction_currency")
            iNet = map.index("net_amount")
            iCountry = map.index("receiver_country")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                guard let tracking = try f.text(iTracking) else {
                    return .skip(reason: "account-level charge without a tracking number")
                }
                let code = try f.requiredText(iClass, "the charge classification").uppercased()
                guard let type = UPSBilling.classification[code] else {
                    throw FieldProblem(column: iClass ?? 0, value: code, reason: "is not a known UPS charge classification (FRT, FSC, GOV, BRK, ACC, INF)")
                }
                let currency = try f.text(iCurrency) != nil ? f.currency(iCurrency) : f.currency(iInvoiceCurrency)
                let net = try f.requiredMoney(iNet, "the net amount")
                let category = try f.text(iCategory)?.uppercased()
                let shipDate = try f.optionalDay(iTransactionDate)
                if let shipDate { try checkNotFuture(shipDate, ctx, column: iTransactionDate, raw: f.raw(iTransactionDate)) }
                let market = try f.market(iCountry, fallback: ctx.defaultMarket)
                return .fact(
                    .shipment(
                        Shipment(
                            provenance: Provenance(file: ctx.fileName, line: record.line), trackingNumber: tracking,
                            orderID: try f.text(iRef), carrier: "UPS", service: type == .freight ? try f.text(iDescription) : nil,
                            shipDate: shipDate, invoiceDate: try f.optionalDay(iInvoiceDate), promisedDate: nil,
                            deliveryDate: nil, status: category == "RTN" ? .returned : .deliveryNotReported, destination: market,
                            weightGrams: try f.weightGrams(iWeight, unitColumn: iWeightUnit), charges: [type: net],
                            currency: currency)))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }
    }
}
