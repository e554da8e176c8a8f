#include "project/ResultExport.h"

#include "common/Error.h"
#include "fit/Calibrator.h"
#include "model/AlgebraicModel.h"
#include "project/ProjectFit.h"

#include <algorithm>

#include <charconv>
#include <cmath>

namespace hf::project {
namespace {

// Shortest representation that reads back to the same double; empty for NaN.
std::string num(double v) {
  if (std::isnan(v)) return {};
  char buf[32];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, ptr);
}

std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string parametersToCsv(const fit::FitSummary& s) {
  std::string out;
  auto stat = [&out](const std::string& key, const std::string& value) { out += "# " + key + ": " + value + "\n"; };
  stat("termination", fit::toString(s.termination));
  stat("message", s.message);
  stat("iterations", std::to_string(s.iterations));
  stat("points", std::to_string(s.pointCount));
  stat("free_parameters", std::to_string(s.freeParameterCount));
  stat("dof", std::to_string(s.degreesOfFreedom));
  stat("rss", num(s.rss));
  stat("residual_sd", num(s.residualSd));
  stat("r_squared", num(s.rSquared));
  stat("condition_number", num(s.conditionNumber));
  out += "name,unit,value,stderr,ci95_low,ci95_high,fixed,at_bound,identifiable\n";
  for (const fit::ParameterEstimate& p : s.parameters) {
    const bool ci = std::isfinite(p.ci95);
    out += quoted(p.name) + "," + quoted(p.unit) + "," + num(p.value) + "," + num(p.standardError) + "," +
           (ci ? num(p.value - p.ci95) : std::string()) + "," + (ci ? num(p.value + p.ci95) : std::string()) + "," +
           (p.fixed ? "1" : "0") + "," + (p.atBound ? "1" : "0") + "," + (p.identifiable ? "1" : "0") + "\n";
  }
  return out;
}

namespace {

std::vector<double> valuesFor(const std::vector<std::string>& names, const fit::FitSummary& summary) {
  std::vector<double> params;
  for (const std::string& name : names) {
    const fit::ParameterEstimate* e = nullptr;
    for (const fit::ParameterEstimate& p : summary.parameters)
      if (p.name == name) e = &p;
    if (!e) throw Error("the fit result has no value for parameter '" + name + "'");
    params.push_back(e->value);
  }
  return params;
}

std::string odePredictionsToCsv(const Project& project, const fit::FitSummary& summary) {
  const model::OdeModel m = buildOdeModel(project);
  const std::vector<double> params = valuesFor(m.parameterNames(), summary);
  const OdeModelSettings& ode = project.model.ode;
  std::string out = "experiment,t,observable,observed,predicted,residual,weighted_residual\n";
  for (std::size_t e = 0; e < ode.experiments.size(); ++e) {
    const ExperimentSettings& x = ode.experiments[e];
    const data::Dataset& d = *project.findDataset(x.dataset);
    const auto& time = d.columns[static_cast<std::size_t>(d.findColumn(x.timeColumn))].values;
    std::vector<double> times;
    for (double t : time)
      if (std::isfinite(t) && t >= x.t0) times.push_back(t);
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    const ode::Solution s = m.simulate(e, params, times);
    if (!s.ok())
      throw Error("experiment '" + x.name + "': the solve stopped at t = " + num(s.tReached) + ": " + s.reason);
    for (std::size_t o = 0; o < ode.spec.observables.size(); ++o) {
      const model::OdeObservable& ob = ode.spec.observables[o];
      const auto& y = d.columns[static_cast<std::size_t>(d.findColumn(ob.column))].values;
      const int sc = ob.sigmaColumn.empty() ? -1 : d.findColumn(ob.sigmaColumn);
      for (std::size_t r = 0; r < y.size() && r < time.size(); ++r) {
        if (!std::isfinite(y[r]) || !std::isfinite(time[r]) || time[r] < x.t0) continue;
        const auto k = static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), time[r]) - times.begin());
        const double predicted = m.observe(e, o, params, s, times, k);
        const double residual = y[r] - predicted;
        const double sigma = sc < 0 ? 1.0 : d.columns[static_cast<std::size_t>(sc)].values[r];
        out += quoted(x.name) + "," + num(time[r]) + "," + quoted(ob.column) + "," + num(y[r]) + "," + num(predicted) +
               "," + num(residual) + "," + num(residual / sigma) + "\n";
      }
    }
  }
  return out;
}

}  // namespace

std::string predictionsToCsv(const Project& project, const fit::FitSummary& summary) {
  if (project.model.isOde()) return odePredictionsToCsv(project, summary);
  const model::AlgebraicModel m(project.modelDataset(), project.model.spec);
  std::vector<double> params;
  for (const std::string& name : m.parameterNames()) {
    const fit::ParameterEstimate* e = nullptr;
    for (const fit::ParameterEstimate& p : summary.parameters)
      if (p.name == name) e = &p;
    if (!e) throw Error("the fit result has no value for parameter '" + name + "'");
    params.push_back(e->value);
  }
  std::vector<double> weighted;
  fit::evaluateModel(m, params, weighted, nullptr);  // scale * (predicted - observed)
  // Units in brackets, as HybridFit's own import reads them ("t [s]").
  const data::Dataset& d = project.modelDataset();
  const auto unitOf = [&d](const std::string& column) {
    const int c = d.findColumn(column);
    const std::string unit = c < 0 ? std::string() : d.columns[static_cast<std::size_t>(c)].unit;
    return unit.empty() ? std::string() : " [" + unit + "]";
  };
  const std::string y = unitOf(project.model.spec.response);  // none for a response expression
  std::string out = "row";
  for (const std::string& v : m.variables()) out += "," + quoted(v + unitOf(v));
  out += ",observed" + y + ",predicted" + y + ",residual" + y + ",weighted_residual\n";
  for (std::size_t i = 0; i < m.rows().size(); ++i) {
    const double predicted = m.predict(i, params);
    out += std::to_string(m.rows()[i] + 1);
    for (std::size_t v = 0; v < m.variables().size(); ++v) out += "," + num(m.input(i, v));
    out += "," + num(m.observed()[i]) + "," + num(predicted) + "," + num(m.observed()[i] - predicted) + "," +
           num(-weighted[i]) + "\n";
  }
  return out;
}

}  // namespace hf::project
