"""Peer figures for bench_line_fit: the same straight line a*x + c fitted to
the same CSV with scipy.optimize.least_squares (method 'lm', analytic
Jacobian), and the CSV loaded with pandas.read_csv and numpy.loadtxt.
Prints one 'key seconds' line per figure (best of 3). Debian packages:
python3-scipy python3-pandas python3-numpy."""
import sys
import time

import numpy as np
import pandas as pd
from scipy.optimize import least_squares


def best(f, reps=3):
    t = 1e9
    out = None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = f()
        t = min(t, time.perf_counter() - t0)
    return t, out


path = sys.argv[1]
t_pandas, df = best(lambda: pd.read_csv(path))
print(f"pandas_read_csv {t_pandas:.4f}")
if len(sys.argv) > 2 and sys.argv[2] == "loadtxt":
    t_np, _ = best(lambda: np.loadtxt(path, delimiter=",", skiprows=1), reps=1)
    print(f"numpy_loadtxt {t_np:.4f}")
x = df["x"].to_numpy()
y = df["y"].to_numpy()


def fun(p):
    return p[0] * x + p[1] - y


def jac(p):
    return np.column_stack((x, np.ones_like(x)))


t_fit, res = best(lambda: least_squares(fun, [1.0, 1.0], jac=jac, method="lm"))  # default tolerances
print(f"scipy_least_squares_lm {t_fit:.4f}")
print(f"scipy_estimates {res.x[0]:.15g} {res.x[1]:.15g} nfev {res.nfev}")
