#!/usr/bin/python3
"""Reference values for nps_test.go, computed independently of the Go code.

Exact fractions for the variances (fractions.Fraction), scipy.stats.norm for
the normal quantiles and tail probabilities. Run: /usr/bin/python3 nps_ref.py (Debian python3-scipy 1.10)
"""
from fractions import Fraction as F
from math import sqrt
from scipy.stats import norm


def wald(P, Pa, D):
    n = P + Pa + D
    p, d = F(P, n), F(D, n)
    est = 100 * (p - d)
    var = (p + d - (p - d) ** 2) / n
    return est, var


def adjusted(P, Pa, D):
    n = P + Pa + D + 3
    p, d = (P + F(3, 4)) / n, (D + F(3, 4)) / n
    est = 100 * (p - d)
    var = (p + d - (p - d) ** 2) / n
    return est, var


def show(name, P, Pa, D, conf=0.95):
    z = norm.ppf(0.5 + conf / 2)
    for method, f in (("wald", wald), ("adjusted_wald", adjusted)):
        est, var = f(P, Pa, D)
        se = 100 * sqrt(var)
        moe = z * se
        print(f"{name} {method} conf={conf}: estimate={est} = {float(est)!r} var={var} "
              f"se={se!r} z={z!r} moe={moe!r} low={max(-100, float(est) - moe)!r} high={min(100, float(est) + moe)!r}")


show("A 50/30/20", 50, 30, 20)
show("A 50/30/20", 50, 30, 20, 0.90)
show("B whuber 162/108/54", 162, 108, 54)
show("C cybaea 100/100/100", 100, 100, 100)
show("D all promoters 10/0/0", 10, 0, 0)
show("E 120/50/30", 120, 50, 30)

# Change A -> E, Wald and adjusted Wald.
for method, f in (("wald", wald), ("adjusted_wald", adjusted)):
    eb, vb = f(50, 30, 20)
    ea, va = f(120, 50, 30)
    diff = ea - eb
    se = 100 * sqrt(vb + va)
    z = float(diff) / se
    p = 2 * norm.sf(abs(z))
    zc = norm.ppf(0.975)
    print(f"change A->E {method}: diff={diff} = {float(diff)!r} var_sum={vb + va} se={se!r} z={z!r} p={p!r} "
          f"low={float(diff) - zc * se!r} high={float(diff) + zc * se!r}")

# nps_example_test.go: counts tallied by hand from the example's scores.
print("--- examples")
show("Q1 all 22/9/9", 22, 9, 9)
show("Q1 latest (March) 14/4/2", 14, 4, 2)
show("enterprise 7/3/5", 7, 3, 5)
show("smb 15/6/4", 15, 6, 4)
show("eNPS 5/3/4", 5, 3, 4)
eb, vb = wald(3, 3, 4)   # February
ea, va = wald(14, 4, 2)  # March
se = 100 * sqrt(vb + va)
z = float(ea - eb) / se
print(f"change Feb->Mar wald: diff={ea - eb} var_sum={vb + va} se={se!r} z={z!r} p={2 * norm.sf(abs(z))!r} "
      f"low={float(ea - eb) - norm.ppf(0.975) * se!r} high={float(ea - eb) + norm.ppf(0.975) * se!r}")
