// The ODE quick form of hybridfit-cli fit and simulate.
#include "QuickProject.h"

#include "common/Error.h"
#include "ode/OdeText.h"

#include <algorithm>

namespace hf::cli {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

/// Errors in a text option say which option and where in it.
template <typename Parse>
auto parseOption(const std::string& option, const std::string& text, Parse parse) {
  try {
    return parse(text);
  } catch (const Error& e) {
    const int at = e.location().position;
    throw Error(option + ": " + e.message() + (at >= 0 ? " (at character " + std::to_string(at + 1) + ")" : ""));
  }
}

}  // namespace

project::Project quickOdeProject(const CliArguments& a, std::ostream& warnings) {
  project::Project p;
  p.model.kind = "ode";
  const bool withData = !a.dataPath.empty();
  if (withData) p.datasets.push_back(readQuickData(a, warnings));
  project::OdeModelSettings& ode = p.model.ode;
  model::OdeModelSpec& spec = ode.spec;
  spec.equations = parseOption("--ode", a.ode, [](const std::string& t) { return ode::parseOdeEquations(t); });
  const auto& states = spec.equations.states;
  const auto init =
      parseOption("--init", a.init, [](const std::string& t) { return ode::parseNamedExpressions(t, "--init"); });
  spec.initial.assign(states.size(), "");
  for (const auto& [name, text] : init) {
    const auto it = std::find(states.begin(), states.end(), name);
    if (it == states.end())
      throw Error("--init: '" + name + "' is not a state (the states are: " + joined(states) + ")");
    spec.initial[static_cast<std::size_t>(it - states.begin())] = text;
  }
  for (std::size_t i = 0; i < states.size(); ++i)
    if (spec.initial[i].empty()) throw Error("--init: no initial value for state '" + states[i] + "'");
  if (a.rtol > 0) spec.integrator.rtol = a.rtol;
  if (a.atol > 0) spec.integrator.atol = a.atol;
  if (!a.method.empty()) {
    try {
      spec.integrator.method = ode::parseMethod(a.method);
    } catch (const Error& e) {
      throw Error("--method: " + e.message());
    }
  }
  // Observables: --observe, or every state that has a data column of its name.
  const data::Dataset* d = withData ? &p.datasets.front().data : nullptr;
  if (!a.observe.empty()) {
    for (const auto& [column, text] : parseOption(
             "--observe", a.observe, [](const std::string& t) { return ode::parseNamedExpressions(t, "--observe"); }))
      spec.observables.push_back({column, text, ""});
  } else {
    for (const auto& s : states)
      if (!d || d->findColumn(s) >= 0) spec.observables.push_back({s, s, ""});
    if (spec.observables.empty())
      throw Error("no state has a data column of its name (states: " + joined(states) + "; columns: " +
                  joined(d->columnNames()) + "): say what is measured with --observe column=expression");
  }
  if (!a.sigmaColumn.empty()) {
    for (const auto& [column, sigma] : parseOption(
             "--sigma", a.sigmaColumn, [](const std::string& t) { return ode::parseNamedExpressions(t, "--sigma"); })) {
      auto it = std::find_if(spec.observables.begin(), spec.observables.end(),
                             [&](const model::OdeObservable& o) { return o.column == column; });
      if (it == spec.observables.end()) throw Error("--sigma: '" + column + "' is not an observed column");
      it->sigmaColumn = sigma;
    }
  }
  project::ExperimentSettings e;
  e.name = withData ? p.datasets.front().data.name : "simulation";
  e.dataset = e.name;
  e.timeColumn = a.timeColumn;
  e.t0 = a.t0;
  e.initial.assign(states.size(), "");
  ode.experiments.push_back(e);
  if (d) {
    if (d->findColumn(a.timeColumn) < 0)
      throw Error("--time: no column '" + a.timeColumn + "' in " + a.dataPath +
                  " (columns: " + joined(d->columnNames()) + ")");
    for (const auto& o : spec.observables) {
      if (d->findColumn(o.column) < 0)
        throw Error("--observe: no column '" + o.column + "' in " + a.dataPath +
                    " (columns: " + joined(d->columnNames()) + ")");
      if (!o.sigmaColumn.empty() && d->findColumn(o.sigmaColumn) < 0)
        throw Error("--sigma: no column '" + o.sigmaColumn + "' in " + a.dataPath);
    }
  }
  ode.deriveParameters();
  const auto& names = spec.parameters;
  for (const auto* list : {&a.starts, &a.lowers, &a.uppers, &a.fixed, &a.params})
    for (const auto& [n, v] : *list)
      if (std::find(names.begin(), names.end(), n) == names.end())
        throw Error("'" + n + "' is not a parameter of the model (its parameters are: " + joined(names) + ")");
  for (const std::string& n : a.logScale)
    if (std::find(names.begin(), names.end(), n) == names.end())
      throw Error("--log: '" + n + "' is not a parameter of the model (its parameters are: " + joined(names) + ")");
  p.parameters = parameterSettings(names, a);
  applySolverOptions(a, p);
  return p;
}

}  // namespace hf::cli
