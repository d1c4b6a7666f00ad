import TidemarkCSV
import TidemarkCommerce

/// FedEx Billing Online "All Columns" download (reconstructed): CSV, often with a UTF-8 BOM, one row per parcel.
///
/// ```
/// Bill to Account Number,Invoice Date,Invoice Number,…,Express or Ground Tracking ID,Transportation Charge Amount,
/// Net Charge Amount,Service Type,Ground Service,Shipment Date,POD Delivery Date,POD Delivery Time,…,
/// Actual Weight Amount,Actual Weight Units,…,Recipient Country/Territory,…,Original Customer Reference,
/// Currency Code,Tracking ID Charge Description,Tracking ID Charge Amount,…(up to 25 pairs)
/// ```
///
/// Rules:
/// - `Express or Ground Tracking ID` stays a string exactly as written (leading zeros kept); a value in
///   scientific notation (`7.94512E+11`, a spreadsheet's damage) is rejected.
/// - Dates `YYYYMMDD` (`Invoice Date`, `Shipment Date`, `POD Delivery Date`).
/// - Charges: `Transportation Charge Amount` is freight; each `Tracking ID Charge Description`/`Amount` pair
///   (named identically or numbered, up to 25) is classified from its description: fuel surcharges → fuel;
///   duty, tax, VAT, GST, customs, brokerage → duty/tax; discounts (negative) → freight, since they reduce the
///   transportation charge; anything else (residential, delivery area, address correction) → other. The parts
///   must add up to `Net Charge Amount`; a row where they do not is rejected rather than half-read.
/// - Status: delivered when `POD Delivery Date` is given, else ``ShipmentStatus/deliveryNotReported`` (a bill
///   without a proof of delivery does not say the parcel is still travelling; billing data has no other state and
///   no promised date). Weight from `Actual Weight Amount`/`Units` (`L`/`LBS`, `K`/`KGS`) in grams.
/// - Order id: `Original Customer Reference` (where sellers put their order number), else none.
/// - Currency: `Currency Code` when present; otherwise the row is rejected (no source default currency yet).
enum FedExBilling {
    static let declaration = FormatDeclaration(
        id: "fedex_billing", title: "FedEx Billing Online (All Columns)", kind: .shipments, quoting: true,
        signature: ["tracking", "net_charge", "ship_date"],
        columns: [
            ColumnSpec("tracking", ["Express or Ground Tracking ID"], required: true),
            ColumnSpec("invoice_date", ["Invoice Date"]),
            ColumnSpec("invoice_number", ["Invoice Number"]),
            ColumnSpec("transportation", ["Transportation Charge Amount"]),
            ColumnSpec("net_charge", ["Net Charge Amount"], required: true),
            ColumnSpec("service", ["Service Type"]),
            ColumnSpec("ground_service", ["Ground Service"]),
            ColumnSpec("ship_date", ["Shipment Date"], required: true),
            ColumnSpec("pod_date", ["POD Delivery Date"]),
            ColumnSpec("weight", ["Actual Weight Amount"]),
            ColumnSpec("weight_units", ["Actual Weight Units"]),
            ColumnSpec("country", ["Recipient Country/Territory", "Recipient Country"]),
            ColumnSpec("reference", ["Original Customer Reference", "Customer Reference"]),
            ColumnSpec("currency", ["Currency Code", "Currency", "Invoice Currency Code"]),
        ],
        headerPredicate: { header in HeaderScan.has(header, prefixes: ["tracking id charge description"]) },
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    /// The (description, amount) column pairs of a header, in order: each description column with the first
    /// amount column after it.
    static func chargePairs(_ headerNames: [String]) -> [(Int, Int)] {
        let names = headerNames.map(HeaderName.normalize)
        var pairs: [(Int, Int)] = []
        for (i, n) in names.enumerated() where n.hasPrefix("tracking id charge description") {
            if let j = names[(i + 1)...].firstIndex(where: { $0.hasPrefix("tracking id charge amount") }) { pairs.append((i, j)) }
        }
        return pairs
    }

    struct Parser: RowParser {
        let ctx: ParseContext
        let iTracking, iInvoiceDate, iTransport, iNet, iService, iGround, iShip, iPOD, iWeight, iUnits, iCountry, iRef, iCurrency: Int?
        let pairs: [(Int, Int)]

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iTracking = map.index("tracking")
            iInvoiceDate = map.index("invoice_date")
            iTransport = map.index("transportation")
            iNet = map.index("net_charge")
            iService = map.index("service")
            iGround = map.index("ground_service")
            iShip = map.index("ship_date")
            iPOD = map.index("pod_date")
            iWeight = map.index("weight")
            iUnits = map.index("weight_units")
            iCountry = map.index("country")
            iRef = map.index("reference")
            iCurrency = map.index("currency")
            pairs = FedExBilling.chargePairs(map.headerNames)
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let tracking = try f.requiredText(iTracking, "the tracking id")
                if tracking.contains("E+") || tracking.contains("e+") {
                    throw FieldProblem(column: iTracking ?? 0, value: tracking, reason: "is in scientific notation: the tracking id was turned into a number by a spreadsheet")
                }
                let currency: Currency
                if iCurrency != nil {
                    currency = try f.currency(iCurrency)
                } else if let fallback = ctx.defaultCurrency {
                    currency = fallback  // the source's configured currency
                } else {
                    return .reject(column: 0, value: "", reason: "has no currency: the file has no Currency Code column and the source sets no default currency")
                }
                var charges: [ChargeType: Money] = [:]
                var sum = Money.zero
                if let t = try f.money(iTransport, in: currency) {
                    charges[.freight, default: .zero] += t
                    sum += t
                }
                for (d, a) in pairs {
                    let description = try f.text(d)
                    guard let amount = try f.money(a, in: currency) else { continue }
                    guard let description else {
                        throw FieldProblem(column: d, value: "", reason: "is empty, but its charge amount \(f.raw(a).trimmingASCIISpaces()) needs a description")
                    }
                    charges[ShipmentVocabulary.classifyDescription(description), default: .zero] += amount
                    sum += amount
                }
                let net = try f.requiredMoney(iNet, "the net charge")
                if sum != net {
                    throw FieldProblem(column: iNet ?? 0, value: f.raw(iNet), reason: "does not equal the transportation charge plus the listed charges (\(sum))")
                }
                let shipDate = try f.day(iShip, "the shipment date")
                try checkNotFuture(shipDate, ctx, column: iShip, raw: f.raw(iShip))
                let pod = try f.optionalDay(iPOD)
                let market = try f.market(iCountry, fallback: ctx.defaultMarket)
                return .fact(
                    .shipment(
                        Shipment(
                            provenance: Provenance(file: ctx.fileName, line: record.line), trackingNumber: tracking,
                            orderID: try f.text(iRef), carrier: "FedEx", service: try f.text(iService) ?? f.text(iGround),
                            shipDate: shipDate, invoiceDate: try f.optionalDay(iInvoiceDate), promisedDate: nil,
                            deliveryDate: pod, status: pod == nil ? .deliveryNotReported : .delivered, destination: market,
                            weightGrams: try f.weightGrams(iWeight, unitColumn: iUnits), charges: charges, currency: currency)))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }
    }
}
