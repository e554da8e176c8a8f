"""Peer figures for bench_ode_robertson: Robertson's kinetics with the three
rate constants fitted on a log scale (k = exp(lk)) to the same CSV (t, y1,
y2, y3 and their standard deviations), the same start and the same weighted
residuals, with scipy.optimize.least_squares (method 'lm', finite-difference
Jacobian) over scipy.integrate.solve_ivp (stiff methods, analytic Jacobian of
the right-hand side, rtol 1e-8, atol 1e-14). Prints 'variant seconds lk1 lk2
lk3 nfev' per variant (best of 2). Debian packages: python3-scipy python3-numpy."""
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import least_squares

data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
t = data[:, 0]
obs = data[:, 1:4]
sd = data[:, 4:7]
start = [float(v) for v in sys.argv[2].split(",")]


def rhs(_, y, k1, k2, k3):
    return [-k1 * y[0] + k3 * y[1] * y[2], k1 * y[0] - k2 * y[1] ** 2 - k3 * y[1] * y[2], k2 * y[1] ** 2]


def jac(_, y, k1, k2, k3):
    return [[-k1, k3 * y[2], k3 * y[1]],
            [k1, -2 * k2 * y[1] - k3 * y[2], -k3 * y[1]],
            [0.0, 2 * k2 * y[1], 0.0]]


def residuals(lk, method):
    k = tuple(np.exp(lk))
    s = solve_ivp(rhs, (0.0, t[-1]), [1.0, 0.0, 0.0], method=method, t_eval=t, args=k, jac=jac,
                  rtol=1e-8, atol=1e-14)
    if not s.success:
        return np.full(obs.size, 1e6)
    return ((s.y.T - obs) / sd).ravel()


for method in ["LSODA", "BDF", "Radau"]:
    best = 1e9
    res = None
    for _ in range(2):
        t0 = time.perf_counter()
        res = least_squares(residuals, start, args=(method,), method="lm", xtol=1e-10, ftol=1e-10)
        best = min(best, time.perf_counter() - t0)
    print(f"{method} {best:.5f} {' '.join(f'{v:.12g}' for v in res.x)} {res.nfev}")
