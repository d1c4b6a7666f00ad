#!/usr/bin/env python3
"""Write fixtures/malformed/: one small file per bad-input case (product.md, "Bad input"), plus what a correct
reader must report for each: README.md (for people), expected_reconciliation.csv and expected_rejects.csv (for
tests). Line numbers are computed from the bytes written, not typed by hand.

Called by tools/make_demo_fixtures.py; can also run alone:  python3 tools/make_malformed_fixtures.py
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

AMAZON_COLUMNS = (
    "amazon-order-id merchant-order-id purchase-date last-updated-date order-status fulfillment-channel "
    "sales-channel order-channel url ship-service-level product-name sku asin item-status quantity currency "
    "item-price item-tax shipping-price shipping-tax gift-wrap-price gift-wrap-tax item-promotion-discount "
    "ship-promotion-discount ship-city ship-state ship-postal-code ship-country promotion-ids "
    "is-business-order purchase-order-number price-designation"
).split()  # the August demo layout: with url, without cpf (32 columns)
COST_COLUMNS = ["sku", "market", "valid_from", "unit_cost", "currency"]
AMAZON = "amazon_all_orders"
COSTS = "unit_costs"


def amazon(order_id: str, **over: str) -> list[str]:
    """A good Amazon.de order line; keyword arguments (with _ for -) override fields."""
    v = {
        "amazon-order-id": order_id, "merchant-order-id": "", "purchase-date": "2026-10-05T09:30:00+00:00",
        "last-updated-date": "2026-10-07T12:00:00+00:00", "order-status": "Shipped", "fulfillment-channel": "Amazon",
        "sales-channel": "Amazon.de", "order-channel": "", "url": "", "ship-service-level": "Standard",
        "product-name": '12" x 18" Pillow Cover, Linen, Sand', "sku": "TM-PILLOW-18", "asin": "B0D1HP1801",
        "item-status": "Shipped", "quantity": "1", "currency": "EUR", "item-price": "22.99", "item-tax": "3.67",
        "shipping-price": "", "shipping-tax": "", "gift-wrap-price": "", "gift-wrap-tax": "",
        "item-promotion-discount": "", "ship-promotion-discount": "", "ship-city": "Berlin", "ship-state": "",
        "ship-postal-code": "10115", "ship-country": "DE", "promotion-ids": "", "is-business-order": "false",
        "purchase-order-number": "", "price-designation": "",
    }
    for k, val in over.items():
        key = k.replace("_", "-")
        assert key in v, key
        v[key] = val
    return [v[c] for c in AMAZON_COLUMNS]


def tsv(fields: list[str]) -> str:
    return "\t".join(fields)


AMAZON_HEADER = tsv(AMAZON_COLUMNS)


@dataclass
class Reject:
    line: int
    column: str
    value: str
    reason: str


@dataclass
class Case:
    name: str
    what: str
    fmt: str
    encoding: str
    delimiter: str
    status: str
    data: bytes = b""
    preamble: int = 0
    read: int = 0
    loaded: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    superseded: int = 0
    notes: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


class Builder:
    """Accumulates physical text and remembers the 1-based line on which each record starts."""

    def __init__(self, eol: str = "\n"):
        self.parts: list[str] = []
        self.line = 1
        self.eol = eol

    def add(self, text: str, end: bool = True) -> int:
        start = self.line
        piece = text + (self.eol if end else "")
        self.parts.append(piece)
        self.line += piece.count("\n")
        return start

    def text(self) -> str:
        return "".join(self.parts)


def cost_line(*fields: str, sep: str = ",") -> str:
    return sep.join(fields)


def build_cases() -> list[Case]:
    cases: list[Case] = []

    # -- utf8_bom.txt ---------------------------------------------------------------------------------------
    b = Builder()
    b.add(AMAZON_HEADER)
    for i, (sku, name, price, tax) in enumerate([
        ("TM-PILLOW-18", '12" x 18" Pillow Cover, Linen, Sand', "22.99", "3.67"),
        ("TM-LAMP-01", "Tischlampe „Harbor“ 36 cm, Messing", "74.90", "11.96"),
        ("TM-BASKET-L", "Aufbewahrungskorb aus Seegras, groß", "33.99", "5.43"),
        ("TM-VASE-10", 'Ceramic Bud Vase 10", Matte White', "20.90", "3.34"),
    ]):
        b.add(tsv(amazon(f"302-7100001-00000{i + 1}", sku=sku, product_name=name, item_price=price, item_tax=tax)))
    cases.append(Case("utf8_bom.txt", "UTF-8 with a byte-order mark (EF BB BF) before the header; all rows good.",
                      AMAZON, "UTF-8 (BOM)", "TAB", "loaded", data=b"\xef\xbb\xbf" + b.text().encode("utf-8"),
                      read=4, loaded=4,
                      notes=["The BOM must not become part of the first column name (`amazon-order-id`)."]))

    # -- utf16le_bom.csv (unit-cost layout) -----------------------------------------------------------------
    b = Builder("\r\n")
    b.add(cost_line(*COST_COLUMNS))
    for row in [("TM-PILLOW-18", "", "2026-02-01", "38.90", "CNY"), ("TM-LAMP-01", "", "2026-02-01", "21.60", "USD"),
                ("TM-LAMP-01", "DE", "2026-02-01", "24.10", "EUR"), ("TM-CANDLE-PINE", "JP", "2026-02-01", "730", "JPY")]:
        b.add(cost_line(*row))
    cases.append(Case("utf16le_bom.csv", "Unit-cost layout saved as UTF-16 LE with BOM (FF FE), comma, CRLF; all rows good.",
                      COSTS, "UTF-16LE (BOM)", ",", "loaded", data=b"\xff\xfe" + b.text().encode("utf-16-le"),
                      read=4, loaded=4,
                      notes=["Expected values: 38.90 CNY, 21.60 USD, 24.10 EUR (market DE), 730 JPY (market JP); "
                             "all valid from 2026-02-01."]))

    # -- windows1252.txt ------------------------------------------------------------------------------------
    b = Builder()
    b.add(AMAZON_HEADER)
    b.add(tsv(amazon("403-7200001-000001", sales_channel="Amazon.fr", product_name="Crème brûlée set – 6 €",
                     sku="TM-MUG-SET4", asin="B0D1HPMG04", item_price="32.99", item_tax="5.50", ship_city="Paris",
                     ship_postal_code="75011", ship_country="FR")))
    b.add(tsv(amazon("302-7200002-000002", product_name="Tischlampe „Harbor“ 36 cm, Messing", sku="TM-LAMP-01",
                     asin="B0D1HPLA01", item_price="74.90", item_tax="11.96", ship_city="München", ship_state="Bayern",
                     ship_postal_code="80331")))
    b.add(tsv(amazon("403-7200003-000003", sales_channel="Amazon.fr", product_name="Bougie de soja pin & cèdre, 225 g",
                     sku="TM-CANDLE-PINE", asin="B0D1HPCP08", item_price="16.90", item_tax="2.82", ship_city="Lyon",
                     ship_state="Rhône", ship_postal_code="69002", ship_country="FR")))
    b.add(tsv(amazon("302-7200004-000004", ship_city="Köln", ship_postal_code="50667")))
    cases.append(Case("windows1252.txt", "Amazon EU export in Windows-1252 (not valid UTF-8): `è`=E8, `û`=FB, `–`=96, "
                      "`€`=80, `„`=84, `“`=93; all rows good.", AMAZON, "windows-1252", "TAB", "loaded",
                      data=b.text().encode("cp1252"), read=4, loaded=4,
                      notes=["UTF-8 decoding fails, so the reader falls back to the encoding configured for the source "
                             "(windows-1252) and records it. ISO-8859-1 is wrong here: it would turn `–` and `€` into "
                             "C1 control characters.",
                             "Expected product name of line 2: `Crème brûlée set – 6 €`."]))

    # -- semicolon_decimal_comma.csv ------------------------------------------------------------------------
    b = Builder()
    b.add(cost_line(*COST_COLUMNS, sep=";"))
    for row in [("TM-PILLOW-18", "", "2026-03-01", "38,50", "CNY"), ("TM-LAMP-01", "DE", "2026-03-01", "23,90", "EUR"),
                ("TM-CANDLE-PINE", "JP", "2026-03-01", "1.250,00", "JPY"), ("TM-MUG-SET4", "", "2026-03-01", "12,50", "USD")]:
        b.add(cost_line(*row, sep=";"))
    cases.append(Case("semicolon_decimal_comma.csv", "Unit-cost layout from a German spreadsheet: `;` delimiter, "
                      "decimal commas (`12,50`) and `.` thousands separators (`1.250,00`); all rows good.",
                      COSTS, "UTF-8", ";", "loaded", data=b.text().encode("utf-8"), read=4, loaded=4,
                      notes=["Expected values: 38.50 CNY, 23.90 EUR, 1250.00 JPY, 12.50 USD. The decimal separator "
                             "is decided once for the file (a configured locale or sniffing), not per value."]))

    # -- preamble_and_totals.csv ----------------------------------------------------------------------------
    b = Builder()
    b.add("Harbor & Pine – landed unit costs")
    b.add("Exported 2026-11-02 from the costing sheet")
    b.add(cost_line(*COST_COLUMNS))
    for row in [("TM-PILLOW-20", "", "2026-04-01", "47.20", "CNY"), ("TM-THROW-01", "", "2026-04-01", "14.90", "USD"),
                ("TM-RUG-23", "", "2026-04-01", "6.35", "USD"), ("TM-VASE-10", "", "2026-04-01", "4.40", "USD")]:
        b.add(cost_line(*row))
    total_line = b.add("Total,,,,")
    cases.append(Case("preamble_and_totals.csv", "Two title lines before the header (line 3) and a `Total,,,,` "
                      "line after the data.", COSTS, "UTF-8", ",", "loaded", data=b.text().encode("utf-8"),
                      preamble=2, read=5, loaded=4, skipped=[(total_line, "totals row")],
                      notes=["The header is found by its signature columns. The two title lines are preamble, not "
                             "rows; the `Total` line is a row that is read and skipped."]))

    # -- quoted_newline.csv ---------------------------------------------------------------------------------
    b = Builder()
    b.add(cost_line(*COST_COLUMNS, "note"))
    b.add(cost_line("TM-PILLOW-18", "", "2026-05-01", "39.10", "CNY", "regular order"))
    b.add(cost_line("TM-LAMP-01", "", "2026-05-01", "21.90", "USD", '"supplier changed,\nnew carton size"'))
    b.add(cost_line("TM-TRAY-OAK", "", "2026-05-01", "79.50", "CNY", ""))
    bad = b.add(cost_line("TM-COASTER-6", "", "2026-05-01", "25.30", "XYZ", "typo in currency"))
    b.add(cost_line("TM-BLANKET-Q", "", "2026-05-01", "22.40", "USD", '"ask for ""bulk"" price"'))
    cases.append(Case("quoted_newline.csv", "Unit-cost layout with an extra `note` column; the note of the row "
                      "starting on line 3 is quoted and contains a newline (the record spans lines 3-4); a later row has "
                      "an unknown currency so that its line number can be checked.", COSTS, "UTF-8", ",", "loaded",
                      data=b.text().encode("utf-8"), read=5, loaded=4,
                      rejects=[Reject(bad, "currency", "XYZ", "unknown currency code")],
                      notes=["The extra `note` column is ignored. Line numbers are physical lines: the record after "
                             "the quoted newline starts on line 5, the rejected one on line 6 (not 5).",
                             "Line 7's note contains doubled quotes (`\"\"bulk\"\"`); it loads."]))

    # -- ragged_rows.txt ------------------------------------------------------------------------------------
    b = Builder()
    b.add(AMAZON_HEADER)
    b.add(tsv(amazon("302-7300001-000001")))
    short = amazon("302-7300002-000002", sku="TM-LAMP-01", product_name="Tischlampe „Harbor“ 36 cm, Messing")
    short = short[:AMAZON_COLUMNS.index("sku")]
    short_line = b.add(tsv(short))
    b.add(tsv(amazon("302-7300003-000003", sku="TM-RUG-23", asin="B0D1HPRG23", product_name="Cotton Runner Rug 2' x 3', Striped",
                     item_price="25.99", item_tax="4.15")))
    long = amazon("302-7300004-000004", sku="TM-COASTER-6", asin="B0D1HPCS06", product_name="Slate Coasters, Set of 6",
                  item_price="17.99", item_tax="2.87") + ["Happy birthday!"]
    long_line = b.add(tsv(long))
    b.add(tsv(amazon("302-7300005-000005", sku="TM-VASE-10", asin="B0D1HPVS10", product_name='Ceramic Bud Vase 10", Matte White',
                     item_price="20.90", item_tax="3.34", quantity="1")))
    n = len(AMAZON_COLUMNS)
    cases.append(Case("ragged_rows.txt", f"One row with fewer fields ({len(short)} of {n}: cut after `product-name`) and one "
                      f"with more ({n + 1}: a non-empty extra field).", AMAZON, "UTF-8", "TAB", "loaded",
                      data=b.text().encode("utf-8"), read=5, loaded=3,
                      rejects=[Reject(short_line, "sku", "", f"row has {len(short)} fields, header has {n}"),
                               Reject(long_line, f"#{n + 1}", "Happy birthday!", f"row has {n + 1} fields, header has {n}")],
                      notes=["Column of a short row: the first header column the row does not reach (`sku`), value "
                             "empty. Column of a long row: the 1-based position of the first extra field (`#33`) "
                             "and its raw value.",
                             "Trailing EMPTY fields beyond the header (a row ending in extra tabs, as in "
                             "fixtures/amazon/all-orders-2026-10.txt) are not ragged: they are ignored."]))

    # -- unterminated_quote.csv -----------------------------------------------------------------------------
    b = Builder()
    b.add(cost_line(*COST_COLUMNS))
    b.add(cost_line("TM-PILLOW-18", "", "2026-06-01", "39.40", "CNY"))
    b.add(cost_line("TM-THROW-01", "", "2026-06-01", "15.05", "USD"))
    b.add(cost_line("TM-RUG-23", "", "2026-06-01", "6.40", "USD"))
    bad = b.add(cost_line("TM-LAMP-01", "DE", "2026-06-01", '"24.30', "EUR"))
    cases.append(Case("unterminated_quote.csv", "Unit-cost layout; the last row opens a quote in `unit_cost` that never "
                      "closes (the file ends inside the quoted field).", COSTS, "UTF-8", ",", "loaded",
                      data=b.text().encode("utf-8"), read=4, loaded=3,
                      rejects=[Reject(bad, "unit_cost", '"24.30,EUR', "unterminated quoted field at end of file")],
                      notes=["The three rows before it load. The raw value is the text from the opening quote to the "
                             "end of the file, without the final line end."]))

    # -- truncated_last_line.txt ----------------------------------------------------------------------------
    b = Builder()
    b.add(AMAZON_HEADER)
    b.add(tsv(amazon("302-7400001-000001")))
    b.add(tsv(amazon("302-7400002-000002", sku="TM-TRAY-OAK", asin="B0D1HPTO18", product_name="Serviertablett Eiche 45 cm mit Griffen",
                     item_price="39.90", item_tax="6.37")))
    b.add(tsv(amazon("302-7400003-000003", quantity="2", item_price="45.98", item_tax="7.34")))
    cut = amazon("302-7400004-000004", sku="TM-COASTER-6", product_name="Slate Coasters, Set of 6")
    cut = cut[:AMAZON_COLUMNS.index("product-name")] + ["Slate Coas"]
    bad = b.add(tsv(cut), end=False)
    cases.append(Case("truncated_last_line.txt", f"The last line is cut in the middle of `product-name`: no line end, "
                      f"{len(cut)} of {n} fields.", AMAZON, "UTF-8", "TAB", "loaded", data=b.text().encode("utf-8"),
                      read=4, loaded=3,
                      rejects=[Reject(bad, "sku", "", f"truncated last line: row has {len(cut)} fields, header has {n}")],
                      notes=["A missing final line end alone is not an error (the payments report never has one); "
                             "the missing fields are."]))

    # -- empty.txt / header_only.txt ------------------------------------------------------------------------
    cases.append(Case("empty.txt", "0 bytes.", "unknown", "", "", "empty", data=b"",
                      notes=["Listed with status `empty`, zero rows, a warning; not a failure."]))
    cases.append(Case("header_only.txt", "The Amazon All Orders header line and nothing else.", AMAZON, "UTF-8", "TAB",
                      "empty", data=(AMAZON_HEADER + "\n").encode("utf-8"),
                      notes=["Recognised as Amazon All Orders; status `empty`, zero rows, a warning; not a failure."]))

    # -- unknown_format.csv ---------------------------------------------------------------------------------
    b = Builder()
    b.add("foo,bar,baz")
    b.add("1,2,3")
    b.add("4,5,6")
    b.add("7,8,9")
    cases.append(Case("unknown_format.csv", "A CSV whose columns (`foo,bar,baz`) match no known format.", "unknown",
                      "UTF-8", ",", "failed", data=b.text().encode("utf-8"),
                      error='line 1: unknown format: no known signature columns (found: foo, bar, baz)',
                      notes=["The file cannot be read at all: status `failed`, no rows counted and nothing in "
                             "rejects.csv; the message names the file, line 1 and the columns found. The run goes on "
                             "with the other files and exits non-zero."]))

    # -- duplicate_a.txt / duplicate_b.txt ------------------------------------------------------------------
    b = Builder()
    b.add(AMAZON_HEADER)
    b.add(tsv(amazon("302-7500001-000001")))
    b.add(tsv(amazon("302-7500002-000002", sku="TM-MUG-SET4", asin="B0D1HPMG04", product_name="Steingut-Becher 4er-Set, Meerglas",
                     item_price="32.99", item_tax="5.27")))
    b.add(tsv(amazon("302-7500003-000003", sku="TM-CANDLE-PINE", asin="B0D1HPCP08", product_name="Pine & Cedar Soy Candle, 8 oz",
                     quantity="3", item_price="50.70", item_tax="8.09")))
    dup = b.text().encode("utf-8")
    cases.append(Case("duplicate_a.txt", "Three good order lines. Byte-identical to duplicate_b.txt.", AMAZON, "UTF-8",
                      "TAB", "loaded", data=dup, read=3, loaded=3,
                      notes=["Whichever of the pair is loaded first loads; here, in file-name order, duplicate_a.txt."]))
    cases.append(Case("duplicate_b.txt", "Byte-identical copy of duplicate_a.txt (same sha256, other name).", AMAZON,
                      "UTF-8", "TAB", "duplicate of duplicate_a.txt", data=dup,
                      notes=["Status `duplicate of duplicate_a.txt`, zero rows read or loaded, nothing added."]))

    # -- overlap_older.txt / overlap_newer.txt --------------------------------------------------------------
    def overlap_rows(newer: bool) -> list[list[str]]:
        upd = "2026-10-09T08:00:00+00:00" if newer else "2026-10-06T08:00:00+00:00"
        a = amazon("302-7600001-000001", last_updated_date=upd, purchase_date="2026-10-04T10:00:00+00:00",
                   quantity="3" if newer else "2", item_price="68.97" if newer else "45.98",
                   item_tax="11.01" if newer else "7.34")
        bb = amazon("302-7600002-000002", last_updated_date=upd, purchase_date="2026-10-04T11:30:00+00:00",
                    sku="TM-LAMP-01", asin="B0D1HPLA01", product_name="Tischlampe „Harbor“ 36 cm, Messing",
                    quantity="1" if newer else "2", item_price="74.90" if newer else "149.80",
                    item_tax="11.96" if newer else "23.92")
        c = amazon("302-7600003-000003", last_updated_date="2026-10-06T08:00:00+00:00",
                   purchase_date="2026-10-05T16:45:00+00:00", sku="TM-VASE-10", asin="B0D1HPVS10",
                   product_name='Ceramic Bud Vase 10", Matte White', item_price="20.90", item_tax="3.34")
        return [a, bb] if newer else [a, bb, c]

    b = Builder()
    b.add(AMAZON_HEADER)
    for r in overlap_rows(False):
        b.add(tsv(r))
    cases.append(Case("overlap_older.txt", "An earlier download: order lines 302-7600001-000001/TM-PILLOW-18 (qty 2), "
                      "302-7600002-000002/TM-LAMP-01 (qty 2), 302-7600003-000003/TM-VASE-10 (qty 1); last-updated "
                      "2026-10-06.", AMAZON, "UTF-8", "TAB", "loaded", data=b.text().encode("utf-8"), read=3, loaded=3,
                      superseded=2,
                      notes=["Natural key: (amazon-order-id, sku). Its first two lines are superseded by "
                             "overlap_newer.txt whatever the load order; its third line is kept."]))
    b = Builder()
    b.add(AMAZON_HEADER)
    for r in overlap_rows(True):
        b.add(tsv(r))
    cases.append(Case("overlap_newer.txt", "A later download of the same two order lines with last-updated 2026-10-09 "
                      "and changed quantities (TM-PILLOW-18 2 -> 3, TM-LAMP-01 2 -> 1).", AMAZON, "UTF-8", "TAB",
                      "loaded", data=b.text().encode("utf-8"), read=2, loaded=2,
                      notes=["Newest is decided by `last-updated-date`, not by file name: `overlap_newer.txt` sorts "
                             "BEFORE `overlap_older.txt`, so a reader that takes the last file name as newest gets "
                             "this wrong.",
                             "After loading both, in either order: 302-7600001-000001/TM-PILLOW-18 qty 3, 68.97 EUR; "
                             "302-7600002-000002/TM-LAMP-01 qty 1, 74.90 EUR; 302-7600003-000003/TM-VASE-10 qty 1, "
                             "20.90 EUR (3 order lines, 5 units)."]))

    # -- bad_values.txt -------------------------------------------------------------------------------------
    b = Builder()
    b.add(AMAZON_HEADER)
    b.add(tsv(amazon("302-7700001-000001")))
    l_cur = b.add(tsv(amazon("302-7700002-000002", currency="XYZ")))
    l_q0 = b.add(tsv(amazon("302-7700003-000003", quantity="0")))
    l_qm = b.add(tsv(amazon("302-7700004-000004", quantity="-1")))
    l_pr = b.add(tsv(amazon("302-7700005-000005", item_price="12.3O")))
    l_fut = b.add(tsv(amazon("302-7700006-000006", purchase_date="2027-01-05T10:00:00+00:00",
                             last_updated_date="2027-01-05T10:05:00+00:00")))
    l_atl = b.add(tsv(amazon("302-7700007-000007", ship_city="Poseidonia", ship_postal_code="00001", ship_country="Atlantis")))
    l_emp = b.add(tsv(amazon("302-7700008-000008", ship_city="", ship_postal_code="", ship_country="")))
    b.add(tsv(amazon("302-7700009-000009", sku="TM-LAMP-01", asin="B0D1HPLA01", product_name="Tischlampe „Harbor“ 36 cm, Messing",
                     item_price="74.90", item_tax="11.96")))
    b.add(tsv(amazon("302-7700010-000010", sku="TM-RUG-23", asin="B0D1HPRG23", product_name="Cotton Runner Rug 2' x 3', Striped",
                     quantity="2", item_price="51.98", item_tax="8.30")))
    ret = "returns belong in a return or refund export"
    cases.append(Case("bad_values.txt", "Ten order lines, each bad one with exactly one defect: unknown currency, zero "
                      "and negative quantity, an unparsable price, a future purchase date, an unknown ship country, an "
                      "empty ship country.", AMAZON, "UTF-8", "TAB", "loaded", data=b.text().encode("utf-8"),
                      read=10, loaded=5,
                      rejects=[Reject(l_cur, "currency", "XYZ", "unknown currency code"),
                               Reject(l_q0, "quantity", "0", f"zero quantity: {ret}"),
                               Reject(l_qm, "quantity", "-1", f"negative quantity: {ret}"),
                               Reject(l_pr, "item-price", "12.3O", "not a decimal amount"),
                               Reject(l_fut, "purchase-date", "2027-01-05T10:00:00+00:00", "date in the future")],
                      notes=[f"Line {l_atl} (ship-country `Atlantis`) is LOADED with market `ZZ`, counted and flagged "
                             "`market_unknown`: the sale happened.",
                             f"Line {l_emp} (empty ship-country, sales-channel Amazon.de) is LOADED with market `DE` "
                             "from the site. No flag.",
                             "The future date is judged against the run's date in the reporting time zone; these "
                             "expectations hold for any run date from 2026-11-01 to 2027-01-04 (tests should inject "
                             "one, e.g. 2026-11-20)."]))

    # -- blank_lines.txt ------------------------------------------------------------------------------------
    b = Builder()
    b.add(AMAZON_HEADER)
    b.add(tsv(amazon("302-7800001-000001")))
    blanks = [b.add("")]
    b.add(tsv(amazon("302-7800002-000002", sku="TM-BASKET-L", asin="B0D1HPBL01", product_name="Aufbewahrungskorb aus Seegras, groß",
                     item_price="33.99", item_tax="5.43")))
    blanks += [b.add(""), b.add("")]
    b.add(tsv(amazon("302-7800003-000003", quantity="2", item_price="45.98", item_tax="7.34")))
    b.add(tsv(amazon("302-7800004-000004", sku="TM-VASE-10", asin="B0D1HPVS10", product_name='Ceramic Bud Vase 10", Matte White',
                     item_price="20.90", item_tax="3.34")))
    cases.append(Case("blank_lines.txt", "Empty lines between the rows.", AMAZON, "UTF-8", "TAB", "loaded",
                      data=b.text().encode("utf-8"), read=7, loaded=4, skipped=[(x, "blank line") for x in blanks],
                      notes=["Blank lines after the header are records that are read and skipped (rows read = loaded "
                             "+ rejected + skipped). The final line end of the file is not a blank line."]))
    return cases


def check(cases: list[Case]) -> None:
    for c in cases:
        assert c.read == c.loaded + len(c.rejects) + len(c.skipped), c.name
        assert c.status != "failed" or c.read == 0
        if c.name == "quoted_newline.csv" or c.fmt == "unknown":
            continue
        # independent check of line numbers: the raw physical line must hold the value reported
        enc = {"UTF-16LE (BOM)": "utf-16", "windows-1252": "cp1252"}.get(c.encoding, "utf-8-sig")
        lines = c.data.decode(enc).split("\n")
        for r in c.rejects:
            assert r.value in lines[r.line - 1], (c.name, r)
        for ln, reason in c.skipped:
            assert lines[ln - 1].strip() in ("", "Total,,,,"), (c.name, ln)


def md_escape(s: str) -> str:
    return s.replace("|", "\\|")


def write_all(folder: Path) -> dict[str, int]:
    cases = build_cases()
    check(cases)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for c in cases:
        (folder / c.name).write_bytes(c.data)
        counts[f"malformed/{c.name}"] = c.read

    recon = io.StringIO()
    w = csv.writer(recon, lineterminator="\n")
    w.writerow(["file", "format", "sha256", "encoding", "preamble_lines", "rows_read", "rows_loaded", "rows_rejected",
                "rows_skipped", "skipped_reasons", "rows_superseded", "status"])
    for c in sorted(cases, key=lambda c: c.name):
        reasons = ";".join(f"{r}={sum(1 for _, x in c.skipped if x == r)}" for r in sorted({x for _, x in c.skipped}))
        rejected = len(c.rejects)
        w.writerow([c.name, c.fmt, c.sha256, c.encoding, c.preamble, c.read, c.loaded, rejected, len(c.skipped),
                    reasons, c.superseded, c.status])
    (folder / "expected_reconciliation.csv").write_bytes(recon.getvalue().encode("utf-8"))

    rej = io.StringIO()
    w = csv.writer(rej, lineterminator="\n")
    w.writerow(["file", "line", "column", "value", "reason"])
    for c in sorted(cases, key=lambda c: c.name):
        for r in c.rejects:
            w.writerow([c.name, r.line, r.column, r.value, r.reason])
    (folder / "expected_rejects.csv").write_bytes(rej.getvalue().encode("utf-8"))

    (folder / "README.md").write_bytes(readme(cases).encode("utf-8"))
    return counts


def readme(cases: list[Case]) -> str:
    out = [
        "# Malformed inputs",
        "",
        "One small file per bad-input case of product.md (\"Bad input\"), and exactly what a correct reader reports",
        "for each. Generated by `tools/make_malformed_fixtures.py` (run by `tools/make_demo_fixtures.py`); do not edit",
        "by hand. Line numbers were computed from the bytes written and checked against them.",
        "",
        "Conventions:",
        "",
        "- **Line** = 1-based physical line in the file where the record STARTS (the header is line 1 unless there is a",
        "  preamble; a quoted newline makes a record span two lines).",
        "- **Counts**: preamble lines before the header are not rows. Every record after the header is read once:",
        "  `rows_read = rows_loaded + rows_rejected + rows_skipped`. A file that cannot be read at all is `failed`",
        "  with zero rows.",
        "- **Column** = the header name of the field at fault; for a short row, the first column it does not reach;",
        "  for a long row, `#N`, the 1-based position of the first extra field. **Value** = the raw text of that field.",
        "- **Reason** texts are suggestions: tests should compare file, line, column and value exactly and the",
        "  reason only loosely.",
        "- Amazon files use the August demo layout (32 columns: with `url`, without `cpf`), TAB-separated, unquoted.",
        "  Unit-cost files use `sku,market,valid_from,unit_cost,currency`.",
        "- No two files share a natural key except the intended pairs (`duplicate_*`, `overlap_*`), so the folder can",
        "  also be loaded as a whole.",
        "",
        "The same expectations in machine-readable form: `expected_reconciliation.csv` (the reconciliation.csv columns",
        "of outputs.md, `rows_superseded` counted after all files are loaded) and `expected_rejects.csv` (the",
        "rejects.csv columns, file name without folder).",
        "",
        "## Summary",
        "",
        "| file | format | encoding | delim | status | preamble_lines | rows_read | rows_loaded | rows_rejected | rows_skipped |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for c in cases:
        rejected = len(c.rejects)
        out.append(f"| `{c.name}` | {c.fmt} | {c.encoding or '–'} | {c.delimiter or '–'} | {c.status} | {c.preamble} | "
                   f"{c.read} | {c.loaded} | {rejected} | {len(c.skipped)} |")
    out.append("")
    out.append("## Files")
    for c in cases:
        out += ["", f"### `{c.name}`", "", c.what, "",
                f"sha256 `{c.sha256}` · {len(c.data)} bytes"]
        rejected = len(c.rejects)
        out += ["", f"- status **{c.status}**; preamble_lines {c.preamble}; rows_read {c.read}, rows_loaded {c.loaded}, "
                    f"rows_rejected {rejected}, rows_skipped {len(c.skipped)}"
                    + (f", rows_superseded {c.superseded}" if c.superseded else "")]
        if c.rejects:
            out += ["", "| line | column | value | reason |", "|---|---|---|---|"]
            for r in c.rejects:
                out.append(f"| {r.line} | `{md_escape(r.column)}` | `{md_escape(r.value)}` | {r.reason} |"
                           .replace("``", "(empty)"))
        if c.skipped:
            out += ["", "| line (skipped) | reason |", "|---|---|"]
            for ln, reason in c.skipped:
                out.append(f"| {ln} | {reason} |")
        if c.error:
            out += ["", f"- file error: {c.error}"]
        if c.notes:
            out.append("")
        for note in c.notes:
            out.append(f"- {note}")
    out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    for name, n in write_all(root / "fixtures" / "malformed").items():
        print(f"{name}: {n} rows read")
