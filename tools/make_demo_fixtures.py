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
    "ES": {"TM-RUG-23": "Alfombra de algodón 60 x 90 cm, a rayas"},
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


def write_costs(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["sku,market,valid_from,unit_cost,currency"] + [",".join(r) for r in UNIT_COSTS]
    path.write_bytes(("\n".join(lines) + "\n").encode("ascii"))
    return len(UNIT_COSTS)


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
    for name, n in counts.items():
        print(f"{name}: {n} data rows")
    print(f"orders: {len(orders)}, per file month: " + ", ".join(f"{m} {len(v)}" for m, v in by_month.items()))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
