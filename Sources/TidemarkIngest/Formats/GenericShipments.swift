import TidemarkCSV
import TidemarkCommerce

/// Tidemark's documented carrier/forwarder layout, for Chinese forwarders (4PX, Yanwen) and any carrier without
/// a format of its own. Two shapes, told apart by the header:
///
/// One row per charge (several rows per parcel):
/// ```
/// tracking_number,order_reference,carrier,service,ship_date,delivery_date,promised_date,status,destination_country,weight,weight_unit,charge_type,amount,currency
/// 4PX3001234567CN,306-0899867-2256624,4PX,Global Express DDP,2026-09-16,2026-09-24,2026-09-25,Delivered,DE,1.25,kg,freight,14.80,USD
/// 4PX3001234567CN,306-0899867-2256624,4PX,Global Express DDP,2026-09-16,2026-09-24,2026-09-25,Delivered,DE,1.25,kg,duty,9.35,USD
/// ```
/// One row per parcel, with charge columns `freight`, `fuel`, `duty`, `tax`, `other` (any subset) instead of
/// `charge_type`/`amount`.
///
/// Rules:
/// - A per-charge row becomes one ``Shipment`` carrying that single charge; the warehouse merges the facts of a
///   tracking number by adding their charges (so a parcel's rows are never double counted as parcels).
/// - `charge_type`: `freight`, `fuel`, `duty`, `tax`, `other` (duty and tax are both `duty_tax`); anything else is
///   rejected, never guessed. Amounts may be negative (credits).
/// - Dates ISO `YYYY-MM-DD` (or `2026/09/15`, `20260915`); `promised_date` may also be called `estimated_date`.
/// - `status`: Delivered, In transit (Shipped, Picked up, Out for delivery, Exception …), Returned (Returned to
///   sender, RTS), Lost; empty → delivered if a delivery date is given, else in transit; unknown words rejected.
/// - `weight` + `weight_unit` (kg, g, lb, oz) → whole grams, exact conversion (1 lb = 453.59237 g,
///   1 oz = 28.349523125 g) rounded half away from zero.
/// - `destination_country`: ISO code or name (English, local, Chinese); unknown → `ZZ`; empty → the source's
///   default market, else `ZZ`. `currency` is required (ISO 4217).
enum GenericShipments {
    static let chargeColumns: [(field: String, type: ChargeType)] = [
        ("freight", .freight), ("fuel", .fuel), ("duty", .dutyTax), ("tax", .dutyTax), ("other", .other),
    ]

    static let declaration = FormatDeclaration(
        id: "generic_shipments", title: "Shipments and carrier charges (Tidemark layout)", kind: .shipments, quoting: true,
        signature: ["tracking_number", "carrier", "currency"],
        columns: [
            ColumnSpec("tracking_number", ["tracking_number", "tracking_no", "tracking"], required: true),
            ColumnSpec("order_reference", ["order_reference", "order_id", "order_ref"]),
            ColumnSpec("carrier", ["carrier"], required: true),
            ColumnSpec("service", ["service"]),
            ColumnSpec("invoice_date", ["invoice_date"]),
            ColumnSpec("ship_date", ["ship_date"]),
            ColumnSpec("delivery_date", ["delivery_date"]),
            ColumnSpec("promised_date", ["promised_date", "estimated_date", "estimated_delivery_date"]),
            ColumnSpec("status", ["status"]),
            ColumnSpec("destination_country", ["destination_country", "destination", "country"]),
            ColumnSpec("weight", ["weight"]),
            ColumnSpec("weight_unit", ["weight_unit"]),
            ColumnSpec("charge_type", ["charge_type"]),
            ColumnSpec("amount", ["amount"]),
            ColumnSpec("currency", ["currency"], required: true),
        ] + chargeColumns.map { ColumnSpec($0.field, [$0.field]) },
        headerPredicate: { header in
            (header.contains("charge type") && header.contains("amount"))
                || chargeColumns.contains { header.contains($0.field) }
        },
        makeParser: { map, ctx in Parser(map: map, ctx: ctx) })

    struct Parser: RowParser {
        let ctx: ParseContext
        let iTracking, iOrder, iCarrier, iService, iInvoice, iShip, iDelivery, iPromised, iStatus, iCountry: Int?
        let iWeight, iUnit, iChargeType, iAmount, iCurrency: Int?
        let chargeColumns: [(Int, ChargeType)]
        // Memos of the columns whose few values repeat from row to row (see `FieldMemo`).
        var carrierMemo = FieldMemo<String>()
        var currencyMemo = FieldMemo<Currency>()
        var chargeTypeMemo = FieldMemo<ChargeType>()
        var statusMemo = FieldMemo<ShipmentStatus?>()
        var countryMemo = FieldMemo<Market>()
        var serviceMemo = FieldMemo<String?>()
        var shipMemo = FieldMemo<CivilDate?>()
        var deliveryMemo = FieldMemo<CivilDate?>()
        var invoiceMemo = FieldMemo<CivilDate?>()
        var promisedMemo = FieldMemo<CivilDate?>()

        init(map: ColumnMap, ctx: ParseContext) {
            self.ctx = ctx
            iTracking = map.index("tracking_number")
            iOrder = map.index("order_reference")
            iCarrier = map.index("carrier")
            iService = map.index("service")
            iInvoice = map.index("invoice_date")
            iShip = map.index("ship_date")
            iDelivery = map.index("delivery_date")
            iPromised = map.index("promised_date")
            iStatus = map.index("status")
            iCountry = map.index("destination_country")
            iWeight = map.index("weight")
            iUnit = map.index("weight_unit")
            iChargeType = map.index("charge_type")
            iAmount = map.index("amount")
            iCurrency = map.index("currency")
            // Per-charge rows win when the file has both shapes' columns.
            chargeColumns =
                iChargeType != nil && iAmount != nil
                ? [] : GenericShipments.chargeColumns.compactMap { c in map.index(c.field).map { ($0, c.type) } }
        }

        mutating func parse(_ record: CSVRecord) -> RowOutcome {
            let f = Fields(record, ctx.decimalSeparator)
            do {
                let tracking = try f.requiredText(iTracking, "the tracking number")
                let carrier = try f.requiredText(iCarrier, "the carrier", memo: &carrierMemo)
                let currency = try f.currency(iCurrency, memo: &currencyMemo)
                var charges: [ChargeType: Money] = [:]
                if chargeColumns.isEmpty {
                    let iChargeType = iChargeType  // a local: the memo's closure must not read `self` while the memo changes
                    let type = try chargeTypeMemo.value(f.bytes(iChargeType)) {
                        let typeText = try f.requiredText(iChargeType, "the charge type")
                        guard let type = ShipmentVocabulary.chargeType(typeText) else {
                            throw FieldProblem(column: iChargeType ?? 0, value: typeText, reason: "is not a charge type (freight, fuel, duty, tax or other)")
                        }
                        return type
                    }
                    guard let amount = try f.money(iAmount, in: currency) else {
                        throw FieldProblem(column: iAmount ?? 0, value: "", reason: "is empty: the charge amount is required")
                    }
                    charges[type] = amount
                } else {
                    for (i, type) in chargeColumns {
                        if let amount = try f.money(i, in: currency) { charges[type, default: .zero] += amount }
                    }
                }
                let shipDate = try f.optionalDay(iShip, memo: &shipMemo)
                let delivery = try f.optionalDay(iDelivery, memo: &deliveryMemo)
                if let shipDate { try checkNotFuture(shipDate, ctx, column: iShip, raw: f.raw(iShip)) }
                if let delivery { try checkNotFuture(delivery, ctx, column: iDelivery, raw: f.raw(iDelivery)) }
                // The status a non-empty cell names (`nil` for an empty one), remembered per distinct cell.
                let iStatus = iStatus  // a local: the memo's closure must not read `self` while the memo changes
                let named = try statusMemo.value(f.bytes(iStatus)) { () throws -> ShipmentStatus? in
                    guard let s = try f.text(iStatus) else { return nil }
                    guard let mapped = ShipmentVocabulary.status(s) else {
                        throw FieldProblem(column: iStatus ?? 0, value: s, reason: "is not a known parcel status (Delivered, In transit, Returned, Lost …)")
                    }
                    return mapped
                }
                let status = named ?? (delivery == nil ? .inTransit : .delivered)
                let market = try f.market(iCountry, fallback: ctx.defaultMarket, memo: &countryMemo)
                return .fact(
                    .shipment(
                        Shipment(
                            provenance: Provenance(file: ctx.fileName, line: record.line), trackingNumber: tracking,
                            orderID: try f.text(iOrder), carrier: carrier, service: try f.text(iService, memo: &serviceMemo), shipDate: shipDate,
                            invoiceDate: try f.optionalDay(iInvoice, memo: &invoiceMemo), promisedDate: try f.optionalDay(iPromised, memo: &promisedMemo),
                            deliveryDate: delivery, status: status, destination: market,
                            weightGrams: try f.weightGrams(iWeight, unitColumn: iUnit), charges: charges, currency: currency)))
            } catch let p as FieldProblem {
                return .rejecting(p)
            } catch {
                return .reject(column: 0, value: "", reason: "\(error)")
            }
        }
    }
}
