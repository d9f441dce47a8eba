"""Reference values for the MBG/NBD model (mbgnbd_ref.json).

The oracle is lifetimes 0.11.3's ModifiedBetaGeoFitter (MIT, Cam
Davidson-Pilon), run unmodified from a source checkout with the stand-ins of
lifetimes_shim.py, on Debian's python3 (numpy 1.24, scipy 1.10, pandas 1.5),
from this folder:

    LIFETIMES=/path/to/lifetimes-checkout /usr/bin/python3 mbgnbd_ref.py > mbgnbd_ref.json

The fit is on CDNOW's published summaries (cdnow/), in weeks. Standard
errors are lifetimes' (the inverse Hessian of its mean log-likelihood over
the customers, the Hessian here by central differences). Predictions are
lifetimes' closed forms at the fitted parameters and at a model set by hand
(a > 1, the other branches).
"""

import json
import os
import sys

import numpy as np
import pandas as pd

import lifetimes_shim  # noqa: F401  (autograd and dill stand-ins)

from lifetimes import GammaGammaFitter, ModifiedBetaGeoFitter  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
pub = pd.read_csv(os.path.join(here, "cdnow", "cdnow_customers_summary_with_transactions.csv"))

mbg = ModifiedBetaGeoFitter()
mbg.fit(pub["x"], pub["t_x"], pub["T"])
params = {k: float(v) for k, v in mbg.params_.items()}
std_err = {k: float(v) for k, v in mbg.standard_errors_.items()}


def log_lik(m):
    """The summed log-likelihood over CDNOW at m's parameters, on weeks."""
    return float(
        -ModifiedBetaGeoFitter._negative_log_likelihood(
            np.log(m.params_.values), pub["x"].values, pub["t_x"].values, pub["T"].values, np.ones(len(pub)), 0.0
        )
        * len(pub)
    )


def predictions(m, customers, ts, ns, nts):
    out = {"customers": [], "expected": [], "pmf": []}
    for c in customers:
        x, t_x, T = c["x"], c["t_x"], c["t"]
        row = dict(c)
        row["p_alive"] = float(m.conditional_probability_alive(x, t_x, T)[0])
        row["conditional"] = [
            {"t": t, "value": float(m.conditional_expected_number_of_purchases_up_to_time(t, x, t_x, T))} for t in ts
        ]
        out["customers"].append(row)
    for t in ts:
        out["expected"].append({"t": t, "value": float(m.expected_number_of_purchases_up_to_time(t))})
    for t in nts:
        for n in ns:
            out["pmf"].append({"n": n, "t": t, "value": float(m.probability_of_n_purchases_up_to_time(t, n))})
    return out


ts = [0.5, 1.0, 10.0, 39.0, 52.0, 78.0, 500.0]
ns = [0, 1, 2, 3, 5, 10, 20]
nts = [1.0, 39.0, 78.0]
customers = [
    {"customer": str(r.ID), "x": int(r.x), "t_x": float(r.t_x), "t": float(r.T)}
    for r in pub.itertuples()
    if r.ID in (1, 2, 3, 4, 5, 6, 9, 18, 19, 26, 157, 1516)
]
fitted = predictions(mbg, customers, ts, ns, nts)

# CLV with the MBG/NBD as the purchase model, lifetimes' Gamma-Gamma fit on
# the repeat customers as the spend model.
rep = pub[pub["x"] > 0]
ggf = GammaGammaFitter()
ggf.fit(rep["x"], rep["zbar"])
clv = []
for r in pub.itertuples():
    if r.ID in (1, 2, 3, 6, 157, 1516):
        v = ggf.customer_lifetime_value(
            mbg, np.array([r.x]), np.array([r.t_x]), np.array([r.T]), np.array([r.zbar]), time=12, discount_rate=0.01, freq="W"
        )
        clv.append({"customer": str(r.ID), "x": int(r.x), "t_x": float(r.t_x), "t": float(r.T), "mean_spend": float(r.zbar),
                    "value": float(v.iloc[0])})

hand_model = ModifiedBetaGeoFitter()
hand_model.params_ = pd.Series({"r": 1.5, "alpha": 10.0, "a": 2.5, "b": 4.0})
hand = predictions(
    hand_model,
    [
        {"customer": "a", "x": 0, "t_x": 0.0, "t": 20.0},
        {"customer": "b", "x": 3, "t_x": 15.0, "t": 20.0},
        {"customer": "c", "x": 12, "t_x": 19.5, "t": 20.0},
        {"customer": "d", "x": 1, "t_x": 2.0, "t": 60.0},
    ],
    ts,
    ns,
    nts,
)
hand["params"] = {k: float(v) for k, v in hand_model.params_.items()}
hand["log_lik"] = log_lik(hand_model)

json.dump(
    {
        "source": "lifetimes 0.11.3 (MIT), ModifiedBetaGeoFitter, run by testdata/mbgnbd_ref.py",
        "mbgnbd": {"params": params, "std_err": std_err, "log_lik": log_lik(mbg)},
        "fitted": fitted,
        "hand": hand,
        "gamma_gamma": {k: float(v) for k, v in ggf.params_.items()},
        "clv": clv,
    },
    sys.stdout,
    indent=1,
)
print()
