// Tests for hf::library::OdeLibrary: the built-in ODE library loads and has
// the models the issue lists, with units and references; every entry
// simulates from its start values; entries with closed forms match them to
// 1e-7; every entry's parameters are recovered by a fit of its own
// noise-free synthetic data; malformed documents are rejected with the JSON
// pointer of the bad field.
#include "common/Error.h"
#include "data/Dataset.h"
#include "fit/Calibrator.h"
#include "library/OdeLibrary.h"
#include "model/OdeModel.h"
#include "model/OdeSimulation.h"

#include <QtTest>
#include <cmath>
#include <functional>
#include <map>

using namespace hf;
using library::OdeEquation;
using library::OdeLibrary;

namespace {

const OdeLibrary& lib() { return OdeLibrary::builtIn(); }

std::vector<double> grid(double tEnd, int n) {
  std::vector<double> t;
  for (int i = 1; i <= n; ++i) t.push_back(tEnd * i / n);
  return t;
}

model::Simulation simulate(const OdeEquation& e, const std::vector<double>& values, const std::vector<double>& t,
                           double rtol = 1e-10) {
  model::OdeModelSpec spec = e.spec();
  spec.integrator.rtol = rtol;
  spec.integrator.atol = rtol * 1e-2;
  return model::simulateOde(spec, values, {}, nullptr, 0.0, t);
}

double column(const model::Simulation& s, const std::string& name, std::size_t row) {
  const auto it = std::find(s.columns.begin(), s.columns.end(), name);
  if (it == s.columns.end()) throw std::runtime_error("no column " + name);
  return s.values[row * s.columns.size() + static_cast<std::size_t>(it - s.columns.begin())];
}

// "True" values for the recovery fits: 10 % above the start (a start of 0
// becomes 0.1), kept inside the bounds.
std::vector<double> trueValues(const OdeEquation& e) {
  std::vector<double> v;
  for (const auto& p : e.parameters) {
    double x = p.start == 0.0 ? 0.1 : 1.1 * p.start;
    if (x > p.upper) x = 0.5 * (p.start + p.upper);
    v.push_back(x);
  }
  for (const auto& c : e.constants) v.push_back(c.value);
  return v;
}

}  // namespace

class OdeLibraryTest : public QObject {
  Q_OBJECT
 private slots:
  void builtInHasTheListedModels() {
    const char* required[] = {"ode_exponential_decay",
                              "ode_logistic_growth",
                              "ode_gompertz",
                              "ode_lotka_volterra",
                              "ode_sir",
                              "ode_seir",
                              "ode_damped_oscillator",
                              "ode_driven_oscillator",
                              "ode_van_der_pol",
                              "ode_duffing",
                              "ode_lorenz",
                              "ode_michaelis_menten",
                              "ode_reaction_chain",
                              "ode_robertson",
                              "ode_pendulum",
                              "ode_pk_two_compartment_oral",
                              "ode_rlc_circuit"};
    QVERIFY(lib().equations().size() >= 14);
    for (const char* id : required) QVERIFY2(lib().find(id) != nullptr, id);
    for (const OdeEquation& e : lib().equations()) {
      QVERIFY2(!e.reference.empty() && !e.description.empty(), e.id.c_str());
      QVERIFY2(!e.time.unit.empty(), e.id.c_str());
      for (const auto& s : e.states) QVERIFY2(!s.unit.empty(), (e.id + " state " + s.name).c_str());
      for (const auto& p : e.parameters) QVERIFY2(!p.unit.empty(), (e.id + " parameter " + p.name).c_str());
      QVERIFY(e.equationsText().find("d" + e.states[0].name + "/d" + e.time.name + " = ") == 0);
    }
  }

  // Every entry integrates over its horizon from its start values.
  void everyEntrySimulatesFromItsStarts() {
    for (const OdeEquation& e : lib().equations()) {
      const auto t = grid(e.tEnd, 40);
      const model::Simulation s = simulate(e, e.startValues(), t, 1e-8);
      QVERIFY2(s.solution.ok(), (e.id + ": " + s.solution.reason).c_str());
      for (double v : s.values) QVERIFY2(std::isfinite(v), e.id.c_str());
    }
  }

  // Closed forms at rtol 1e-10: agreement to 1e-7 relative (or absolute
  // near zero).
  void closedFormsMatch() {
    using Exact = std::function<std::vector<double>(double, const std::vector<double>&)>;
    const std::map<std::string, Exact> exact{
        {"ode_exponential_decay", [](double t, const auto& p) { return std::vector{p[1] * std::exp(-p[0] * t)}; }},
        {"ode_logistic_growth",
         [](double t, const auto& p) {
           const double r = p[0], K = p[1], n0 = p[2];
           return std::vector{K / (1 + (K / n0 - 1) * std::exp(-r * t))};
         }},
        {"ode_gompertz",
         [](double t, const auto& p) {
           const double r = p[0], K = p[1], n0 = p[2];
           return std::vector{K * std::exp(std::log(n0 / K) * std::exp(-r * t))};
         }},
        {"ode_damped_oscillator",
         [](double t, const auto& p) {
           const double w0 = p[0], z = p[1], x0 = p[2], v0 = p[3];
           const double wd = w0 * std::sqrt(1 - z * z), a = z * w0;
           const double c = x0, s = (v0 + a * x0) / wd, e = std::exp(-a * t);
           const double x = e * (c * std::cos(wd * t) + s * std::sin(wd * t));
           const double v = e * ((-a * c + wd * s) * std::cos(wd * t) + (-a * s - wd * c) * std::sin(wd * t));
           return std::vector{x, v};
         }},
        {"ode_reaction_chain",
         [](double t, const auto& p) {
           const double k1 = p[0], k2 = p[1], a0 = p[2];
           const double a = a0 * std::exp(-k1 * t);
           const double b = a0 * k1 / (k2 - k1) * (std::exp(-k1 * t) - std::exp(-k2 * t));
           return std::vector{a, b, a0 - a - b};
         }},
    };
    for (const auto& [id, f] : exact) {
      const OdeEquation* e = lib().find(id);
      QVERIFY2(e, id.c_str());
      const auto values = e->startValues();
      const auto t = grid(e->tEnd, 25);
      const model::Simulation s = simulate(*e, values, t);
      QVERIFY2(s.solution.ok(), id.c_str());
      for (std::size_t k = 0; k < t.size(); ++k) {
        const auto want = f(t[k], values);
        for (std::size_t i = 0; i < want.size(); ++i) {
          const double got = column(s, e->states[i].name, k);
          QVERIFY2(std::fabs(got - want[i]) <= 1e-7 * std::max(1.0, std::fabs(want[i])),
                   qPrintable(QString("%1 %2(t=%3): %4 vs %5")
                                  .arg(id.c_str(), e->states[i].name.c_str())
                                  .arg(t[k])
                                  .arg(got, 0, 'g', 12)
                                  .arg(want[i], 0, 'g', 12)));
        }
      }
    }
  }

  // Synthetic exact data at values 10 % off the starts; a fit from the
  // library's starts recovers them. Constants stay fixed. Three horizons
  // are cut: the Lorenz system is chaotic (to 1), and a forcing frequency
  // 10 % off shifts the phase by 6 rad over 40 s, which makes the cost
  // multimodal in w for the driven and the Duffing oscillator (to 10 s).
  void everyEntryRecoversItsParameters() {
    const std::map<std::string, double> shortHorizon{
        {"ode_lorenz", 1.0}, {"ode_driven_oscillator", 10.0}, {"ode_duffing", 10.0}};
    for (const OdeEquation& e : lib().equations()) {
      const double horizon = shortHorizon.count(e.id) ? shortHorizon.at(e.id) : e.tEnd;
      const auto t = grid(horizon, 30);
      const auto truth = trueValues(e);
      const model::Simulation s = simulate(e, truth, t);
      QVERIFY2(s.solution.ok(), e.id.c_str());
      data::Dataset d;
      d.name = "synthetic";
      d.columns.push_back({"t", "t", "", t});
      model::OdeModelSpec spec = e.spec();
      spec.integrator.rtol = 1e-10;
      spec.integrator.atol = 1e-12;
      for (const auto& o : spec.observables) {
        std::vector<double> col;
        // An observable that is a state under its own name is the state's
        // column; another one named like a state is "<column>_observed".
        const auto& states = spec.equations.states;
        const bool clash = std::find(states.begin(), states.end(), o.column) != states.end();
        const std::string name = o.expression == o.column || !clash ? o.column : o.column + "_observed";
        for (std::size_t k = 0; k < t.size(); ++k) col.push_back(column(s, name, k));
        d.columns.push_back({o.column, o.column, "", col});
      }
      const model::OdeModel m(spec, {{"synthetic", &d}});
      std::vector<fit::ParameterSetting> settings;
      for (const auto& p : e.parameters)
        settings.push_back({p.name, p.start, p.lower, p.upper, false, p.unit, false, p.logScale});
      for (const auto& c : e.constants)
        settings.push_back({c.name, c.value, -INFINITY, INFINITY, true, c.unit, false, false});
      fit::Calibrator c(m, settings);
      const auto r = c.run();
      QVERIFY2(r.converged(), (e.id + ": " + r.message).c_str());
      for (std::size_t j = 0; j < e.parameters.size(); ++j) {
        const double got = r.parameters[j].value;
        QVERIFY2(std::fabs(got - truth[j]) <= 1e-4 * std::max(std::fabs(truth[j]), 1e-3),
                 qPrintable(QString("%1 %2 = %3, truth %4")
                                .arg(e.id.c_str(), e.parameters[j].name.c_str())
                                .arg(got, 0, 'g', 10)
                                .arg(truth[j], 0, 'g', 10)));
      }
    }
  }

  void malformedDocumentsNameTheField() {
    const auto expectFailure = [](const std::string& text, const std::string& needle) {
      try {
        OdeLibrary::fromJson(text, "lib.json");
        QFAIL(("accepted: " + text).c_str());
      } catch (const Error& err) {
        QVERIFY2(std::string(err.what()).find(needle) != std::string::npos, err.what());
      }
    };
    const std::string head =
        R"({"schemaVersion": 1, "equations": [{"id": "x", "name": "X", "category": "K", "time": {"name": "t"}, )";
    expectFailure(head + R"("states": [{"name": "A", "rate": "-k*A", "initial": "1"}], "parameters": []}]})",
                  "'k' is used but not declared");
    expectFailure(head + R"("states": [{"name": "A", "rate": "-k*A", "initial": "1"}], "parameters": [)"
                         R"({"name": "k", "start": 1}, {"name": "q", "start": 1}]}]})",
                  "'q' is declared but not used");
    expectFailure(head + R"("states": [{"name": "A", "rate": "-k*", "initial": "1"}], "parameters": []}]})",
                  "/equations/0/states");
    expectFailure(head + R"("states": [{"name": "A", "rate": "-k*A", "initial": "1"}], "parameters": [)"
                         R"({"name": "k", "start": -1, "lower": 0}]}]})",
                  "/equations/0/parameters/0/start");
    expectFailure(head + R"("states": [{"name": "A", "rate": "-k*A", "initial": "1", "unti": "s"}], )"
                         R"("parameters": [{"name": "k", "start": 1}]}]})",
                  "unti");
  }
};

QTEST_APPLESS_MAIN(OdeLibraryTest)
#include "OdeLibraryTest.moc"
