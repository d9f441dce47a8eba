#!/usr/bin/python3
"""Expected values for customers_test.go, computed independently of the Go
code with exact fractions, one day at a time (every event in the book falls
at midnight UTC). Run: python3 performance/testdata/customers_ref.py"""
from datetime import date, timedelta
from fractions import Fraction as F

# account, product, start, end (None = running), amount, billing months, changes
BOOK = [
    ("A", "", date(2024, 11, 1), None, 100, 1, [(date(2025, 2, 10), 150)]),
    ("B", "", date(2024, 12, 15), date(2025, 2, 1), 1200, 12, []),
    ("C", "", date(2025, 1, 20), None, 300, 3, []),
    ("D", "", date(2024, 6, 1), date(2024, 10, 1), 50, 1, []),
    ("D", "", date(2025, 1, 5), None, 80, 1, []),
    ("E", "", date(2024, 12, 1), None, 200, 1, [(date(2025, 1, 15), 120)]),
    ("F", "", date(2025, 1, 10), date(2025, 1, 25), 40, 1, []),
    ("G", "p1", date(2024, 10, 1), None, 30, 1, []),
    ("G", "p2", date(2025, 1, 1), None, 600, 12, []),
    ("H", "", date(2024, 12, 1), date(2025, 1, 31), 100, 3, []),
]
ACCOUNTS = sorted({b[0] for b in BOOK})


def mrr_on(acct, day):
    """MRR in force during the whole of day."""
    total = F(0)
    for a, _, start, end, amount, months, changes in BOOK:
        if a != acct or day < start or (end is not None and day >= end):
            continue
        amt = amount
        for at, new in changes:
            if day >= at:
                amt = new
        total += F(amt, months)
    return total


def before(acct, day):
    """MRR just before midnight starting day: that of the day before."""
    return mrr_on(acct, day - timedelta(days=1))


def first_day(acct):
    d = date(2024, 1, 1)
    while d < date(2026, 1, 1):
        if mrr_on(acct, d) > 0:
            return d
        d += timedelta(days=1)
    return None


def movements(s, e):
    out = dict(opening=F(0), new=F(0), react=F(0), exp=F(0), con=F(0), churn=F(0), closing=F(0))
    n = dict(open=0, new=0, react=0, exp=0, con=0, churn=0, close=0, transient=0, falls=0, days=0)
    for a in ACCOUNTS:
        o, c = before(a, s), before(a, e)
        first = first_day(a)
        prev = o
        inside = False
        d = s
        while d < e:
            m = mrr_on(a, d)
            if m > 0:
                n["days"] += 1
                inside = True
            if prev > 0 and m == 0:
                n["falls"] += 1
            prev = m
            d += timedelta(days=1)
        if o > 0:
            n["open"] += 1
            out["opening"] += o
        if c > 0:
            n["close"] += 1
            out["closing"] += c
        if o > 0 and c > 0:
            if c > o:
                n["exp"] += 1
                out["exp"] += c - o
            elif c < o:
                n["con"] += 1
                out["con"] += o - c
        elif o > 0:
            n["churn"] += 1
            out["churn"] += o
        elif c > 0:
            if first < s:
                n["react"] += 1
                out["react"] += c
            else:
                n["new"] += 1
                out["new"] += c
        elif inside:
            n["transient"] += 1
    return out, n


jan, feb, mar = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)
for name, s, e in (("January", jan, feb), ("February", feb, mar)):
    m, n = movements(s, e)
    print(name, {k: str(v) for k, v in m.items()}, n)
    print("  opening as decimal", float(m["opening"]))

m, n = movements(jan, feb)
print("churn start only", F(n["churn"], n["open"]))
print("churn start+new", F(n["churn"] + n["transient"], n["open"] + n["new"] + n["react"] + n["transient"]))
print("churn average", F(n["churn"]) / F(n["open"] + n["close"], 2))
d = F(n["falls"], n["days"])
print("churn daily", d, float(1 - (1 - d) ** 31))
print("revenue gross", (m["churn"] + m["con"]) / m["opening"], float((m["churn"] + m["con"]) / m["opening"]))
print("revenue net", (m["churn"] + m["con"] - m["exp"]) / m["opening"])
print("revenue net with reactivation", (m["churn"] + m["con"] - m["exp"] - m["react"]) / m["opening"])
print("ARPA close", m["closing"] / n["close"], float(m["closing"] / n["close"]))
print("ARPA average", (m["opening"] + m["closing"]) / (n["open"] + n["close"]))


def retention(s, e):
    start = end = kept = F(0)
    for a in ACCOUNTS:
        o = before(a, s)
        if o > 0:
            c = before(a, e)
            start += o
            end += c
            kept += min(o, c)
    return end / start, kept / start


print("NRR/GRR January", retention(jan, feb))
print("NRR/GRR Jan-Feb point to point", retention(jan, mar))
j, f = retention(jan, feb), retention(feb, mar)
print("NRR/GRR Jan-Feb compounded", float(j[0] * f[0]), float(j[1] * f[1]))

months = [date(2024, 10, 1), date(2024, 11, 1), date(2024, 12, 1), jan, feb, mar]
for i in range(5):
    members = [a for a in ACCOUNTS if months[i] <= first_day(a) < months[i + 1]]
    if not members:
        print("cohort", months[i], "empty")
        continue
    starting = sum(mrr_on(a, first_day(a)) for a in members)
    row = []
    for k in range(i, 5):
        active = sum(1 for a in members if before(a, months[k + 1]) > 0)
        mrr = sum(before(a, months[k + 1]) for a in members)
        row.append((active, str(mrr), F(active, len(members)), mrr / starting))
    print("cohort", months[i], len(members), starting, row)

new_jan = [a for a in ACCOUNTS if jan <= first_day(a) < feb]
print("CAC all", F(8000, len(new_jan)), "marketing", F(3000, len(new_jan)), "with reactivated", F(8000, len(new_jan) + 1))
