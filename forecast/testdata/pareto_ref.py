"""Reference values for the Pareto/NBD model (pareto_ref.json).

lifetimes 0.11.3's ParetoNBDFitter (MIT, Cam Davidson-Pilon), run
unmodified from a source checkout with the stand-ins of lifetimes_shim.py,
on Debian's python3 (numpy 1.24, scipy 1.10, pandas 1.5), from this folder:

    LIFETIMES=/path/to/lifetimes-checkout /usr/bin/python3 pareto_ref.py > pareto_ref.json

The fit is on CDNOW's published summaries (cdnow/), in weeks. lifetimes
computes no standard errors for this model: they are computed here as the
square roots of the diagonal of the inverse of the negative Hessian of
lifetimes' summed log-likelihood at its fit, the Hessian by central
differences (relative step 1e-4) in numpy.
Predictions are lifetimes' closed forms at the fitted parameters (α < β)
and at a model set by hand with α > β (the other branch of A₀).
"""

import json
import os
import sys

import numpy as np
import pandas as pd

import lifetimes_shim  # noqa: F401  (autograd and dill stand-ins)

from lifetimes import ParetoNBDFitter  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
pub = pd.read_csv(os.path.join(here, "cdnow", "cdnow_customers_summary_with_transactions.csv"))

pnbd = ParetoNBDFitter()
pnbd.fit(pub["x"], pub["t_x"], pub["T"])


def log_lik(m):
    """The summed log-likelihood over CDNOW at m's parameters."""
    r, alpha, s, beta = m.params_[["r", "alpha", "s", "beta"]].values
    return float(
        ParetoNBDFitter._conditional_log_likelihood((r, alpha, s, beta), pub["x"].values, pub["t_x"].values, pub["T"].values).sum()
    )


def predictions(m, customers, ts):
    out = {"customers": [], "expected": []}
    for c in customers:
        x, t_x, T = c["x"], c["t_x"], c["t"]
        row = dict(c)
        row["p_alive"] = float(m.conditional_probability_alive(x, t_x, T))
        row["conditional"] = [
            {"t": t, "value": float(m.conditional_expected_number_of_purchases_up_to_time(t, x, t_x, T))} for t in ts
        ]
        out["customers"].append(row)
    for t in ts:
        out["expected"].append({"t": t, "value": float(m.expected_number_of_purchases_up_to_time(t))})
    return out


ts = [0.5, 1.0, 10.0, 39.0, 52.0, 78.0, 500.0]
customers = [
    {"customer": str(r.ID), "x": int(r.x), "t_x": float(r.t_x), "t": float(r.T)}
    for r in pub.itertuples()
    if r.ID in (1, 2, 3, 4, 5, 6, 9, 18, 19, 26, 157, 1516)
]
fitted = predictions(pnbd, customers, ts)

hand_model = ParetoNBDFitter()
hand_model.params_ = pd.Series({"r": 1.5, "alpha": 12.0, "s": 2.5, "beta": 10.0})
hand = predictions(
    hand_model,
    [
        {"customer": "a", "x": 0, "t_x": 0.0, "t": 20.0},
        {"customer": "b", "x": 3, "t_x": 15.0, "t": 20.0},
        {"customer": "c", "x": 12, "t_x": 19.5, "t": 20.0},
        {"customer": "d", "x": 1, "t_x": 2.0, "t": 60.0},
        {"customer": "e", "x": 2, "t_x": 20.0, "t": 20.0},
    ],
    ts,
)
hand["params"] = {k: float(v) for k, v in hand_model.params_.items()}
hand["log_lik"] = log_lik(hand_model)

def std_err(params):
    names = ["r", "alpha", "s", "beta"]
    p0 = np.array([params[k] for k in names])

    def ll(p):
        return ParetoNBDFitter._conditional_log_likelihood(tuple(p), pub["x"].values, pub["t_x"].values, pub["T"].values).sum()

    h = 1e-4 * p0
    H = np.zeros((4, 4))
    for i in range(4):
        for j in range(4):
            ei, ej = np.zeros(4), np.zeros(4)
            ei[i], ej[j] = h[i], h[j]
            H[i, j] = (ll(p0 + ei + ej) - ll(p0 + ei - ej) - ll(p0 - ei + ej) + ll(p0 - ei - ej)) / (4 * h[i] * h[j])
    cov = np.linalg.inv(-(H + H.T) / 2)
    return {k: float(np.sqrt(cov[i, i])) for i, k in enumerate(names)}


json.dump(
    {
        "source": "lifetimes 0.11.3 (MIT), ParetoNBDFitter, run by testdata/pareto_ref.py",
        "pareto_nbd": {
            "params": {k: float(v) for k, v in pnbd.params_.items()},
            "std_err": std_err({k: float(v) for k, v in pnbd.params_.items()}),
            "log_lik": log_lik(pnbd),
        },
        "fitted": fitted,
        "hand": hand,
    },
    sys.stdout,
    indent=1,
)
print()
