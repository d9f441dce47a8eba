"""Reference values for the BG/BB model (bgbb_ref.json).

lifetimes 0.11.3's BetaGeoBetaBinomFitter (MIT, Cam Davidson-Pilon), run
unmodified from a source checkout with the stand-ins of lifetimes_shim.py,
on Debian's python3 (numpy 1.24, scipy 1.10, pandas 1.5), from this folder:

    LIFETIMES=/path/to/lifetimes-checkout /usr/bin/python3 bgbb_ref.py > bgbb_ref.json

The data are ours: 8,000 customers over 6 opportunities drawn here from
the BG/BB process itself (numpy's default_rng(2010); p ~ Beta(1.2, 0.75),
θ ~ Beta(0.66, 2.8); before each opportunity an alive customer drops out
with probability θ, and transacts at it with probability p), grouped into
histories (x, t_x, n) with their counts and written into the JSON as
"data". lifetimes computes no standard errors for this model: they are
the inverse of the negative Hessian of lifetimes' weighted log-likelihood,
by central second differences in numpy (relative step 1e-4). Predictions
are lifetimes' at its fit and at a model set by hand.
"""

import json
import sys

import numpy as np
import pandas as pd

import lifetimes_shim  # noqa: F401  (autograd and dill stand-ins)

from lifetimes import BetaGeoBetaBinomFitter  # noqa: E402

rng = np.random.default_rng(2010)
hist = {}
for _ in range(8000):
    p, theta = rng.beta(1.2, 0.75), rng.beta(0.66, 2.8)
    x = tx = 0
    for i in range(1, 7):
        if rng.random() < theta:
            break
        if rng.random() < p:
            x, tx = x + 1, i
    hist[(x, tx)] = hist.get((x, tx), 0) + 1
don = pd.DataFrame(
    [{"frequency": x, "recency": tx, "periods": 6, "weights": c} for (x, tx), c in sorted(hist.items())]
)
f, r, n, w = (don[c].values for c in ["frequency", "recency", "periods", "weights"])

bgbb = BetaGeoBetaBinomFitter()
bgbb.fit(don["frequency"], don["recency"], don["periods"], weights=don["weights"])
names = ["alpha", "beta", "gamma", "delta"]


def ll(p):
    return float((BetaGeoBetaBinomFitter._loglikelihood(tuple(p), f, r, n) * w).sum())


def std_err(p0):
    p0 = np.array(p0)
    h = 1e-4 * p0
    H = np.zeros((4, 4))
    for i in range(4):
        for j in range(4):
            ei, ej = np.zeros(4), np.zeros(4)
            ei[i], ej[j] = h[i], h[j]
            H[i, j] = (ll(p0 + ei + ej) - ll(p0 + ei - ej) - ll(p0 - ei + ej) + ll(p0 - ei - ej)) / (4 * h[i] * h[j])
    cov = np.linalg.inv(-(H + H.T) / 2)
    return {k: float(np.sqrt(cov[i, i])) for i, k in enumerate(names)}


def predictions(m):
    rows = []
    for x, tx, nn in zip(f, r, n):
        rows.append({
            "x": int(x), "t_x": int(tx), "n": int(nn),
            "alive": [{"ahead": a, "value": float(m.conditional_probability_alive(a, x, tx, nn))} for a in (0, 1, 5)],
            "expected": [{"ahead": a, "value": float(m.conditional_expected_number_of_purchases_up_to_time(a, x, tx, nn))} for a in (1, 5, 10)],
        })
    counts = m.expected_number_of_transactions_in_first_n_periods(6)
    return {"customers": rows, "first_6_counts": [{"x": int(k), "value": float(v)} for k, v in counts["model"].items()]}


params = [float(bgbb.params_[k]) for k in names]
fitted = predictions(bgbb)
hand = BetaGeoBetaBinomFitter()
hand.params_ = pd.Series({"alpha": 2.0, "beta": 3.0, "gamma": 1.5, "delta": 4.0})
hand.data = bgbb.data
json.dump(
    {
        "source": "lifetimes 0.11.3 (MIT), BetaGeoBetaBinomFitter, run by testdata/bgbb_ref.py",
        "data": [{"x": int(a), "t_x": int(b), "n": int(c), "weight": int(d)} for a, b, c, d in zip(f, r, n, w)],
        "bgbb": {"params": dict(zip(names, params)), "std_err": std_err(params), "log_lik": ll(params)},
        "fitted": fitted,
        "hand": dict(predictions(hand), params={k: float(v) for k, v in hand.params_.items()},
                     log_lik=ll([hand.params_[k] for k in names])),
    },
    sys.stdout,
    indent=1,
)
print()
