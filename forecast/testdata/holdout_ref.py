"""Reference values for the calibration / holdout check (holdout_ref.json).

lifetimes 0.11.3's calibration_and_holdout_data (MIT, Cam Davidson-Pilon),
run unmodified from a source checkout with the stand-ins of
lifetimes_shim.py, on Debian's python3 (numpy 1.24, scipy 1.10, pandas
1.5), from this folder:

    LIFETIMES=/path/to/lifetimes-checkout /usr/bin/python3 holdout_ref.py > holdout_ref.json

CDNOW's sample transactions, calibration to 1997-09-30, holdout to
1998-06-30, in weeks (days / 7). A BG/NBD is fitted on the calibration
summaries by lifetimes' BetaGeoFitter; each customer's prediction over the
holdout is its conditional_expected_number_of_purchases_up_to_time, as
lifetimes' plot_calibration_purchases_vs_holdout_purchases computes them.
The groups, by calibration frequency with 7 or more together, the totals
and the per-customer MAE and RMSE are pandas arithmetic on those columns.
"""

import json
import os
import sys

import numpy as np
import pandas as pd

import lifetimes_shim  # noqa: F401  (autograd and dill stand-ins)

from lifetimes import BetaGeoFitter  # noqa: E402
from lifetimes.utils import calibration_and_holdout_data  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
tx = pd.read_csv(
    os.path.join(here, "cdnow", "CDNOW_sample.txt"),
    sep=r"\s+",
    header=None,
    names=["master", "customer", "date", "cds", "amount"],
    dtype={"customer": str, "date": str},
)
tx["date"] = pd.to_datetime(tx["date"], format="%Y%m%d")
s = calibration_and_holdout_data(
    tx, "customer", "date", calibration_period_end="1997-09-30", observation_period_end="1998-06-30",
    freq="D", freq_multiplier=7,
)
s = s.sort_index()

bgf = BetaGeoFitter()
bgf.fit(s["frequency_cal"], s["recency_cal"], s["T_cal"], tol=1e-9)
s["predicted"] = bgf.conditional_expected_number_of_purchases_up_to_time(
    s["duration_holdout"], s["frequency_cal"], s["recency_cal"], s["T_cal"]
)
s["group"] = s["frequency_cal"].clip(upper=7).astype(int)
g = s.groupby("group").agg(customers=("predicted", "size"), actual=("frequency_holdout", "mean"), predicted=("predicted", "mean"))
err = s["frequency_holdout"] - s["predicted"]

pick = list(s.index[:20]) + list(s[s["frequency_holdout"] > 2].index[:10])
json.dump(
    {
        "source": "lifetimes 0.11.3 (MIT), calibration_and_holdout_data and BetaGeoFitter, run by testdata/holdout_ref.py",
        "customers_total": int(len(s)),
        "duration_holdout": float(s["duration_holdout"].iloc[0]),
        "customers": [
            {
                "customer": c,
                "x": int(s.loc[c, "frequency_cal"]),
                "t_x": float(s.loc[c, "recency_cal"]),
                "t": float(s.loc[c, "T_cal"]),
                "holdout": int(s.loc[c, "frequency_holdout"]),
            }
            for c in pick
        ],
        "holdout_total": int(s["frequency_holdout"].sum()),
        "bgnbd": {k: float(v) for k, v in bgf.params_.items()},
        "groups": [
            {"frequency": int(k), "customers": int(r.customers), "actual": float(r.actual), "predicted": float(r.predicted)}
            for k, r in g.iterrows()
        ],
        "predicted_total": float(s["predicted"].sum()),
        "mae": float(np.abs(err).mean()),
        "rmse": float(np.sqrt((err**2).mean())),
    },
    sys.stdout,
    indent=1,
)
print()
