#!/usr/bin/python3
"""Expected values for association_test.go: OLS of an outcome on activity
counts with standard errors clustered by rep, from statsmodels 0.13.5
(Debian's python3-statsmodels; run with /usr/bin/python3):

    /usr/bin/python3 performance/testdata/association_ref.py > performance/testdata/association_ref.json

The data: 12 reps over 9 months, calls, meetings and demos per rep-month,
won amount depending on meetings and demos with a rep effect (which is what
makes the periods of one rep correlated)."""
import json

import numpy as np
import statsmodels
import statsmodels.api as sm

rng = np.random.RandomState(42)
rows = []
for r in range(12):
    skill = rng.normal(0, 8000)
    for m in range(9):
        calls = rng.poisson(60)
        meetings = rng.poisson(12)
        demos = rng.poisson(4)
        won = max(0.0, round(2000 * meetings + 5000 * demos + 50 * calls + skill + rng.normal(0, 10000), 2))
        rows.append({"rep": f"rep-{r:02d}", "x": [calls, meetings, demos], "y": won})
y = np.array([r["y"] for r in rows])
X = sm.add_constant(np.array([r["x"] for r in rows], float))
groups = np.array([int(r["rep"][4:]) for r in rows])
fit = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
corr = [float(np.corrcoef(X[:, j], y)[0, 1]) for j in range(1, 4)]
print(json.dumps({
    "statsmodels": statsmodels.__version__,
    "rows": rows,
    "params": fit.params.tolist(), "bse": fit.bse.tolist(), "t": fit.tvalues.tolist(), "p": fit.pvalues.tolist(),
    "r2": fit.rsquared, "df_inference": float(fit.df_resid_inference), "correlations": corr,
}, indent=1))
