"""Peer figures for bench_ode_fit: the Lotka-Volterra fit of issue 11 with
scipy, from the same CSV (t, x, y), the same start and the same residuals
(model - data, unweighted), x(0) and y(0) known. Each variant is
scipy.optimize.least_squares (method 'lm', Jacobian by finite differences
of whole solves, as a scipy user writes it) over scipy.integrate.solve_ivp
with one method at rtol 1e-8, atol 1e-10. Prints 'variant seconds a b c d
nfev' per variant (best of 3). Debian packages: python3-scipy python3-numpy."""
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import least_squares

data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
t, xd, yd = data[:, 0], data[:, 1], data[:, 2]
y0 = [0.44249296, 4.6280594]
start = [1.0, 0.5, 0.5, 1.0]


def rhs(_, z, a, b, c, d):
    x, y = z
    return [a * x - b * x * y, c * x * y - d * y]


def residuals(p, method):
    s = solve_ivp(rhs, (t[0], t[-1]), y0, method=method, t_eval=t, args=tuple(p), rtol=1e-8, atol=1e-10)
    if not s.success:
        return np.full(2 * len(t), 1e6)
    return np.concatenate((s.y[0] - xd, s.y[1] - yd))


for method in ["RK45", "DOP853", "LSODA"]:
    best = 1e9
    res = None
    for _ in range(3):
        t0 = time.perf_counter()
        res = least_squares(residuals, start, args=(method,), method="lm", xtol=1e-12, ftol=1e-12)
        best = min(best, time.perf_counter() - t0)
    print(f"{method} {best:.5f} {' '.join(f'{v:.12g}' for v in res.x)} {res.nfev}")
