#!/usr/bin/env python3
"""The order-lines comparison of issue 7: DuckDB reads a generated corpus's Amazon All Orders files and computes
monthly sales by market and currency; prints the wall and CPU time and the first rows.

    pip install duckdb
    tools/duckdb_orders.py /tmp/tidemark-corpus-s10.0-seed1

The Tidemark side of the comparison loads the same files (plus the FX and cost tables it needs to convert and
cost them) into a temporary warehouse and writes every report:

    .build/release/tidemark run --input CORPUS/fx/eurofxref-hist.csv --input CORPUS/costs/unit_costs.csv \\
        --input 'CORPUS/amazon/*.txt' --out /tmp/orders-only --fail-on never

DuckDB does less (no warehouse, no currency conversion, no reconciliation, no reports); the figure is the bar
issue 7 sets for reading and aggregating the order lines.
"""
import resource
import sys
import time

import duckdb


def main():
    corpus = sys.argv[1].rstrip("/")
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    con = duckdb.connect()
    con.execute("PRAGMA threads=2")
    rows = con.execute(
        f"""
        SELECT strftime(CAST(substr("purchase-date", 1, 19) AS TIMESTAMP), '%Y-%m') AS month,
               "ship-country" AS market, currency,
               count(DISTINCT "amazon-order-id") AS orders,
               sum(CAST(quantity AS INTEGER)) AS units,
               sum(CAST("item-price" AS DECIMAL(18, 2))) AS gross_sales
        FROM read_csv('{corpus}/amazon/all-orders-*.txt', delim='\\t', quote='', header=true, all_varchar=true)
        WHERE "order-status" <> 'Cancelled'
        GROUP BY ALL ORDER BY ALL
        """
    ).fetchall()
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"duckdb {duckdb.__version__}: {len(rows)} month × market × currency rows, wall {wall:.3f} s, CPU {cpu:.3f} s, peak RSS {peak:.0f} MiB")
    for r in rows[:5]:
        print("  ", r)


if __name__ == "__main__":
    main()
