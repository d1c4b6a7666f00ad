#!/usr/bin/env python3
"""Turn the CDNOW sample (fixtures/cdnow/CDNOW_sample.txt, fixed-width: customer index, customer id, date
YYYYMMDD, number of CDs, dollar value) into an order export with a header, so that Tidemark loads it through a
column mapping (pipelines/cdnow.yaml) like any export it has never seen. Deterministic; standard library only."""
import csv
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
src = root / "fixtures" / "cdnow" / "CDNOW_sample.txt"
dst = root / "fixtures" / "cdnow" / "cdnow_orders.csv"
with src.open() as f, dst.open("w", newline="") as out:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["order_no", "customer_id", "order_date", "product", "cds", "amount_usd"])
    for n, line in enumerate(f, start=1):
        parts = line.split()
        if not parts:
            continue
        _index, customer, date, cds, amount = parts
        # One row per record; the record's position is its order number.
        w.writerow([f"CD{n:05d}", customer, date, "CD", cds, amount])
print(f"wrote {dst}")
