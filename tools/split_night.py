#!/usr/bin/env python3
"""Splits one night off a generated corpus, to measure an incremental run (issue 7).

    tools/split_night.py SRC DEST [--date 2026-10-31]

DEST becomes a copy of the corpus SRC (made by `tidemark generate`) without the rows of DATE; DEST-night/ holds
those rows as new files in the same layout (`<name>-night.<ext>`, matched by the generated pipeline's globs).
Load DEST, copy DEST-night/ into DEST, run again: the second run is "one night added to a year".

    .build/release/tidemark-bench pipeline --corpus DEST
    cp -r DEST-night/. DEST/
    .build/release/tidemark-bench pipeline --corpus DEST --keep-warehouse

Rows are assigned by their own date column: Amazon All Orders `purchase-date`, Shopify `Created at` (continuation
lines of a multi-line order follow the order's first line), shipments `ship_date`, Meta `Reporting starts`,
Amazon Ads `Date` (`Oct 31, 2026`). FX and unit-cost files are copied whole (they are reference tables).
"""
import argparse
import csv
import datetime
import os
import shutil
import sys


def date_forms(day: datetime.date):
    return {day.isoformat(), day.strftime("%b %d, %Y")}


def split_amazon_orders(src, keep, night, forms):
    """Tab-separated, quoting off: split raw lines, bytes untouched."""
    with open(src, "rb") as f:
        lines = f.read().split(b"\n")
    header = lines[0]
    column = header.decode().split("\t").index("purchase-date")
    kept, moved = [header], [header]
    for line in lines[1:]:
        if not line:
            continue
        fields = line.decode("utf-8").split("\t")
        (moved if fields[column][:10] in forms else kept).append(line)
    for path, rows in ((keep, kept), (night, moved)):
        if path is night and len(rows) == 1:
            continue
        with open(path, "wb") as f:
            f.write(b"\n".join(rows) + b"\n")
    return len(moved) - 1


def split_csv(src, keep, night, column_name, forms, follow_blank=False):
    with open(src, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    column = header.index(column_name)
    kept, moved = [header], [header]
    previous_moved = False
    for row in rows[1:]:
        value = row[column].strip() if column < len(row) else ""
        if follow_blank and not value:
            is_night = previous_moved
        else:
            is_night = value[:10] in forms or value in forms
        (moved if is_night else kept).append(row)
        previous_moved = is_night
    for path, out in ((keep, kept), (night, moved)):
        if path is night and len(out) == 1:
            continue
        with open(path, "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\n").writerows(out)
    return len(moved) - 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("src")
    parser.add_argument("dest")
    parser.add_argument("--date", default="2026-10-31")
    args = parser.parse_args()
    day = datetime.date.fromisoformat(args.date)
    forms = date_forms(day)
    month = day.strftime("%Y-%m")
    night_root = args.dest.rstrip("/") + "-night"
    for root in (args.dest, night_root):
        if os.path.exists(root):
            shutil.rmtree(root)
    moved_total = 0
    for directory, _, files in os.walk(args.src):
        rel = os.path.relpath(directory, args.src)
        if rel.startswith("reports"):
            continue
        os.makedirs(os.path.join(args.dest, rel), exist_ok=True)
        for name in sorted(files):
            src = os.path.join(directory, name)
            if name.startswith("warehouse.sqlite") or name == "bench-run.log":
                continue
            keep = os.path.join(args.dest, rel, name)
            stem, ext = os.path.splitext(name)
            os.makedirs(os.path.join(night_root, rel), exist_ok=True)
            night = os.path.join(night_root, rel, f"{stem}-night{ext}")
            if month not in name:
                shutil.copy2(src, keep)
                continue
            if name.startswith("all-orders-"):
                moved = split_amazon_orders(src, keep, night, forms)
            elif name.startswith("orders_export_"):
                moved = split_csv(src, keep, night, "Created at", forms, follow_blank=True)
            elif name.startswith("shipments-"):
                moved = split_csv(src, keep, night, "ship_date", forms)
            elif name.startswith("meta-ads-daily-"):
                moved = split_csv(src, keep, night, "Reporting starts", forms)
            elif name.startswith("amazon-ads-sp-"):
                moved = split_csv(src, keep, night, "Date", forms)
            else:
                shutil.copy2(src, keep)
                continue
            moved_total += moved
            print(f"{os.path.join(rel, name)}: {moved} rows of {args.date} moved", file=sys.stderr)
    print(f"{moved_total} rows moved to {night_root}", file=sys.stderr)


if __name__ == "__main__":
    main()
