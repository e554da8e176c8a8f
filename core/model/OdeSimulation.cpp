#include "model/OdeSimulation.h"

#include "common/Error.h"
#include "ode/BoundSystem.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hf::model {

Simulation simulateOde(const OdeModelSpec& spec, std::span<const double> values,
                       const std::vector<std::string>& initial, const ode::InputSeries* inputs, double t0,
                       std::span<const double> times, const std::atomic<bool>* cancel) {
  // Learned components: their weights follow the parameters, given in
  // `values` or else the components' stored (or seeded) weights.
  std::vector<std::string> taken{spec.equations.timeName};
  taken.insert(taken.end(), spec.equations.states.begin(), spec.equations.states.end());
  taken.insert(taken.end(), spec.equations.inputs.begin(), spec.equations.inputs.end());
  taken.insert(taken.end(), spec.parameters.begin(), spec.parameters.end());
  const LearnedTerms learned(spec.learned, spec.parameters.size(), taken);
  std::vector<std::string> names = spec.parameters;
  names.insert(names.end(), learned.weightNames().begin(), learned.weightNames().end());
  if (values.size() != spec.parameters.size() && values.size() != names.size())
    throw Error("simulate: one value per parameter is needed");
  std::vector<double> all(values.begin(), values.end());
  if (all.size() < names.size()) {
    const std::vector<double> w = learned.initialWeights();
    all.insert(all.end(), w.begin(), w.end());
  }
  values = all;
  const ode::OdeSystem system(spec.equations, names, learned.bindings());
  const std::size_t n = system.stateCount(), nu = system.inputCount();
  if (spec.initial.size() != n) throw Error("simulate: one initial value per state is needed");
  std::vector<double> y0(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& text = i < initial.size() && !initial[i].empty() ? initial[i] : spec.initial[i];
    try {
      y0[i] = expr::Expression::compile(text, {}, names, learned.bindings()).evaluate({}, values);
    } catch (const Error& e) {
      throw Error("initial value of " + spec.equations.states[i] + ": " + e.message(), e.location());
    }
  }
  std::vector<std::string> variables{spec.equations.timeName};
  variables.insert(variables.end(), spec.equations.states.begin(), spec.equations.states.end());
  variables.insert(variables.end(), spec.equations.inputs.begin(), spec.equations.inputs.end());
  Simulation out;
  out.columns.push_back(spec.equations.timeName);
  out.columns.insert(out.columns.end(), spec.equations.states.begin(), spec.equations.states.end());
  std::vector<expr::Expression> observables;
  for (const OdeObservable& o : spec.observables) {
    const bool isState =
        std::find(spec.equations.states.begin(), spec.equations.states.end(), o.column) != spec.equations.states.end();
    if (isState && o.expression == o.column) continue;
    try {
      observables.push_back(expr::Expression::compile(o.expression, variables, names, learned.bindings()));
    } catch (const Error& e) {
      throw Error("observable '" + o.column + "': " + e.message(), e.location());
    }
    out.columns.push_back(isState ? o.column + "_observed" : o.column);
  }
  for (double t : times)
    if (!(t >= t0)) throw Error("simulate: the times must be finite, increasing and not before t0");
  ode::BoundSystem rhs(system, values, {}, nu ? inputs : nullptr);
  const std::vector<double> breakpoints = nu ? inputs->breakpoints() : std::vector<double>{};
  out.solution = ode::integrate(rhs, {t0, y0, {}, times, {}, breakpoints}, spec.integrator, cancel);
  const std::size_t width = out.columns.size();
  out.values.assign(times.size() * width, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> vars(1 + n + nu);
  for (std::size_t k = 0; k < times.size(); ++k) {
    if (!out.solution.ok() && times[k] > out.solution.tReached) break;
    double* row = &out.values[k * width];
    row[0] = times[k];
    vars[0] = times[k];
    for (std::size_t i = 0; i < n; ++i) row[1 + i] = vars[1 + i] = out.solution.state(k, i);
    if (nu) inputs->values(times[k], vars.data() + 1 + n);
    for (std::size_t o = 0; o < observables.size(); ++o) row[1 + n + o] = observables[o].evaluate(vars, values);
  }
  return out;
}

}  // namespace hf::model
