#!/usr/bin/python3
"""Reference values for forecast/accuracy_test.go.

Run from forecast/testdata with Debian's Python (numpy from python3-numpy) and
R with r-cran-forecast installed:

    /usr/bin/python3 accuracy_ref.py > accuracy_ref.json

For each case it writes the inputs and the measures computed three ways,
none of them by the Go code under test:

  exact  - with fractions.Fraction over the exact binary values of the
           inputs (RMSE via a 50-digit decimal square root), rounded to
           float64 once at the end: the value a perfect float64 code returns.
  numpy  - the textbook formulas in numpy, term by term.
  r      - R's forecast::accuracy() on the same data, test-set row (ME, RMSE,
           MAE, MAPE, MASE), converted to this library's conventions:
           MAPE / 100 (fractions, not percent) and bias = -ME (ME is
           mean(actual - forecast); bias is mean(forecast - actual)).
           Omitted when R or the forecast package is missing.

Measures that are undefined for the input are null (R gives Inf or NaN).
"""
import json
import math
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np

getcontext().prec = 50


def cases():
    out = []
    # Hand case: the arithmetic is written out in accuracy_test.go.
    out.append(dict(name="hand", actual=[100, 200, 300, 400], forecast=[110, 180, 330, 400],
                    training=[80, 90, 100, 95, 110], season=1))
    # Seasonal monthly bookings: 3 years of training, 1 year of test; the
    # forecast is the last training year grown 4% (a seasonal naive with
    # growth), values in cents like money.
    rng = np.random.default_rng(20240101)
    months = np.arange(48)
    base = 100000 + 1500 * months + 25000 * np.sin(2 * np.pi * months / 12) + rng.normal(0, 6000, 48)
    base = np.round(base, 2)
    train, test = base[:36], base[36:]
    fc = np.round(train[24:36] * 1.04, 2)
    out.append(dict(name="monthly season 12", actual=test.tolist(), forecast=fc.tolist(),
                    training=train.tolist(), season=12))
    # Quarterly, season 4: the year-old quarters grown 10%, under the actual.
    q = np.round(400000 + 20000 * np.arange(20) + np.tile([-50000, 10000, 0, 90000], 5)
                 + rng.normal(0, 15000, 20), 2)
    fcq = np.round(q[8:16] * 1.1 + 5000, 2)
    out.append(dict(name="quarterly season 4", actual=q[12:20].tolist(), forecast=fcq.tolist(),
                    training=q[:12].tolist(), season=4))
    # An actual of zero: MAPE undefined, the rest defined.
    out.append(dict(name="zero actual", actual=[0, 50, 120, 80.5], forecast=[10, 40, 120, 95.25],
                    training=[60, 0, 75, 90, 20], season=1))
    # Many points, weekly season 13, negative values allowed.
    n = 1000
    a = np.round(rng.normal(5000, 2000, n), 2)
    f = np.round(a + rng.normal(150, 900, n), 2)
    t = np.round(rng.normal(5000, 2000, 200), 2)
    out.append(dict(name="1000 points season 13", actual=a.tolist(), forecast=f.tolist(),
                    training=t.tolist(), season=13))
    return out


def exact(c):
    A = [Fraction(x) for x in c["actual"]]
    F = [Fraction(x) for x in c["forecast"]]
    n = len(A)
    e = [a - f for a, f in zip(A, F)]
    r = {}
    r["mae"] = float(sum(abs(x) for x in e) / n)
    msq = sum(x * x for x in e) / n
    r["rmse"] = float((Decimal(msq.numerator) / Decimal(msq.denominator)).sqrt())
    r["mape"] = None if any(a == 0 for a in A) else float(sum(abs(x) / abs(a) for x, a in zip(e, A)) / n)
    sa = sum(abs(a) for a in A)
    r["wape"] = None if sa == 0 else float(sum(abs(x) for x in e) / sa)
    r["smape"] = None if any(a == 0 and f == 0 for a, f in zip(A, F)) else float(
        sum(2 * abs(a - f) / (abs(a) + abs(f)) for a, f in zip(A, F)) / n)
    r["bias"] = float(sum(f - a for a, f in zip(A, F)) / n)
    SA, SF = sum(A), sum(F)
    r["bias_ratio"] = None if SA <= 0 else float(SF / SA - 1)
    r["total_accuracy"] = None if SA <= 0 else float(1 - abs(SA - SF) / SA)
    r["actual_to_forecast"] = None if SF <= 0 else float(SA / SF)
    T = [Fraction(x) for x in c["training"]]
    m = c["season"]
    if len(T) <= m:
        r["mase"] = None
    else:
        scale = sum(abs(T[i] - T[i - m]) for i in range(m, len(T))) / (len(T) - m)
        r["mase_scale"] = float(scale)
        r["mase"] = None if scale == 0 else float((sum(abs(x) for x in e) / n) / scale)
    return r


def numpy_measures(c):
    A, F = np.array(c["actual"], dtype=float), np.array(c["forecast"], dtype=float)
    e = A - F
    r = {"mae": float(np.mean(np.abs(e))), "rmse": float(np.sqrt(np.mean(e ** 2)))}
    with np.errstate(divide="ignore", invalid="ignore"):
        r["mape"] = None if np.any(A == 0) else float(np.mean(np.abs(e) / np.abs(A)))
        r["wape"] = float(np.sum(np.abs(e)) / np.sum(np.abs(A)))
        r["smape"] = float(np.mean(2 * np.abs(e) / (np.abs(A) + np.abs(F))))
    r["bias"] = float(np.mean(F - A))
    r["bias_ratio"] = float(F.sum() / A.sum() - 1)
    r["total_accuracy"] = float(1 - abs(A.sum() - F.sum()) / A.sum())
    r["actual_to_forecast"] = float(A.sum() / F.sum())
    T, m = np.array(c["training"], dtype=float), c["season"]
    scale = np.mean(np.abs(T[m:] - T[:-m]))
    r["mase"] = float(r["mae"] / scale)
    return r


R_TEMPLATE = r"""
suppressMessages(library(forecast))
fmt <- function(x) if (is.finite(x)) sprintf("%.17g", x) else "null"
tr <- ts(c({training}), frequency = {season})
fc <- if ({season} > 1) snaive(tr, h = {h}) else naive(tr, h = {h})
fc$mean <- ts(c({forecast}), start = tsp(tr)[2] + 1 / {season}, frequency = {season})
x <- ts(c({actual}), start = tsp(tr)[2] + 1 / {season}, frequency = {season})
acc <- accuracy(fc, x, d = {d}, D = {D})
row <- acc["Test set", ]
cat(sprintf('{{"me": %s, "rmse": %s, "mae": %s, "mape": %s, "mase": %s}}\n',
    fmt(row[["ME"]]), fmt(row[["RMSE"]]), fmt(row[["MAE"]]), fmt(row[["MAPE"]]), fmt(row[["MASE"]])))
cat(sprintf('"%s"\n', packageVersion("forecast")))
"""


def r_measures(c):
    if not shutil.which("Rscript"):
        return None, None
    vec = lambda xs: ", ".join(repr(float(x)) for x in xs)
    m = c["season"]
    script = R_TEMPLATE.format(training=vec(c["training"]), forecast=vec(c["forecast"]),
                               actual=vec(c["actual"]), season=m, h=len(c["actual"]),
                               d=1 if m == 1 else 0, D=1 if m > 1 else 0)
    with tempfile.NamedTemporaryFile("w", suffix=".R") as f:
        f.write(script)
        f.flush()
        p = subprocess.run(["Rscript", f.name], capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stderr, file=sys.stderr)
        return None, None
    lines = p.stdout.strip().splitlines()
    raw = json.loads(lines[0])
    out = {"mae": raw["mae"], "rmse": raw["rmse"],
           "mape": None if raw["mape"] is None else raw["mape"] / 100,
           "bias": None if raw["me"] is None else -raw["me"], "mase": raw["mase"]}
    return out, json.loads(lines[1])


def main():
    res = []
    version = None
    for c in cases():
        c["exact"] = exact(c)
        c["numpy"] = numpy_measures(c)
        r, v = r_measures(c)
        if r is not None:
            c["r"] = r
            version = v
        res.append(c)
    json.dump({"r_forecast_version": version, "cases": res}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
