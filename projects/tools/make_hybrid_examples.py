#!/usr/bin/env python3
"""Writes the data and project files of the hybrid (physics + learned) examples.

Usage:  python3 projects/tools/make_hybrid_examples.py   (from the repository root)

Data are simulated with scipy (solve_ivp LSODA at rtol 1e-10) or evaluated in
closed form, independently of HybridFit, with Gaussian noise from a fixed
seed, so that running it again writes the same files.

universal-lv     Lotka-Volterra with its interaction terms replaced by a
                 learned U(x, y) (the universal-differential-equation set-up
                 of issue 12): truth alpha 1.3, beta 0.9, gamma 0.8, delta
                 1.8, x(0) = (0.44249296, 4.6280594), t in [0, 3] every 0.1,
                 noise sigma 5 % of each state's mean.
                 Candidates beside it on the same data, for
                 `hybridfit-cli validate universal-lv.hfproj candidate-*.hfproj`:
                 the known physics alone (no interaction), a network alone
                 (no physics) and the textbook Lotka-Volterra model.
pinn-lv          A physics-informed network on the same data: N(t) stands for
                 the whole solution (x, y) and is trained on the data plus the
                 Lotka-Volterra residuals dN/dt - f(N; a, b, c, d) at 101
                 collocation times, with a, b, c, d fitted too. The data in
                 long form (t, s = 1 for prey or 2 for predators, value), so
                 that one formula reads the output s.
hybrid-arrhenius A rate constant whose temperature dependence is partly
                 unknown: ln k from a modified Arrhenius law
                 k = A (T/300)^n exp(-E/(R T)); the model knows Arrhenius and
                 learns the rest with NN(T).
"""
import json
from pathlib import Path

import numpy as np
from scipy.integrate import solve_ivp

ROOT = Path(__file__).resolve().parents[1]


def write_csv(path, header, columns):
    rows = [",".join(header)]
    for values in zip(*columns):
        rows.append(",".join(f"{v:.10g}" for v in values))
    path.write_text("\n".join(rows) + "\n")


def write_project(folder, project, file=None):
    project["schemaVersion"] = 3
    (ROOT / folder / f"{file or folder}.hfproj").write_text(json.dumps(project, indent=1) + "\n")


def vanishing_interaction(name):
    """Theory-guided penalties: no interaction without prey or without
    predators, U(0, y) = U(x, 0) = 0 along the trajectory (50 collocation
    times). Without them U can take up part of the known terms a*x and d*y."""
    return [{"name": f"{name}{k} without {who}", "kind": "equation", "expression": expression.format(k=k),
             "weight": 1}
            for who, expression in (("prey", name + "(0, y)[{k}]"), ("predators", name + "(x, 0)[{k}]"))
            for k in (1, 2)]


def lv_model(rates, learned, penalties=()):
    return {
        "kind": "ode",
        "ode": {
            "time": "t",
            "states": [{"name": "x", "rate": rates[0], "initial": "0.44249296", "unit": ""},
                       {"name": "y", "rate": rates[1], "initial": "4.6280594", "unit": ""}],
            "inputs": [],
            "observables": [{"column": "x", "expression": "x", "sigmaColumn": ""},
                            {"column": "y", "expression": "y", "sigmaColumn": ""}],
            "localParameters": [],
            "integrator": {"method": "auto", "rtol": 1e-6, "atol": 1e-8, "maxSteps": 100000}},
        "experiments": [{"name": "census", "dataset": "populations", "time": "t", "t0": 0,
                         "initial": {}, "inputs": {}}],
        "learned": learned, **({"penalties": list(penalties)} if penalties else {})}


def network(name):
    return {"name": name, "type": "mlp", "inputs": 2, "outputs": 2, "hidden": [5, 5, 5], "activation": "gaussian",
            "seed": 1, "inputOffset": [3.0, 3.0], "inputScale": [3.0, 3.0], "l2": 1e-3}


def lv_candidates():
    """Candidate models on the universal example's data (no new data)."""
    data = [{"name": "populations", "path": "populations.csv"}]
    write_project("universal-lv", {
        "name": "known physics only",
        "description": "Candidate: the physics known in the universal-lv example (prey growth a*x, predator death "
                       "d*y) without any interaction term.",
        "datasets": data,
        "model": lv_model(["a*x", "-d*y"], []),
        "parameters": [param("a", 1.0, "1/time"), param("d", 1.0, "1/time")],
    }, "candidate-physics")
    write_project("universal-lv", {
        "name": "network only",
        "description": "Candidate: no physics; a 2-5-5-5-2 network N(x, y) is the whole right-hand side.",
        "datasets": data,
        "model": lv_model(["N(x, y)[1]", "N(x, y)[2]"], [network("N")]),
        "parameters": [],
    }, "candidate-neural")
    write_project("universal-lv", {
        "name": "textbook Lotka-Volterra",
        "description": "Candidate: the full Lotka-Volterra model, interaction b*x*y and c*x*y included.",
        "datasets": data,
        "model": lv_model(["a*x - b*x*y", "c*x*y - d*y"], []),
        "parameters": [param("a", 1.0, "1/time"), param("b", 1.0, "1/time"), param("c", 1.0, "1/time"),
                       param("d", 1.0, "1/time")],
    }, "candidate-lotka-volterra")


def param(name, start, unit, lower=None, upper=None):
    return {"name": name, "start": start, "lower": lower, "upper": upper, "fixed": False, "unit": unit}


def universal_lv(rng):
    folder = ROOT / "universal-lv"
    folder.mkdir(exist_ok=True)
    a, b, c, d = 1.3, 0.9, 0.8, 1.8
    t = np.round(np.arange(31) * 0.1, 10)
    sol = solve_ivp(lambda _, s: [a * s[0] - b * s[0] * s[1], c * s[0] * s[1] - d * s[1]], (0.0, 3.0),
                    [0.44249296, 4.6280594], t_eval=t, method="LSODA", rtol=1e-10, atol=1e-12)
    assert sol.success, sol.message
    x, y = sol.y
    x = x + 0.05 * x.mean() * rng.standard_normal(t.size)
    y = y + 0.05 * y.mean() * rng.standard_normal(t.size)
    write_csv(folder / "populations.csv", ["t", "x", "y"], [t, x, y])
    pinn_lv(t, x, y)
    write_project("universal-lv", {
        "name": "universal-lv",
        "description": "Prey x and predators y (synthetic Lotka-Volterra data, 5 % noise). The growth of the prey "
                       "(a*x) and the death of the predators (d*y) are known physics; the interaction between the "
                       "two is not, and a network U(x, y) (2-5-5-5-2, Gaussian units, weight penalty 1e-3) learns "
                       "it, with what is known of any interaction: none without prey or without predators "
                       "(U(0, y) = U(x, 0) = 0, penalties along the trajectory). The true interaction is -0.9*x*y "
                       "for the prey and 0.8*x*y for the predators.",
        "datasets": [{"name": "populations", "path": "populations.csv"}],
        "model": lv_model(["a*x + U(x, y)[1]", "-d*y + U(x, y)[2]"], [network("U")], vanishing_interaction("U")),
        "parameters": [param("a", 1.0, "1/time"), param("d", 1.0, "1/time")],
    })


def pinn_lv(t, x, y):
    folder = ROOT / "pinn-lv"
    folder.mkdir(exist_ok=True)
    n = t.size
    write_csv(folder / "populations-long.csv", ["t", "s", "value"],
              [np.concatenate([t, t]), np.repeat([1, 2], n), np.concatenate([x, y])])
    grid = [{"variable": "t", "from": 0, "to": 3, "count": 101}]
    write_project("pinn-lv", {
        "name": "pinn-lv",
        "description": "A physics-informed network: N(t) = (prey, predators) stands for the whole solution of the "
                       "Lotka-Volterra system and is fitted to the universal-lv data (5 % noise; s = 1 rows are "
                       "prey, s = 2 predators) together with the residuals of dx/dt = a*x - b*x*y and "
                       "dy/dt = c*x*y - d*y at 101 collocation times, the rates fitted too (truth 1.3, 0.9, 0.8, "
                       "1.8). The network's time derivatives are exact (diff). Compare with the textbook "
                       "Lotka-Volterra candidate in universal-lv, which integrates the ODE.",
        "datasets": [{"name": "populations", "path": "populations-long.csv"}],
        "model": {"kind": "algebraic", "dataset": "populations", "formula": "(2 - s)*N(t)[1] + (s - 1)*N(t)[2]",
                  "response": "value", "weights": {"kind": "none", "column": ""},
                  "learned": [{"name": "N", "type": "mlp", "inputs": 1, "outputs": 2, "hidden": [8, 8],
                               "activation": "tanh", "seed": 1, "inputOffset": [1.5], "inputScale": [1.5],
                               "outputScale": [2.0, 2.0], "outputOffset": [2.5, 2.5], "l2": 0}],
                  "penalties": [
                      {"name": "prey ODE residual", "kind": "equation",
                       "expression": "diff(N(t)[1], t) - (a*N(t)[1] - b*N(t)[1]*N(t)[2])", "weight": 1,
                       "grid": grid},
                      {"name": "predator ODE residual", "kind": "equation",
                       "expression": "diff(N(t)[2], t) - (c*N(t)[1]*N(t)[2] - d*N(t)[2])", "weight": 1,
                       "grid": grid}]},
        "parameters": [param(name, 1.0, "1/time") for name in "abcd"],
    })


def hybrid_arrhenius(rng):
    folder = ROOT / "hybrid-arrhenius"
    folder.mkdir(exist_ok=True)
    A, n, E, R = 2.0e6, 2.5, 48000.0, 8.314
    T = np.linspace(280.0, 420.0, 36)
    lnk = np.log(A) + n * np.log(T / 300.0) - E / (R * T) + 0.02 * rng.standard_normal(T.size)
    write_csv(folder / "rates.csv", ["T", "lnk"], [T, lnk])
    write_project("hybrid-arrhenius", {
        "name": "hybrid-arrhenius",
        "description": "Natural log of a rate constant (k in 1/s) measured from 280 to 420 K (synthetic, noise "
                       "0.02 in ln k). Arrhenius (lnA - Ea/(R T)) is the known part; the data follow a modified "
                       "Arrhenius law k = A (T/300)^2.5 exp(-E/(R T)), whose extra temperature dependence a small "
                       "network NN(T) learns (weight penalty 1e-4). Because (T/300)^2.5 is nearly a function of "
                       "1/T over this range, lnA and Ea absorb part of it: compare with the pure Arrhenius fit.",
        "datasets": [{"name": "rates", "path": "rates.csv"}],
        "model": {"kind": "algebraic", "dataset": "rates", "formula": "lnA - Ea/(8.314*T) + NN(T)",
                  "response": "lnk", "weights": {"kind": "none", "column": ""},
                  "learned": [{"name": "NN", "type": "mlp", "inputs": 1, "outputs": 1, "hidden": [6],
                               "activation": "tanh", "seed": 1, "inputOffset": [350.0], "inputScale": [70.0],
                               "l2": 1e-4}]},
        "parameters": [param("lnA", 10.0, "ln(1/s)"), param("Ea", 40000.0, "J/mol")],
    })


def main():
    rng = np.random.default_rng(20261204)
    universal_lv(rng)
    lv_candidates()
    hybrid_arrhenius(rng)


if __name__ == "__main__":
    main()
