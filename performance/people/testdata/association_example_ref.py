# statsmodels reference for ExampleActivityAssociation (people_example_test.go):
# run with Debian python3 (statsmodels 0.13.5).
import numpy as np, statsmodels.api as sm
# rep-months: (rep, calls, meetings, won amount)
rows = [
 ("ann", 20, 4, 9000), ("ann", 25, 5, 12000), ("ann", 18, 3, 7000),
 ("bob", 30, 2, 5000), ("bob", 35, 3, 8000), ("bob", 28, 1, 3000),
 ("cy", 10, 6, 11000), ("cy", 12, 5, 9000), ("cy", 15, 7, 14000),
 ("dee", 22, 2, 2000), ("dee", 19, 4, 7000), ("dee", 24, 3, 6000),
]
y = np.array([r[3] for r in rows], float)
X = sm.add_constant(np.array([[r[1], r[2]] for r in rows], float))
g = np.array([["ann","bob","cy","dee"].index(r[0]) for r in rows])
m = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": g, "use_correction": True, "df_correction": True})
print(m.params, m.bse, m.rsquared)
print(np.corrcoef(X[:,1], y)[0,1], np.corrcoef(X[:,2], y)[0,1])
import scipy.stats as st
t = m.params/m.bse
print(t, 2*st.t.sf(abs(t), 3))
