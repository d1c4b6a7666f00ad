#!/usr/bin/env python3
"""Independent reference calculation of Tidemark's monthly sales-margin tables from the demo fixtures.

    python3 tools/reference_margin.py

Reads fixtures/amazon/all-orders-*.txt, fixtures/fx/eurofxref-hist.csv and fixtures/costs/unit_costs.csv and
writes fixtures/expected/sales_margin.csv, fixtures/expected/sales_margin_summary.csv and
fixtures/expected/README.md (with a worked example). Python 3.11, standard library only, exact arithmetic
(decimal and fractions), and no code shared with the Swift application or with the fixture generator: it
parses the files itself, so a mistake in either shows up as a difference.

Convention (the Swift app must match it byte for byte; see fixtures/expected/README.md):
reporting currency EUR, time zone UTC, month = UTC date of purchase-date; FX conversion per
(month, market, platform, sku, currency, UTC order date) of the summed native amounts, each converted amount
rounded to 6 decimals half away from zero; output money rounded once to 2 decimals half away from zero.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"
OUT = FIX / "expected"

REPORTING_CURRENCY = "EUR"
PLATFORM = "amazon"
FX_FALLBACK_DAYS = 7
# Amazon sites whose prices are tax-exclusive (sales tax on top); on every other site VAT is included.
TAX_EXCLUSIVE_SITES = {"amazon.com", "amazon.ca", "amazon.com.mx", "amazon.com.br"}
SITE_MARKET = {
    "amazon.com": "US", "amazon.ca": "CA", "amazon.com.mx": "MX", "amazon.com.br": "BR", "amazon.co.uk": "GB",
    "amazon.de": "DE", "amazon.fr": "FR", "amazon.it": "IT", "amazon.es": "ES", "amazon.nl": "NL",
    "amazon.com.be": "BE", "amazon.se": "SE", "amazon.pl": "PL", "amazon.ie": "IE", "amazon.com.tr": "TR",
    "amazon.ae": "AE", "amazon.sa": "SA", "amazon.eg": "EG", "amazon.co.za": "ZA", "amazon.in": "IN",
    "amazon.co.jp": "JP", "amazon.com.au": "AU", "amazon.sg": "SG",
}
# ISO 3166-1 alpha-2, officially assigned codes.
ISO_ALPHA2 = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA
CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA
GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS
MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS
RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW
TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())

COLUMNS = ["month", "market", "platform", "sku", "currency", "orders", "units", "gross_sales", "discounts", "refunds",
           "net_revenue", "cogs", "platform_fees", "fees_estimated", "shipping_fulfilment", "duties", "ad_spend",
           "gross_margin", "gross_margin_pct", "contribution_margin", "contribution_margin_pct", "aov",
           "units_returned", "return_rate", "tax_collected"]


# ---------------------------------------------------------------------------------------------------------------
# exact rounding, half away from zero

def round_half_away(value: Fraction, places: int) -> Decimal:
    scaled = value * 10 ** places
    n = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)  # floor(|x| + 1/2)
    if scaled < 0:
        n = -n
    return Decimal(n).scaleb(-places)


def fmt_fixed(value: Decimal, places: int) -> str:
    text = format(value, f".{places}f")
    return text[1:] if text.startswith("-") and Decimal(text) == 0 else text


def money_out(value: Decimal) -> str:
    return fmt_fixed(round_half_away(Fraction(value), 2), 2)


def to_eur(amount: Decimal, currency: str, rate: Decimal | None) -> Decimal:
    if currency == REPORTING_CURRENCY:
        return amount
    return round_half_away(Fraction(amount) / Fraction(rate), 6)


# ---------------------------------------------------------------------------------------------------------------
# readers

def norm(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(" ", "-")


def read_amazon(path: Path) -> list[dict]:
    text = path.read_bytes().decode("utf-8-sig")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    header = [norm(h) for h in lines[0].split("\t")]
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        assert len(fields) >= len(header), (path.name, number, "short row")
        assert all(f == "" for f in fields[len(header):]), (path.name, number, "extra non-empty field")
        row = dict(zip(header, fields))
        row["_file"], row["_line"] = path.name, number
        rows.append(row)
    return rows


def read_ecb(path: Path) -> dict[str, dict[dt.date, Decimal]]:
    with path.open(newline="", encoding="ascii") as f:
        reader = csv.reader(f)
        header = next(reader)
        rates: dict[str, dict[dt.date, Decimal]] = defaultdict(dict)
        for rec in reader:
            day = dt.date.fromisoformat(rec[0])
            for cur, val in zip(header[1:], rec[1:]):
                if cur and val.strip() not in ("", "N/A"):
                    rates[cur.strip()][day] = Decimal(val)
    return rates


def read_costs(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return [{"sku": r["sku"], "market": r["market"].strip().upper(),
                 "valid_from": dt.date.fromisoformat(r["valid_from"]), "unit_cost": Decimal(r["unit_cost"]),
                 "currency": r["currency"]} for r in csv.DictReader(f)]


def rate_for(rates, currency: str, day: dt.date) -> tuple[dt.date, Decimal]:
    for back in range(FX_FALLBACK_DAYS + 1):
        d = day - dt.timedelta(days=back)
        if d in rates[currency]:
            return d, rates[currency][d]
    raise SystemExit(f"fx_missing: {currency} on {day}")  # the demo data has none


def cost_for(costs, sku: str, market: str, day: dt.date) -> dict:
    specific = [c for c in costs if c["sku"] == sku and c["market"] == market and c["valid_from"] <= day]
    pool = specific or [c for c in costs if c["sku"] == sku and c["market"] == "" and c["valid_from"] <= day]
    if not pool:
        raise SystemExit(f"cost_missing: {sku} {market} {day}")  # the demo data has none
    return max(pool, key=lambda c: c["valid_from"])


def amount(text: str) -> Decimal:
    return Decimal(text) if text.strip() else Decimal(0)


# ---------------------------------------------------------------------------------------------------------------

def order_lines(costs) -> list[dict]:
    out = []
    for path in sorted((FIX / "amazon").glob("all-orders-*.txt")):
        for r in read_amazon(path):
            site = r["sales-channel"].strip().lower()
            if r["order-status"] == "Cancelled" or r["item-status"] == "Cancelled":
                status = "cancelled"
            elif r["item-status"] == "Shipped":
                status = "shipped"
            else:
                status = "placed"
            utc = dt.datetime.fromisoformat(r["purchase-date"]).astimezone(dt.timezone.utc)
            country = r["ship-country"].strip().upper()
            market = country if country in ISO_ALPHA2 else SITE_MARKET[site]
            inclusive = site not in TAX_EXCLUSIVE_SITES
            price, tax = amount(r["item-price"]), amount(r["item-tax"])
            ship, ship_tax = amount(r["shipping-price"]), amount(r["shipping-tax"])
            item_excl = price - tax if inclusive else price
            ship_excl = ship - ship_tax if inclusive else ship
            line = {
                "file": r["_file"], "line": r["_line"], "order": r["amazon-order-id"], "utc": utc, "date": utc.date(),
                "month": utc.strftime("%Y-%m"), "status": status, "site": r["sales-channel"], "market": market,
                "sku": r["sku"], "qty": int(r["quantity"]), "currency": r["currency"].strip().upper(),
                "price": price, "tax": tax, "ship": ship, "ship_tax": ship_tax,
                "item_excl": item_excl, "ship_excl": ship_excl,
                "discount": abs(amount(r["item-promotion-discount"])) + abs(amount(r["ship-promotion-discount"])),
                "purchase_text": r["purchase-date"],
            }
            if status != "cancelled":
                c = cost_for(costs, line["sku"], market, line["date"])
                line["cost"] = c
            out.append(line)
    return out


def compute():
    rates = read_ecb(FIX / "fx" / "eurofxref-hist.csv")
    costs = read_costs(FIX / "costs" / "unit_costs.csv")
    lines = order_lines(costs)

    gross_native = defaultdict(Decimal)  # (detail key, currency, date) -> native
    disc_native = defaultdict(Decimal)
    tax_native = defaultdict(Decimal)
    cogs_native = defaultdict(Decimal)  # (detail key, cost currency, date) -> native
    orders = defaultdict(set)
    units = defaultdict(int)
    summary_orders = defaultdict(set)
    for ln in lines:
        if ln["status"] == "cancelled":
            continue
        key = (ln["month"], ln["market"], PLATFORM, ln["sku"])
        gross_native[(key, ln["currency"], ln["date"])] += ln["item_excl"] + ln["ship_excl"]
        disc_native[(key, ln["currency"], ln["date"])] += ln["discount"]
        tax_native[(key, ln["currency"], ln["date"])] += ln["tax"] + ln["ship_tax"]
        cogs_native[(key, ln["cost"]["currency"], ln["date"])] += ln["qty"] * ln["cost"]["unit_cost"]
        orders[key].add(ln["order"])
        units[key] += ln["qty"]
        summary_orders[key[:3]].add(ln["order"])

    conversions = []  # (key, figure, currency, date, native, rate_date, rate, eur) for the README

    def convert_into(target, native_map, figure):
        for (key, cur, day), native in native_map.items():
            if cur == REPORTING_CURRENCY:
                rate_date, rate, eur = None, None, native
            else:
                rate_date, rate = rate_for(rates, cur, day)
                eur = to_eur(native, cur, rate)
            target[key] += eur
            conversions.append((key, figure, cur, day, native, rate_date, rate, eur))

    gross, disc, cogs, tax = defaultdict(Decimal), defaultdict(Decimal), defaultdict(Decimal), defaultdict(Decimal)
    convert_into(gross, gross_native, "gross_sales")
    convert_into(disc, disc_native, "discounts")
    convert_into(cogs, cogs_native, "cogs")
    convert_into(tax, tax_native, "tax_collected")

    detail = {k: {"orders": len(orders[k]), "units": units[k], "gross": gross[k], "disc": disc[k], "cogs": cogs[k],
                  "tax": tax[k]} for k in orders}
    summary: dict = {}
    for k, v in detail.items():
        s = summary.setdefault(k[:3], {"orders": len(summary_orders[k[:3]]), "units": 0, "gross": Decimal(0),
                                       "disc": Decimal(0), "cogs": Decimal(0), "tax": Decimal(0)})
        s["units"] += v["units"]
        for f in ("gross", "disc", "cogs", "tax"):
            s[f] += v[f]
    return lines, rates, costs, detail, summary, conversions


def row_values(key: tuple, v: dict) -> dict:
    net = v["gross"] - v["disc"]  # refunds: none yet
    margin = net - v["cogs"]
    pct = "" if net == 0 else fmt_fixed(round_half_away(Fraction(margin) / Fraction(net), 4), 4)
    aov = money_out(Decimal(0)) if v["orders"] == 0 else \
        fmt_fixed(round_half_away(Fraction(v["gross"]) / v["orders"], 2), 2)
    row = {c: "" for c in COLUMNS}
    row.update(month=key[0], market=key[1], platform=key[2], currency=REPORTING_CURRENCY,
               orders=str(v["orders"]), units=str(v["units"]), gross_sales=money_out(v["gross"]),
               discounts=money_out(-v["disc"]), net_revenue=money_out(net), cogs=money_out(v["cogs"]),
               gross_margin=money_out(margin), gross_margin_pct=pct, aov=aov, tax_collected=money_out(v["tax"]))
    if len(key) == 4:
        row["sku"] = key[3]
    return row


def nonzero(v: dict) -> bool:
    return any(v[f] != 0 for f in ("orders", "units", "gross", "disc", "cogs"))


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    buf = io.StringIO()
    buf.write(",".join(columns) + "\n")
    for r in rows:
        for c in columns:
            assert "," not in r[c] and '"' not in r[c] and "\n" not in r[c]
        buf.write(",".join(r[c] for c in columns) + "\n")
    path.write_bytes(buf.getvalue().encode("utf-8"))


def bytes_key(key: tuple) -> tuple:
    return tuple(part.encode("utf-8") for part in key)


def main() -> int:
    lines, rates, costs, detail, summary, conversions = compute()
    OUT.mkdir(parents=True, exist_ok=True)
    detail_rows = [row_values(k, detail[k]) for k in sorted(detail, key=bytes_key) if nonzero(detail[k])]
    summary_rows = [row_values(k, summary[k]) for k in sorted(summary, key=bytes_key) if nonzero(summary[k])]
    write_csv(OUT / "sales_margin.csv", COLUMNS, detail_rows)
    write_csv(OUT / "sales_margin_summary.csv", [c for c in COLUMNS if c != "sku"], summary_rows)
    (OUT / "README.md").write_bytes(readme(lines, rates, detail, summary, summary_rows, detail_rows, conversions)
                                    .encode("utf-8"))
    print(f"sales_margin.csv: {len(detail_rows)} rows; sales_margin_summary.csv: {len(summary_rows)} rows")
    return 0


# ---------------------------------------------------------------------------------------------------------------
# README with a worked example

def readme(lines, rates, detail, summary, summary_rows, detail_rows, conversions) -> str:
    month, market = "2026-09", "DE"
    ex = [ln for ln in lines if ln["month"] == month and ln["market"] == market]
    ex.sort(key=lambda ln: (ln["utc"], ln["order"], ln["sku"]))
    skey = (month, market, PLATFORM)
    srow = next(r for r in summary_rows if (r["month"], r["market"], r["platform"]) == skey)
    s = summary[skey]
    L: list[str] = []
    w = L.append
    w("# Expected sales-margin figures")
    w("")
    w("`sales_margin.csv` and `sales_margin_summary.csv` here are produced by `tools/reference_margin.py`, an")
    w("independent calculation in Python (exact `decimal`/`fractions` arithmetic, its own readers, no code shared")
    w("with the Swift application or with the fixture generator) from the demo fixtures:")
    w("`fixtures/amazon/all-orders-2026-0{8,9}.txt`, `all-orders-2026-10.txt`, `fixtures/fx/eurofxref-hist.csv`,")
    w("`fixtures/costs/unit_costs.csv`. The Swift application run on the same fixtures with reporting currency EUR")
    w("and time zone UTC must write byte-identical files. Do not edit them by hand; regenerate with")
    w("")
    w("```")
    w("python3 tools/make_demo_fixtures.py   # only if the fixtures themselves changed")
    w("python3 tools/reference_margin.py")
    w("```")
    w("")
    w(f"`sales_margin.csv`: {len(detail_rows)} rows (month × market × platform × sku); "
      f"`sales_margin_summary.csv`: {len(summary_rows)} rows (month × market × platform).")
    w("")
    w("## Convention")
    w("")
    w("- Reporting currency EUR, reporting time zone UTC. Month = UTC date of `purchase-date` (so")
    w("  `2026-08-31T23:30:00-07:00` is September, `2026-10-01T03:15:00+09:00` is September).")
    w("- Line status: cancelled if `order-status` or `item-status` is `Cancelled`; else shipped if `item-status` is")
    w("  `Shipped`; else placed. Cancelled lines contribute nothing (no orders, units, sales, discounts, COGS).")
    w("- Item amount excl. tax = `item-price` − `item-tax` on VAT-inclusive sites (every Amazon site except")
    w("  Amazon.com, .ca, .com.mx, .com.br), else `item-price`; shipping charged excl. tax likewise from")
    w("  `shipping-price`/`shipping-tax`. Empty money fields are 0. Gift wrap is not counted (the demo has none).")
    w("- Discounts = |`item-promotion-discount`| + |`ship-promotion-discount`|, as exported (on VAT sites these")
    w("  amounts include VAT; no VAT is taken out of them). Written negative in the `discounts` column.")
    w("- Market = `ship-country` when it is a valid ISO 3166-1 alpha-2 code, else from the `sales-channel` site.")
    w("  Platform = `amazon`.")
    w("- FX: an amount in currency C on UTC order date D → EUR = amount / rate(C, D′), D′ = D if the ECB file has")
    w(f"  a rate that day, else the latest earlier date with a rate at most {FX_FALLBACK_DAYS} days before D. EUR needs no rate.")
    w("  Native amounts are first summed per (month, market, platform, sku, currency, order date) — separately")
    w("  for gross sales, discounts and COGS — then each sum is converted and rounded to 6 decimals half away from")
    w("  zero, then the converted sums are added. The summary rows are the sums of the detail rows' unrounded")
    w("  (6-decimal) figures; `orders` in the summary counts distinct orders over the whole group.")
    w("- COGS = Σ quantity × unit cost valid on the order date: the SKU's cost row for the line's market if it has")
    w("  one with `valid_from` ≤ date (latest such), else its generic row (empty market, latest `valid_from` ≤")
    w("  date); converted from the cost currency with the order date's rate, summed per (group, cost currency,")
    w("  date) as above.")
    w("- gross_sales = item amount excl. tax + shipping excl. tax; net_revenue = gross_sales − discounts;")
    w("  gross_margin = net_revenue − cogs; gross_margin_pct = gross_margin / net_revenue, 4 decimals half away")
    w("  from zero (empty if net revenue is 0); aov = gross_sales / orders. refunds, platform_fees,")
    w("  fees_estimated, shipping_fulfilment, duties, ad_spend, contribution_margin, contribution_margin_pct,")
    w("  units_returned and return_rate are empty (no source for them in the demo).")
    w("- Money columns are computed from the unrounded values and rounded once, at output, to 2 decimals half")
    w("  away from zero, written `1234.50` / `-5.00` (no thousands separator, `0.00` never `-0.00`). Ratios are")
    w("  computed from unrounded values. So a displayed column can differ by 0.01 from the sum or difference of")
    w("  other displayed columns (2026-10 JP: gross 808.38, discounts −28.44, net revenue 779.93), and a summary")
    w("  row from the sum of its detail rows.")
    w("- Rows sorted by month, market, platform, sku (byte order); a row exists only where some figure is")
    w("  non-zero (a group whose lines are all cancelled has no row: e.g. 2026-08 CH). Header line = the column")
    w("  list; lines end with `\\n`; UTF-8 without BOM; no quoting is ever needed.")
    w("")
    w(f"## Worked example: {month}, market {market}, platform {PLATFORM}")
    w("")
    w(f"Expected summary row:")
    w("")
    w("```")
    w(",".join(c for c in COLUMNS if c != "sku"))
    w(",".join(srow[c] for c in COLUMNS if c != "sku"))
    w("```")
    w("")
    w(f"The {len(ex)} order lines with UTC month {month} and market {market} (all Amazon.de, EUR, VAT included;")
    w("excl. = price − tax; disc. = |item-promotion-discount| + |ship-promotion-discount|):")
    w("")
    w("| file:line | order | purchase-date | UTC date | sku | status | qty | item-price | item-tax | item excl. | ship-price | ship-tax | ship excl. | disc. | unit cost used |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for ln in ex:
        cost = ln.get("cost")
        cost_text = "—" if cost is None else \
            f"{cost['unit_cost']} {cost['currency']} ({cost['market'] or 'generic'}, from {cost['valid_from']})"
        w(f"| {ln['file'].replace('all-orders-', '')}:{ln['line']} | {ln['order']} | {ln['purchase_text']} | "
          f"{ln['date']} | {ln['sku']} | {ln['status']} | {ln['qty']} | {ln['price']} | {ln['tax']} | "
          f"{ln['item_excl']} | {ln['ship']} | {ln['ship_tax']} | {ln['ship_excl']} | {ln['discount']} | {cost_text} |")
    live = [ln for ln in ex if ln["status"] != "cancelled"]
    cancelled = [ln for ln in ex if ln["status"] == "cancelled"]
    w("")
    if cancelled:
        w("Cancelled lines (" + ", ".join(f"{ln['order']} {ln['sku']}" for ln in cancelled) + ") contribute nothing.")
        w("")
    items = sum((ln["item_excl"] for ln in live), Decimal(0))
    ships = sum((ln["ship_excl"] for ln in live), Decimal(0))
    discs = sum((ln["discount"] for ln in live), Decimal(0))
    w(f"- orders: {s['orders']} distinct order ids with a non-cancelled line; units: "
      + " + ".join(str(ln["qty"]) for ln in live) + f" = {s['units']}.")
    w(f"- gross sales (EUR, no conversion): items excl. VAT {items} + shipping excl. VAT {ships} = "
      f"{items + ships} → `{srow['gross_sales']}`.")
    w(f"- discounts: {discs} → `{srow['discounts']}`; net revenue {items + ships} − {discs} = "
      f"{items + ships - discs} → `{srow['net_revenue']}`.")
    w("")
    w("COGS: quantity × unit cost summed per (sku, cost currency, UTC order date), converted at that date's ECB")
    w("rate (or the fallback date's), rounded to 6 decimals:")
    w("")
    w("| sku | cost currency | order date | Σ qty × cost | rate date | rate (per EUR) | EUR (6 dp) |")
    w("|---|---|---|---|---|---|---|")
    total_cogs = Decimal(0)
    for key, figure, cur, day, native, rate_date, rate, eur in sorted(
            (c for c in conversions if c[0][:3] == skey and c[1] == "cogs"), key=lambda c: (c[0][3], c[3], c[2])):
        note = "" if rate_date is None else (f"{rate_date}" + ("" if rate_date == day else f" (fallback, {(day - rate_date).days} d)"))
        rtext = "—" if rate is None else str(rate)
        calc = str(native) if rate is None else f"{native} / {rate} = {eur}"
        w(f"| {key[3]} | {cur} | {day} | {native} | {note or '—'} | {rtext} | {calc} |")
        total_cogs += eur
    net_x = items + ships - discs
    w("")
    w(f"- COGS = {total_cogs} → `{srow['cogs']}`.")
    w(f"- gross margin = {net_x} − {total_cogs} = {net_x - total_cogs} → `{srow['gross_margin']}`; "
      f"gross_margin_pct = {net_x - total_cogs} / {net_x} → `{srow['gross_margin_pct']}`.")
    w(f"- aov = {items + ships} / {s['orders']} → `{srow['aov']}`.")
    w("")
    w("Every sales amount in this group is in EUR, so only COGS needs rates here. The rates used (ECB, units per")
    w("EUR) — the file has none for 2026-09-14 … 16, which fall back to Friday 2026-09-11, and none for weekends:")
    w("")
    used = sorted({(c[2], c[3], c[5], c[6]) for c in conversions if c[0][:3] == skey and c[6] is not None})
    w("| currency | order date | rate date | rate |")
    w("|---|---|---|---|")
    for cur, day, rate_date, rate in used:
        w(f"| {cur} | {day} | {rate_date} | {rate} |")
    w("")
    w("## Month totals (all markets, from the summary rows)")
    w("")
    w("| month | orders | units | gross_sales | discounts | net_revenue | cogs | gross_margin | gross_margin_pct |")
    w("|---|---|---|---|---|---|---|---|---|")
    months = sorted({k[0] for k in summary})
    for m in months:
        ks = [k for k in summary if k[0] == m]
        g = sum((summary[k]["gross"] for k in ks), Decimal(0))
        d = sum((summary[k]["disc"] for k in ks), Decimal(0))
        c = sum((summary[k]["cogs"] for k in ks), Decimal(0))
        o = sum(summary[k]["orders"] for k in ks)
        u = sum(summary[k]["units"] for k in ks)
        pct = fmt_fixed(round_half_away(Fraction(g - d - c) / Fraction(g - d), 4), 4)
        w(f"| {m} | {o} | {u} | {money_out(g)} | {money_out(-d)} | {money_out(g - d)} | {money_out(c)} | "
          f"{money_out(g - d - c)} | {pct} |")
    w("")
    w("(These totals are for orientation only; they are not an output table.)")
    w("")
    return "\n".join(L)


if __name__ == "__main__":
    raise SystemExit(main())
