// hybridfit-cli simulate: states and observables of an ODE model at given
// times, as CSV with every digit (round trip exact).
#include "CliCommands.h"
#include "QuickProject.h"

#include "common/Error.h"
#include "ml/LearnedFunction.h"
#include "model/LearnedTerms.h"
#include "model/OdeSimulation.h"
#include "project/ProjectFile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

namespace hf::cli {
namespace {

std::string allDigits(double v) {
  if (std::isnan(v)) return "NaN";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

bool lookup(const std::vector<std::pair<std::string, double>>& list, const std::string& name, double& v) {
  for (const auto& [n, x] : list)
    if (n == name) {
      v = x;
      return true;
    }
  return false;
}

/// Distinct finite times of a column, sorted, not before t0.
std::vector<double> dataTimes(const data::Dataset& d, const std::string& column, double t0) {
  const int c = d.findColumn(column);
  if (c < 0) throw Error("no time column '" + column + "' in dataset '" + d.name + "'");
  std::vector<double> t;
  for (double v : d.columns[static_cast<std::size_t>(c)].values)
    if (std::isfinite(v) && v >= t0) t.push_back(v);
  std::sort(t.begin(), t.end());
  t.erase(std::unique(t.begin(), t.end()), t.end());
  return t;
}

}  // namespace

int simulateCommand(const CliArguments& a, std::ostream& out, std::ostream& err) {
  const bool fromProject = !a.projectPath.empty();
  project::Project p = fromProject ? project::loadProject(a.projectPath) : quickOdeProject(a, err);
  if (!p.model.isOde()) throw Error("simulate: the project's model is not an ODE model");
  const project::OdeModelSettings& ode = p.model.ode;
  model::OdeModelSpec spec = ode.spec;
  if (a.rtol > 0) spec.integrator.rtol = a.rtol;
  if (a.atol > 0) spec.integrator.atol = a.atol;
  if (!a.method.empty()) spec.integrator.method = ode::parseMethod(a.method);
  // The experiment: named, or the first.
  const project::ExperimentSettings* e = &ode.experiments.front();
  if (!a.experiment.empty()) {
    e = nullptr;
    for (const auto& x : ode.experiments)
      if (x.name == a.experiment) e = &x;
    if (!e) throw Error("--experiment: no experiment '" + a.experiment + "' in the project");
  }
  const double t0 = fromProject && !a.t0Given ? e->t0 : a.t0;
  // Values: --param, else the project's last fit, else the starts.
  const bool fitted = fromProject && p.lastResult && p.lastResult->converged();
  std::vector<double> values;
  std::vector<std::string> missing;
  // Learned weights: given, fitted, or else the components' stored ones.
  std::vector<std::string> names = spec.parameters;
  std::vector<double> storedWeights;
  std::set<std::string> stale;  // weights of a component whose last fit had another shape
  for (const ml::LearnedSpec& l : spec.learned) {
    const auto f = ml::LearnedFunction::create(l);
    const std::vector<double> w = f->initialWeights();
    bool otherShape = false;
    if (fitted)
      for (const auto& est : p.lastResult->parameters)
        otherShape = otherShape || est.name == model::LearnedTerms::weightName(l.name, w.size());
    for (std::size_t k = 0; k < w.size(); ++k) {
      names.push_back(model::LearnedTerms::weightName(l.name, k));
      if (otherShape) stale.insert(names.back());
    }
    storedWeights.insert(storedWeights.end(), w.begin(), w.end());
  }
  for (std::size_t j = 0; j < names.size(); ++j) {
    const std::string& name = names[j];
    const bool local =
        std::find(spec.localParameters.begin(), spec.localParameters.end(), name) != spec.localParameters.end();
    const std::string global = local ? name + "[" + e->name + "]" : name;
    double v = 0;
    if (lookup(a.params, name, v) || lookup(a.params, global, v)) {
      values.push_back(v);
      continue;
    }
    bool found = false;
    if (fitted && !stale.count(name))
      for (const auto& est : p.lastResult->parameters)
        if (est.name == global) {
          values.push_back(est.value);
          found = true;
        }
    if (!found && fromProject)
      for (const auto& s : p.parameters)
        if (s.name == global) {
          values.push_back(s.start);
          found = true;
        }
    if (!found && j >= spec.parameters.size()) {
      values.push_back(storedWeights[j - spec.parameters.size()]);
      found = true;
    }
    if (!found) missing.push_back(name);
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    throw Error("simulate: no value for " + list + "; give --param name=value,...");
  }
  if (fitted && a.params.empty()) err << "hybridfit-cli: note: simulating at the project's fitted values\n";
  // Times: --times, 101 up to --t-end, or the experiment's data times.
  std::vector<double> times = a.times;
  if (a.tEndGiven) {
    if (!(a.tEnd > t0)) throw Error("--t-end must be after t0 (" + allDigits(t0) + ")");
    for (int k = 0; k <= 100; ++k) times.push_back(t0 + (a.tEnd - t0) * k / 100.0);
  }
  const data::Dataset* d = p.findDataset(e->dataset);
  if (times.empty()) {
    if (!d) throw Error("simulate: say when: --t-end T or --times t1,t2,...");
    times = dataTimes(*d, e->timeColumn, t0);
  }
  // Inputs from the experiment's data.
  ode::InputSeries inputs;
  if (!spec.equations.inputs.empty()) {
    if (!d) throw Error("simulate: the model's inputs need the experiment's data");
    const int tc = d->findColumn(e->timeColumn);
    std::vector<std::size_t> order;
    for (std::size_t r = 0; r < d->rowCount(); ++r)
      if (std::isfinite(d->columns[static_cast<std::size_t>(tc)].values[r])) order.push_back(r);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      return d->columns[static_cast<std::size_t>(tc)].values[x] < d->columns[static_cast<std::size_t>(tc)].values[y];
    });
    std::vector<double> tt;
    std::vector<std::vector<double>> uu(spec.equations.inputs.size());
    for (std::size_t r : order) tt.push_back(d->columns[static_cast<std::size_t>(tc)].values[r]);
    for (std::size_t u = 0; u < uu.size(); ++u) {
      const std::string& col =
          u < e->inputColumns.size() && !e->inputColumns[u].empty() ? e->inputColumns[u] : spec.equations.inputs[u];
      const int c = d->findColumn(col);
      if (c < 0) throw Error("simulate: no column '" + col + "' for input '" + spec.equations.inputs[u] + "'");
      for (std::size_t r : order) uu[u].push_back(d->columns[static_cast<std::size_t>(c)].values[r]);
    }
    inputs = ode::InputSeries(tt, uu, spec.equations.inputs, ode.inputInterpolation);
  }
  const model::Simulation sim = model::simulateOde(spec, values, e->initial, &inputs, t0, times);
  std::ostringstream csv;
  for (std::size_t c = 0; c < sim.columns.size(); ++c) csv << (c ? "," : "") << sim.columns[c];
  csv << "\n";
  const std::size_t width = sim.columns.size();
  for (std::size_t k = 0; k < times.size(); ++k) {
    if (std::isnan(sim.values[k * width])) break;  // not reached
    for (std::size_t c = 0; c < width; ++c) csv << (c ? "," : "") << allDigits(sim.values[k * width + c]);
    csv << "\n";
  }
  if (!a.outPath.empty())
    project::writeFileAtomically(a.outPath, csv.str());
  else
    out << csv.str();
  if (!sim.solution.ok()) {
    err << "hybridfit-cli: the solve stopped at t = " << sim.solution.tReached << ": " << sim.solution.reason << "\n";
    return kNotConverged;
  }
  return kOk;
}

}  // namespace hf::cli
