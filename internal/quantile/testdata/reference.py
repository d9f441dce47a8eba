#!/usr/bin/python3
"""Writes reference.json: type 7 quantiles computed by NumPy, for quantile_test.go.

Run from anywhere with Debian's Python and NumPy (apt-get install python3-numpy):

    /usr/bin/python3 internal/quantile/testdata/reference.py

Each expected value is numpy.quantile(sample, q, method="linear"), which is
Hyndman & Fan's definition 7. As a check on the reference itself, every value
is also computed exactly in rational arithmetic (fractions.Fraction, from the
binary value of each float) and NumPy must agree with it to 1e-13 of the
sample's largest magnitude. Where the exact result is a sample value (a whole
rank h = (n-1)q, or equal neighbours), the case is marked "exact" and NumPy
must return that value bit for bit; the Go test then demands it bit for bit too.

Samples are fixed below or drawn from a seeded generator, so the output is the
same on every run with the same NumPy.
"""

import json
import os
from fractions import Fraction

import numpy as np

QS = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0]

rng = np.random.default_rng(20240607)


def float_samples():
    s = {
        # size 1
        "one": [42.0],
        "one negative": [-3.5],
        "one tiny": [1e-300],
        # size 2
        "two": [1.0, 2.0],
        "two across zero": [-1.0, 1.0],
        "two tied": [5.0, 5.0],
        "two large": [1e15, 1e15 + 2],
        # size 3
        "three": [1.0, 2.0, 3.0],
        "three across zero": [-10.0, 0.0, 10.0],
        "three decimals": [0.1, 0.2, 0.3],
        # size 4
        "four": [1.0, 2.0, 3.0, 4.0],
        "four ties": [1.0, 1.0, 2.0, 2.0],
        "four negative": [-4.0, -3.0, -2.0, -1.0],
        # size 5
        "five tied": [3.0] * 5,
        "five wide": [-1e15, -1.0, 0.0, 1.0, 1e15],
        "five tiny": [1e-300, 2e-300, 2e-300, 7e-300, 1e-299],
        # size 10
        "one to ten": [float(i) for i in range(1, 11)],
        "ten ties": [1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0],
        "ten normal": rng.normal(0.0, 1.0, 10).tolist(),
        "ten large": (1e15 + rng.integers(-1000, 1000, 10)).astype(float).tolist(),
        "ten tiny": (1e-300 * rng.uniform(0.5, 2.0, 10)).tolist(),
        "ten deal sizes": np.round(rng.lognormal(9.0, 1.2, 10), 2).tolist(),
        # size 101
        "zero to hundred": [float(i) for i in range(101)],
        "hundred one deal sizes": np.round(rng.lognormal(9.0, 1.2, 101), 2).tolist(),
        "hundred one ties": rng.integers(0, 10, 101).astype(float).tolist(),
        "hundred one signed large": (1e15 * rng.normal(0.0, 1.0, 101)).tolist(),
        "hundred one tiny": (1e-300 * rng.uniform(0.0, 1.0, 101)).tolist(),
        "hundred one mixed signs": rng.normal(-2.0, 5.0, 101).tolist(),
    }
    return {k: sorted(v) for k, v in s.items()}


def int_samples():
    s = {
        "one": [0],
        "two seconds": [60, 120],
        "three negative": [-7, -2, 5],
        "four durations": [30, 45, 90, 3600],
        "five tied": [86400] * 5,
        "ten durations": rng.integers(0, 90 * 86400, 10).tolist(),
        "ten near 2^52": (2**52 + rng.integers(-5, 5, 10)).tolist(),
        "hundred one durations": rng.integers(0, 365 * 86400, 101).tolist(),
        "hundred one ties": rng.integers(-3, 3, 101).tolist(),
    }
    return {k: sorted(int(x) for x in v) for k, v in s.items()}


def exact_type7(xs, q):
    """Definition 7 in rational arithmetic; returns (value, is a sample value)."""
    n = len(xs)
    h = (n - 1) * Fraction(q)
    lo = h.numerator // h.denominator
    if lo >= n - 1:
        return Fraction(xs[n - 1]), True
    f = h - lo
    a, b = Fraction(xs[lo]), Fraction(xs[lo + 1])
    return a + f * (b - a), (f == 0 or a == b)


def results(xs, dtype):
    arr = np.array(xs, dtype=dtype)
    scale = max(abs(float(xs[0])), abs(float(xs[-1])))
    out = []
    for q in QS:
        got = float(np.quantile(arr, q, method="linear"))
        want, exact = exact_type7(xs, q)
        if exact:
            assert got == float(want), (xs, q, got, float(want))
        else:
            assert abs(got - float(want)) <= 1e-13 * scale, (xs, q, got, float(want))
        out.append({"q": q, "want": got, "exact": exact})
    return out


def main():
    doc = {
        "generator": "testdata/reference.py, numpy %s, numpy.quantile(x, q, method='linear')"
        % np.__version__,
        "float64": [
            {"name": k, "sample": v, "results": results(v, np.float64)}
            for k, v in float_samples().items()
        ],
        "int64": [
            {"name": k, "sample": v, "results": results(v, np.int64)}
            for k, v in int_samples().items()
        ],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
    # One case per line keeps the file short and its diffs readable.
    with open(path, "w") as w:
        w.write("{\n")
        w.write(' "generator": %s,\n' % json.dumps(doc["generator"]))
        for i, kind in enumerate(["float64", "int64"]):
            w.write(' "%s": [\n' % kind)
            cases = doc[kind]
            for j, c in enumerate(cases):
                w.write("  " + json.dumps(c) + (",\n" if j < len(cases) - 1 else "\n"))
            w.write(" ]" + (",\n" if i == 0 else "\n"))
        w.write("}\n")
    with open(path) as r:
        json.load(r)  # the hand-written layout must still be valid JSON


if __name__ == "__main__":
    main()
