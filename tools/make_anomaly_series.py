#!/usr/bin/env python3
"""Writes fixtures/anomalies/: labelled synthetic daily series for the robust-deviation detector.

30 series x 180 days (2026-01-05 .. 2026-07-03) of orders, sessions, inquiries (Poisson-like counts) and net
revenue (lognormal amounts), each with a weekly pattern, a trend, noise, the planned promotions of its market
(spikes that must NOT be flagged), a few days without data, and injected anomalies that must be flagged:
spikes, drops and level shifts, listed in labels.csv.

Python standard library only, fixed seed: running it twice gives byte-identical files.

    python3 tools/make_anomaly_series.py
"""

import csv
import datetime as dt
import math
import os
import random

SEED = 20260315
START = dt.date(2026, 1, 5)  # a Monday
DAYS = 180
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "anomalies")

MARKETS = ["DE", "FR", "US", "UK", "JP", "IT"]

# (markets joined by ';', empty = every market; first day; last day; name; lift on each day)
PROMOTIONS = [
    ("DE;FR;IT", dt.date(2026, 3, 20), dt.date(2026, 3, 22), "Spring Sale", [1.9, 2.4, 2.1]),
    ("JP", dt.date(2026, 4, 29), dt.date(2026, 5, 5), "Golden Week", [1.6, 1.8, 2.0, 2.2, 2.0, 1.8, 1.5]),
    ("UK", dt.date(2026, 5, 1), dt.date(2026, 5, 4), "Bank Holiday Sale", [1.8, 2.2, 2.0, 1.7]),
    ("US", dt.date(2026, 5, 22), dt.date(2026, 5, 25), "Memorial Day Sale", [2.0, 2.5, 2.6, 2.2]),
    ("", dt.date(2026, 6, 16), dt.date(2026, 6, 17), "Summer Deal Days", [2.8, 3.1]),
    ("DE", dt.date(2026, 2, 14), dt.date(2026, 2, 14), "Valentine Flash Deal", [2.5]),
]

# metric, level range, noise kind
METRICS = [
    ("orders", (25, 160), "poisson"),
    ("sessions", (900, 6000), "poisson"),
    ("inquiries", (25, 90), "poisson"),
    ("net_revenue", (1500.0, 20000.0), "lognormal"),
    ("orders", (40, 300), "poisson"),
]

# weekday factors, Monday..Sunday
PATTERNS = {
    "weekend_down": [1.05, 1.0, 1.0, 1.0, 0.95, 0.6, 0.6],
    "weekend_up": [0.95, 1.0, 1.0, 1.0, 1.05, 1.3, 1.3],
    "flat": [1.0] * 7,
}


def poisson(rng, lam):
    """A Poisson draw: Knuth's method for small means, the rounded normal approximation above 60."""
    if lam <= 0:
        return 0
    if lam > 60:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def promo_lift(market, day):
    for markets, first, last, _name, lifts in PROMOTIONS:
        if (not markets or market in markets.split(";")) and first <= day <= last:
            return lifts[(day - first).days]
    return None


def near_promo(market, day, margin):
    return any(
        (not markets or market in markets.split(";")) and first - dt.timedelta(margin) <= day <= last + dt.timedelta(margin)
        for markets, first, last, _n, _l in PROMOTIONS
    )


def main():
    rng = random.Random(SEED)
    os.makedirs(OUT, exist_ok=True)
    series_rows, label_rows, meta_rows = [], [], []
    pattern_cycle = ["weekend_down", "weekend_up", "weekend_down", "flat", "weekend_up"]
    for i in range(30):
        sid = "s%02d" % (i + 1)
        market = MARKETS[i % len(MARKETS)]
        metric, (lo, hi), noise = METRICS[i % len(METRICS)]
        pattern = pattern_cycle[(i // 2) % len(pattern_cycle)]
        level = rng.uniform(lo, hi)
        trend = rng.uniform(-0.25, 0.35)  # relative change over the 180 days
        money_sigma = rng.uniform(0.08, 0.16)
        # relative noise of one day, for sizing the anomalies
        rel = money_sigma if noise == "lognormal" else math.sqrt(1 / level + 0.05**2)

        # anomalies: 0..3 per series between days 40 and 172, one per equal segment of that span, not within
        # 4 days of a promotion; every fourth series ends with a level shift
        multipliers = [1.0] * DAYS
        shifts = i % 4 == 1
        count = rng.choice([1, 2, 3] if shifts else [0, 1, 2, 2, 3])
        segment = (172 - 40) // count if count else 0
        for n in range(count):
            lo_day = 40 + n * segment
            last_one = n == count - 1
            if last_one and shifts:
                kind = "level_shift"
            else:
                kind = rng.choice(["spike", "spike", "drop"])
            length = {"spike": rng.choice([1, 1, 2]), "drop": rng.choice([1, 2, 3, 5]), "level_shift": 0}[kind]
            hi_day = min(lo_day + segment - 8, 150 if kind == "level_shift" else 172 - length)
            start = None
            for _ in range(20):
                cand = rng.randrange(lo_day, max(lo_day + 1, hi_day))
                span = range(cand, DAYS if kind == "level_shift" else cand + length)
                if not any(near_promo(market, START + dt.timedelta(d), 4) for d in span[:14]):
                    start = cand
                    break
            if start is None:
                continue
            if kind == "level_shift":
                length = DAYS - start
            k = rng.uniform(5.5, 11.0)
            if kind == "spike":
                factor = max(1.5, 1 + k * rel)
            elif kind == "drop":
                factor = max(0.05, min(0.6, 1 - k * rel))
            else:
                factor = rng.choice([max(1.4, 1 + k * rel), max(0.3, min(0.65, 1 - k * rel))])
            for d in range(start, start + length):
                multipliers[d] *= factor
            # a level shift is anomalous at its onset and while the 28-day median catches up (14 days); after that
            # the new level is the normal one
            end = start + (13 if kind == "level_shift" else length - 1)
            label_rows.append([sid, str(START + dt.timedelta(start)), str(START + dt.timedelta(end)), kind, "%.3f" % factor])

        # a few days without data (not anomalies: the series simply has no row)
        gaps = set()
        if i % 7 == 3:
            g = 60 + rng.randrange(80)
            gaps = {g, g + 1, g + 2}

        for d in range(DAYS):
            day = START + dt.timedelta(d)
            if d in gaps:
                continue
            mean = level * (1 + trend * d / DAYS) * PATTERNS[pattern][day.weekday()] * multipliers[d]
            lift = promo_lift(market, day)
            if lift:
                mean *= lift
            if noise == "poisson":
                value = str(poisson(rng, mean * math.exp(rng.gauss(0, 0.05))))
            else:
                value = "%.2f" % (mean * math.exp(rng.gauss(0, money_sigma) - money_sigma**2 / 2))
            series_rows.append([sid, str(day), value])
        meta_rows.append([sid, market, metric, pattern, noise, "%.2f" % level, "%.3f" % trend])

    def write(name, header, rows):
        with open(os.path.join(OUT, name), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)

    write("series.csv", ["series_id", "date", "value"], series_rows)
    write("labels.csv", ["series_id", "start", "end", "kind", "factor"], label_rows)
    write("series_meta.csv", ["series_id", "market", "metric", "weekly_pattern", "noise", "level", "trend"], meta_rows)
    write(
        "promotions.csv",
        ["markets", "start", "end", "name"],
        [[m, str(a), str(b), n] for m, a, b, n, _l in PROMOTIONS],
    )
    print("series: %d rows, labels: %d, promotions: %d" % (len(series_rows), len(label_rows), len(PROMOTIONS)))


if __name__ == "__main__":
    main()
