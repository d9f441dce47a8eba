#!/usr/bin/python3
"""Expected values for linear_test.go from statsmodels OLS (Debian's
python3-statsmodels 0.13.5; run with /usr/bin/python3):

    /usr/bin/python3 forecast/testdata/linear_ref.py > forecast/testdata/linear_ref.json

Each case: the series, the design the Go model builds (constant, trend
t = 1..n, seasonal dummies for seasons 2..m by position in the fiscal year,
drivers), statsmodels' fit and its get_prediction intervals for the next
periods. FORECAST.LINEAR (a + b·x with x = 1..n) is computed by its
spreadsheet definition for the trend-only case."""
import json

import numpy as np
import statsmodels
import statsmodels.api as sm

rng = np.random.RandomState(20251122)


def design(n, h, season=0, offset=0, drivers=(), trend=True):
    rows = []
    for i in range(n + h):
        r = [1.0, float(i + 1)] if trend else [1.0]
        if season:
            k = (offset + i) % season
            r += [1.0 if k == s else 0.0 for s in range(1, season)]
        for d in drivers:
            r.append(d[i])
        rows.append(r)
    x = np.array(rows)
    return x[:n], x[n:]


def nan0(v):
    v = float(v)
    return 0.0 if np.isnan(v) else v


def case(name, y, h, conf, season=0, offset=0, drivers=(), start=None, granularity="monthly", fiscal_start=1, trend=True):
    n = len(y)
    x, xnew = design(n, h, season, offset, [np.concatenate(d) for d in drivers], trend)
    fit = sm.OLS(np.asarray(y, float), x).fit()
    pred = fit.get_prediction(xnew).summary_frame(alpha=1 - conf)
    out = {
        "name": name, "values": list(map(float, y)), "h": h, "confidence": conf,
        "season": season, "start": start, "granularity": granularity, "fiscal_start": fiscal_start,
        "drivers": [{"values": list(map(float, d[0])), "future": list(map(float, d[1]))} for d in drivers],
        "params": fit.params.tolist(), "bse": fit.bse.tolist(), "t": fit.tvalues.tolist(), "p": fit.pvalues.tolist(),
        "r2": fit.rsquared, "adj_r2": fit.rsquared_adj, "residual_se": float(np.sqrt(fit.scale)), "df": int(fit.df_resid),
        # A constant alone has no F test (statsmodels: NaN); the Go model reports 0.
        "f": nan0(fit.fvalue), "f_p": nan0(fit.f_pvalue), "fitted": fit.fittedvalues.tolist(),
        "llf": float(fit.llf), "aic": float(fit.aic), "bic": float(fit.bic),
        "forecast": pred["mean"].tolist(), "mean_se": pred["mean_se"].tolist(), "no_trend": not trend,
        "mean_low": pred["mean_ci_lower"].tolist(), "mean_high": pred["mean_ci_upper"].tolist(),
        "low": pred["obs_ci_lower"].tolist(), "high": pred["obs_ci_upper"].tolist(),
    }
    if season == 0 and not drivers and trend:
        # FORECAST.LINEAR(x, known_y, {1..n}) = a + b·x, b = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)², a = ȳ − b·x̄
        xs = np.arange(1, n + 1, dtype=float)
        b = ((xs - xs.mean()) * (np.asarray(y) - np.mean(y))).sum() / ((xs - xs.mean()) ** 2).sum()
        a = np.mean(y) - b * xs.mean()
        out["forecast_linear"] = [a + b * (n + k) for k in range(1, h + 1)]
    return out


cases = []
# Monthly bookings, three years from January 2022: trend, a December peak,
# noise.
t = np.arange(36)
season = np.array([-8, -5, 2, 0, 1, 4, -3, -6, 3, 5, 2, 9], float) * 1000
monthly = 50000 + 800 * t + season[t % 12] + rng.normal(0, 2500, 36)
monthly = np.round(monthly, 2)
cases.append(case("trend", monthly, 6, 0.95, start="2022-01-01"))
cases.append(case("trend 90%", monthly, 3, 0.90, start="2022-01-01"))
cases.append(case("trend and months", monthly, 12, 0.95, season=12, offset=0, start="2022-01-01"))
# The same months from a fiscal year starting in February: January is the
# 12th month of its year (offset 11).
cases.append(case("months, fiscal February", monthly, 12, 0.95, season=12, offset=11, start="2022-01-01", fiscal_start=2))
# Quarterly, from the second quarter of the calendar year.
q = np.round(150000 + 3000 * np.arange(20) + np.array([0, 8000, -4000, 12000])[(np.arange(20) + 1) % 4] + rng.normal(0, 5000, 20), 2)
cases.append(case("trend and quarters", q, 8, 0.95, season=4, offset=1, start="2020-04-01", granularity="quarterly"))
# Drivers: pipeline at the period's start and headcount.
pipeline = np.round(200000 + 5000 * np.arange(30) + rng.normal(0, 20000, 30), 0)
heads = np.array([10 + i // 6 for i in range(30)], float)
y = np.round(0.3 * pipeline[:24] + 2000 * heads[:24] + rng.normal(0, 4000, 24), 2)
cases.append(case("trend and drivers", y, 6, 0.95, drivers=[(pipeline[:24], pipeline[24:]), (heads[:24], heads[24:])], start="2023-01-01"))
# Without the trend: the drivers alone (with the constant), and the
# constant alone (the mean, with the intervals of a mean).
cases.append(case("drivers without trend", y, 6, 0.95, drivers=[(pipeline[:24], pipeline[24:]), (heads[:24], heads[24:])],
                  start="2023-01-01", trend=False))
cases.append(case("constant only", q, 4, 0.90, start="2020-04-01", granularity="quarterly", trend=False))
print(json.dumps({"statsmodels": statsmodels.__version__, "cases": cases}, indent=1))
