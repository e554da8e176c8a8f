#include "project/Extrapolation.h"

#include "common/Error.h"
#include "model/AlgebraicModel.h"
#include "model/LearnedTerms.h"
#include "model/OdeSimulation.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace hf::project {
namespace {

constexpr int kPoints = 300;

std::vector<double> grid(double lo, double hi) {
  std::vector<double> x(kPoints);
  for (int k = 0; k < kPoints; ++k) x[static_cast<std::size_t>(k)] = lo + (hi - lo) * k / (kPoints - 1);
  return x;
}

void algebraic(const Project& p, const std::map<std::string, double>& value, double beyond, Extrapolation& out) {
  const model::AlgebraicModel m(p.modelDataset(), p.model.spec);
  if (m.variables().size() != 1)
    throw Error("the model has " + std::to_string(m.variables().size()) + " inputs; the plot needs one");
  out.xName = m.variables()[0];
  out.yName = p.model.spec.response;
  std::vector<double> params;
  for (const std::string& n : m.parameterNames()) {
    const auto it = value.find(n);
    if (it == value.end()) throw Error("no fitted value of '" + n + "'");
    params.push_back(it->second);
  }
  const auto column = m.inputColumn(0);
  out.dataX.assign(column.begin(), column.end());
  out.dataY = m.observed();
  const auto [lo, hi] = std::minmax_element(out.dataX.begin(), out.dataX.end());
  out.dataEnd = *hi;
  out.x = grid(*lo, *hi + beyond * (*hi - *lo));
  expr::Workspace ws;
  for (double x : out.x) out.y.push_back(m.formula().evaluate(std::span<const double>(&x, 1), params, ws));
}

void ode(const Project& p, const std::map<std::string, double>& value, double beyond, Extrapolation& out) {
  const OdeModelSettings& o = p.model.ode;
  const model::OdeModelSpec& s = o.spec;
  if (o.experiments.empty() || s.observables.empty()) throw Error("the model has no experiment or observable");
  if (!s.equations.inputs.empty()) throw Error("the model has inputs, which are not known beyond the data");
  const ExperimentSettings& e = o.experiments.front();
  const data::Dataset* d = p.findDataset(e.dataset);
  if (!d) throw Error("no dataset '" + e.dataset + "'");
  const int tc = d->findColumn(e.timeColumn), yc = d->findColumn(s.observables.front().column);
  if (tc < 0 || yc < 0) throw Error("the first experiment's time or observed column is missing");
  for (std::size_t r = 0; r < d->rowCount(); ++r) {
    const double t = d->columns[static_cast<std::size_t>(tc)].values[r];
    const double y = d->columns[static_cast<std::size_t>(yc)].values[r];
    if (std::isfinite(t) && std::isfinite(y)) {
      out.dataX.push_back(t);
      out.dataY.push_back(y);
    }
  }
  if (out.dataX.empty()) throw Error("the first experiment has no observations");
  out.xName = s.equations.timeName;
  out.yName = s.observables.front().column;
  // Shared values by name, a local parameter's as "name[experiment]", then
  // the learned weights.
  std::vector<double> params;
  const auto find = [&](const std::string& n) {
    auto it = value.find(n + "[" + e.name + "]");
    if (it == value.end()) it = value.find(n);
    if (it == value.end()) throw Error("no fitted value of '" + n + "'");
    return it->second;
  };
  for (const std::string& n : s.parameters) params.push_back(find(n));
  for (const ml::LearnedSpec& l : s.learned)
    for (std::size_t k = 0; value.count(model::LearnedTerms::weightName(l.name, k)); ++k)
      params.push_back(value.at(model::LearnedTerms::weightName(l.name, k)));
  const double hi = *std::max_element(out.dataX.begin(), out.dataX.end());
  out.dataEnd = hi;
  out.x = grid(e.t0, hi + beyond * (hi - e.t0));
  const model::Simulation sim = model::simulateOde(s, params, e.initial, nullptr, e.t0, out.x);
  // The observable's column: under its column name, or the state's.
  auto col = std::find(sim.columns.begin(), sim.columns.end(), out.yName + "_observed");
  if (col == sim.columns.end()) col = std::find(sim.columns.begin(), sim.columns.end(), out.yName);
  if (col == sim.columns.end())
    col = std::find(sim.columns.begin(), sim.columns.end(), s.observables.front().expression);
  if (col == sim.columns.end()) throw Error("the simulation has no column for '" + out.yName + "'");
  const auto c = static_cast<std::size_t>(col - sim.columns.begin());
  for (std::size_t k = 0; k < out.x.size(); ++k) out.y.push_back(sim.values[k * sim.columns.size() + c]);
  if (!sim.solution.ok()) out.problem = "the simulation stopped at t = " + std::to_string(sim.solution.tReached);
}

}  // namespace

Extrapolation extrapolate(const Project& project, const std::vector<fit::ParameterEstimate>& estimates, double beyond) {
  Extrapolation out;
  std::map<std::string, double> value;
  for (const fit::ParameterEstimate& e : estimates) value[e.name] = e.value;
  try {
    if (project.model.isOde())
      ode(project, value, beyond, out);
    else
      algebraic(project, value, beyond, out);
  } catch (const Error& e) {
    out.problem = e.message();
    out.x.clear();
    out.y.clear();
  }
  return out;
}

}  // namespace hf::project
