#!/usr/bin/env python3
"""Generate Tidemark's demo fixtures: the store "Harbor & Pine" selling home goods on Amazon in 7 marketplaces.

Deterministic: a fixed seed, no clock, no network. Running it twice gives byte-identical files.

    python3 tools/make_demo_fixtures.py            # writes fixtures/amazon, fixtures/fx, fixtures/costs, fixtures/malformed

Python 3.11, standard library only. The expected report figures are NOT computed here: they come from
tools/reference_margin.py, which reads the files this script writes and shares no code with it.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SEED = 20260801
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

# --------------------------------------------------------------------------------------------------------------
# Amazon "All Orders" layout (formats.md)

DOCUMENTED_COLUMNS = (
    "amazon-order-id merchant-order-id purchase-date last-updated-date order-status fulfillment-channel "
    "sales-channel order-channel url ship-service-level product-name sku asin item-status quantity currency "
    "item-price item-tax shipping-price shipping-tax gift-wrap-price gift-wrap-tax item-promotion-discount "
    "ship-promotion-discount ship-city ship-state ship-postal-code ship-country promotion-ids cpf "
    "is-business-order purchase-order-number price-designation"
).split()
NEWER_COLUMNS = "is-sold-by-ab number-of-items tax-collection-model tax-collection-responsible-party address-type".split()

HEADER_AUG = [c for c in DOCUMENTED_COLUMNS if c != "cpf"]  # real files seen: with url, without cpf
HEADER_SEP = [c for c in DOCUMENTED_COLUMNS if c != "url"]  # with cpf, without url
HEADER_OCT = DOCUMENTED_COLUMNS + NEWER_COLUMNS  # the newer columns appended

# --------------------------------------------------------------------------------------------------------------
# Catalogue: 12 SKUs, one price per market (VAT-inclusive on EU/UK/JP sites, pre-tax on Amazon.com)

SKUS = {
    #  sku              asin          USD      GBP      EUR      JPY
    "TM-PILLOW-18": ("B0D1HP1801", "24.99", "19.99", "22.99", "2980"),
    "TM-PILLOW-20": ("B0D1HP2002", "29.99", "24.99", "27.99", "3480"),
    "TM-LAMP-01": ("B0D1HPLA01", "79.00", "64.00", "74.90", "9800"),
    "TM-THROW-01": ("B0D1HPTH01", "59.99", "49.99", "54.99", "6980"),
    "TM-MUG-SET4": ("B0D1HPMG04", "34.99", "27.99", "32.99", "3980"),
    "TM-CANDLE-PINE": ("B0D1HPCP08", "18.50", "14.99", "16.90", "1980"),
    "TM-TRAY-OAK": ("B0D1HPTO18", "42.00", "34.00", "39.90", "4980"),
    "TM-RUG-23": ("B0D1HPRG23", "27.99", "22.99", "25.99", "2980"),
    "TM-BASKET-L": ("B0D1HPBL01", "36.99", "29.99", "33.99", "4280"),
    "TM-COASTER-6": ("B0D1HPCS06", "19.99", "15.99", "17.99", "2280"),
    "TM-VASE-10": ("B0D1HPVS10", "22.50", "18.00", "20.90", "2580"),
    "TM-BLANKET-Q": ("B0D1HPBQ90", "89.99", "74.99", "84.90", "10800"),
}
PRICE_COLUMN = {"USD": 1, "GBP": 2, "EUR": 3, "JPY": 4}

NAMES_EN = {
    "TM-PILLOW-18": '12" x 18" Pillow Cover, Linen, Sand',
    "TM-PILLOW-20": '20" x 20" Pillow Cover, Linen, Slate',
    "TM-LAMP-01": 'Harbor Table Lamp 14", Brass',
    "TM-THROW-01": 'Chunky Knit Throw 50" x 60", Oat',
    "TM-MUG-SET4": "Stoneware Mug Set (4 x 12 oz), Sea Glass",
    "TM-CANDLE-PINE": "Pine & Cedar Soy Candle, 8 oz",
    "TM-TRAY-OAK": 'Oak Serving Tray 18" with Handles',
    "TM-RUG-23": "Cotton Runner Rug 2' x 3', Striped",
    "TM-BASKET-L": "Seagrass Storage Basket, Large",
    "TM-COASTER-6": "Slate Coasters, Set of 6",
    "TM-VASE-10": 'Ceramic Bud Vase 10", Matte White',
    "TM-BLANKET-Q": 'Waffle Cotton Blanket, Queen 90" x 90"',
}
NAMES_LOCAL = {
    "DE": {
        "TM-PILLOW-18": "Kissenbezug 30 x 45 cm, Leinen, Sand",
        "TM-LAMP-01": "Tischlampe „Harbor“ 36 cm, Messing",
        "TM-BASKET-L": "Aufbewahrungskorb aus Seegras, groß",
        "TM-MUG-SET4": "Steingut-Becher 4er-Set, Meerglas",
        "TM-TRAY-OAK": "Serviertablett Eiche 45 cm mit Griffen",
    },
    "FR": {
        "TM-TRAY-OAK": "Plateau de service en chêne 45 cm",
        "TM-CANDLE-PINE": "Bougie de soja pin & cèdre, 225 g",
        "TM-THROW-01": "Plaid en grosse maille 127 x 152 cm, avoine",
    },
    "IT": {"TM-VASE-10": "Vasetto in ceramica 25 cm, bianco opaco"},
    # Hostile product names (issue 5): markup and spreadsheet formulas that reports must keep inert.
    "ES": {"TM-RUG-23": "Alfombra <script>alert(1)</script> 60 x 90 cm"},
    "GB": {"TM-COASTER-6": '=HYPERLINK("http://x","y")', "TM-VASE-10": '"><img src=x onerror=alert(1)> Bud Vase'},
    "JP": {
        "TM-PILLOW-18": "リネン クッションカバー 30×45cm サンド",
        "TM-PILLOW-20": "リネン クッションカバー 50×50cm スレート",
        "TM-CANDLE-PINE": "パイン＆シダー ソイキャンドル 225g",
        "TM-MUG-SET4": "ストーンウェア マグカップ 4個セット",
        "TM-COASTER-6": "スレート コースター 6枚組",
    },
}

# Sites: sales-channel, currency, VAT rate (None = tax on top, US sales tax), domestic ship-country, id prefix
SITES = {
    "US": ("Amazon.com", "USD", None, "US", "11"),
    "GB": ("Amazon.co.uk", "GBP", Decimal("0.20"), "GB", "20"),
    "DE": ("Amazon.de", "EUR", Decimal("0.19"), "DE", "30"),
    "FR": ("Amazon.fr", "EUR", Decimal("0.20"), "FR", "40"),
    "IT": ("Amazon.it", "EUR", Decimal("0.22"), "IT", "40"),
    "ES": ("Amazon.es", "EUR", Decimal("0.21"), "ES", "40"),
    "JP": ("Amazon.co.jp", "JPY", Decimal("0.10"), "JP", "25"),
}
SITE_WEIGHTS = [("US", 34), ("GB", 12), ("DE", 18), ("FR", 9), ("IT", 8), ("ES", 7), ("JP", 12)]

ADDRESSES = {
    "US": [("Portland", "OR", "97205", "0"), ("Austin", "TX", "78704", "0.0825"), ("Brooklyn", "NY", "11215", "0.08875"),
           ("Denver", "CO", "80203", "0.0881"), ("Seattle", "WA", "98109", "0.1035"), ("Wilmington", "DE", "19801", "0"),
           ("Chicago", "IL", "60614", "0.1025"), ("Boston", "MA", "02116", "0.0625"), ("San Diego", "CA", "92103", "0.0775"),
           ("Atlanta", "GA", "30308", "0.089")],
    "GB": [("London", "", "SW1A 1AA", None), ("Manchester", "Greater Manchester", "M1 1AE", None), ("Leeds", "", "LS1 4AP", None),
           ("Bristol", "", "BS1 5TR", None), ("Edinburgh", "", "EH1 1YZ", None)],
    "DE": [("Berlin", "", "10115", None), ("München", "Bayern", "80331", None), ("Hamburg", "", "20095", None),
           ("Köln", "NRW", "50667", None), ("Düsseldorf", "NRW", "40213", None), ("Leipzig", "Sachsen", "04109", None)],
    "AT": [("Wien", "", "1010", None), ("Graz", "Steiermark", "8010", None)],
    "FR": [("Paris", "", "75011", None), ("Lyon", "Rhône", "69002", None), ("Nantes", "", "44000", None), ("Lille", "", "59000", None)],
    "IT": [("Milano", "MI", "20121", None), ("Roma", "RM", "00184", None), ("Torino", "TO", "10121", None), ("Bologna", "BO", "40121", None)],
    "ES": [("Madrid", "Madrid", "28004", None), ("Barcelona", "Barcelona", "08001", None), ("Valencia", "Valencia", "46001", None)],
    "JP": [("東京都渋谷区", "東京都", "150-0001", None), ("大阪市北区", "大阪府", "530-0001", None), ("札幌市中央区", "北海道", "060-0001", None),
           ("福岡市中央区", "福岡県", "810-0001", None)],
    "CH": [("Zürich", "ZH", "8001", None), ("Lugano", "TI", "6900", None)],
}
SHIPPING = {"USD": ("5.99", "12.99"), "GBP": ("3.99", "6.99"), "EUR": ("4.49", "7.99"), "JPY": ("500", "800")}

D = Decimal
ZERO = D(0)


def places(currency: str) -> int:
    return 0 if currency == "JPY" else 2


def q(amount: Decimal, digits: int) -> Decimal:
    """Round half away from zero (ROUND_HALF_UP in Python's decimal module acts on the magnitude)."""
    return amount.quantize(D(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def money(amount: Decimal | None, currency: str) -> str:
    return "" if amount is None else str(q(amount, places(currency)))


def iso(instant_utc: dt.datetime, offset_hours: int) -> str:
    tz = dt.timezone(dt.timedelta(hours=offset_hours))
    return instant_utc.astimezone(tz).isoformat()


# --------------------------------------------------------------------------------------------------------------
# Orders


class Order:
    def __init__(self, site: str, order_id: str, utc: dt.datetime, offset: int, ship_country: str):
        self.site, self.id, self.utc, self.offset, self.ship_country = site, order_id, utc, offset, ship_country
        self.channel, self.currency, self.vat, _, _ = SITES[site]
        self.status = "Shipped"
        self.updated_utc = utc + dt.timedelta(days=2)
        self.lines: list[dict] = []
        self.fulfillment = "Amazon"
        self.service = "Standard"
        self.address = None
        self.business = False
        self.channel_text = self.channel

    @property
    def local_month(self) -> str:
        return iso(self.utc, self.offset)[:7]


def new_order_id(rng: random.Random, prefix: str, used: set[str]) -> str:
    while True:
        oid = f"{prefix}{rng.randint(1, 9)}-{rng.randint(0, 9999999):07d}-{rng.randint(0, 9999999):07d}"
        if oid not in used:
            used.add(oid)
            return oid


def add_line(rng: random.Random, order: Order, sku: str, qty: int, item_status: str | None = None,
             promo: Decimal | None = None, shipping: bool = False, ship_promo: bool = False) -> None:
    cur = order.currency
    unit = D(SKUS[sku][PRICE_COLUMN[cur]])
    price = unit * qty
    export = order.vat is not None and order.ship_country not in ("IT", "FR", "DE", "ES", "GB", "JP", "AT")
    if order.vat is None:
        rate = D(order.address[3]) if order.address[3] is not None else ZERO
        tax = q(price * rate, 2)
    elif export:  # sold from Amazon.it to a non-EU address: no VAT charged
        rate, tax = None, ZERO
    else:
        rate = D("0.20") if order.ship_country == "AT" else order.vat  # EU distance sale: destination VAT
        tax = q(price * rate / (1 + rate), places(cur))
    ship_price = ship_tax = None
    if shipping:
        ship_price = D(SHIPPING[cur][1 if order.service == "Expedited" else 0])
        if order.vat is None:
            ship_tax = q(ship_price * rate, 2)
        elif export:
            ship_tax = ZERO
        else:
            ship_tax = q(ship_price * rate / (1 + rate), places(cur))
    order.lines.append({
        "sku": sku, "qty": qty, "item_status": item_status, "price": price, "tax": tax,
        "ship_price": ship_price, "ship_tax": ship_tax, "promo": promo,
        "ship_promo": (ship_price if ship_promo and ship_price is not None else None),
        "promo_id": "",
    })


def pick_qty(rng: random.Random) -> int:
    return rng.choices([1, 2, 3, 4], weights=[64, 22, 9, 5])[0]


def pick_sku(rng: random.Random, exclude: set[str] = frozenset()) -> str:
    pool = [s for s in SKUS if s not in exclude]
    weights = {"TM-PILLOW-18": 16, "TM-PILLOW-20": 10, "TM-CANDLE-PINE": 12, "TM-MUG-SET4": 9, "TM-COASTER-6": 8,
               "TM-LAMP-01": 6, "TM-THROW-01": 7, "TM-TRAY-OAK": 6, "TM-RUG-23": 6, "TM-BASKET-L": 6,
               "TM-VASE-10": 7, "TM-BLANKET-Q": 4}
    return rng.choices(pool, weights=[weights[s] for s in pool])[0]


def promo_for(rng: random.Random, order: Order, price: Decimal) -> Decimal | None:
    if rng.random() >= 0.13:
        return None
    cur = order.currency
    if cur == "JPY":
        return D(rng.choice([300, 500, 1000]))
    if rng.random() < 0.5:
        return D("5.00")
    return q(price * D("0.10"), 2)  # a 10 % coupon


def make_orders(rng: random.Random) -> list[Order]:
    used: set[str] = set()
    orders: list[Order] = []
    start = dt.datetime(2026, 8, 1, tzinfo=dt.timezone.utc)
    span_seconds = int((dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc) - start).total_seconds())

    def base_order(site: str, utc: dt.datetime, offset: int = 0, ship_country: str | None = None) -> Order:
        ship = ship_country or SITES[site][3]
        o = Order(site, new_order_id(rng, SITES[site][4], used), utc, offset, ship)
        o.address = rng.choice(ADDRESSES[ship])
        o.fulfillment = "Amazon" if rng.random() < 0.8 else "Merchant"
        o.service = "Expedited" if rng.random() < 0.12 else "Standard"
        o.business = rng.random() < 0.05
        o.updated_utc = utc + dt.timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 20), minutes=rng.randint(0, 59))
        return o

    def fill(o: Order, n_skus: int) -> None:
        chosen: set[str] = set()
        charge_shipping = o.fulfillment == "Merchant" or rng.random() < 0.15
        free_shipping = charge_shipping and rng.random() < 0.3
        for i in range(n_skus):
            sku = pick_sku(rng, chosen)
            chosen.add(sku)
            qty = pick_qty(rng)
            unit = D(SKUS[sku][PRICE_COLUMN[o.currency]])
            add_line(rng, o, sku, qty, promo=promo_for(rng, o, unit * qty),
                     shipping=(charge_shipping and i == 0), ship_promo=free_shipping)

    # --- random orders -------------------------------------------------------------------------------------
    for _ in range(282):
        site = rng.choices([s for s, _ in SITE_WEIGHTS], weights=[w for _, w in SITE_WEIGHTS])[0]
        utc = start + dt.timedelta(seconds=rng.randrange(span_seconds))
        utc = utc.replace(microsecond=0)
        offset = 0
        r = rng.random()
        if site == "US" and r < 0.18:
            offset = -7
        elif site in ("DE", "FR", "IT", "ES") and r < 0.15:
            offset = 2
        o = base_order(site, utc, offset)
        if iso(o.utc, o.offset)[:7] != o.utc.strftime("%Y-%m"):
            o.offset = 0  # only the scripted orders below cross a month boundary
        n = rng.choices([1, 2, 3], weights=[80, 15, 5])[0]
        fill(o, n)
        orders.append(o)

    # --- scripted orders: every edge the reports must get right --------------------------------------------
    def at(text: str) -> dt.datetime:
        return dt.datetime.fromisoformat(text).astimezone(dt.timezone.utc)

    # Placed on 31 August in Pacific time = 1 September in UTC: it sits in the August file, counts in September.
    o = base_order("US", at("2026-08-31T23:30:00-07:00"), -7)
    o.address = ADDRESSES["US"][0]  # Portland, OR: no sales tax
    add_line(rng, o, "TM-LAMP-01", 1)
    add_line(rng, o, "TM-CANDLE-PINE", 2)
    orders.append(o)
    # Placed on 1 October in Japan = 30 September in UTC: in the October file, counts in September.
    o = base_order("JP", at("2026-10-01T03:15:00+09:00"), 9)
    add_line(rng, o, "TM-MUG-SET4", 1)
    orders.append(o)
    # Amazon.de in September, including the days the ECB file lacks (14-16 Sep fall back to Fri 11 Sep),
    # before and after the cost change of 15 Sep, and the market-specific DE cost of TM-LAMP-01.
    o = base_order("DE", at("2026-09-14T09:12:44+00:00"))
    add_line(rng, o, "TM-PILLOW-18", 2, promo=D("5.00"))
    orders.append(o)
    o = base_order("DE", at("2026-09-15T18:40:03+02:00"), 2)
    o.fulfillment, o.service = "Merchant", "Standard"
    add_line(rng, o, "TM-LAMP-01", 1, shipping=True, ship_promo=True)
    add_line(rng, o, "TM-PILLOW-18", 1)
    orders.append(o)
    # Shipped order whose one item was cancelled (two levels of status).
    o = base_order("DE", at("2026-09-16T07:05:51+00:00"))
    add_line(rng, o, "TM-MUG-SET4", 1)
    add_line(rng, o, "TM-VASE-10", 2, item_status="Cancelled")
    orders.append(o)
    # A whole order cancelled.
    o = base_order("DE", at("2026-09-19T11:30:00+00:00"))
    o.status = "Cancelled"
    add_line(rng, o, "TM-BLANKET-Q", 1)
    orders.append(o)
    # Cross-border: Amazon.it, EUR, shipped to Austria (DE site) / the US / Switzerland (IT site).
    o = base_order("DE", at("2026-09-22T15:02:10+00:00"), ship_country="AT")
    add_line(rng, o, "TM-LAMP-01", 1)
    orders.append(o)
    o = base_order("IT", at("2026-09-09T13:45:00+00:00"), ship_country="US")
    add_line(rng, o, "TM-TRAY-OAK", 1)
    orders.append(o)
    o = base_order("IT", at("2026-10-12T08:20:31+02:00"), 2, ship_country="US")
    o.fulfillment, o.service = "Merchant", "Expedited"
    add_line(rng, o, "TM-THROW-01", 1, shipping=True)
    add_line(rng, o, "TM-VASE-10", 1)
    orders.append(o)
    o = base_order("IT", at("2026-08-18T10:00:00+00:00"), ship_country="CH")
    o.status = "Cancelled"  # the only CH order in August: no (2026-08, CH) row at all
    add_line(rng, o, "TM-BASKET-L", 1)
    orders.append(o)
    o = base_order("IT", at("2026-09-24T16:10:12+00:00"), ship_country="CH")
    add_line(rng, o, "TM-BASKET-L", 2, promo=D("6.80"))
    orders.append(o)
    o = base_order("IT", at("2026-10-06T12:00:00+00:00"), ship_country="CH")
    add_line(rng, o, "TM-CANDLE-PINE", 3)
    orders.append(o)
    # A weekend Amazon.co.jp order (rate from Friday) with a JP-specific cost.
    o = base_order("JP", at("2026-10-17T02:30:00+00:00"))
    add_line(rng, o, "TM-CANDLE-PINE", 4, promo=D("500"))
    orders.append(o)

    # --- statuses ------------------------------------------------------------------------------------------
    last_run = dt.datetime(2026, 11, 6, tzinfo=dt.timezone.utc)
    for o in orders:
        if o.status == "Cancelled":
            o.updated_utc = o.utc + dt.timedelta(hours=rng.randint(2, 30))
        elif o.utc >= dt.datetime(2026, 10, 28, tzinfo=dt.timezone.utc) and rng.random() < 0.6:
            o.status = "Pending"
            o.updated_utc = o.utc + dt.timedelta(minutes=rng.randint(5, 600))
        elif o.status == "Shipped" and len(o.lines) == 1 and rng.random() < 0.035:
            o.status = "Cancelled"
            o.updated_utc = o.utc + dt.timedelta(hours=rng.randint(2, 30))
        o.updated_utc = min(o.updated_utc, last_run)
        for line in o.lines:
            if o.status == "Cancelled":
                line["item_status"] = "Cancelled"
            elif line["item_status"] is None:
                line["item_status"] = "Unshipped" if o.status == "Pending" else "Shipped"
            if line["promo"] is not None:
                line["promo_id"] = "HP-COUPON-5" if line["promo"] in (D("5.00"), D("500")) else "HP-AUTUMN-10"
            if line["ship_promo"] is not None:
                line["promo_id"] = (line["promo_id"] + "," if line["promo_id"] else "") + "Free Shipping"
        if o.status == "Cancelled" and rng.random() < 0.5:
            for line in o.lines:  # some cancelled lines carry no amounts at all
                line.update(price=None, tax=None, ship_price=None, ship_tax=None, promo=None, ship_promo=None, promo_id="")

    # Some exports write the site in lower case.
    for o in orders:
        if o.site == "GB" and o.local_month == "2026-09" and rng.random() < 0.4:
            o.channel_text = "amazon.co.uk"
    orders.sort(key=lambda o: (o.utc, o.id))
    return orders


def order_rows(o: Order, header: list[str], rng: random.Random) -> list[list[str]]:
    rows = []
    cur = o.currency
    for line in o.lines:
        market_for_name = o.site if o.site in NAMES_LOCAL else None
        name = NAMES_LOCAL.get(market_for_name or "", {}).get(line["sku"], NAMES_EN[line["sku"]])
        promo = line["promo"]
        ship_promo = line["ship_promo"]
        value = {
            "amazon-order-id": o.id,
            "merchant-order-id": o.id if o.fulfillment == "Merchant" else "",
            "purchase-date": iso(o.utc, o.offset),
            "last-updated-date": iso(o.updated_utc, o.offset),
            "order-status": o.status,
            "fulfillment-channel": o.fulfillment,
            "sales-channel": o.channel_text,
            "order-channel": "",
            "url": "",
            "ship-service-level": o.service,
            "product-name": name,
            "sku": line["sku"],
            "asin": SKUS[line["sku"]][0],
            "item-status": line["item_status"],
            "quantity": str(line["qty"]),
            "currency": cur,
            "item-price": money(line["price"], cur),
            "item-tax": money(line["tax"], cur),
            "shipping-price": money(line["ship_price"], cur),
            "shipping-tax": money(line["ship_tax"], cur),
            "gift-wrap-price": "",
            "gift-wrap-tax": "",
            "item-promotion-discount": "" if promo is None else money(-promo, cur),
            "ship-promotion-discount": "" if ship_promo is None else money(-ship_promo, cur),
            "ship-city": o.address[0],
            "ship-state": o.address[1],
            "ship-postal-code": o.address[2],
            "ship-country": o.ship_country,
            "promotion-ids": line["promo_id"],
            "cpf": "",
            "is-business-order": "true" if o.business else "false",
            "purchase-order-number": "PO-" + o.id[-4:] if o.business else "",
            "price-designation": "BusinessPrice" if o.business else "",
            "is-sold-by-ab": "false",
            "number-of-items": "1",
            "tax-collection-model": "MarketplaceFacilitator" if o.site == "US" else "",
            "tax-collection-responsible-party": "Amazon Services LLC" if o.site == "US" else "",
            "address-type": "Commercial" if o.business else ("Residential" if o.site == "US" else ""),
        }
        rows.append([value[c] for c in header])
    return rows


def write_orders_file(path: Path, header: list[str], orders: list[Order], rng: random.Random, crlf: bool,
                      trailing_tab_every: int = 0) -> int:
    eol = "\r\n" if crlf else "\n"
    out = ["\t".join(header) + eol]
    n = 0
    for o in orders:
        for row in order_rows(o, header, rng):
            for field in row:
                assert "\t" not in field and "\n" not in field and "\r" not in field
            n += 1
            extra = "\t" if trailing_tab_every and n % trailing_tab_every == 0 else ""
            out.append("\t".join(row) + extra + eol)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("".join(out).encode("utf-8"))
    return n


# --------------------------------------------------------------------------------------------------------------
# ECB rates

ECB_COLUMNS = ("USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,CHF,ISK,NOK,HRK,RUB,TRL,TRY,"
               "AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR").split(",")
# currency: (starting rate, decimals, daily volatility); BGN is N/A: Bulgaria adopted the euro on 2026-01-01.
ECB_START = {
    "USD": ("1.1650", 4, 0.0035), "JPY": ("172.40", 2, 0.0045), "CZK": ("24.350", 3, 0.0015),
    "DKK": ("7.4630", 4, 0.0001), "GBP": ("0.86420", 5, 0.0025), "HUF": ("392.50", 2, 0.004),
    "PLN": ("4.2450", 4, 0.002), "RON": ("5.0780", 4, 0.001), "SEK": ("11.0250", 4, 0.003),
    "CHF": ("0.9350", 4, 0.0025), "ISK": ("143.10", 2, 0.002), "NOK": ("11.7200", 4, 0.003),
    "TRY": ("47.8000", 4, 0.003), "AUD": ("1.7850", 4, 0.004), "BRL": ("6.3450", 4, 0.006),
    "CAD": ("1.6050", 4, 0.003), "CNY": ("8.3650", 4, 0.0035), "HKD": ("9.1450", 4, 0.0035),
    "IDR": ("18950.35", 2, 0.004), "ILS": ("3.9550", 4, 0.004), "INR": ("101.2350", 4, 0.0035),
    "KRW": ("1620.45", 2, 0.004), "MXN": ("21.8350", 4, 0.005), "MYR": ("4.9450", 4, 0.003),
    "NZD": ("1.9650", 4, 0.004), "PHP": ("66.480", 3, 0.004), "SGD": ("1.4950", 4, 0.002),
    "THB": ("37.850", 3, 0.003), "ZAR": ("20.6750", 4, 0.006),
}
ECB_FIRST, ECB_LAST = dt.date(2026, 7, 20), dt.date(2026, 11, 20)
ECB_OMITTED = {dt.date(2026, 9, 14), dt.date(2026, 9, 15), dt.date(2026, 9, 16)}


def ecb_number(value: Decimal, decimals: int) -> str:
    text = format(q(value, decimals), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")  # the ECB file drops trailing zeros: 161.6, 7.46
    return text


def write_ecb(path: Path, rng: random.Random) -> int:
    level = {c: Decimal(v[0]) for c, v in ECB_START.items()}
    rows = []
    day = ECB_FIRST
    while day <= ECB_LAST:
        if day.weekday() < 5:
            for c, (_, _, vol) in ECB_START.items():
                step = Decimal(repr(round(rng.gauss(0.0, vol), 6)))
                level[c] = level[c] * (1 + step)
            # The Hong Kong dollar is pegged to the US dollar (7.75-7.85 HKD per USD).
            level["HKD"] = level["USD"] * (Decimal("7.80") + Decimal(repr(round(rng.uniform(-0.04, 0.04), 4))))
            if day not in ECB_OMITTED:
                fields = [day.isoformat()]
                for c in ECB_COLUMNS:
                    fields.append(ecb_number(level[c], ECB_START[c][1]) if c in ECB_START else "N/A")
                rows.append(",".join(fields) + ",")
        day += dt.timedelta(days=1)
    rows.reverse()  # newest first
    text = "Date," + ",".join(ECB_COLUMNS) + ",\n" + "\n".join(rows) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("ascii"))
    return len(rows)


# --------------------------------------------------------------------------------------------------------------
# Unit costs

UNIT_COSTS = [
    # sku, market, valid_from, unit_cost, currency
    ("TM-PILLOW-18", "", "2026-01-01", "38.50", "CNY"),
    ("TM-PILLOW-18", "", "2026-09-15", "41.20", "CNY"),  # new supplier price from 15 Sep
    ("TM-PILLOW-20", "", "2026-01-01", "46.80", "CNY"),
    ("TM-LAMP-01", "", "2026-01-01", "21.40", "USD"),
    ("TM-LAMP-01", "DE", "2026-01-01", "23.90", "EUR"),  # German-plug variant bought in the EU
    ("TM-THROW-01", "", "2026-01-01", "14.75", "USD"),
    ("TM-MUG-SET4", "", "2026-01-01", "9.80", "USD"),
    ("TM-MUG-SET4", "", "2026-09-15", "10.45", "USD"),  # freight surcharge from 15 Sep
    ("TM-CANDLE-PINE", "", "2026-01-01", "3.95", "USD"),
    ("TM-CANDLE-PINE", "JP", "2026-01-01", "720", "JPY"),  # poured by a contract chandler in Japan
    ("TM-TRAY-OAK", "", "2026-01-01", "78.00", "CNY"),
    ("TM-RUG-23", "", "2026-01-01", "6.20", "USD"),
    ("TM-BASKET-L", "", "2026-01-01", "52.60", "CNY"),
    ("TM-COASTER-6", "", "2026-01-01", "24.90", "CNY"),
    ("TM-VASE-10", "", "2026-01-01", "4.35", "USD"),
    ("TM-BLANKET-Q", "", "2026-01-01", "22.10", "USD"),
]

# The Shopify store names four products with hostile SKUs (issue 5: markup and spreadsheet formulas in data that
# reports must keep inert). Each costs what the Amazon SKU it stands for costs, so no figure changes.
SHOPIFY_SKU = {
    "TM-VASE-10": "<script>alert(1)</script>",
    "TM-COASTER-6": '=HYPERLINK("http://x","y")',
    "TM-RUG-23": "-2+3",
    "TM-BLANKET-Q": '"><img src=x onerror=alert(1)>',
}
SHOPIFY_NAME = {
    "TM-VASE-10": "@SUM(A1) Ceramic Bud Vase",
    "TM-COASTER-6": "+1 Slate Coasters",
    "TM-RUG-23": "-2+3 Cotton Runner Rug",
    "TM-BLANKET-Q": '"><img src=x onerror=alert(1)> Waffle Blanket',
}
UNIT_COSTS += [(SHOPIFY_SKU[c[0]],) + c[1:] for c in UNIT_COSTS if c[0] in SHOPIFY_SKU]


def write_costs(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["sku,market,valid_from,unit_cost,currency"] + [csv_line(list(r)) for r in UNIT_COSTS]
    path.write_bytes(("\n".join(lines) + "\n").encode("ascii"))
    return len(UNIT_COSTS)


# --------------------------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------------------------
# Selling platforms beyond Amazon All Orders (issue 3): Amazon payment, returns and FBA reports, Shopify, eBay,
# AliExpress and Alibaba.com. A separate random generator (PLATFORM_SEED) so the files above stay byte-identical.

PLATFORM_SEED = 20260901
EUR_SITES = ("DE", "FR", "IT", "ES")
HEAVY = ("TM-LAMP-01", "TM-BLANKET-Q", "TM-THROW-01")
FBA_FEE = {"USD": ("3.22", "5.40"), "EUR": ("2.95", "4.85"), "GBP": ("2.60", "4.30")}

SETTLEMENT_COLUMNS = (
    "settlement-id settlement-start-date settlement-end-date deposit-date total-amount currency transaction-type "
    "order-id merchant-order-id adjustment-id shipment-id marketplace-name amount-type amount-description amount "
    "fulfillment-id posted-date posted-date-time order-item-code merchant-order-item-id merchant-adjustment-item-id "
    "sku quantity-purchased promotion-id").split()


def commission_of(gross: Decimal) -> Decimal:
    return q(gross * D("0.15"), 2)


def fba_fee_row(line: dict, cur: str) -> tuple[str, Decimal]:
    small, heavy = FBA_FEE[cur]
    if line["sku"] in HEAVY:
        return "FBAWeightBasedFee", D(heavy) * line["qty"]
    return "FBAPerUnitFulfillmentFee", D(small) * line["qty"]


def eu_amount(v: Decimal) -> str:
    """`1.234,56`: decimal comma, `.` thousands (EU settlement files)."""
    text = format(q(v, 2), "f")
    neg = text.startswith("-")
    whole, frac = text.lstrip("-").split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return ("-" if neg else "") + ".".join(groups) + "," + frac


def us_amount(v: Decimal) -> str:
    return format(q(v, 2), "f")


def settled_orders(orders: list, sites: tuple, start: dt.datetime, end: dt.datetime, post_days: int = 2) -> list:
    """Shipped orders of `sites` whose settlement posting (order + post_days, 06:00 UTC) falls in [start, end)."""
    out = []
    for o in orders:
        if o.site not in sites or o.status != "Shipped":
            continue
        posted = (o.utc + dt.timedelta(days=post_days)).replace(hour=6, minute=0, second=0) + dt.timedelta(minutes=len(out) % 50)
        if start <= posted < end:
            out.append((o, posted))
    return out


def net_price(o, line) -> Decimal:
    """The line's amount excluding VAT as the All Orders parser reads it (EU/UK sites include VAT)."""
    return line["price"] - line["tax"] if o.vat is not None else line["price"]


def write_settlement(path: Path, eu: bool, settlement_id: str, start: dt.datetime, end: dt.datetime, currency: str,
                     orders: list, sites: tuple, refunds: list, extras: list) -> dict:
    """One settlement file; returns what it wrote for the README's worked example."""
    amount = eu_amount if eu else us_amount

    def when(t: dt.datetime) -> str:
        return t.strftime("%d.%m.%Y %H:%M:%S UTC") if eu else t.strftime("%Y-%m-%d %H:%M:%S UTC")

    def short(t: dt.datetime) -> str:
        return t.strftime("%d.%m.%Y") if eu else t.strftime("%Y-%m-%d")

    rows = []
    log = {"fees": [], "refunds": [], "skipped": 0}

    def row(ttype, oid, site, atype, desc, value, posted, sku="", qty="", item_code=""):
        rows.append({"settlement-id": settlement_id, "transaction-type": ttype, "order-id": oid,
                     "marketplace-name": SITES[site][0] if site else "", "amount-type": atype,
                     "amount-description": desc, "amount": value, "posted-date": short(posted),
                     "posted-date-time": when(posted), "sku": sku, "quantity-purchased": qty,
                     "order-item-code": item_code, "shipment-id": "", "fulfillment-id": "AFN" if atype else ""})

    for o, posted in settled_orders(orders, sites, start, end):
        for n, line in enumerate(o.lines):
            if line["item_status"] != "Shipped" or line["price"] is None:
                continue
            code = f"{int(o.id.replace('-', '')[-9:]) + n:014d}"
            row("Order", o.id, o.site, "ItemPrice", "Principal", net_price(o, line), posted, line["sku"], str(line["qty"]), code)
            if o.vat is not None:
                row("Order", o.id, o.site, "ItemPrice", "Tax", line["tax"], posted, line["sku"], str(line["qty"]), code)
            if line["ship_price"] is not None:
                row("Order", o.id, o.site, "ItemPrice", "Shipping", line["ship_price"] - (line["ship_tax"] or ZERO) if o.vat is not None else line["ship_price"], posted, line["sku"], str(line["qty"]), code)
            if line["promo"] is not None:
                row("Order", o.id, o.site, "Promotion", "Principal", -line["promo"], posted, line["sku"], str(line["qty"]), code)
            c = commission_of(line["price"])
            row("Order", o.id, o.site, "ItemFees", "Commission", -c, posted, line["sku"], str(line["qty"]), code)
            log["fees"].append((o.site, posted, "Commission", c, o.id, line["sku"]))
            if o.fulfillment == "Amazon":
                desc, fee = fba_fee_row(line, currency)
                row("Order", o.id, o.site, "ItemFees", desc, -fee, posted, line["sku"], str(line["qty"]), code)
                log["fees"].append((o.site, posted, desc, fee, o.id, line["sku"]))
    for o, line, posted in refunds:
        code = f"{int(o.id.replace('-', '')[-9:]):014d}"
        principal = net_price(o, line)
        row("Refund", o.id, o.site, "ItemPrice", "Principal", -principal, posted, line["sku"], "", code)
        if o.vat is not None:
            row("Refund", o.id, o.site, "ItemPrice", "Tax", -line["tax"], posted, line["sku"], "", code)
        c = commission_of(line["price"])
        admin = min(q(c * D("0.20"), 2), D("5.00"))
        row("Refund", o.id, o.site, "ItemFees", "Commission", c, posted, line["sku"], "", code)
        row("Refund", o.id, o.site, "ItemFees", "RefundCommission", -admin, posted, line["sku"], "", code)
        log["refunds"].append((o.site, posted, principal, o.id, line["sku"]))
        log["fees"].append((o.site, posted, "Commission (reversal)", -c, o.id, line["sku"]))
        log["fees"].append((o.site, posted, "RefundCommission", admin, o.id, line["sku"]))
    for ttype, site, atype, desc, value, posted in extras:
        row(ttype, "", site, atype, desc, value, posted)
        if "Reimbursement" not in ttype and "REVERSAL" not in desc:
            log["fees"].append((site, posted, desc, -value, "", ""))
    rows.sort(key=lambda r: (r["posted-date-time"][6:10] + r["posted-date-time"][3:5] + r["posted-date-time"][:2] if eu else r["posted-date-time"], r["order-id"]))
    total = sum((r["amount"] for r in rows), ZERO)
    summary = {c: "" for c in SETTLEMENT_COLUMNS}
    summary.update({"settlement-id": settlement_id, "settlement-start-date": when(start), "settlement-end-date": when(end),
                    "deposit-date": when(end + dt.timedelta(days=2)), "total-amount": amount(total), "currency": currency})
    lines = ["\t".join(SETTLEMENT_COLUMNS), "\t".join(summary[c] for c in SETTLEMENT_COLUMNS)]
    for r in rows:
        full = {c: "" for c in SETTLEMENT_COLUMNS}
        full.update({k: v for k, v in r.items() if k in full})
        full["amount"] = amount(r["amount"])
        lines.append("\t".join(full[c] for c in SETTLEMENT_COLUMNS))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    log["rows"] = len(rows) + 1
    log["total"] = total
    return log


def refund_candidates(orders: list, site: str, month: str, every: int, skip_promos: bool = True) -> list:
    """Every `every`-th shipped order of `site` placed in `month`: its first shipped line without a promotion."""
    out = []
    k = 0
    for o in orders:
        if o.site != site or o.status != "Shipped" or o.utc.strftime("%Y-%m") != month:
            continue
        k += 1
        if k % every:
            continue
        for line in o.lines:
            if line["item_status"] == "Shipped" and line["price"] is not None and (line["promo"] is None or not skip_promos):
                out.append((o, line))
                break
    return out


RETURNS_COLUMNS = ("Order ID, Order date, Return request date, Return request status, Amazon RMA ID, Merchant RMA ID, "
                   "Label type, Label cost, Currency code, Return carrier, Tracking ID, Label to be paid by, A-to-Z Claim, "
                   "Is prime, ASIN, Merchant SKU, Item Name, Return quantity, Return Reason, In policy, Return type, "
                   "Resolution, Invoice number, Return delivery date, Order Amount, Order quantity, SafeT Action reason, "
                   "SafeT claim id, SafeT claim state, SafeT claim creation time, SafeT claim reimbursement amount, "
                   "Refunded Amount").split(", ")
FBA_RETURNS_COLUMNS = ("return-date order-id sku asin fnsku product-name quantity fulfillment-center-id "
                       "detailed-disposition reason status license-plate-number customer-comments").split()
FBA_SHIPMENTS_COLUMNS = (
    "amazon-order-id merchant-order-id shipment-id shipment-item-id amazon-order-item-id merchant-order-item-id "
    "purchase-date payments-date shipment-date reporting-date buyer-email buyer-name buyer-phone-number sku "
    "product-name quantity-shipped currency item-price item-tax shipping-price shipping-tax gift-wrap-price "
    "gift-wrap-tax ship-service-level recipient-name ship-address-1 ship-address-2 ship-address-3 ship-city "
    "ship-state ship-postal-code ship-country ship-phone-number bill-address-1 bill-address-2 bill-address-3 "
    "bill-city bill-state bill-postal-code bill-country item-promotion-discount ship-promotion-discount carrier "
    "tracking-number estimated-arrival-date fulfillment-center-id fulfillment-channel sales-channel").split()
DATE_RANGE_COLUMNS = (
    "date/time,settlement id,type,order id,sku,description,quantity,marketplace,account type,fulfillment,order city,"
    "order state,order postal,tax collection model,product sales,product sales tax,shipping credits,"
    "shipping credits tax,gift wrap credits,giftwrap credits tax,Regulatory Fee,Tax On Regulatory Fee,"
    "promotional rebates,promotional rebates tax,marketplace withheld tax,selling fees,fba fees,"
    "other transaction fees,other,total").split(",")
REASONS = ["DEFECTIVE", "NOT_AS_DESCRIBED", "UNWANTED_ITEM", "SWITCHEROO", "DAMAGED_BY_CARRIER"]


def tsv(path: Path, header: list, rows: list[dict], crlf: bool = False) -> int:
    eol = "\r\n" if crlf else "\n"
    out = ["\t".join(header)] + ["\t".join(r.get(c, "") for c in header) for r in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((eol.join(out) + eol).encode("utf-8"))
    return len(rows)


def csv_line(fields: list[str], sep: str = ",") -> str:
    out = []
    for f in fields:
        if any(ch in f for ch in (sep, '"', "\n", "\r")):
            f = '"' + f.replace('"', '""') + '"'
        out.append(f)
    return sep.join(out)


def pacific(t: dt.datetime) -> str:
    """`Dec 1, 2019 12:07:47 AM PST` (PDT until 1 Nov 2026)."""
    pdt = t < dt.datetime(2026, 11, 1, 9, tzinfo=dt.timezone.utc)
    local = t + dt.timedelta(hours=-7 if pdt else -8)
    hour = local.hour % 12 or 12
    return f"{local.strftime('%b')} {local.day}, {local.year} {hour}:{local.strftime('%M:%S')} {'AM' if local.hour < 12 else 'PM'} {'PDT' if pdt else 'PST'}"


def write_amazon_payments(base: Path, orders: list, rng: random.Random) -> dict:
    counts = {}
    utc = dt.timezone.utc
    # EU settlement for September (Amazon.de/.fr/.it/.es, EUR, decimal commas, dd.MM.yyyy dates).
    sep_start, sep_end = dt.datetime(2026, 9, 1, tzinfo=utc), dt.datetime(2026, 10, 1, tzinfo=utc)
    eu_refunds = []
    for site, every in (("DE", 4), ("FR", 5)):
        for o, line in refund_candidates(orders, site, "2026-08", every) + refund_candidates(orders, site, "2026-09", every):
            posted = (o.utc + dt.timedelta(days=11)).replace(hour=9, minute=15, second=0)
            if sep_start <= posted < sep_end:
                eu_refunds.append((o, line, posted))
    eu_extras = [
        ("other-transaction", "DE", "other-transaction", "Storage Fee", D("-18.47"), dt.datetime(2026, 9, 7, 4, 0, tzinfo=utc)),
        ("other-transaction", "DE", "other-transaction", "Subscription Fee", D("-39.00"), dt.datetime(2026, 9, 12, 0, 5, tzinfo=utc)),
        ("Cost of Advertising", "DE", "Cost of Advertising", "TransactionTotalAmount", D("-1042.30"), dt.datetime(2026, 9, 20, 2, 0, tzinfo=utc)),
        ("other-transaction", "FR", "other-transaction", "Storage Fee", D("-6.12"), dt.datetime(2026, 9, 7, 4, 0, tzinfo=utc)),
        ("other-transaction", "DE", "FBA Inventory Reimbursement", "REVERSAL_REIMBURSEMENT", D("15.40"), dt.datetime(2026, 9, 25, 8, 0, tzinfo=utc)),
    ]
    eu = write_settlement(base / "settlement-2026-09-eu.txt", True, "11734567890", sep_start, sep_end, "EUR", orders,
                          EUR_SITES, eu_refunds, eu_extras)
    counts["amazon-payments/settlement-2026-09-eu.txt"] = eu["rows"]
    # US settlement for October (Amazon.com, USD, yyyy-MM-dd HH:mm:ss UTC).
    oct_start, oct_end = dt.datetime(2026, 10, 1, tzinfo=utc), dt.datetime(2026, 11, 1, tzinfo=utc)
    us_refunds = []
    for o, line in refund_candidates(orders, "US", "2026-09", 6) + refund_candidates(orders, "US", "2026-10", 6):
        posted = (o.utc + dt.timedelta(days=11)).replace(hour=17, minute=40, second=0)
        if oct_start <= posted < oct_end:
            us_refunds.append((o, line, posted))
    us_extras = [
        ("other-transaction", "US", "other-transaction", "FBA Long-Term Storage Fee", D("-22.15"), dt.datetime(2026, 10, 15, 3, 0, tzinfo=utc)),
        ("other-transaction", "US", "other-transaction", "Subscription Fee", D("-39.99"), dt.datetime(2026, 10, 12, 0, 5, tzinfo=utc)),
    ]
    us = write_settlement(base / "settlement-2026-10-us.txt", False, "11798765432", oct_start, oct_end, "USD", orders,
                          ("US",), us_refunds, us_extras)
    counts["amazon-payments/settlement-2026-10-us.txt"] = us["rows"]

    # Returns report (by return date) for the EU refunds: units, reasons, request 5 days after the order.
    rows = []
    for i, (o, line, posted) in enumerate(eu_refunds):
        req = o.utc + dt.timedelta(days=6)
        rows.append({"Order ID": o.id, "Order date": o.utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
                     "Return request date": req.strftime("%d-%b-%Y"), "Return request status": "Approved",
                     "Amazon RMA ID": f"D{8000000 + i:07d}RMA", "Label type": "AmazonUnPaidLabel", "Label cost": "",
                     "Currency code": "EUR", "Return carrier": "DHL", "Tracking ID": f"JJD{44000000 + i * 7919}",
                     "Label to be paid by": "Customer", "A-to-Z Claim": "N", "Is prime": "Y",
                     "ASIN": SKUS[line["sku"]][0], "Merchant SKU": line["sku"],
                     "Item Name": NAMES_LOCAL.get(o.site, {}).get(line["sku"], NAMES_EN[line["sku"]]),
                     "Return quantity": str(line["qty"]), "Return Reason": REASONS[i % len(REASONS)], "In policy": "Y",
                     "Return type": "C-Returns", "Resolution": "StandardRefund", "Order Amount": money(line["price"], "EUR"),
                     "Order quantity": str(line["qty"]), "Refunded Amount": money(net_price(o, line), "EUR")})
    # one request that Amazon rejected: skipped
    o, line, _ = eu_refunds[0]
    rows.append({**rows[0], "Return request status": "Rejected", "Amazon RMA ID": "D8009999RMA", "Refunded Amount": "0.00"})
    counts["amazon-payments/returns-2026-09-eu.txt"] = tsv(base / "returns-2026-09-eu.txt", RETURNS_COLUMNS, rows)

    # FBA customer returns for the US refunds.
    rows = []
    for i, (o, line, posted) in enumerate(us_refunds):
        rows.append({"return-date": (o.utc + dt.timedelta(days=8)).strftime("%Y-%m-%dT%H:%M:%S+00:00"), "order-id": o.id,
                     "sku": line["sku"], "asin": SKUS[line["sku"]][0], "fnsku": "X00" + SKUS[line["sku"]][0][3:],
                     "product-name": NAMES_EN[line["sku"]], "quantity": str(line["qty"]), "fulfillment-center-id": "PHX7",
                     "detailed-disposition": "SELLABLE" if i % 2 else "CUSTOMER_DAMAGED", "reason": REASONS[(i + 2) % 5],
                     "status": "Unit returned to inventory", "license-plate-number": f"LPN{93000000 + i}",
                     "customer-comments": 'Arrived with a "dent"' if i == 0 else ""})
    counts["amazon-payments/fba-customer-returns-2026-10-us.txt"] = tsv(base / "fba-customer-returns-2026-10-us.txt", FBA_RETURNS_COLUMNS, rows)

    # FBA shipments for October Amazon.com FBA orders (one row per item; multi-item parcels share a tracking number).
    rows = []
    n = 0
    for o in orders:
        if o.site != "US" or o.fulfillment != "Amazon" or o.status != "Shipped" or o.utc.strftime("%Y-%m") != "2026-10":
            continue
        n += 1
        if n > 12:
            break
        shipped = o.utc + dt.timedelta(hours=20)
        tracking = f"TBA{310000000000 + n * 7717}"
        carrier = "AMZN_US" if n % 3 else "UPS"
        for k, line in enumerate(o.lines):
            rows.append({"amazon-order-id": o.id, "shipment-id": f"D{n:02d}kLm{n * 37:04d}", "shipment-item-id": f"Dq{n}{k}",
                         "amazon-order-item-id": f"{n:05d}{k}", "purchase-date": o.utc.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                         "payments-date": o.utc.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                         "shipment-date": shipped.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                         "reporting-date": shipped.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                         "buyer-email": f"{o.id[-7:]}@marketplace.amazon.com", "buyer-name": "Jordan Reyes",
                         "sku": line["sku"], "product-name": NAMES_EN[line["sku"]], "quantity-shipped": str(line["qty"]),
                         "currency": "USD", "item-price": money(line["price"], "USD"), "item-tax": money(line["tax"], "USD"),
                         "ship-service-level": o.service, "recipient-name": "Jordan Reyes", "ship-address-1": "100 Main St",
                         "ship-city": o.address[0], "ship-state": o.address[1], "ship-postal-code": o.address[2],
                         "ship-country": "US", "carrier": carrier, "tracking-number": tracking,
                         "estimated-arrival-date": (shipped + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                         "fulfillment-center-id": "PHX7", "fulfillment-channel": "AFN", "sales-channel": "Amazon.com"})
    counts["amazon-payments/fba-shipments-2026-10-us.txt"] = tsv(base / "fba-shipments-2026-10-us.txt", FBA_SHIPMENTS_COLUMNS, rows)

    # Date Range transaction report for August, Amazon.com (USD): 7 preamble lines, CRLF, no final newline.
    lines = [
        '"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions"',
        '"All amounts in USD, unless specified"',
        '"Definitions:"',
        '"Sales tax collected: Includes sales tax collected from buyers for product sales, shipping, and gift wrap."',
        '"Selling fees: Includes variable closing fees and referral fees."',
        '"Other transaction fees: Includes shipping chargebacks, shipping holdbacks, per-item fees  and sales tax collection fees."',
        '"Other: Includes non-order transaction amounts. For more details, see the ""Type"" and ""Description"" columns for each order ID."',
        csv_line(DATE_RANGE_COLUMNS),
    ]
    aug_start, aug_end = dt.datetime(2026, 8, 1, tzinfo=utc), dt.datetime(2026, 9, 1, tzinfo=utc)
    dr_rows = []
    for o, posted in settled_orders(orders, ("US",), aug_start, aug_end):
        for line in o.lines:
            if line["item_status"] != "Shipped" or line["price"] is None:
                continue
            c = commission_of(line["price"])
            fba = fba_fee_row(line, "USD")[1] if o.fulfillment == "Amazon" else ZERO
            promo = -(line["promo"] or ZERO)
            ship = line["ship_price"] or ZERO
            total = line["price"] + ship + promo - c - fba
            dr_rows.append((posted, ["Order", o.id, line["sku"], NAMES_EN[line["sku"]], str(line["qty"]), "amazon.com",
                                     "Standard Orders", "Amazon" if o.fulfillment == "Amazon" else "Seller",
                                     o.address[0], o.address[1], o.address[2], "MarketplaceFacilitator",
                                     us_amount(line["price"]), us_amount(line["tax"]), us_amount(ship), "0", "0", "0", "0", "0",
                                     us_amount(promo), "0", us_amount(-line["tax"]), us_amount(-c), us_amount(-fba), "0", "0",
                                     us_amount(total)]))
    for o, line in refund_candidates(orders, "US", "2026-08", 7)[:3]:
        posted = (o.utc + dt.timedelta(days=9)).replace(hour=15, minute=5, second=9)
        if posted >= aug_end:
            continue
        c = commission_of(line["price"])
        admin = min(q(c * D("0.20"), 2), D("5.00"))
        total = -line["price"] + c - admin
        dr_rows.append((posted, ["Refund", o.id, line["sku"], NAMES_EN[line["sku"]], str(line["qty"]), "amazon.com",
                                 "Standard Orders", "Amazon", o.address[0], o.address[1], o.address[2],
                                 "MarketplaceFacilitator", us_amount(-line["price"]), us_amount(-line["tax"]), "0", "0", "0",
                                 "0", "0", "0", "0", "0", us_amount(line["tax"]), us_amount(c - admin), "0", "0", "0",
                                 us_amount(total)]))
    specials = [
        (dt.datetime(2026, 8, 14, 7, 2, 11, tzinfo=utc), ["Service Fee", "", "", "Cost of Advertising", "", "", "", "", "", "", "", "", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "-612.48", "0", "-612.48"]),
        (dt.datetime(2026, 8, 12, 8, 0, 5, tzinfo=utc), ["Service Fee", "", "", "Subscription", "", "", "", "", "", "", "", "", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "-39.99", "0", "-39.99"]),
        (dt.datetime(2026, 8, 20, 19, 30, 0, tzinfo=utc), ["Adjustment", "", "TM-VASE-10", "FBA Inventory Reimbursement - Damaged:Warehouse", "1", "amazon.com", "", "Amazon", "", "", "", "", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "14.12", "14.12"]),
        (dt.datetime(2026, 8, 28, 2, 0, 0, tzinfo=utc), ["Transfer", "", "", "To account ending in: 042", "", "", "", "", "", "", "", "", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "-2841.07", "-2841.07"]),
    ]
    dr_rows += specials
    dr_rows.sort(key=lambda r: r[0])
    for posted, fields in dr_rows:
        typ, oid, sku, desc, qty, mkt, acct, ful, city, state, postal, model, *money_fields = fields
        lines.append(csv_line([pacific(posted), "11701234567", typ, oid, sku, desc, qty, mkt, acct, ful, city, state, postal, model] + money_fields))
    (base / "date-range-2026-08-us.csv").write_bytes("\r\n".join(lines).encode("utf-8"))
    counts["amazon-payments/date-range-2026-08-us.csv"] = len(dr_rows)
    return {"counts": counts, "eu": eu, "us": us, "eu_refunds": eu_refunds}


# Customers of the own web shop and eBay (invented; example.* domains). Three buy on both.
CUSTOMERS = [
    ("lena.hoffmann@example.de", "DE"), ("marc.dubois@example.fr", "FR"), ("sanne.devries@example.nl", "NL"),
    ("oliver.bennett@example.co.uk", "GB"), ("emily.carter@example.com", "US"), ("jonas.weber@example.de", "DE"),
    ("chloe.martin@example.fr", "FR"), ("harry.wilson@example.co.uk", "GB"), ("mia.schulz@example.at", "AT"),
    ("noah.miller@example.com", "US"), ("ava.thompson@example.com", "US"), ("luca.rossi@example.it", "IT"),
]
CROSS_PLATFORM = ["lena.hoffmann@example.de", "jonas.weber@example.de", "emily.carter@example.com"]
VAT = {"DE": D("0.19"), "FR": D("0.20"), "NL": D("0.21"), "AT": D("0.20"), "IT": D("0.22"), "GB": D("0.20")}
SHOP_CURRENCY = {"DE": "EUR", "FR": "EUR", "NL": "EUR", "AT": "EUR", "IT": "EUR", "GB": "GBP", "US": "USD"}
SHOP_SHIPPING = {"EUR": D("4.90"), "GBP": D("3.95"), "USD": D("6.95")}
SHOP_OFFSET = {"DE": 2, "FR": 2, "NL": 2, "AT": 2, "IT": 2, "GB": 1, "US": -4}
POSTAL = {"DE": ("Berlin", "10115"), "FR": ("Lyon", "69002"), "NL": ("Utrecht", "3511 AB"), "AT": ("Wien", "1010"),
          "IT": ("Milano", "20121"), "GB": ("Bristol", "BS1 5TR"), "US": ("Boston", "'02116")}
SHOPIFY_COLUMNS = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,"
    "Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,"
    "Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
    "Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,"
    "Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,"
    "Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,"
    "Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,"
    "Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,"
    "Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,"
    "Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References"
).split(",")
ORDER_LEVEL = {"Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing",
               "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount",
               "Shipping Method", "Created at", "Cancelled at", "Refunded Amount", "Billing Country",
               "Shipping Country", "Duties", "Notes", "Payment Method", "Id", "Source", "Outstanding Balance"}


def shop_time(utc: dt.datetime, country: str) -> str:
    off = SHOP_OFFSET[country]
    local = utc + dt.timedelta(hours=off)
    sign = "+" if off >= 0 else "-"
    return local.strftime("%Y-%m-%d %H:%M:%S") + f" {sign}{abs(off):02d}00"


def make_shopify_orders(rng: random.Random) -> list[dict]:
    orders = []
    start = dt.datetime(2026, 8, 2, 9, 0, tzinfo=dt.timezone.utc)
    for n in range(44):
        email, country = CUSTOMERS[rng.randrange(len(CUSTOMERS))]
        if n % 11 == 3:
            email = ""  # a guest checkout without email: no customer key
        utc = start + dt.timedelta(days=n * 2 + rng.randint(0, 1), hours=rng.randint(0, 9), minutes=rng.randint(0, 59))
        if utc >= dt.datetime(2026, 10, 31, tzinfo=dt.timezone.utc):
            break
        cur = SHOP_CURRENCY[country]
        lines = []
        chosen: set[str] = set()
        for _ in range(rng.choices([1, 2, 3], weights=[55, 35, 10])[0]):
            sku = pick_sku(rng, chosen)
            chosen.add(sku)
            qty = rng.choices([1, 2], weights=[80, 20])[0]
            price = D(SKUS[sku][PRICE_COLUMN[cur]])
            line_discount = q(price * qty * D("0.15"), 2) if rng.random() < 0.12 else ZERO
            lines.append({"sku": sku, "qty": qty, "price": price, "discount": line_discount})
        gross = sum((l["price"] * l["qty"] for l in lines), ZERO)
        code = "WELCOME10" if rng.random() < 0.2 else ""
        order_discount = q((gross - sum((l["discount"] for l in lines), ZERO)) * D("0.10"), 2) if code else ZERO
        discount = sum((l["discount"] for l in lines), ZERO) + order_discount
        subtotal = gross - discount
        shipping = ZERO if subtotal >= 60 else SHOP_SHIPPING[cur]
        if country in VAT:
            rate = VAT[country]
            taxes = q((subtotal + shipping) * rate / (1 + rate), 2)
            total = subtotal + shipping
        else:
            taxes = q(subtotal * D("0.0625"), 2)
            total = subtotal + shipping + taxes
        orders.append({"name": f"#{1001 + n}", "id": str(5120000000 + n * 7919), "email": email, "country": country,
                       "utc": utc, "currency": cur, "lines": lines, "code": code, "discount": discount,
                       "subtotal": subtotal, "shipping": shipping, "taxes": taxes, "total": total,
                       "financial": "paid", "refunded": ZERO, "cancelled": None, "fulfilled": True})
    # Refunds and a cancellation, chosen by position so they do not depend on the draw.
    for k, o in enumerate(orders):
        if k in (4, 13, 27, 36):
            o["financial"] = "partially_refunded"
            o["refunded"] = q(o["lines"][0]["price"] - o["lines"][0]["discount"] / o["lines"][0]["qty"], 2)
        if k in (9, 31):
            o["financial"] = "refunded"
            o["refunded"] = o["total"]
        if k == 20:
            o["financial"] = "voided"
            o["cancelled"] = o["utc"] + dt.timedelta(hours=3)
            o["fulfilled"] = False
        if o["utc"] >= dt.datetime(2026, 10, 27, tzinfo=dt.timezone.utc):
            o["fulfilled"] = False
    return orders


def shopify_rows(o: dict, repeat: bool) -> list[list[str]]:
    rows = []
    cur = o["currency"]
    for i, l in enumerate(o["lines"]):
        tax_name = f"VAT {int(VAT[o['country']] * 100)}%" if o["country"] in VAT else "MA State Tax 6.25%"
        v = {c: "" for c in SHOPIFY_COLUMNS}
        v.update({
            "Name": o["name"], "Lineitem quantity": str(l["qty"]), "Lineitem name": SHOPIFY_NAME.get(l["sku"], NAMES_EN[l["sku"]]),
            "Lineitem price": money(l["price"], cur), "Lineitem compare at price": "", "Lineitem sku": SHOPIFY_SKU.get(l["sku"], l["sku"]),
            "Lineitem requires shipping": "true", "Lineitem taxable": "true",
            "Lineitem fulfillment status": "fulfilled" if o["fulfilled"] else "pending",
            "Lineitem discount": money(l["discount"], cur), "Vendor": "Harbor & Pine",
        })
        if i == 0 or repeat:
            city, zip_code = POSTAL[o["country"]]
            v.update({
                "Email": o["email"], "Financial Status": o["financial"],
                "Paid at": shop_time(o["utc"] + dt.timedelta(minutes=1), o["country"]),
                "Fulfillment Status": "fulfilled" if o["fulfilled"] else "unfulfilled",
                "Fulfilled at": shop_time(o["utc"] + dt.timedelta(days=1), o["country"]) if o["fulfilled"] else "",
                "Accepts Marketing": "no", "Currency": cur, "Subtotal": money(o["subtotal"], cur),
                "Shipping": money(o["shipping"], cur), "Taxes": money(o["taxes"], cur), "Total": money(o["total"], cur),
                "Discount Code": o["code"], "Discount Amount": money(o["discount"], cur),
                "Shipping Method": "Standard", "Created at": shop_time(o["utc"], o["country"]),
                "Billing Name": "Customer " + o["name"][1:], "Billing City": city, "Billing Zip": zip_code,
                "Billing Country": o["country"], "Shipping Name": "Customer " + o["name"][1:], "Shipping City": city,
                "Shipping Zip": zip_code, "Shipping Country": o["country"],
                "Cancelled at": shop_time(o["cancelled"], o["country"]) if o["cancelled"] else "",
                "Payment Method": "Shopify Payments", "Refunded Amount": money(o["refunded"], cur),
                "Outstanding Balance": "0.00", "Id": o["id"], "Source": "web", "Tax 1 Name": tax_name,
                "Tax 1 Value": money(o["taxes"], cur), "Duties": "",
                "Notes": "Please leave at the door.\nRing twice." if o["name"] in ("#1003", "#1030") else "",
            })
        rows.append([v[c] for c in SHOPIFY_COLUMNS])
    return rows


def write_shopify(base: Path, rng: random.Random) -> dict:
    orders = make_shopify_orders(rng)
    counts = {}
    early = [o for o in orders if o["utc"] < dt.datetime(2026, 10, 1, tzinfo=dt.timezone.utc)]
    late = [o for o in orders if o not in early]
    out = [csv_line(SHOPIFY_COLUMNS)] + [csv_line(r) for o in early for r in shopify_rows(o, repeat=False)]
    base.mkdir(parents=True, exist_ok=True)
    (base / "orders_export_2026-08_09.csv").write_bytes(("\n".join(out) + "\n").encode("utf-8"))
    counts["shopify/orders_export_2026-08_09.csv"] = len(out) - 1
    # October: a newer export, order-level columns repeated on every line, `Lineitem SKU` and `Canceled at`.
    header = ["Lineitem SKU" if c == "Lineitem sku" else "Canceled at" if c == "Cancelled at" else c for c in SHOPIFY_COLUMNS]
    out = [csv_line(header)] + [csv_line(r) for o in late for r in shopify_rows(o, repeat=True)]
    (base / "orders_export_2026-10.csv").write_bytes(("\r\n".join(out) + "\r\n").encode("utf-8"))
    counts["shopify/orders_export_2026-10.csv"] = len(out) - 1
    return {"counts": counts, "orders": orders}


EBAY_COLUMNS = (
    "Sales Record Number,Order Number,Buyer Username,Buyer Name,Buyer Email,Buyer Note,Buyer Address 1,Buyer Address 2,"
    "Buyer City,Buyer State,Buyer Zip,Buyer Country,Buyer Tax Identifier Name,Buyer Tax Identifier Value,Ship To Name,"
    "Ship To Phone,Ship To Address 1,Ship To Address 2,Ship To City,Ship To State,Ship To Zip,Ship To Country,"
    "Item Number,Item Title,Custom Label,Sold Via Promoted Listings,Quantity,Sold For,Shipping And Handling,"
    "Item Location,Item Zip Code,Item Country,eBay Collect And Remit Tax Rate,eBay Collect And Remit Tax Type,"
    "eBay Reference Name,eBay Reference Value,Tax Status,Seller Collected Tax,eBay Collected Tax,"
    "Electronic Waste Recycling Fee,Mattress Recycling Fee,Battery Recycling Fee,White Goods Disposal Tax,"
    "Tire Recycling Fee,Additional Fee,Lumber Fee,Prepaid Wireless Fee,Road Improvement And Food Delivery Fee,"
    "eBay Collected Charges,Total Price,eBay Collected Tax and Fees Included in Total,Payment Method,Sale Date,"
    "Paid On Date,Ship By Date,Minimum Estimated Delivery Date,Maximum Estimated Delivery Date,Shipped On Date,"
    "Feedback Left,Feedback Received,My Item Note,PayPal Transaction ID,Shipping Service,Tracking Number,"
    "Transaction ID,Variation Details,Global Shipping Program,Global Shipping Reference ID,Click And Collect,"
    "Click And Collect Reference Number,eBay Plus,Authenticity Verification Program,Authenticity Verification Status,"
    "Authenticity Verification Outcome Reason,PSA Vault Program,Vault Fulfillment Type,eBay Fulfillment Program,"
    "Tax City,Tax State,Tax Zip,Tax Country,eBay International Shipping").split(",")
EBAY_TITLES = {  # raw `"` left unescaped, as eBay writes titles
    "TM-LAMP-01": 'Harbor Table Lamp 14" Brass', "TM-PILLOW-18": 'Linen Pillow Cover 12" x 18" Sand',
    "TM-VASE-10": 'Ceramic Bud Vase 10" Matte White', "TM-MUG-SET4": "Stoneware Mug Set of 4 Sea Glass",
    "TM-CANDLE-PINE": "Pine and Cedar Soy Candle 8 oz", "TM-THROW-01": "Chunky Knit Throw Oat",
    "TM-COASTER-6": "Slate Coasters Set of 6", "TM-BASKET-L": "Seagrass Storage Basket Large",
    "TM-TRAY-OAK": "Oak Serving Tray with Handles", "TM-RUG-23": "Cotton Runner Rug Striped",
    "TM-PILLOW-20": 'Linen Pillow Cover 20" Slate', "TM-BLANKET-Q": "Waffle Cotton Blanket Queen",
}
QUOTED_EBAY_HEADERS = {"Sales Record Number", "Order Number", "Item Title", "Sold For", "Total Price"}


def ebay_money(v: Decimal, site: str) -> str:
    if site == "US":
        return "$" + format(q(v, 2), ",f")
    return "EUR " + format(q(v, 2), "f").replace(".", ",")


def ebay_date(d: dt.date, site: str) -> str:
    return d.strftime("%b-%d-%y") if site == "US" else d.strftime("%d-%b-%y")


def ebay_field(text: str) -> str:
    """Quote only where a comma forces it; a raw `"` inside an unquoted title stays as it is."""
    return '"' + text + '"' if "," in text else text


def write_ebay(base: Path, rng: random.Random, site: str, month: int) -> dict:
    cur = "USD" if site == "US" else "EUR"
    col = PRICE_COLUMN[cur]
    countries = ({"United States": 8, "Canada": 1, "United Kingdom": 1} if site == "US"
                 else {"Deutschland": 7, "Österreich": 2, "Frankreich": 1})
    names = list(countries)
    buyers = (["emily.carter@example.com", "noah.miller@example.com", "", ""] if site == "US"
              else ["lena.hoffmann@example.de", "jonas.weber@example.de", "", "mia.schulz@example.at"])
    records = []
    record_number = 3100 if site == "US" else 7200
    lines_out: list[dict] = []
    for n in range(14):
        record_number += 1
        country = rng.choices(names, weights=[countries[c] for c in names])[0]
        email = buyers[n % len(buyers)]
        username = f"{'hp' if site == 'US' else 'kunde'}_{rng.randint(1000, 9999)}"
        day = dt.date(2026, month, 1 + n * 2)
        order_no = f"{rng.randint(10, 27)}-{rng.randint(10000, 99999)}-{rng.randint(10000, 99999)}"
        n_items = 2 if n % 4 == 1 else (3 if n == 6 else 1)
        chosen: set[str] = set()
        items = []
        for _ in range(n_items):
            sku = pick_sku(rng, chosen)
            chosen.add(sku)
            items.append((sku, rng.choices([1, 2], weights=[75, 25])[0]))
        ship = D("6.50") if site == "US" else D("4,90".replace(",", "."))
        tax_rate = D("0.0725") if site == "US" and country == "United States" else ZERO
        base_row = {"Sales Record Number": str(record_number), "Order Number": order_no, "Buyer Username": username,
                    "Buyer Name": "Buyer " + str(record_number), "Buyer Email": email,
                    "Buyer Country": country, "Ship To Name": "Buyer " + str(record_number), "Ship To Country": country,
                    "Ship To City": "Springfield" if site == "US" else "Leipzig", "Payment Method": "Managed payments",
                    "Sale Date": ebay_date(day, site), "Paid On Date": ebay_date(day, site),
                    "Shipped On Date": ebay_date(day + dt.timedelta(days=1), site) if n < 12 else "",
                    "Shipping Service": "USPS Ground Advantage" if site == "US" else "DHL Paket"}
        amounts = [D(SKUS[s][col]) * qn for s, qn in items]
        tax = q(sum(amounts, ZERO) * tax_rate, 2)
        total = sum(amounts, ZERO) + ship + tax
        if n_items == 1:
            sku, qn = items[0]
            r = dict(base_row)
            r.update({"Item Number": str(rng.randint(10**11, 10**12 - 1)), "Item Title": EBAY_TITLES[sku], "Custom Label": sku,
                      "Quantity": str(qn), "Sold For": ebay_money(D(SKUS[sku][col]), site),
                      "Shipping And Handling": ebay_money(ship, site), "eBay Collected Tax": ebay_money(tax, site),
                      "Seller Collected Tax": ebay_money(ZERO, site), "Total Price": ebay_money(total, site),
                      "Transaction ID": str(rng.randint(10**12, 10**13 - 1))})
            records.append(r)
        else:
            summary = dict(base_row)
            summary.update({"Quantity": str(sum(qn for _, qn in items)), "Shipping And Handling": ebay_money(ship, site),
                            "eBay Collected Tax": ebay_money(tax, site), "Seller Collected Tax": ebay_money(ZERO, site),
                            "Total Price": ebay_money(total, site)})
            records.append(summary)
            for sku, qn in items:
                records.append({"Sales Record Number": str(record_number), "Order Number": order_no,
                                "Item Number": str(rng.randint(10**11, 10**12 - 1)), "Item Title": EBAY_TITLES[sku],
                                "Custom Label": sku, "Quantity": str(qn), "Sold For": ebay_money(D(SKUS[sku][col]), site),
                                "Transaction ID": str(rng.randint(10**12, 10**13 - 1))})
        lines_out.append({"record": record_number, "email": email, "country": country, "items": items, "ship": ship,
                          "tax": tax, "date": day})
    header = ",".join('"' + c + '"' if c in QUOTED_EBAY_HEADERS else c for c in EBAY_COLUMNS)
    first = "" if site == "US" else "," * (len(EBAY_COLUMNS) - 1)
    out = [first, header, "," * (len(EBAY_COLUMNS) - 1)]
    for r in records:
        out.append(",".join(ebay_field(r.get(c, "")) for c in EBAY_COLUMNS))
    out += ["", f"{len(records)} record(s) downloaded,from {ebay_date(dt.date(2026, month, 1), site)} to {ebay_date(dt.date(2026, month, 28), site)}",
            f"Seller ID : harborandpine_{site.lower()}"]
    name = f"ebay-orders-2026-{month:02d}-{site.lower()}.csv"
    base.mkdir(parents=True, exist_ok=True)
    (base / name).write_bytes(("\r\n".join(out) + "\r\n").encode("utf-8"))
    return {"counts": {f"ebay/{name}": len(records) + 4}, "orders": lines_out}


ALI_CN = ["订单号", "下单时间", "商品编码", "商品名称", "数量", "金额", "币种", "国家", "订单状态", "买家", "运费"]
ALI_EN = ["Order ID", "Order time", "SKU", "Product name", "Quantity", "Amount", "Currency", "Country", "Status", "Buyer ID", "Shipping"]
ALI_COUNTRIES_CN = ["美国", "西班牙", "法国", "巴西", "韩国", "美国"]
ALI_COUNTRIES_EN = ["United States", "Spain", "France", "Brazil", "Korea, Republic of", "Poland"]
ALI_STATUS_CN = ["交易完成", "已发货", "等待发货", "交易关闭", "交易完成", "等待买家收货"]
ALI_STATUS_EN = ["Completed", "Shipped", "Awaiting shipment", "Closed", "Finished", "Awaiting delivery"]
CN_NAMES = {"TM-PILLOW-18": "亚麻抱枕套 30×45cm 沙色", "TM-CANDLE-PINE": "松木雪松香薰蜡烛", "TM-MUG-SET4": "陶瓷马克杯四件套",
            "TM-COASTER-6": "石板杯垫六件套", "TM-VASE-10": "陶瓷小花瓶 哑光白", "TM-PILLOW-20": "亚麻抱枕套 50×50cm 石板色"}
ALI_PRICE_USD = {"TM-PILLOW-18": "12.99", "TM-CANDLE-PINE": "9.49", "TM-MUG-SET4": "18.90", "TM-COASTER-6": "10.50",
                 "TM-VASE-10": "11.20", "TM-PILLOW-20": "15.80"}
ALI_PRICE_CNY = {"TM-PILLOW-18": "88.00", "TM-CANDLE-PINE": "65.00", "TM-MUG-SET4": "129.00", "TM-COASTER-6": "72.00",
                 "TM-VASE-10": "79.00", "TM-PILLOW-20": "109.00"}


def write_aliexpress(base: Path, rng: random.Random) -> dict:
    counts = {}
    base.mkdir(parents=True, exist_ok=True)
    skus = list(ALI_PRICE_USD)
    # October, Chinese header names, GBK, amounts `US $25.98` with currency USD, China time.
    rows = [ALI_CN]
    for n in range(12):
        sku = skus[rng.randrange(len(skus))]
        qty = rng.choice([1, 1, 2])
        t = dt.datetime(2026, 10, 2 + n * 2, rng.randint(8, 22), rng.randint(0, 59), rng.randint(0, 59))
        amount = D(ALI_PRICE_USD[sku]) * qty
        rows.append([f"81{3000000000000 + n * 104729}", t.strftime("%Y-%m-%d %H:%M:%S"), sku, CN_NAMES[sku], str(qty),
                     f"US ${format(amount, 'f')}", "USD", ALI_COUNTRIES_CN[n % 6], ALI_STATUS_CN[n % 6], f"cn{rng.randint(100000, 999999)}",
                     "US $0.00" if n % 3 else "US $2.50"])
    text = "\r\n".join(csv_line(r) for r in rows) + "\r\n"
    (base / "aliexpress-orders-2026-10-cn.csv").write_bytes(text.encode("gb18030"))
    counts["aliexpress/aliexpress-orders-2026-10-cn.csv"] = len(rows) - 1
    # September, English header names, UTF-8 with BOM, CNY amounts without currency text (the currency column says).
    rows = [ALI_EN]
    for n in range(8):
        sku = skus[rng.randrange(len(skus))]
        qty = rng.choice([1, 2])
        t = dt.datetime(2026, 9, 3 + n * 3, rng.randint(8, 22), rng.randint(0, 59))
        rows.append([f"81{2000000000000 + n * 7919}", t.strftime("%Y/%m/%d %H:%M:%S"), sku, CN_NAMES[sku], str(qty),
                     format(D(ALI_PRICE_CNY[sku]) * qty, "f"), "CNY", ALI_COUNTRIES_EN[n % 6], ALI_STATUS_EN[n % 6],
                     f"buyer{rng.randint(1000, 9999)}", "0.00"])
    text = "\n".join(csv_line(r) for r in rows) + "\n"
    (base / "aliexpress-orders-2026-09-en.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    counts["aliexpress/aliexpress-orders-2026-09-en.csv"] = len(rows) - 1
    return counts


ALIBABA_CN = ["订单编号", "创建时间", "产品编码", "产品名称", "数量", "单价", "币种", "买家国家", "订单状态", "买家公司", "运费"]


def write_alibaba(base: Path, rng: random.Random) -> dict:
    base.mkdir(parents=True, exist_ok=True)
    rows = [ALIBABA_CN]
    buyers = ["Nordic Living AB", "Casa Bonita S.L.", "Maple Home Inc.", "Nordic Living AB", "Oz Interiors Pty Ltd"]
    countries = ["瑞典", "西班牙", "加拿大", "瑞典", "澳大利亚"]
    for n in range(6):
        sku = ["TM-PILLOW-18", "TM-MUG-SET4", "TM-COASTER-6", "TM-BASKET-L", "TM-PILLOW-20", "TM-VASE-10"][n]
        qty = [200, 120, 300, 80, 150, 240][n]
        unit = D(["4.10", "6.85", "3.20", "9.40", "4.95", "2.60"][n])
        t = dt.datetime(2026, 8 + n // 2, 5 + n * 3, 10, 30)
        rows.append([f"2026{80000 + n * 17:08d}", t.strftime("%Y-%m-%d %H:%M:%S"), sku, CN_NAMES.get(sku, NAMES_EN[sku]),
                     str(qty), f"US ${format(unit, 'f')}", "USD", countries[n % 5],
                     ["交易完成", "已发货", "交易完成", "已发货", "等待发货", "已取消"][n], buyers[n % 5],
                     f"US ${format(D(['180.00', '95.00', '210.00', '160.00', '120.00', '0.00'][n]), 'f')}"])
    text = "\n".join(csv_line(r) for r in rows) + "\n"
    (base / "alibaba-orders-2026-q3.csv").write_bytes(text.encode("utf-8"))
    return {"alibaba/alibaba-orders-2026-q3.csv": len(rows) - 1}


def write_platform_malformed(folder: Path) -> dict:
    """Bad-input cases of the selling-platform formats (not `.txt`, so `malformed/*.txt` globs stay as they were)."""
    counts = {}
    # An overlapping re-download of ten September All Orders lines: same figures, last-updated-date 3 days later.
    src = (FIXTURES / "amazon/all-orders-2026-09.txt").read_text(encoding="utf-8").split("\n")
    header = src[0].split("\t")
    k = header.index("last-updated-date")
    out = [src[0]]
    for line in src[1:11]:
        f = line.split("\t")
        f[k] = (dt.datetime.fromisoformat(f[k]) + dt.timedelta(days=3)).isoformat()
        out.append("\t".join(f))
    (folder / "amazon_all_orders_2026-09_redownload.tsv").write_bytes(("\n".join(out) + "\n").encode("utf-8"))
    counts["malformed/amazon_all_orders_2026-09_redownload.tsv"] = 10

    # eBay: a summary row without items, item rows without their summary row, good orders around them.
    def ebay(r: dict) -> str:
        return ",".join(ebay_field(r.get(c, "")) for c in EBAY_COLUMNS)
    good = {"Sales Record Number": "9001", "Order Number": "11-11111-11111", "Buyer Username": "hp_1111",
            "Buyer Email": "emily.carter@example.com", "Ship To Country": "United States", "Item Number": "110000000001",
            "Item Title": 'Harbor Table Lamp 14" Brass', "Custom Label": "TM-LAMP-01", "Quantity": "1", "Sold For": "$79.00",
            "Shipping And Handling": "$6.50", "eBay Collected Tax": "$5.73", "Total Price": "$91.23", "Sale Date": "Sep-02-26"}
    orphan_summary = {"Sales Record Number": "9002", "Order Number": "22-22222-22222", "Buyer Username": "hp_2222",
                      "Ship To Country": "United States", "Quantity": "2", "Shipping And Handling": "$6.50",
                      "Total Price": "$66.48", "Sale Date": "Sep-03-26"}
    orphan_items = [{"Sales Record Number": "9003", "Order Number": "33-33333-33333", "Item Number": "110000000003",
                     "Item Title": "Slate Coasters Set of 6", "Custom Label": "TM-COASTER-6", "Quantity": "1", "Sold For": "$19.99"},
                    {"Sales Record Number": "9003", "Order Number": "33-33333-33333", "Item Number": "110000000004",
                     "Item Title": "Pine and Cedar Soy Candle 8 oz", "Custom Label": "TM-CANDLE-PINE", "Quantity": "2", "Sold For": "$18.50"}]
    multi = [{"Sales Record Number": "9004", "Order Number": "44-44444-44444", "Buyer Username": "hp_4444",
              "Buyer Email": "noah.miller@example.com", "Ship To Country": "Canada", "Quantity": "3",
              "Shipping And Handling": "$10.00", "Total Price": "$99.97", "Sale Date": "Sep-05-26", "Shipped On Date": "Sep-06-26"},
             {"Sales Record Number": "9004", "Order Number": "44-44444-44444", "Item Number": "110000000005",
              "Item Title": "Stoneware Mug Set of 4 Sea Glass", "Custom Label": "TM-MUG-SET4", "Quantity": "1", "Sold For": "$34.99"},
             {"Sales Record Number": "9004", "Order Number": "44-44444-44444", "Item Number": "110000000006",
              "Item Title": 'Ceramic Bud Vase 10" Matte White', "Custom Label": "TM-VASE-10", "Quantity": "2", "Sold For": "$22.49"}]
    lines = ["", ",".join(EBAY_COLUMNS), "," * (len(EBAY_COLUMNS) - 1), ebay(good), ebay(orphan_summary)]
    lines += [ebay(r) for r in orphan_items] + [ebay(r) for r in multi]
    lines += ["", "7 record(s) downloaded,from Sep-01-26 to Sep-30-26", "Seller ID : harborandpine_us"]
    (folder / "ebay_summary_without_items.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    counts["malformed/ebay_summary_without_items.csv"] = 11

    # Shopify: a line of an order whose first row is missing, and an order's line after another order.
    def shop(values: dict) -> str:
        v = {c: "" for c in SHOPIFY_COLUMNS}
        v.update(values)
        return csv_line([v[c] for c in SHOPIFY_COLUMNS])
    head = {"Email": "sanne.devries@example.nl", "Financial Status": "paid", "Currency": "EUR", "Subtotal": "50.98",
            "Shipping": "4.90", "Taxes": "9.70", "Total": "55.88", "Discount Amount": "0.00",
            "Created at": "2026-09-10 12:00:00 +0200", "Paid at": "2026-09-10 12:01:00 +0200", "Shipping Country": "NL"}
    lines = [csv_line(SHOPIFY_COLUMNS),
             shop({"Name": "#2001", **head, "Lineitem quantity": "1", "Lineitem price": "27.99", "Lineitem sku": "TM-PILLOW-20"}),
             shop({"Name": "#2001", "Lineitem quantity": "1", "Lineitem price": "22.99", "Lineitem sku": "TM-PILLOW-18"}),
             shop({"Name": "#2002", "Lineitem quantity": "1", "Lineitem price": "16.90", "Lineitem sku": "TM-CANDLE-PINE"}),
             shop({"Name": "#2003", **head, "Subtotal": "32.99", "Taxes": "6.05", "Total": "37.89", "Created at": "2026-09-11 09:30:00 +0200",
                   "Lineitem quantity": "1", "Lineitem price": "32.99", "Lineitem sku": "TM-MUG-SET4"}),
             shop({"Name": "#2001", "Lineitem quantity": "1", "Lineitem price": "17.99", "Lineitem sku": "TM-COASTER-6"})]
    (folder / "shopify_unknown_order_line.csv").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    counts["malformed/shopify_unknown_order_line.csv"] = 5

    # Settlement component rows without the summary row: the currency is unknown.
    def srow(values: dict) -> str:
        v = {c: "" for c in SETTLEMENT_COLUMNS}
        v.update({"settlement-id": "11700000001", "order-id": "302-1234567-7654321", "marketplace-name": "Amazon.de",
                  "posted-date-time": "03.09.2026 06:00:00 UTC", "posted-date": "03.09.2026", "sku": "TM-LAMP-01"})
        v.update(values)
        return "\t".join(v[c] for c in SETTLEMENT_COLUMNS)
    lines = ["\t".join(SETTLEMENT_COLUMNS),
             srow({"transaction-type": "Order", "amount-type": "ItemPrice", "amount-description": "Principal", "amount": "62,94"}),
             srow({"transaction-type": "Order", "amount-type": "ItemFees", "amount-description": "Commission", "amount": "-11,24"}),
             srow({"transaction-type": "Order", "amount-type": "ItemFees", "amount-description": "FBAWeightBasedFee", "amount": "-4,85"}),
             srow({"transaction-type": "Refund", "amount-type": "ItemPrice", "amount-description": "Principal", "amount": "-62,94",
                   "posted-date-time": "14.09.2026 09:15:00 UTC"})]
    (folder / "settlement_without_summary.tsv").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    counts["malformed/settlement_without_summary.tsv"] = 4

    # AliExpress in GBK with a bad amount and an unknown status.
    rows = [ALI_CN,
            ["8130000000001", "2026-10-03 10:00:00", "TM-PILLOW-18", CN_NAMES["TM-PILLOW-18"], "1", "US $12.99", "USD", "美国", "交易完成", "cn100001", "US $0.00"],
            ["8130000000002", "2026-10-03 11:00:00", "TM-VASE-10", CN_NAMES["TM-VASE-10"], "2", "US $22.4O", "USD", "法国", "已发货", "cn100002", "US $0.00"],
            ["8130000000003", "2026-10-04 12:00:00", "TM-MUG-SET4", CN_NAMES["TM-MUG-SET4"], "1", "US $18.90", "USD", "西班牙", "退款中", "cn100003", "US $0.00"],
            ["8130000000004", "2026-10-05 13:00:00", "TM-COASTER-6", CN_NAMES["TM-COASTER-6"], "1", "US $10.50", "USD", "巴西", "等待发货", "cn100004", "US $2.50"]]
    (folder / "aliexpress_gbk_bad_amount.csv").write_bytes(("\r\n".join(csv_line(r) for r in rows) + "\r\n").encode("gb18030"))
    counts["malformed/aliexpress_gbk_bad_amount.csv"] = 4
    return counts


PLATFORM_MALFORMED_README = """
## Selling-platform cases (issue 3)

Written by `tools/make_demo_fixtures.py` (`write_platform_malformed`), appended here after the cases above. None
of them ends in `.txt`, so the `malformed/*.txt` globs of the pipeline tests are unchanged; they are not in
`expected_reconciliation.csv`. Run date as above (2026-11-21); GBK files need `fallback_encoding: GB18030`.

| file | format | encoding | delim | preamble_lines | rows_read | rows_loaded | rows_rejected | rows_skipped | facts |
|---|---|---|---|---|---|---|---|---|---|
| `amazon_all_orders_2026-09_redownload.tsv` | amazon_all_orders | UTF-8 | TAB | 0 | 10 | 10 | 0 | 0 | 10 order lines |
| `ebay_summary_without_items.csv` | ebay_orders | UTF-8 | , | 1 | 11 | 3 | 2 | 6 | 3 order lines |
| `shopify_unknown_order_line.csv` | shopify_orders | UTF-8 | , | 0 | 5 | 3 | 2 | 0 | 3 order lines |
| `settlement_without_summary.tsv` | amazon_settlement_v2 | UTF-8 | TAB | 0 | 4 | 0 | 3 | 1 | none |
| `aliexpress_gbk_bad_amount.csv` | aliexpress_orders | GB18030 | , | 0 | 4 | 2 | 2 | 0 | 2 order lines |

### `amazon_all_orders_2026-09_redownload.tsv`

A second download of the first ten order lines of `amazon/all-orders-2026-09.txt` (same September header),
every figure identical, `last-updated-date` three days later. Not loaded by the demo pipeline. Loaded together
with the September file it must change no figure: the ten natural keys (amazon-order-id, sku) are kept once, from
this newer export, and the September file's ten rows count as superseded.

### `ebay_summary_without_items.csv`

eBay US layout: blank line 1, header line 2, padding row line 3, footer after a blank line.

| line | what | outcome |
|---|---|---|
| 3 | padding row (all commas) | skipped: blank line |
| 4 | record 9001, single item TM-LAMP-01 1 × $79.00, S&H $6.50, tax $5.73 | loaded |
| 5 | record 9002: summary row whose items never come | skipped: order summary row (no facts) |
| 6 | record 9003 item TM-COASTER-6, no summary row, no Sale Date | rejected: `Sale Date` empty — item row of order 9003, whose summary row is missing |
| 7 | record 9003 item TM-CANDLE-PINE, likewise | rejected: `Sale Date` empty |
| 8 | record 9004 summary (Canada, S&H $10.00, Sep-05-26) | skipped: order summary row |
| 9, 10 | record 9004 items TM-MUG-SET4 1 × $34.99, TM-VASE-10 2 × $22.49 | loaded; shipping 10.00 × 34.99 / 79.97 = 4.375391 and 5.624609 |
| 11 | blank line | skipped |
| 12, 13 | `7 record(s) downloaded…`, `Seller ID : …` | skipped: footer line |

### `shopify_unknown_order_line.csv`

| line | column | value | reason |
|---|---|---|---|
| 4 | `Created at` | (empty) | line of order #2002, whose first row (with Created at and Currency) is missing |
| 6 | `Name` | `#2001` | appears again after other orders: an order's rows must be contiguous |

Lines 2-3 (#2001, two lines) and 5 (#2003) load.

### `settlement_without_summary.tsv`

Four component rows and no summary row, so the settlement's currency is unknown. Line 2 (Order/ItemPrice/Principal)
is skipped as a sales component (it needs no currency); lines 3, 4, 5 (Commission, FBAWeightBasedFee, Refund
Principal) are rejected at column `currency` (empty, "no settlement summary row came before").

### `aliexpress_gbk_bad_amount.csv`

AliExpress layout with Chinese header names, GBK (GB18030) encoded, CRLF.

| line | column | value | reason |
|---|---|---|---|
| 3 | `金额` | `US $22.4O` | not a number (letter O) |
| 4 | `订单状态` | `退款中` | not a known order status |

Lines 2 and 5 load (12.99 USD US shipped; 10.50 USD BR placed, shipping 2.50).
"""


def append_platform_malformed_readme(path: Path) -> None:
    """Appends the selling-platform cases to the README that make_malformed_fixtures.py has just written."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + PLATFORM_MALFORMED_README, encoding="utf-8")


def write_platforms(orders: list) -> dict:
    rng = random.Random(PLATFORM_SEED)
    counts = {}
    amazon = write_amazon_payments(FIXTURES / "amazon-payments", orders, rng)
    counts.update(amazon["counts"])
    shopify = write_shopify(FIXTURES / "shopify", rng)
    counts.update(shopify["counts"])
    us = write_ebay(FIXTURES / "ebay", rng, "US", 9)
    de = write_ebay(FIXTURES / "ebay", rng, "DE", 10)
    counts.update(us["counts"])
    counts.update(de["counts"])
    counts.update(write_aliexpress(FIXTURES / "aliexpress", rng))
    counts.update(write_alibaba(FIXTURES / "alibaba", rng))
    return {"counts": counts, "amazon": amazon, "shopify": shopify}


# --------------------------------------------------------------------------------------------------------------

def main() -> int:
    rng = random.Random(SEED)
    orders = make_orders(rng)
    by_month = {m: [o for o in orders if o.local_month == m] for m in ("2026-08", "2026-09", "2026-10")}
    assert sum(len(v) for v in by_month.values()) == len(orders)
    counts = {}
    counts["amazon/all-orders-2026-08.txt"] = write_orders_file(
        FIXTURES / "amazon/all-orders-2026-08.txt", HEADER_AUG, by_month["2026-08"], rng, crlf=False)
    counts["amazon/all-orders-2026-09.txt"] = write_orders_file(
        FIXTURES / "amazon/all-orders-2026-09.txt", HEADER_SEP, by_month["2026-09"], rng, crlf=False)
    counts["amazon/all-orders-2026-10.txt"] = write_orders_file(
        FIXTURES / "amazon/all-orders-2026-10.txt", HEADER_OCT, by_month["2026-10"], rng, crlf=True,
        trailing_tab_every=9)
    counts["fx/eurofxref-hist.csv"] = write_ecb(FIXTURES / "fx/eurofxref-hist.csv", rng)
    counts["costs/unit_costs.csv"] = write_costs(FIXTURES / "costs/unit_costs.csv")
    if "--no-malformed" not in sys.argv:
        import make_malformed_fixtures  # noqa: E402 (tools/ sibling)
        counts.update(make_malformed_fixtures.write_all(FIXTURES / "malformed"))
    counts.update(write_platforms(orders)["counts"])
    if "--no-malformed" not in sys.argv:
        counts.update(write_platform_malformed(FIXTURES / "malformed"))
        append_platform_malformed_readme(FIXTURES / "malformed/README.md")
    for name, n in counts.items():
        print(f"{name}: {n} data rows")
    print(f"orders: {len(orders)}, per file month: " + ", ".join(f"{m} {len(v)}" for m, v in by_month.items()))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
