#!/usr/bin/env python3
"""Reference medians for performance/customers TestMedianRules: statsmodels'
SurvfuncRight.quantile(0.5) (the first time S < 0.5, MedianBelowHalf).
Run with Debian's python3-statsmodels (0.13.5):

    /usr/bin/python3 median_ref.py

and copy the printed medians into the test. Each case is (times, ended).
"""
import numpy as np
from statsmodels.duration.survfunc import SurvfuncRight

CASES = {
    # S = 0.75, 0.5, 0.25, 0 at 1, 2, 3, 4: exactly one half over [2, 3).
    "half over a stretch": ([1, 2, 3, 4], [1, 1, 1, 1]),
    # Censored at 2.5: S = 0.8 (1), 0.6 (2), then 0.6 × 1/2 = 0.3 (3; at risk 3 and 4).
    "with censoring": ([1, 2, 2.5, 3, 4], [1, 1, 0, 1, 1]),
    # Ties: two end at 2 of six: S = 5/6 (1), 3/6 = 0.5 (2), 2/6 (5).
    "ties at one half": ([1, 2, 2, 5, 7, 9], [1, 1, 1, 1, 0, 0]),
}

for name, (t, e) in CASES.items():
    sf = SurvfuncRight(np.array(t, dtype=float), np.array(e, dtype=float))
    print(f"{name}: surv {list(sf.surv_prob)} at {list(sf.surv_times)}; quantile(0.5) = {sf.quantile(0.5)}")
