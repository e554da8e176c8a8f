#!/usr/bin/env python3
"""Writes the data and project files of the ODE example projects.

Usage:  python3 projects/tools/make_ode_examples.py   (from the repository root)

The data are simulated with scipy's solve_ivp (LSODA/Radau at rtol 1e-10),
independently of HybridFit, from the true values below, with Gaussian noise
from a fixed seed, so that running it again writes the same files. The
projects start from values away from the truth; `hybridfit-cli fit` on each
must converge near the truth (tests/app/cli/CliExamplesTest.cpp checks it).
"""
import json
from pathlib import Path

import numpy as np
from scipy.integrate import solve_ivp

ROOT = Path(__file__).resolve().parents[1]
INTEGRATOR = {"method": "auto", "rtol": 1e-8, "atol": 1e-10, "maxSteps": 100000}


def simulate(f, y0, times, stiff=False):
    sol = solve_ivp(f, (0.0, times[-1]), y0, t_eval=times, method="Radau" if stiff else "LSODA",
                    rtol=1e-10, atol=1e-14 if stiff else 1e-12)
    assert sol.success, sol.message
    return sol.y


def write_csv(path, header, columns):
    rows = [",".join(header)]
    for values in zip(*columns):
        rows.append(",".join(f"{v:.6g}" for v in values))
    path.write_text("\n".join(rows) + "\n")


def param(name, start, unit, lower=0.0, upper=None, log=False):
    p = {"name": name, "start": start, "lower": lower, "upper": upper, "fixed": False, "unit": unit}
    if log:
        p["logScale"] = True
    return p


def write_project(folder, project):
    project["schemaVersion"] = 2
    (ROOT / folder / f"{folder}.hfproj").write_text(json.dumps(project, indent=1) + "\n")


def predator_prey(rng):
    folder = ROOT / "predator-prey"
    folder.mkdir(exist_ok=True)
    a, b, c, d, x0, y0 = 1.3, 0.9, 1.8, 0.8, 0.44, 4.6
    t = np.linspace(0.0, 10.0, 41)
    x, y = simulate(lambda _, s: [a * s[0] - b * s[0] * s[1], d * s[0] * s[1] - c * s[1]], [x0, y0], t)
    x = x * (1 + 0.05 * rng.standard_normal(t.size))
    y = y * (1 + 0.05 * rng.standard_normal(t.size))
    write_csv(folder / "populations.csv", ["t", "prey", "predators"], [t, x, y])
    write_project("predator-prey", {
        "name": "predator-prey",
        "description": "Hare (prey) and lynx (predator) densities, in thousands per 100 km^2, counted yearly "
                       "(synthetic, 5 % noise). Lotka-Volterra: the prey grow at rate a and are eaten at b*prey*"
                       "predators; predators grow by d*prey*predators and die at rate c. The initial densities are "
                       "fitted too.",
        "datasets": [{"name": "populations", "path": "populations.csv"}],
        "model": {
            "kind": "ode", "equation": "ode_lotka_volterra",
            "ode": {
                "time": "t",
                "states": [
                    {"name": "prey", "rate": "a*prey - b*prey*predators", "initial": "prey0", "unit": "1000/100 km^2"},
                    {"name": "predators", "rate": "d*prey*predators - c*predators", "initial": "pred0",
                     "unit": "1000/100 km^2"}],
                "inputs": [],
                "observables": [{"column": "prey", "expression": "prey", "sigmaColumn": ""},
                                {"column": "predators", "expression": "predators", "sigmaColumn": ""}],
                "localParameters": [],
                "integrator": INTEGRATOR},
            "experiments": [{"name": "census", "dataset": "populations", "time": "t", "t0": 0,
                             "initial": {}, "inputs": {}}]},
        "parameters": [param("a", 1.0, "1/yr"), param("b", 1.0, "100 km^2/(1000 yr)"), param("d", 1.0,
                       "100 km^2/(1000 yr)"), param("c", 2.0, "1/yr"), param("prey0", 0.5, "1000/100 km^2"),
                       param("pred0", 4.0, "1000/100 km^2")],
    })


def stiff_kinetics(rng):
    folder = ROOT / "stiff-kinetics"
    folder.mkdir(exist_ok=True)
    k1, k2, k3 = 0.04, 3e7, 1e4
    t = np.concatenate([[0.0], np.logspace(-3, 5, 25)])

    def f(_, s):
        A, B, C = s
        return [-k1 * A + k3 * B * C, k1 * A - k2 * B * B - k3 * B * C, k2 * B * B]

    A, B, C = simulate(f, [1.0, 0.0, 0.0], t, stiff=True)
    noisy = [v * (1 + 0.02 * rng.standard_normal(t.size)) for v in (A, B, C)]
    # Each value's standard deviation: 2 % of it (B is 1e-5 of A and C).
    sig = [np.maximum(0.02 * np.abs(v), 1e-12) for v in (A, B, C)]
    write_csv(folder / "robertson.csv", ["t", "A", "B", "C", "sA", "sB", "sC"], [t, *noisy, *sig])
    write_project("stiff-kinetics", {
        "name": "stiff-kinetics",
        "description": "Robertson's autocatalytic reaction A -> B, 2B -> B + C, B + C -> A + C: mass fractions "
                       "from 1 ms to 1e5 s (synthetic, 2 % noise, weighted by sigma columns). Rate constants span "
                       "nine orders of magnitude; they are fitted on a log scale from starts a factor 3 away.",
        "datasets": [{"name": "robertson", "path": "robertson.csv"}],
        "model": {
            "kind": "ode", "equation": "ode_robertson",
            "ode": {
                "time": "t",
                "states": [
                    {"name": "A", "rate": "-k1*A + k3*B*C", "initial": "1", "unit": "1"},
                    {"name": "B", "rate": "k1*A - k2*B^2 - k3*B*C", "initial": "0", "unit": "1"},
                    {"name": "C", "rate": "k2*B^2", "initial": "0", "unit": "1"}],
                "inputs": [],
                "observables": [{"column": "A", "expression": "A", "sigmaColumn": "sA"},
                                {"column": "B", "expression": "B", "sigmaColumn": "sB"},
                                {"column": "C", "expression": "C", "sigmaColumn": "sC"}],
                "localParameters": [],
                "integrator": {"method": "auto", "rtol": 1e-8, "atol": 1e-14, "maxSteps": 100000}},
            "experiments": [{"name": "batch", "dataset": "robertson", "time": "t", "t0": 0, "initial": {},
                             "inputs": {}}]},
        "parameters": [param("k1", 0.12, "1/s", log=True), param("k2", 1e7, "1/s", log=True),
                       param("k3", 3e4, "1/s", log=True)],
    })


def pharmacokinetics(rng):
    folder = ROOT / "pharmacokinetics"
    folder.mkdir(exist_ok=True)
    CL, V1, Q, V2 = 5.0, 20.0, 3.0, 40.0
    doses = {"100 mg": (100.0, 1.2), "200 mg": (200.0, 0.9), "400 mg": (400.0, 1.5)}
    t = np.array([0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24])
    experiments, datasets = [], []
    for name, (dose, ka) in doses.items():
        def f(_, s, ka=ka):
            Ag, Ac, Ap = s
            return [-ka * Ag, ka * Ag - (CL + Q) / V1 * Ac + Q / V2 * Ap, Q / V1 * Ac - Q / V2 * Ap]

        _, Ac, _ = simulate(f, [dose, 0.0, 0.0], t)
        conc = Ac / V1
        sd = 0.05 * conc + 0.02
        noisy = conc + sd * rng.standard_normal(t.size)
        file = f"dose{int(dose)}.csv"
        write_csv(folder / file, ["t", "C", "sC"], [t, noisy, sd])
        datasets.append({"name": f"dose{int(dose)}", "path": file})
        experiments.append({"name": name, "dataset": f"dose{int(dose)}", "time": "t", "t0": 0,
                            "initial": {"Ag": f"{dose:g}"}, "inputs": {}})
    params = [param("CL", 2.0, "L/h"), param("V1", 10.0, "L"), param("Q", 1.0, "L/h"), param("V2", 20.0, "L")]
    params += [param(f"ka[{name}]", 0.5, "1/h") for name in doses]
    write_project("pharmacokinetics", {
        "name": "pharmacokinetics",
        "description": "Plasma concentrations after single oral doses of 100, 200 and 400 mg (synthetic; "
                       "assay SD 5 % + 0.02 mg/L, in the sC columns). Two-compartment model with first-order "
                       "absorption: clearance CL, volumes V1 and V2 and the inter-compartmental clearance Q are "
                       "shared by the three experiments; the absorption rate ka differs between formulations, so "
                       "it is local (one value per experiment).",
        "datasets": datasets,
        "model": {
            "kind": "ode", "equation": "ode_pk_two_compartment_oral",
            "ode": {
                "time": "t",
                "states": [
                    {"name": "Ag", "rate": "-ka*Ag", "initial": "100", "unit": "mg"},
                    {"name": "Ac", "rate": "ka*Ag - (CL + Q)/V1*Ac + Q/V2*Ap", "initial": "0", "unit": "mg"},
                    {"name": "Ap", "rate": "Q/V1*Ac - Q/V2*Ap", "initial": "0", "unit": "mg"}],
                "inputs": [],
                "observables": [{"column": "C", "expression": "Ac/V1", "sigmaColumn": "sC"}],
                "localParameters": ["ka"],
                "integrator": INTEGRATOR},
            "experiments": experiments},
        "parameters": params,
    })


def enzyme(rng):
    folder = ROOT / "enzyme-kinetics"
    folder.mkdir(exist_ok=True)
    Vmax, Km = 0.12, 1.5
    t = np.arange(0.0, 61.0, 5.0)
    experiments, datasets = [], []
    for S0 in (0.5, 1.0, 2.0, 4.0):
        S, P = simulate(lambda _, s: [-Vmax * s[0] / (Km + s[0]), Vmax * s[0] / (Km + s[0])], [S0, 0.0], t)
        noisy = P + 0.01 * rng.standard_normal(t.size)
        noisy[0] = 0.0
        file = f"S0_{S0:g}mM.csv"
        name = f"S0 = {S0:g} mM"
        write_csv(folder / file, ["t", "P"], [t, noisy])
        datasets.append({"name": f"S0_{S0:g}mM", "path": file})
        experiments.append({"name": name, "dataset": f"S0_{S0:g}mM", "time": "t", "t0": 0,
                            "initial": {"S": f"{S0:g}"}, "inputs": {}})
    write_project("enzyme-kinetics", {
        "name": "enzyme-kinetics",
        "description": "Product progress curves of one enzyme at four initial substrate concentrations "
                       "(0.5, 1, 2 and 4 mM; synthetic, SD 0.01 mM). Michaelis-Menten substrate depletion: Vmax "
                       "and Km are shared by the four experiments, each of which starts from its own S0.",
        "datasets": datasets,
        "model": {
            "kind": "ode", "equation": "ode_michaelis_menten",
            "ode": {
                "time": "t",
                "states": [
                    {"name": "S", "rate": "-Vmax*S/(Km + S)", "initial": "1", "unit": "mM"},
                    {"name": "P", "rate": "Vmax*S/(Km + S)", "initial": "0", "unit": "mM"}],
                "inputs": [],
                "observables": [{"column": "P", "expression": "P", "sigmaColumn": ""}],
                "localParameters": [],
                "integrator": INTEGRATOR},
            "experiments": experiments},
        "parameters": [param("Vmax", 0.05, "mM/min"), param("Km", 0.5, "mM")],
    })


def main():
    rng = np.random.default_rng(20261203)
    predator_prey(rng)
    stiff_kinetics(rng)
    pharmacokinetics(rng)
    enzyme(rng)


if __name__ == "__main__":
    main()
