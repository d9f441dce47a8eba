"""Times lifetimes' BG/NBD fit on CDNOW, for BenchmarkFitBGNBD/CDNOW's goal
(at least 50 times faster). lifetimes 0.11.3 runs unmodified from a source
checkout, with the shims of lifetimes_shim.py (see customerbase_ref.py);
each fit is timed alone, with the tolerance customerbase_ref.py uses, and the
median and fastest of 21 are printed.

    LIFETIMES=/path/to/lifetimes-checkout /usr/bin/python3 bgnbd_timing.py
"""

import os
import statistics
import time

import pandas as pd

import lifetimes_shim  # noqa: F401  (autograd and dill stand-ins)

from lifetimes import BetaGeoFitter  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
pub = pd.read_csv(os.path.join(here, "cdnow", "cdnow_customers_summary_with_transactions.csv"))
x, tx, T = pub["x"], pub["t_x"], pub["T"]
times = []
for _ in range(21):
    start = time.perf_counter()
    BetaGeoFitter().fit(x, tx, T, tol=1e-9)
    times.append(time.perf_counter() - start)
print(f"lifetimes BG/NBD fit on CDNOW: median {statistics.median(times):.4f} s, fastest {min(times):.4f} s")
