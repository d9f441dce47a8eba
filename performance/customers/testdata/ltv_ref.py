#!/usr/bin/python3
"""Expected values for ltv_test.go, with exact fractions: lifetime values as
geometric series summed term by term (not by the closed forms the Go code
uses; unbounded series to 20,000 terms against the limit), churn
conversions in floating point. Run: /usr/bin/python3 performance/testdata/ltv_ref.py"""
from decimal import Decimal, getcontext
from fractions import Fraction as F

getcontext().prec = 50


def ltv(arpa, churn, margin=F(1), i=F(0), timing="start", horizon=0):
    m = arpa * margin
    r = 1 - churn
    q = r / (1 + i)
    if horizon:
        ts = range(0, horizon) if timing == "start" else range(1, horizon + 1)
        return sum(m * q ** t for t in ts)
    # unbounded: the closed form, checked against 20,000 terms
    closed = m * (1 + i) / (1 + i - r) if timing == "start" else m * r / (1 + i - r)
    ts = range(0, 20000) if timing == "start" else range(1, 20001)
    partial = sum(float(m) * float(q) ** t for t in ts)
    assert abs(partial - float(closed)) < 1e-6 * float(closed), (partial, closed)
    return closed


def show(name, x):
    d = Decimal(x.numerator) / Decimal(x.denominator)
    print(f"{name}: {d.quantize(Decimal(10) ** -20)}")


show("simple 100 × 0.8 / 0.05", ltv(F(100), F(5, 100), F(8, 10)))
show("revenue 100 / 0.05", ltv(F(100), F(5, 100)))
show("start, i=1%", ltv(F(100), F(5, 100), F(8, 10), F(1, 100)))
show("end, i=1%", ltv(F(100), F(5, 100), F(8, 10), F(1, 100), "end"))
show("end, i=0", ltv(F(100), F(5, 100), F(8, 10), F(0), "end"))
show("start, i=1%, 36 periods", ltv(F(100), F(5, 100), F(8, 10), F(1, 100), "start", 36))
show("end, i=1%, 36 periods", ltv(F(100), F(5, 100), F(8, 10), F(1, 100), "end", 36))
show("start, i=0, 12 periods", ltv(F(100), F(5, 100), F(8, 10), F(0), "start", 12))
show("zero churn, i=1%", ltv(F(100), F(0), F(8, 10), F(1, 100)))
show("zero churn, i=0, 24 periods", ltv(F(100), F(0), F(8, 10), F(0), "start", 24))
print("annual of 2% monthly:", repr(1 - (1 - 0.02) ** 12))
print("monthly of 30% annual:", repr(1 - (1 - 0.30) ** (1 / 12)))
show("payback 1000 / (100 × 0.8)", F(1000) / (F(100) * F(8, 10)))
show("payback 1000 / 30 (revenue)", F(1000) / F(30))
show("LTV:CAC 1600 / 450", F(1600) / F(450))
