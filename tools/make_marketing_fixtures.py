#!/usr/bin/env python3
"""Generate the demo store's ads, traffic and logistics fixtures (issue 4), consistent with its Amazon orders.

Deterministic: a fixed seed, no clock, no network; running it twice gives byte-identical files. It READS
fixtures/amazon/all-orders-2026-*.txt (order ids, SKUs, countries, dates, amounts) and never modifies them.

    python3 tools/make_marketing_fixtures.py     # writes fixtures/ads, fixtures/traffic, fixtures/logistics
                                                 # and the marketing cases of fixtures/malformed

Python 3.11, standard library only.

What it writes (see fixtures/README.md, "Ads, traffic and logistics"):
- ads/amazon-ads-sp-advertised-product-us.csv   Amazon Ads SP, daily, per SKU, USD (`$ 16.22`, `Dec 01, 2019` dates)
- ads/amazon-ads-sp-advertised-product-de.csv   the same for Amazon.de, EUR, `ACOS`/`ROAS` spellings, plain amounts
- ads/google-ads-campaigns.csv                   Google Ads UI download: UTF-16 LE + BOM, TAB, title and date-range
                                                 lines, a country segment, `Total:` rows
- ads/meta-ads-daily.csv                         Meta Ads Manager, daily breakdown by country, EUR in the header
- traffic/alibaba-data-manager.csv              Alibaba.com 数据管家 traffic, Chinese headers, GBK
- logistics/fedex-billing-all-columns.csv       FedEx Billing Online, BOM, 25 charge pairs, US merchant orders
- logistics/forwarder-4px-charges.csv           generic layout, one row per charge: 4PX, EU/GB/CH/AT orders
- logistics/yanwen-parcels.csv                  generic layout, one row per parcel with charge columns
- logistics/ups-billing-data.csv                UPS billing data, no header, 250 positional columns, JP orders

Attribution is consistent with the orders: each shipped or pending order line is attributed to at most one
network, on its order's UTC date, with a fixed probability; attributed orders never exceed real ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SEED = 20260915
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
START = dt.date(2026, 8, 1)
END = dt.date(2026, 10, 31)
DAYS = [START + dt.timedelta(days=i) for i in range((END - START).days + 1)]

# ----------------------------------------------------------------------------------------------------------------
# The demo store's orders


def load_orders():
    """Orders by id: site, fulfillment, status, UTC date, ship country, lines [(sku, qty, currency, price)]."""
    orders = {}
    for month in ("08", "09", "10"):
        path = FIXTURES / "amazon" / f"all-orders-2026-{month}.txt"
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        header = [h.strip() for h in rows[0]]
        for raw in rows[1:]:
            r = dict(zip(header, [x.rstrip("\r") for x in raw]))
            when = dt.datetime.fromisoformat(r["purchase-date"]).astimezone(dt.timezone.utc)
            o = orders.setdefault(r["amazon-order-id"], {
                "id": r["amazon-order-id"], "merchant_id": r["merchant-order-id"], "site": r["sales-channel"].lower(),
                "fulfillment": r["fulfillment-channel"], "status": r["order-status"], "date": when.date(),
                "country": r["ship-country"], "lines": []})
            if r["item-status"] == "Cancelled" or not r["item-price"]:
                continue
            o["lines"].append((r["sku"], int(r["quantity"]), r["currency"], Decimal(r["item-price"])))
    return orders


ORDERS = load_orders()


def money(d: Decimal, places="0.01") -> Decimal:
    return d.quantize(Decimal(places), rounding=ROUND_HALF_UP)


# ----------------------------------------------------------------------------------------------------------------
# Attribution: each order line at most once, on its order's UTC date


class Attribution:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[tuple[str, str]] = set()

    def take(self, day, country_set, skus, probability):
        """Order lines of `day` shipped to `country_set` with a SKU in `skus`, each taken with `probability`:
        returns (distinct orders, units, sales by currency)."""
        orders, units, sales = set(), 0, Decimal(0)
        for o in sorted(ORDERS.values(), key=lambda o: o["id"]):
            if o["date"] != day or o["country"] not in country_set or o["status"] == "Cancelled":
                continue
            for sku, qty, cur, price in o["lines"]:
                key = (o["id"], sku)
                if sku in skus and key not in self.used and self.rng.random() < probability:
                    self.used.add(key)
                    orders.add(o["id"])
                    units += qty
                    sales += price
        return len(orders), units, sales


def paused(streaks, campaign, orders, exempt=False):
    """Keeps every campaign but `exempt` from spending a third day in a row without attributed orders:
    returns True when the campaign is paused for the day (no rows)."""
    n = streaks.get(campaign, 0)
    if orders > 0:
        streaks[campaign] = 0
        return False
    if n >= 2 and not exempt:
        streaks[campaign] = 0
        return True
    streaks[campaign] = n + 1
    return False


def write_bytes(path: Path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def csv_text(rows, delimiter=",", lineterminator="\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator, quoting=csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


# ----------------------------------------------------------------------------------------------------------------
# Amazon Ads Sponsored Products, advertised product report (daily)

AMAZON_ADS_HEADER = [
    "Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name", "Advertised SKU", "Advertised ASIN",
    "Impressions", "Clicks", "Click-Thru Rate (CTR)", "Cost Per Click (CPC)", "Spend", "7 Day Total Sales ",
    "Total Advertising Cost of Sales (ACoS) ", "Total Return on Advertising Spend (RoAS)", "7 Day Total Orders (#)",
    "7 Day Total Units (#)", "7 Day Conversion Rate", "7 Day Advertised SKU Units (#)", "7 Day Other SKU Units (#)",
    "7 Day Advertised SKU Sales ", "7 Day Other SKU Sales ",
]
ASIN = {
    "TM-PILLOW-18": "B0D1HP1801", "TM-PILLOW-20": "B0D1HP2002", "TM-LAMP-01": "B0D1HPLA01",
    "TM-THROW-01": "B0D1HPTH01", "TM-MUG-SET4": "B0D1HPMG04", "TM-CANDLE-PINE": "B0D1HPCP08",
    "TM-TRAY-OAK": "B0D1HPTO18", "TM-RUG-23": "B0D1HPRG23", "TM-BASKET-L": "B0D1HPBL01",
    "TM-COASTER-6": "B0D1HPCS06", "TM-VASE-10": "B0D1HPVS10", "TM-BLANKET-Q": "B0D1HPBQ90",
}


def amazon_ads(rng, attribution, market, currency, campaigns, symbol, upper_spelling, path):
    header = list(AMAZON_ADS_HEADER)
    if upper_spelling:
        header[13] = "Total Advertising Cost of Sales (ACOS) "
        header[14] = "Total Return on Advertising Spend (ROAS)"
    rows = [header]
    streaks = {}
    countries = {market}
    for day in DAYS:
        for name, portfolio, group, skus, cpc_range in campaigns:
            per_sku = []
            total_orders = 0
            for sku in skus:
                orders, units, sales = attribution.take(day, countries, {sku}, 0.55)
                per_sku.append((sku, orders, units, sales))
                total_orders += orders
            if paused(streaks, name, total_orders):
                continue
            for sku, orders, units, sales in per_sku:
                impressions = rng.randint(180, 2600)
                clicks = max(1, round(impressions * rng.uniform(0.003, 0.012)))
                cpc = Decimal(str(round(rng.uniform(*cpc_range), 2)))
                spend = money(cpc * clicks)
                fmt = (lambda d: f"{symbol} {d}") if symbol else str
                acos = f"{(spend / sales * 100).quantize(Decimal('0.0001'))}%" if sales else ""
                roas = str(money(sales / spend)) if sales and spend else "0.00"
                rows.append([
                    day.strftime("%b %d, %Y"), portfolio, currency, name, group, sku, ASIN[sku], impressions, clicks,
                    f"{(Decimal(clicks) / impressions * 100).quantize(Decimal('0.0001'))}%", fmt(money(spend / clicks)),
                    fmt(spend), fmt(money(sales)), acos, roas, orders, units,
                    f"{(Decimal(orders) / clicks * 100).quantize(Decimal('0.0001'))}%", units, 0, fmt(money(sales)),
                    fmt(Decimal("0.00")),
                ])
    write_bytes(FIXTURES / "ads" / path, csv_text(rows, lineterminator="\r\n").encode("utf-8"))
    return len(rows) - 1


# ----------------------------------------------------------------------------------------------------------------
# Google Ads UI download: UTF-16 LE with BOM, TAB, title + date range, Total rows

GBP_PER_USD_FOR_CONV_VALUE = Decimal("1.27")  # the conversion tag's own rate: conv. value is in account currency


def google_ads(rng, attribution):
    header = ["Day", "Campaign", "Country/Territory (User location)", "Currency code", "Cost", "Impr.", "Clicks",
              "CTR", "Avg. CPC", "Conversions", "Conv. value"]
    campaigns = [
        ("US | Search | Home Decor", "United States", {"US"}, ["TM-THROW-01", "TM-BLANKET-Q", "TM-TRAY-OAK", "TM-VASE-10"], (0.55, 1.40)),
        ('=HYPERLINK("http://x","y")', "United States", {"US"}, ["TM-MUG-SET4", "TM-CANDLE-PINE", "TM-COASTER-6"], (0.30, 0.90)),
        ("GB | Search | Cosy Home", "United Kingdom", {"GB"}, list(ASIN), (0.40, 1.10)),
    ]
    rows = [["Campaign report"], ["August 1, 2026 - October 31, 2026"], header]
    streaks = {}
    totals = [Decimal(0), 0, 0]
    for day in DAYS:
        for name, country, cset, skus, cpc_range in campaigns:
            orders, _, sales = attribution.take(day, cset, set(skus), 0.5)
            if paused(streaks, name, orders):
                continue
            impressions = rng.randint(400, 3200)
            clicks = max(1, round(impressions * rng.uniform(0.01, 0.04)))
            cost = money(Decimal(str(rng.uniform(*cpc_range))) * clicks)
            value = money(sales * (GBP_PER_USD_FOR_CONV_VALUE if "GB" in cset else 1))
            totals[0] += cost
            totals[1] += impressions
            totals[2] += clicks
            rows.append([
                day.isoformat(), name, country, "USD", str(cost), f"{impressions:,}", str(clicks),
                f"{Decimal(clicks) / impressions * 100:.2f}%", str(money(cost / clicks)), f"{orders}.00",
                str(value) if orders else " --",
            ])
    rows.append(["Total: Account", " --", " --", "USD", str(totals[0]), f"{totals[1]:,}", str(totals[2]),
                 f"{Decimal(totals[2]) / totals[1] * 100:.2f}%", str(money(totals[0] / totals[2])), " --", " --"])
    rows.append(["Total: Campaigns", " --", " --", "USD", str(totals[0]), f"{totals[1]:,}", str(totals[2]),
                 f"{Decimal(totals[2]) / totals[1] * 100:.2f}%", str(money(totals[0] / totals[2])), " --", " --"])
    text = csv_text(rows, delimiter="\t", lineterminator="\r\n")
    write_bytes(FIXTURES / "ads" / "google-ads-campaigns.csv", b"\xff\xfe" + text.encode("utf-16-le"))
    return len(rows) - 3


# ----------------------------------------------------------------------------------------------------------------
# Meta Ads Manager, daily breakdown by country, EUR

META_HEADER = [
    "Reporting starts", "Reporting ends", "Campaign name", "Ad set name", "Country", "Attribution setting", "Results",
    "Result indicator", "Reach", "Frequency", "Cost per results", "Amount spent (EUR)", "Impressions",
    "CPM (cost per 1,000 impressions) (EUR)", "Link clicks", "CPC (cost per link click) (EUR)",
    "CTR (link click-through rate)", "Clicks (all)", "Purchases", "Purchases conversion value",
]
NO_ORDERS_CAMPAIGN = "FR | Prospecting | Candles"
NO_ORDERS_DAYS = [dt.date(2026, 9, 14) + dt.timedelta(days=i) for i in range(5)]  # 14 … 18 September


def meta_ads(rng, attribution):
    campaigns = [
        ("DE | Prospecting | Lamps & Trays", "Broad 25-54", "DE", ["TM-LAMP-01", "TM-TRAY-OAK", "TM-BASKET-L"]),
        ('"><img src=x onerror=alert(1)> DE | Retargeting', "Viewed 30d", "DE", list(ASIN)),
        ("FR | Retargeting | <script>alert(1)</script>", "Viewed 30d", "FR", list(ASIN)),
        ("IT+ES | Advantage+ | All", "Advantage+", "IT", list(ASIN)),
        ("IT+ES | Advantage+ | All", "Advantage+", "ES", list(ASIN)),
    ]
    rows = [META_HEADER]
    streaks = {}
    burst_done = False
    for day in DAYS:
        todays = list(campaigns)
        if day in NO_ORDERS_DAYS:
            todays.append((NO_ORDERS_CAMPAIGN, "Interest: home fragrance", "FR", []))
        for name, adset, country, skus in todays:
            orders, _, sales = attribution.take(day, {country}, set(skus), 0.6)
            if paused(streaks, (name, country), orders, exempt=name == NO_ORDERS_CAMPAIGN):
                continue
            impressions = rng.randint(900, 9000)
            reach = int(impressions / rng.uniform(1.1, 1.9))
            link = max(1, round(impressions * rng.uniform(0.006, 0.02)))
            all_clicks = link + rng.randint(2, 40)
            spend = money(Decimal(str(rng.uniform(3.5, 9.0))) * impressions / 1000)
            if not burst_done and day >= dt.date(2026, 10, 28) and name.startswith("DE | Prospecting"):
                burst_done = True
                spend = Decimal("1250.50")  # a one-day test burst: written "1,250.50"
            spend_text = f"{spend:,}"
            rows.append([
                day.isoformat(), day.isoformat(), name, adset, country, "7-day click or 1-day view",
                str(orders) if orders else "", "actions:offsite_conversion.fb_pixel_purchase" if orders else "",
                reach, f"{Decimal(impressions) / reach:.6f}", str(money(spend / orders)) if orders else "",
                spend_text, impressions, str(money(spend / impressions * 1000)), link, str(money(spend / link)),
                f"{Decimal(link) / impressions * 100:.6f}", all_clicks, str(orders) if orders else "",
                str(money(sales)) if orders else "",
            ])
    write_bytes(FIXTURES / "ads" / "meta-ads-daily.csv", csv_text(rows).encode("utf-8"))
    return len(rows) - 1


# ----------------------------------------------------------------------------------------------------------------
# Alibaba.com data manager traffic: Chinese headers, GBK

ALIBABA_PRODUCTS = [
    ("亚麻抱枕套 30x45cm 沙色", "TM-PILLOW-18"),
    ("黄铜台灯 36cm", "TM-LAMP-01"),
    ("海草收纳篮 大号", "TM-BASKET-L"),
]
ALIBABA_COUNTRIES = ["美国", "德国", "英国", "澳大利亚"]


def alibaba(rng):
    rows = [["日期", "产品名称", "商品编码", "国家", "曝光", "点击", "访客", "询盘"]]
    for day in DAYS:
        for product, sku in ALIBABA_PRODUCTS:
            for country in ALIBABA_COUNTRIES:
                exposure = rng.randint(40, 900)
                clicks = round(exposure * rng.uniform(0.01, 0.05))
                visitors = max(0, clicks - rng.randint(0, 3))
                inquiries = 1 if visitors and rng.random() < 0.18 else 0
                if inquiries and rng.random() < 0.2:
                    inquiries = 2
                rows.append([day.isoformat(), product, sku, country, exposure, clicks, visitors, inquiries])
    write_bytes(FIXTURES / "traffic" / "alibaba-data-manager.csv", csv_text(rows).encode("gbk"))
    return len(rows) - 1


# ----------------------------------------------------------------------------------------------------------------
# Shipments of merchant-fulfilled orders

def merchant_orders(countries):
    return [o for o in sorted(ORDERS.values(), key=lambda o: (o["date"], o["id"]))
            if o["fulfillment"] == "Merchant" and o["status"] == "Shipped" and o["country"] in countries and o["lines"]]


def ship_date(o):
    # shipped the day after the order (UTC), Sunday orders on Tuesday
    d = o["date"] + dt.timedelta(days=1)
    return d + dt.timedelta(days=1) if d.weekday() == 6 else d


FEDEX_HEADER = [
    "Bill to Account Number", "Invoice Date", "Invoice Number", "Store ID", "Original Amount Due", "Current Balance",
    "Payor", "Ground Tracking ID Prefix", "Express or Ground Tracking ID", "Transportation Charge Amount",
    "Net Charge Amount", "Service Type", "Ground Service", "Shipment Date", "POD Delivery Date", "POD Delivery Time",
    "POD Service Area Code", "POD Signature Description", "Actual Weight Amount", "Actual Weight Units",
    "Rated Weight Amount", "Rated Weight Units", "Number of Pieces", "Bundle Number", "Meter Number", "TDMaster Tracking ID",
    "Service Packaging", "Dim Length", "Dim Width", "Dim Height", "Dim Divisor", "Dim Unit", "Shipper Company",
    "Shipper City", "Shipper State", "Shipper Postal Code", "Shipper Country/Territory", "Recipient Company",
    "Recipient City", "Recipient State", "Recipient Postal Code", "Recipient Country/Territory",
    "Original Customer Reference", "Original Ref#2", "Original Ref#3/PO Number", "Currency Code", "Zone Code",
] + [h for _ in range(25) for h in ("Tracking ID Charge Description", "Tracking ID Charge Amount")]

US_WEIGHT_LB = {
    "TM-PILLOW-18": "0.6", "TM-PILLOW-20": "0.8", "TM-LAMP-01": "4.2", "TM-THROW-01": "3.1", "TM-MUG-SET4": "4.6",
    "TM-CANDLE-PINE": "0.9", "TM-TRAY-OAK": "3.4", "TM-RUG-23": "2.2", "TM-BASKET-L": "2.7", "TM-COASTER-6": "1.9",
    "TM-VASE-10": "1.1", "TM-BLANKET-Q": "4.4",
}


def fedex(rng):
    rows = [FEDEX_HEADER]
    for n, o in enumerate(merchant_orders({"US"})):
        shipped = ship_date(o)
        invoice = shipped + dt.timedelta(days=(7 - shipped.weekday()) % 7 + 2)  # the Wednesday after
        weight = sum(Decimal(US_WEIGHT_LB[s]) * q for s, q, _, _ in o["lines"]) + Decimal("0.4")
        ground = weight <= Decimal("5")
        transport = money(Decimal("9.85") + weight * Decimal(str(rng.choice(["1.10", "1.35", "1.62"]))))
        charges = [("Fuel Surcharge", money(transport * Decimal("0.155")))]
        if rng.random() < 0.6:
            charges.append(("Residential", Decimal("5.55") if ground else Decimal("6.10")))
        if rng.random() < 0.15:
            charges.append(("Delivery Area Surcharge", Decimal("4.10")))
        charges.append(("Earned Discount", -money(transport * Decimal("0.12"))))
        net = transport + sum(a for _, a in charges)
        delivered = shipped + dt.timedelta(days=rng.randint(2, 5) if ground else rng.randint(1, 2))
        tracking = ("0" if n == 3 else "7") + f"{rng.randint(10**10, 10**11 - 1)}"
        row = [
            "123456789", invoice.strftime("%Y%m%d"), f"7-{rng.randint(100000000, 999999999)}", "", "", "",
            "Shipper", "", tracking, str(transport), str(net), "FedEx Ground" if ground else "FedEx 2Day",
            "Home Delivery" if ground else "", shipped.strftime("%Y%m%d"), delivered.strftime("%Y%m%d"),
            f"{rng.randint(9, 19):02d}{rng.randint(0, 59):02d}", "A1", "Signature not required", str(weight), "L",
            str(max(weight.to_integral_value(rounding="ROUND_CEILING"), 1)), "L", "1", "", "", "", "YOUR PACKAGING",
            "", "", "", "", "", "HARBOR & PINE LLC", "RENO", "NV", "89502", "US", "", "", "", "", "US",
            o["merchant_id"] or o["id"], "", "", "USD", str(rng.randint(2, 8)),
        ]
        pairs = []
        for desc, amt in charges:
            pairs += [desc, str(amt)]
        pairs += [""] * (50 - len(pairs))
        rows.append(row + pairs)
    text = csv_text(rows, lineterminator="\r\n")
    write_bytes(FIXTURES / "logistics" / "fedex-billing-all-columns.csv", b"\xef\xbb\xbf" + text.encode("utf-8"))
    return len(rows) - 1


GENERIC_HEADER = ["tracking_number", "order_reference", "carrier", "service", "ship_date", "delivery_date",
                  "promised_date", "status", "destination_country", "weight", "weight_unit", "charge_type", "amount",
                  "currency"]
EU_WEIGHT_KG = {k: (Decimal(v) * Decimal("0.45359237")).quantize(Decimal("0.01")) for k, v in US_WEIGHT_LB.items()}
LOST_ORDER_INDEX = 7
RETURNED_ORDER_INDEX = 15
LATE_ORDER_INDEXES = {2, 9, 21, 30}


def forwarders(rng):
    """4PX (per-charge rows) for DE, GB, CH, AT; Yanwen (per-parcel rows) for FR, IT, ES."""
    charges_rows = [GENERIC_HEADER]
    parcel_rows = [["tracking_number", "order_reference", "carrier", "service", "ship_date", "delivery_date",
                    "promised_date", "status", "destination_country", "weight", "weight_unit", "freight", "fuel",
                    "duty", "other", "currency"]]
    for n, o in enumerate(merchant_orders({"DE", "GB", "CH", "AT", "FR", "IT", "ES"})):
        shipped = ship_date(o)
        promised = shipped + dt.timedelta(days=8)
        weight = sum(EU_WEIGHT_KG[s] * q for s, q, _, _ in o["lines"]) + Decimal("0.20")
        status, delivered = "Delivered", shipped + dt.timedelta(days=rng.randint(5, 8))
        if n in LATE_ORDER_INDEXES:
            delivered = promised + dt.timedelta(days=rng.randint(3, 6))  # more than 48 h late
        if n == LOST_ORDER_INDEX:
            status, delivered = "Lost", None
        elif n == RETURNED_ORDER_INDEX:
            status, delivered = "Returned to sender", None
        elif delivered > dt.date(2026, 11, 20):
            status, delivered = "In transit", None
        value = sum(p for _, _, _, p in o["lines"])
        ddp = o["country"] in ("CH", "GB") or len(o["lines"]) >= 2
        freight = money(Decimal("6.40") + weight * Decimal("7.90"))
        fuel = money(freight * Decimal("0.08"))
        duty = money(value * Decimal("0.125")) if ddp else None
        if o["country"] in ("FR", "IT", "ES"):
            tracking = f"UG{rng.randint(10**8, 10**9 - 1)}YP"
            parcel_rows.append([
                tracking, o["merchant_id"], "Yanwen", "Yanwen Special Line DDP" if ddp else "Yanwen Special Line",
                shipped.isoformat(), delivered.isoformat() if delivered else "", promised.isoformat(), status,
                o["country"], str(int(weight * 1000)), "g", str(freight), str(fuel), str(duty) if duty else "", "",
                "USD"])
            continue
        tracking = f"4PX30{rng.randint(10**9, 10**10 - 1)}CN"
        base = [tracking, o["merchant_id"], "4PX", "4PX Global Express DDP" if ddp else "4PX Global Express",
                shipped.isoformat(), delivered.isoformat() if delivered else "", promised.isoformat(), status,
                o["country"], str(weight), "kg"]
        charges_rows.append(base + ["freight", str(freight), "USD"])
        charges_rows.append(base + ["fuel", str(fuel), "USD"])
        if duty:
            charges_rows.append(base + ["duty", str(duty), "USD"])
        if status == "Returned to sender":
            charges_rows.append(base + ["other", "8.00", "USD"])  # the return leg
    write_bytes(FIXTURES / "logistics" / "forwarder-4px-charges.csv", csv_text(charges_rows).encode("utf-8"))
    write_bytes(FIXTURES / "logistics" / "yanwen-parcels.csv", csv_text(parcel_rows).encode("utf-8"))
    return len(charges_rows) - 1, len(parcel_rows) - 1


UPS_FIELDS = 250


def ups_row(invoice_date, invoice_number, invoice_amount, txn_date, reference, tracking, weight, category,
            classification, description_code, description, net, country):
    f = [""] * UPS_FIELDS
    f[0] = "2.1"
    f[1] = "0000A1B2C3"
    f[2] = "0000A1B2C3"
    f[3] = "CN"
    f[4] = invoice_date
    f[5] = invoice_number
    f[6] = "E"
    f[9] = "USD"
    f[10] = invoice_amount
    f[11] = txn_date
    f[15] = reference
    f[20] = tracking
    if weight:
        f[26], f[27], f[28], f[29] = weight, "K", weight, "K"
    f[34] = category
    f[43] = classification
    f[44] = description_code
    f[45] = description
    f[50] = "USD"
    f[52] = net
    f[75] = country
    return f


def ups(rng):
    parcels = []
    for o in merchant_orders({"JP"}):
        shipped = ship_date(o)
        weight = sum(EU_WEIGHT_KG[s] * q for s, q, _, _ in o["lines"]) + Decimal("0.30")
        tracking = f"1Z{rng.randint(10**5, 10**6 - 1)}66{rng.randint(10**9, 10**10 - 1)}"
        freight = money(Decimal("18.20") + weight * Decimal("9.40"))
        lines = [("SHP", "FRT", "WWS", "Worldwide Saver", freight, weight),
                 ("SHP", "FSC", "FSC", "Fuel Surcharge", money(freight * Decimal("0.185")), None)]
        value = sum(p for _, _, _, p in o["lines"])
        if value >= 10000:  # JPY: import consumption tax and brokerage above ¥10,000
            lines.append(("SHP", "GOV", "TAX", "Import Consumption Tax", money(value / 150 * Decimal("0.10")), None))
            lines.append(("SHP", "BRK", "BRK", "Disbursement Fee", Decimal("4.50"), None))
        parcels.append((o, shipped, tracking, lines))
    rows = []
    by_week = {}
    for p in parcels:
        by_week.setdefault(p[1] - dt.timedelta(days=p[1].weekday()), []).append(p)
    for week, items in sorted(by_week.items()):
        invoice_date = (week + dt.timedelta(days=12)).isoformat()
        invoice_number = f"0000A1B2C3{week.strftime('%y%U')}"
        total = sum(a for _, _, _, lines in items for _, _, _, _, a, _ in lines) + Decimal("2.00")
        for o, shipped, tracking, lines in items:
            for category, cls, code, desc, amount, weight in lines:
                rows.append(ups_row(invoice_date, invoice_number, str(total), shipped.isoformat(), o["merchant_id"],
                                    tracking, str(weight) if weight else "", category, cls, code, desc, str(amount), "JP"))
        # an account-level line: no tracking number
        rows.append(ups_row(invoice_date, invoice_number, str(total), invoice_date, "", "", "", "ADJ", "ACC", "SVC",
                            "Payment Processing Fee", "2.00", ""))
    write_bytes(FIXTURES / "logistics" / "ups-billing-data.csv", csv_text(rows).encode("utf-8"))
    return len(rows)


# ----------------------------------------------------------------------------------------------------------------
# Malformed cases (written to fixtures/malformed; expectations in its README.md)

def malformed():
    out = {}
    out["google_ads_api_ragged_total.csv"] = (
        '"CAMPAIGN_PERFORMANCE_REPORT 1370029981335 (Sep 15, 2026-Sep 16, 2026)"\n'
        "Customer ID,Day,Cost,Clicks,Impressions,Conv. (1-per-click),CTR,Avg. CPM,Avg. CPC,Avg. position,Currency,Campaign ID,Campaign state,Budget,Budget ID\n"
        "1232422123,2026-09-15,1110000,5,927,0,0.54%,1200000,220000,3.59,EUR,132449648,enabled,1000000,41273\n"
        "1232422123,2026-09-15,8910000,50,7288,1,0.69%,1220000,178000,3.57,EUR,132449649,enabled,10000000,41274\n"
        "1232422123,2026-09-16,12.50,3,410,0,0.73%,30000,4170000,2.10,EUR,132449648,enabled,1000000,41273\n"
        "1232422123,2026-09-16,0,0,0,0,0.00%,0,0,0.00,EUR,132449649,paused,10000000,41274\n"
        "Total, --,10.02,58,8625,1,0.67%,1.22,0.18,3.57, --, --, --,1.00\n").encode("utf-8")
    meta_header = ",".join(f'"{h}"' if "," in h else h for h in META_HEADER[:6] + ["Amount spent (EUR)", "Impressions",
                           "CPM (cost per 1,000 impressions) (EUR)", "Link clicks", "Purchases", "Purchases conversion value"])
    out["meta_period_total.csv"] = (
        meta_header + "\n"
        "2026-09-15,2026-09-15,DE | Prospecting | Lamps & Trays,Broad 25-54,DE,7-day click or 1-day view,21.40,3120,6.86,41,1,74.90\n"
        "2026-09-16,2026-09-16,DE | Prospecting | Lamps & Trays,Broad 25-54,DE,7-day click or 1-day view,\"1,250.50\",98012,12.76,804,,\n"
        "2026-09-01,2026-09-30,DE | Prospecting | Lamps & Trays,Broad 25-54,DE,7-day click or 1-day view,1901.33,260114,7.31,2290,11,901.20\n"
        "2026-09-17,2026-09-17,DE | Prospecting | Lamps & Trays,Broad 25-54,DE,7-day click or 1-day view,18.05,2790,6.47,,,\n").encode("utf-8")
    fedex_header = ["Invoice Date", "Invoice Number", "Express or Ground Tracking ID", "Transportation Charge Amount",
                    "Net Charge Amount", "Service Type", "Shipment Date", "POD Delivery Date", "Actual Weight Amount",
                    "Actual Weight Units", "Recipient Country/Territory", "Original Customer Reference", "Currency Code",
                    "Tracking ID Charge Description", "Tracking ID Charge Amount",
                    "Tracking ID Charge Description", "Tracking ID Charge Amount"]
    out["fedex_bad_charge.csv"] = b"\xef\xbb\xbf" + csv_text([
        fedex_header,
        ["20260923", "7-100000001", "794600000001", "12.00", "13.86", "FedEx Ground", "20260915", "20260918", "2.5", "L", "US", "111-0000001-0000001", "USD", "Fuel Surcharge", "1.86", "", ""],
        ["20260923", "7-100000001", "794600000002", "12.00", "13.00", "FedEx Ground", "20260915", "", "2.5", "L", "US", "111-0000001-0000002", "USD", "Fuel Surcharge", "1O.25", "", ""],
        ["20260923", "7-100000001", "7.94600E+11", "12.00", "12.00", "FedEx Ground", "20260915", "", "2.5", "L", "US", "111-0000001-0000003", "USD", "", "", "", ""],
        ["20260923", "7-100000001", "094600000004", "20.00", "19.79", "FedEx 2Day", "20260916", "20260917", "1", "K", "US", "111-0000001-0000004", "USD", "Fuel Surcharge", "3.10", "Earned Discount", "-3.31"],
        ["20260923", "7-100000001", "794600000005", "12.00", "15.00", "FedEx Ground", "20260916", "", "2.5", "L", "US", "111-0000001-0000005", "USD", "Fuel Surcharge", "1.86", "", ""],
    ], lineterminator="\r\n").encode("utf-8")
    out["shipments_bad_values.csv"] = csv_text([
        GENERIC_HEADER,
        ["4PX3000000001CN", "302-0000001-0000001", "4PX", "4PX Global Express", "2026-09-15", "2026-09-22", "2026-09-23", "Delivered", "DE", "1.25", "kg", "freight", "14.80", "USD"],
        ["4PX3000000001CN", "302-0000001-0000001", "4PX", "4PX Global Express", "2026-09-15", "2026-09-22", "2026-09-23", "Teleported", "DE", "1.25", "kg", "fuel", "1.18", "USD"],
        ["4PX3000000002CN", "302-0000001-0000002", "4PX", "4PX Global Express", "2026-09-15", "", "2026-09-23", "In transit", "Atlantis", "2", "lb", "handling", "3.00", "USD"],
        ["4PX3000000003CN", "302-0000001-0000003", "4PX", "4PX Global Express", "2026-09-15", "", "2026-09-23", "RTS", "FR", "3", "stone", "freight", "22.10", "USD"],
        ["4PX3000000004CN", "302-0000001-0000004", "4PX", "4PX Global Express", "2026-09-15", "", "2026-09-23", "Exception", "Atlantis", "500", "g", "freight", "9.90", "XYZ"],
        ["4PX3000000005CN", "302-0000001-0000005", "4PX", "4PX Global Express", "2026-09-15", "", "2026-09-23", "", "德国", "16", "oz", "duty", "(1.50)", "USD"],
        ["Total", "", "", "", "", "", "", "", "", "", "", "", "49.48", ""],
    ]).encode("utf-8")
    out["amazon_ads_summary_period.csv"] = csv_text([
        ["Start Date", "End Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name", "Advertised SKU",
         "Advertised ASIN", "Impressions", "Clicks", "Spend", "14 Day Total Sales ", "Total Advertising Cost of Sales (ACOS) ",
         "Total Return on Advertising Spend (ROAS)", "14 Day Total Orders (#)"],
        ["Sep 15, 2026", "Sep 15, 2026", "", "USD", "US | SB | Brand", "Brand", "TM-LAMP-01", "B0D1HPLA01", "1,530", "12", "$ 9.84", "$ 79.00", "12.4557%", "8.03", "1"],
        ["Sep 01, 2026", "Sep 30, 2026", "", "USD", "US | SB | Brand", "Brand", "TM-LAMP-01", "B0D1HPLA01", "40,112", "301", "$ 250.02", "$ 790.00", "31.6481%", "3.16", "10"],
        ["Aug 01, 2026", "Oct 31, 2026", "", "USD", "US | SB | Brand", "Brand", "TM-LAMP-01", "B0D1HPLA01", "120,400", "905", "$ 751.12", "$ 2,370.00", "31.6928%", "3.16", "30"],
        ["Sep 16, 2026", "Sep 16, 2026", "", "USD", "US | SB | Brand", "Brand", "TM-LAMP-01", "B0D1HPLA01", "1,210", "9", "€ 7.02", "", "", "0.00", "0"],
    ], lineterminator="\r\n").encode("utf-8")
    ups_rows = [
        ups_row("2026-09-28", "0000A1B2C32637", "61.20", "2026-09-16", "503-0000001-0000001", "1Z9999W99999999999", "1.20", "SHP", "FRT", "WWS", "Worldwide Saver", "29.48", "JP"),
        ups_row("2026-09-28", "0000A1B2C32637", "61.20", "2026-09-16", "503-0000001-0000001", "1Z9999W99999999999", "", "SHP", "FSC", "FSC", "Fuel Surcharge", "5.45", "JP"),
        ups_row("2026-09-28", "0000A1B2C32637", "61.20", "2026-09-16", "503-0000001-0000001", "1Z9999W99999999999", "", "SHP", "XYZ", "ZZZ", "Mystery Charge", "1.00", "JP"),
        ups_row("2026-09-28", "0000A1B2C32637", "61.20", "2026-09-28", "", "", "", "ADJ", "ACC", "SVC", "Payment Processing Fee", "2.00", ""),
        ups_row("2026-09-28", "0000A1B2C32637", "61.20", "2026-09-20", "503-0000001-0000002", "1Z9999W99999999998", "0.80", "RTN", "FRT", "WWS", "Worldwide Saver Return", "23.27", "JP"),
    ]
    ups_text = csv_text(ups_rows)
    lines = ups_text.split("\n")
    lines[4] = ",".join(lines[4].split(",")[:120])  # a short row: cut after field 120
    out["ups_short_row.csv"] = "\n".join(lines).encode("utf-8")
    out["alibaba_english_bom.csv"] = b"\xef\xbb\xbf" + csv_text([
        ["Date", "Product", "Country", "Impressions", "Clicks", "Visitors", "Inquiries"],
        ["2026-09-15", "TM-LAMP-01", "United States", "412", "9", "7", "1"],
        ["2026-09-15", "TM-LAMP-01", "Germany", "233", "--", "", "0"],
        ["2026-09-15", "TM-LAMP-01", "Atlantis", "18", "1", "1", "0"],
        ["2026/09/16", "TM-LAMP-01", "美国", "390", "8", "8", "-1"],
    ]).encode("utf-8")
    for name, data in out.items():
        write_bytes(FIXTURES / "malformed" / name, data)


# ----------------------------------------------------------------------------------------------------------------

# Campaign names: some are hostile on purpose (issue 5): markup (`<script>`, `"><img onerror=…>`) and text a
# spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1`, `@SUM(…)`, `-2+3`). Reports must show them as text.


def main():
    rng = random.Random(SEED)
    attribution = Attribution(random.Random(SEED + 1))
    counts = {}
    counts["amazon us"] = amazon_ads(rng, attribution, "US", "USD", [
        ("+1 US | SP | Auto | Bestsellers", "Core", "Auto", ["TM-PILLOW-18", "TM-THROW-01", "TM-BLANKET-Q", "TM-MUG-SET4"], (0.35, 0.95)),
        ("@SUM(A1) US | SP | Manual | Lamps & Rugs", "Core", "Exact", ["TM-LAMP-01", "TM-RUG-23"], (0.60, 1.25)),
        ("US | SP | Manual | Pillows", "", "Broad", ["TM-PILLOW-18", "TM-PILLOW-20"], (0.40, 0.80)),
    ], "$", False, "amazon-ads-sp-advertised-product-us.csv")
    counts["amazon de"] = amazon_ads(rng, attribution, "DE", "EUR", [
        ("DE | SP | Auto | Alle", "Kern", "Auto", ["TM-PILLOW-18", "TM-BASKET-L", "TM-MUG-SET4"], (0.30, 0.85)),
        ("-2+3 DE | SP | Manuell | Lampen", "Kern", "Exakt", ["TM-LAMP-01"], (0.55, 1.15)),
    ], "", True, "amazon-ads-sp-advertised-product-de.csv")
    counts["google"] = google_ads(rng, attribution)
    counts["meta"] = meta_ads(rng, attribution)
    counts["alibaba"] = alibaba(rng)
    counts["fedex"] = fedex(rng)
    counts["4px, yanwen"] = forwarders(rng)
    counts["ups"] = ups(rng)
    malformed()
    for k, v in counts.items():
        print(f"{k}: {v} data rows")


if __name__ == "__main__":
    main()
