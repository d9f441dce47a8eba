"""Reference values for the customer-base models (customerbase_ref.json).

The oracle is the MIT-licensed Python package lifetimes (Cam Davidson-Pilon,
github.com/CamDavidsonPilon/lifetimes, version 0.11.3), run unmodified from a
source checkout: nothing of it is copied here. Run with Debian's python3
(numpy 1.24, scipy 1.10, pandas 1.5), from this folder:

    LIFETIMES=/path/to/lifetimes-checkout /usr/bin/python3 customerbase_ref.py > customerbase_ref.json

lifetimes imports autograd (for the gradient and Hessian of its likelihoods)
and dill (for saving models); Debian packages neither. The shims in
lifetimes_shim.py stand in for them: autograd.numpy is numpy, autograd.scipy.special is
scipy.special, and value_and_grad / hessian are central finite differences.
They serve only the fits (BetaGeoFitter.fit, GammaGammaFitter.fit); every
prediction below is lifetimes' own closed-form code on numpy and scipy
(scipy.special.hyp2f1 for the hypergeometric function).
"""

import json
import os
import sys

import numpy as np
import pandas as pd

import lifetimes_shim  # noqa: E402,F401  (autograd and dill stand-ins; see the docstring)

from lifetimes import BetaGeoFitter, GammaGammaFitter  # noqa: E402
from lifetimes.utils import summary_data_from_transaction_data  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))

# --- the summary from the raw transactions --------------------------------
tx = pd.read_csv(
    os.path.join(here, "cdnow", "CDNOW_sample.txt"),
    sep=r"\s+",
    header=None,
    names=["master", "customer", "date", "cds", "amount"],
    dtype={"customer": str, "date": str},
)
tx["date"] = pd.to_datetime(tx["date"], format="%Y%m%d")
summ = summary_data_from_transaction_data(
    tx,
    "customer",
    "date",
    monetary_value_col="amount",
    observation_period_end="1997-09-30",
    freq="D",
    freq_multiplier=7,
)
summ = summ.sort_index()
# The first 20 customers, and 20 with two purchases on one day.
dup = tx[tx["date"] <= "1997-09-30"].groupby(["customer", "date"]).size()
same_day = sorted(set(dup[dup > 1].index.get_level_values(0)))
pick = sorted(set(list(summ.index[:20]) + same_day[:20]))
summary = [
    {
        "customer": c,
        "x": int(summ.loc[c, "frequency"]),
        "t_x": float(summ.loc[c, "recency"]),
        "t": float(summ.loc[c, "T"]),
        "mean_spend": float(summ.loc[c, "monetary_value"]),
    }
    for c in pick
]

# --- the fits, on the published summaries ---------------------------------
pub = pd.read_csv(os.path.join(here, "cdnow", "cdnow_customers_summary_with_transactions.csv"))
bgf = BetaGeoFitter()
bgf.fit(pub["x"], pub["t_x"], pub["T"], tol=1e-9)
bg_params = {k: float(v) for k, v in bgf.params_.items()}
bg_se = {k: float(v) for k, v in bgf.standard_errors_.items()}
# lifetimes fits on rescaled times, which shifts its likelihood by a
# constant; the likelihood at its parameters on the weeks is comparable.
bg_ll = float(
    -BetaGeoFitter._negative_log_likelihood(
        np.log(bgf.params_.values), pub["x"].values, pub["t_x"].values, pub["T"].values, np.ones(len(pub)), 0.0
    )
    * len(pub)
)

rep = pub[pub["x"] > 0]
ggf = GammaGammaFitter()
ggf.fit(rep["x"], rep["zbar"])
gg_params = {k: float(v) for k, v in ggf.params_.items()}
gg_se = {k: float(v) for k, v in ggf.standard_errors_.items()}
gg_ll = float(
    -GammaGammaFitter._negative_log_likelihood(
        np.log(ggf.params_.values), rep["x"].values, rep["zbar"].values, np.ones(len(rep)), 0.0
    )
    * len(rep)
)


def predictions(bg, gg, customers, ts, ns, nts):
    """lifetimes' predictions at the parameters bg and gg carry."""
    out = {"customers": [], "expected": [], "pmf": []}
    for c in customers:
        x, t_x, T, m = c["x"], c["t_x"], c["t"], c["mean_spend"]
        row = dict(c)
        row["p_alive"] = float(bg.conditional_probability_alive(x, t_x, T)[0])
        row["conditional"] = [
            {"t": t, "value": float(bg.conditional_expected_number_of_purchases_up_to_time(t, x, t_x, T))}
            for t in ts
        ]
        row["spend"] = float(gg.conditional_expected_average_profit(np.array([x]), np.array([m]))[0])
        row["clv"] = []
        for months, d in [(12, 0.01), (3, 0.0), (24, 0.05)]:
            v = gg.customer_lifetime_value(
                bg, np.array([x]), np.array([t_x]), np.array([T]), np.array([m]), time=months, discount_rate=d, freq="W"
            )
            row["clv"].append({"horizon": months, "period_length": 4.345, "discount_rate": d, "value": float(v.iloc[0])})
        out["customers"].append(row)
    for t in ts:
        out["expected"].append({"t": t, "value": float(bg.expected_number_of_purchases_up_to_time(t))})
    for t in nts:
        for n in ns:
            out["pmf"].append({"n": n, "t": t, "value": float(bg.probability_of_n_purchases_up_to_time(t, n))})
    return out


ts = [0.5, 1.0, 10.0, 39.0, 52.0, 78.0, 500.0]
ns = [0, 1, 2, 3, 5, 10, 20]
nts = [1.0, 39.0, 78.0]
cdnow_customers = [
    {"customer": str(r.ID), "x": int(r.x), "t_x": float(r.t_x), "t": float(r.T), "mean_spend": float(r.zbar)}
    for r in pub.itertuples()
    if r.ID in (1, 2, 3, 4, 5, 6, 9, 18, 19, 26, 157, 1516)
]
fitted = predictions(bgf, ggf, cdnow_customers, ts, ns, nts)

# A second model, with a > 1, set by hand: other branches of the formulas.
bg2, gg2 = BetaGeoFitter(), GammaGammaFitter()
bg2.params_ = pd.Series({"r": 1.5, "alpha": 10.0, "a": 2.5, "b": 4.0})
bg2.predict = bg2.conditional_expected_number_of_purchases_up_to_time  # as fit sets it
gg2.params_ = pd.Series({"p": 2.0, "q": 5.0, "v": 30.0})
hand = predictions(
    bg2,
    gg2,
    [
        {"customer": "a", "x": 0, "t_x": 0.0, "t": 20.0, "mean_spend": 0.0},
        {"customer": "b", "x": 3, "t_x": 15.0, "t": 20.0, "mean_spend": 25.0},
        {"customer": "c", "x": 12, "t_x": 19.5, "t": 20.0, "mean_spend": 40.0},
        {"customer": "d", "x": 1, "t_x": 2.0, "t": 60.0, "mean_spend": 10.0},
    ],
    ts,
    ns,
    nts,
)
hand["bgnbd"] = {k: float(v) for k, v in bg2.params_.items()}
hand["gamma_gamma"] = {k: float(v) for k, v in gg2.params_.items()}

json.dump(
    {
        "source": "lifetimes 0.11.3 (MIT), run by testdata/customerbase_ref.py",
        "summary": summary,
        "bgnbd": {"params": bg_params, "std_err": bg_se, "log_lik": bg_ll},
        "gamma_gamma": {"params": gg_params, "std_err": gg_se, "log_lik": gg_ll},
        "fitted": fitted,
        "hand": hand,
    },
    sys.stdout,
    indent=1,
)
print()
