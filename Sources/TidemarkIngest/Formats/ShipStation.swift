import TidemarkCSV
import TidemarkCommerce

/// ShipStation shipments export: configurable columns named `Group - Field`, one row per shipment, or per item
/// when item columns are chosen.
///
/// ```
/// Order - Number,Date - Shipped Date,Shipment - Tracking Number,Shipment - Carrier,Shipment - Service,Item - SKU,Item - Qty,Ship To - Country,Shipment - Cost,Shipment - Currency
/// #1001,4/2/2021 4:00:00 AM,9400111202555842761234,USPS,First Class Mail,TM-MUG-SET4,1,US,4.35,USD
/// ```
///
/// Rules:
/// - `Order - Number` loses Shopify's leading `#`. `Date - Shipped Date` is `M/d/yyyy h:mm:ss a` without a zone:
///   read in the source zone, dated in the reporting zone.
/// - `Shipment - Cost` (the label cost) is freight; `Shipment - Insurance Cost` is other.
/// - Item rows repeat their shipment: the first row of a tracking number is the shipment, later rows of the same
///   tracking number are skipped ("another item row of a shipment already read"), so charges count once.
/// - Status: ShipStation knows labels, not deliveries: ``ShipmentStatus/deliveryNotReported``. Weight only with a
///   unit column.
/// - Currency: `Shipment - Currency`/`Order - Currency` when present; otherwise the row is rejected (no source
///   default currency yet).
enum ShipStationShipments {
    static let declaration = FormatDeclaration(
        id: "shipstation_shipments", title: "ShipStation shipments export", kind: .shipments, quoting: true,
        signature: ["order", "tracking", "carrier"],
        columns: [
            ColumnSpec("order", ["Order - Number"], required: true),
            ColumnSpec("ship_date", ["Date - Shipped Date", "Shipment - Ship Date"]),
            ColumnSpec("tracking", ["Shipment - Tracking Number"], required: true),
            ColumnSpec("carrier", ["Shipment - Carrier"], required: true),
            ColumnSpec("service", ["Shipment - Service"]),
            ColumnSpec("country", ["Ship To - Country"]),
            ColumnSpec("cost", ["Shipment - Cost"]),
            ColumnSpec("insurance", ["Shipment - Insurance Cost"]),
            ColumnSpec("weight", ["Shipment - Weight"]),
            ColumnSpec("weight_unit", ["Shipment - Weight Units", "Shipment - Weight Unit"]),
            ColumnSpec("currency", ["Shipment - Currency", "Order - Currency", "Amount - Currency"]),
        ],
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    static let shippedPatterns: [DatePattern] = ["M/d/yyyy h:mm:ss a", "M/d/yyyy h:mm a", "M/d/yyyy"].compactMap { DatePattern($0) }

    struct Parser: RowParser {
        let ctx: ParseContext
        let iOrder, iShip, iTracking, iCarrier, iService, iCountry, iCost, iInsurance, iWeight, iUnit, iCurrency: Int?
        var seen: Set<String> = []

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iOrder = map.index("order")
            iShip = map.index("ship_date")
            iTracking = map.index("tracking")
            iCarrier = map.index("carrier")
            iService = map.index("service")
            iCountry = map.index("country")
            iCost = map.index("cost")
            iInsurance = map.index("insurance")
            iWeight = map.index("weight")
            iUnit = map.index("weight_unit")
            iCurrency = map.index("currency")
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let tracking = try f.requiredText(iTracking, "the tracking number")
                if seen.contains(tracking) { return .skip(reason: "another item row of a shipment already read") }
                // Kept as exported: a Shopify order is `#1001` in ShipStation as in the Shopify export's `Name`, which
                // is the order id its lines carry, so the parcel links to them.
                let order = try f.requiredText(iOrder, "the order number")
                let carrier = try f.requiredText(iCarrier, "the carrier")
                let currency: Currency
                if iCurrency != nil {
                    currency = try f.currency(iCurrency)
                } else if let fallback = ctx.defaultCurrency {
                    currency = fallback  // the source's configured currency
                } else {
                    return .reject(column: 0, value: "", reason: "has no currency: the file has no currency column and the source sets no default currency")
                }
                var shipDate: CivilDate?
                if iShip != nil {
                    for p in ShipStationShipments.shippedPatterns {
                        if case .value(let r) = p.read(f.bytes(iShip)) {
                            shipDate = ctx.reportingZone.date(of: r.instant(in: ctx.sourceZone))
                            break
                        }
                    }
                    if shipDate == nil, try f.text(iShip) != nil {
                        throw FieldProblem(column: iShip ?? 0, value: f.raw(iShip), reason: "is not a date like 4/2/2021 4:00:00 AM")
                    }
                }
                if let shipDate { try checkNotFuture(shipDate, ctx, column: iShip, raw: f.raw(iShip)) }
                var charges: [ChargeType: Money] = [:]
                if let cost = try f.money(iCost, in: currency) { charges[.freight] = cost }
                if let ins = try f.money(iInsurance, in: currency) { charges[.other] = ins }
                let market = try f.market(iCountry, fallback: ctx.defaultMarket)
                let weight = iUnit == nil ? nil : try f.weightGrams(iWeight, unitColumn: iUnit)
                seen.insert(tracking)
                return .fact(
                    .shipment(
                        Shipment(
                            provenance: Provenance(file: ctx.fileName, line: record.line), trackingNumber: tracking,
                            orderID: order, carrier: carrier, service: try f.text(iService), shipDate: shipDate,
                            invoiceDate: nil, promisedDate: nil, deliveryDate: nil, status: .deliveryNotReported, destination: market,
                            weightGrams: weight, charges: charges, currency: currency)))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }
    }
}
