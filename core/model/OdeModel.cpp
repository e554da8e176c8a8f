#include "model/OdeModel.h"

#include "common/Error.h"
#include "ode/BoundSystem.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace hf::model {
namespace {

std::vector<std::string> variableNames(const ode::OdeEquations& eq) {
  std::vector<std::string> v{eq.timeName};
  v.insert(v.end(), eq.states.begin(), eq.states.end());
  v.insert(v.end(), eq.inputs.begin(), eq.inputs.end());
  return v;
}

const data::Column& columnOf(const data::Dataset& d, const std::string& name, const std::string& experiment,
                             const std::string& what) {
  const int c = d.findColumn(name);
  if (c < 0) throw Error("experiment '" + experiment + "': no column '" + name + "' for " + what);
  return d.columns[static_cast<std::size_t>(c)];
}

std::string formatNumber(double v) {
  std::ostringstream s;
  s.precision(6);
  s << v;
  return s.str();
}

}  // namespace

OdeModel::OdeModel(const OdeModelSpec& spec, const std::vector<OdeExperiment>& experiments) : m_spec(spec) {
  {
    std::vector<std::string> taken = variableNames(spec.equations);
    taken.insert(taken.end(), spec.parameters.begin(), spec.parameters.end());
    m_learned = LearnedTerms(spec.learned, spec.parameters.size(), taken);
  }
  m_parameters = spec.parameters;
  m_parameters.insert(m_parameters.end(), m_learned.weightNames().begin(), m_learned.weightNames().end());
  m_system = ode::OdeSystem(spec.equations, m_parameters, m_learned.bindings());
  const std::vector<expr::LearnedBinding>& learned = m_learned.bindings();
  const std::size_t n = m_system.stateCount(), np = m_parameters.size();
  if (experiments.empty()) throw Error("the ODE model has no experiment");
  if (spec.observables.empty()) throw Error("the ODE model observes nothing: give at least one observable");
  if (spec.initial.size() != n)
    throw Error("the ODE model has " + std::to_string(n) + " states but " + std::to_string(spec.initial.size()) +
                " initial values");
  for (const auto& l : spec.localParameters)
    if (std::find(spec.parameters.begin(), spec.parameters.end(), l) == spec.parameters.end())
      throw Error("local parameter '" + l + "' is not a parameter of the model");
  const auto variables = variableNames(spec.equations);
  for (const auto& o : spec.observables) {
    try {
      m_observables.push_back(expr::Expression::compile(o.expression, variables, m_parameters, learned));
    } catch (const Error& e) {
      throw Error("observable '" + o.column + "': " + e.message(), e.location());
    }
  }
  // Global parameters: shared names first-come, local names once per experiment.
  std::map<std::string, std::size_t> shared;
  for (std::size_t j = 0; j < np; ++j) {
    const bool local = std::find(spec.localParameters.begin(), spec.localParameters.end(), m_parameters[j]) !=
                       spec.localParameters.end();
    if (!local) {
      shared[m_parameters[j]] = m_names.size();
      m_names.push_back(m_parameters[j]);
      m_experimentOf.push_back(-1);
    }
  }
  std::set<std::string> experimentNames;
  for (std::size_t e = 0; e < experiments.size(); ++e) {
    const OdeExperiment& in = experiments[e];
    Experiment x;
    x.name = in.name.empty() ? "experiment " + std::to_string(e + 1) : in.name;
    if (!experimentNames.insert(x.name).second) throw Error("two experiments are called '" + x.name + "'");
    if (!in.data) throw Error("experiment '" + x.name + "' has no data");
    const data::Dataset& d = *in.data;
    x.t0 = in.t0;
    for (std::size_t j = 0; j < np; ++j) {
      const auto it = shared.find(m_parameters[j]);
      if (it != shared.end()) {
        x.global.push_back(it->second);
      } else {
        x.global.push_back(m_names.size());
        m_names.push_back(m_parameters[j] + "[" + x.name + "]");
        m_experimentOf.push_back(static_cast<int>(e));
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& text = i < in.initial.size() && !in.initial[i].empty() ? in.initial[i] : spec.initial[i];
      try {
        x.initial.push_back(expr::Expression::compile(text, {}, m_parameters, learned));
      } catch (const Error& err) {
        throw Error("experiment '" + x.name + "', initial value of " + spec.equations.states[i] + ": " + err.message(),
                    err.location());
      }
    }
    const data::Column& time = columnOf(d, in.timeColumn, x.name, "time");
    // Inputs from this experiment's columns.
    if (m_system.inputCount()) {
      std::vector<std::vector<double>> values;
      for (std::size_t u = 0; u < m_system.inputCount(); ++u) {
        const std::string& col =
            u < in.inputColumns.size() && !in.inputColumns[u].empty() ? in.inputColumns[u] : spec.equations.inputs[u];
        values.push_back(columnOf(d, col, x.name, "input '" + spec.equations.inputs[u] + "'").values);
      }
      // Sorted by time, rows without a time left out.
      std::vector<std::size_t> order;
      for (std::size_t r = 0; r < time.values.size(); ++r)
        if (std::isfinite(time.values[r])) order.push_back(r);
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return time.values[a] < time.values[b]; });
      std::vector<double> ts;
      for (std::size_t r : order) ts.push_back(time.values[r]);
      for (auto& v : values) {
        std::vector<double> sorted;
        for (std::size_t r : order) sorted.push_back(v[r]);
        v = std::move(sorted);
      }
      try {
        x.inputs = ode::InputSeries(ts, values, spec.equations.inputs, in.inputInterpolation);
        x.breakpoints = x.inputs.breakpoints();
      } catch (const Error& err) {
        throw Error("experiment '" + x.name + "': " + err.message());
      }
    }
    // Observations: every finite (time, value) of every observable column.
    std::vector<std::tuple<double, std::size_t, double, double>> obs;  // time, observable, value, scale
    for (std::size_t o = 0; o < spec.observables.size(); ++o) {
      const data::Column& col = columnOf(d, spec.observables[o].column, x.name, "an observable");
      const data::Column* sigma = spec.observables[o].sigmaColumn.empty()
                                      ? nullptr
                                      : &columnOf(d, spec.observables[o].sigmaColumn, x.name, "a standard deviation");
      for (std::size_t r = 0; r < col.values.size(); ++r) {
        const double t = time.values[r], v = col.values[r];
        if (!std::isfinite(t) || !std::isfinite(v)) continue;
        double scale = 1;
        if (sigma) {
          const double s = sigma->values[r];
          if (std::isnan(s)) continue;
          if (!(s > 0) || !std::isfinite(s))
            throw Error("experiment '" + x.name + "', row " + std::to_string(r + 1) + ": standard deviation " +
                        formatNumber(s) + " in column '" + sigma->name + "' must be positive");
          scale = 1 / s;
        }
        if (t < x.t0)
          throw Error("experiment '" + x.name + "', row " + std::to_string(r + 1) + ": time " + formatNumber(t) +
                      " is before the initial time " + formatNumber(x.t0));
        obs.emplace_back(t, o, v, scale);
      }
    }
    if (obs.empty()) throw Error("experiment '" + x.name + "' has no observed value");
    std::stable_sort(obs.begin(), obs.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
    for (const auto& [t, o, v, s] : obs) {
      if (x.times.empty() || x.times.back() != t) x.times.push_back(t);
      x.observable.push_back(o);
      x.timeIndex.push_back(x.times.size() - 1);
      x.values.push_back(v);
      x.scale.push_back(s);
    }
    m_experiments.push_back(std::move(x));
  }
  compilePenalties();
  m_stiff = std::make_unique<std::atomic<bool>[]>(m_experiments.size());
  m_memo = std::make_unique<Memo[]>(m_experiments.size());
}

std::vector<std::string> OdeModel::parameterNamesIn(const OdeModelSpec& spec,
                                                    const std::vector<std::string>& experimentInitials) {
  const auto variables = variableNames(spec.equations);
  std::vector<std::string> names;
  auto collect = [&](const std::string& text, const std::string& where) {
    std::vector<std::string> found;
    try {
      found = expr::Expression::freeNames(text);
    } catch (const Error& e) {
      throw Error(where + ": " + e.message(), e.location());
    }
    for (const auto& n : found)
      if (std::find(variables.begin(), variables.end(), n) == variables.end() &&
          std::find(names.begin(), names.end(), n) == names.end())
        names.push_back(n);
  };
  for (std::size_t i = 0; i < spec.equations.rates.size(); ++i)
    collect(spec.equations.rates[i],
            "d" + (i < spec.equations.states.size() ? spec.equations.states[i] : "?") + "/d" + spec.equations.timeName);
  for (std::size_t i = 0; i < spec.initial.size(); ++i) collect(spec.initial[i], "initial value");
  for (const auto& text : experimentInitials) collect(text, "initial value");
  for (const auto& o : spec.observables) collect(o.expression, "observable '" + o.column + "'");
  return names;
}

std::vector<double> OdeModel::localValues(std::size_t e, std::span<const double> params) const {
  const Experiment& x = m_experiments[e];
  std::vector<double> local(x.global.size());
  for (std::size_t j = 0; j < local.size(); ++j) local[j] = params[x.global[j]];
  return local;
}

ode::Solution OdeModel::solve(const Experiment& x, std::span<const double> local, bool sensitivities,
                              std::atomic<bool>* stiff) const {
  const std::size_t n = m_system.stateCount(), np = local.size();
  std::vector<double> y0(n), s0(sensitivities ? n * np : 0), grad(np);
  expr::Workspace ws;
  for (std::size_t i = 0; i < n; ++i) {
    if (sensitivities) {
      y0[i] = x.initial[i].gradient({}, local, grad, {}, ws);
      std::copy(grad.begin(), grad.end(), s0.begin() + static_cast<std::ptrdiff_t>(i * np));
    } else {
      y0[i] = x.initial[i].evaluate({}, local, ws);
    }
  }
  std::vector<std::size_t> directions;
  if (sensitivities)
    for (std::size_t j = 0; j < np; ++j) directions.push_back(j);
  ode::BoundSystem rhs(m_system, local, directions, m_system.inputCount() ? &x.inputs : nullptr);
  ode::IntegratorSettings settings = m_spec.integrator;
  const bool automatic = settings.method == ode::IntegratorSettings::Method::Auto;
  if (automatic && stiff && stiff->load(std::memory_order_relaxed))
    settings.method = ode::stiffMethod(m_system.stateCount());
  ode::Solution s = ode::integrate(rhs, {x.t0, y0, s0, x.times, local, x.breakpoints}, settings, m_cancel);
  if (automatic && stiff && s.usedStiffSolver) stiff->store(true, std::memory_order_relaxed);
  return s;
}

int OdeModel::blockSize(std::size_t block) const {
  if (const std::size_t l2 = m_experiments.size() + m_learned.penaltyBlockCount(); block >= l2)
    return static_cast<int>(m_penaltyRuns[block - l2].residuals);
  if (block >= m_experiments.size()) return m_learned.penaltyBlockSize(block - m_experiments.size());
  return static_cast<int>(m_experiments[block].values.size());
}

// Weights are shared parameters, in order, so a component's weights are
// consecutive in the global vector too, from the global index of weight 1.
std::size_t OdeModel::globalIndexOf(const std::string& name) const {
  return static_cast<std::size_t>(std::find(m_names.begin(), m_names.end(), name) - m_names.begin());
}

std::vector<double> OdeModel::defaultStarts() const { return startsFrom(0, false); }

std::vector<double> OdeModel::reseededStarts(std::uint64_t offset) const { return startsFrom(offset, true); }

std::vector<double> OdeModel::startsFrom(std::uint64_t offset, bool reseeded) const {
  if (m_learned.empty()) return {};
  std::vector<double> starts(m_names.size(), std::numeric_limits<double>::quiet_NaN());
  for (const expr::LearnedBinding& b : m_learned.bindings()) {
    const std::vector<double> w = reseeded ? b.function->seededWeights(offset) : b.function->initialWeights();
    const std::size_t first = globalIndexOf(LearnedTerms::weightName(b.name, 0));
    std::copy(w.begin(), w.end(), starts.begin() + static_cast<std::ptrdiff_t>(first));
  }
  return starts;
}

bool OdeModel::evaluateBlock(std::size_t block, std::span<const double> params, std::span<double> residuals,
                             std::span<double> jacobian, EvalScratch& scratch) const {
  if (const std::size_t l2 = m_experiments.size() + m_learned.penaltyBlockCount(); block >= l2)
    return evaluatePenalty(m_penaltyRuns[block - l2], params, residuals, jacobian, scratch);
  if (block >= m_experiments.size()) {
    const std::size_t b = block - m_experiments.size();
    const std::string& component = m_learned.bindings()[m_learned.penaltyComponent(b)].name;
    m_learned.evaluatePenalty(b, globalIndexOf(LearnedTerms::weightName(component, 0)), params, residuals, jacobian);
    return true;
  }
  Memo& memo = m_memo[block];
  const bool wantJacobian = !jacobian.empty();
  bool lookAhead = false;
  {
    std::lock_guard lock(memo.mutex);
    const auto same = [&](const std::vector<double>& v) {  // bit for bit (-0 is not +0)
      return v.size() == params.size() && std::memcmp(v.data(), params.data(), v.size() * sizeof(double)) == 0;
    };
    if (wantJacobian && same(memo.trial)) memo.trialAccepted = true;
    for (const Memo::Entry& e : memo.entries)
      if (same(e.params)) {
        std::copy(e.residuals.begin(), e.residuals.end(), residuals.begin());
        if (wantJacobian) std::copy(e.jacobian.begin(), e.jacobian.end(), jacobian.begin());
        return true;
      }
    if (!wantJacobian) {
      // A trial point: when the last one was accepted (its Jacobian was
      // asked for next), this one likely is too, so solve with
      // sensitivities now rather than twice.
      lookAhead = memo.trialAccepted;
      memo.trial.assign(params.begin(), params.end());
      memo.trialAccepted = false;
    }
  }
  std::span<double> j = jacobian;
  if (lookAhead) {
    scratch.jacobian.resize(residuals.size() * params.size());
    j = scratch.jacobian;
  }
  if (!evaluateFresh(block, params, residuals, j, scratch)) {
    // The sensitivities may fail where the states alone would not (more
    // steps, a sensitivity that is not finite): a trial is judged by the
    // states only.
    if (!lookAhead || !evaluateFresh(block, params, residuals, {}, scratch)) return false;
    return true;
  }
  if (!j.empty()) {  // trial points without a Jacobian do not displace one
    std::lock_guard lock(memo.mutex);
    Memo::Entry& e = memo.entries[memo.next];
    memo.next = 1 - memo.next;
    e.params.assign(params.begin(), params.end());
    e.residuals.assign(residuals.begin(), residuals.end());
    e.jacobian.assign(j.begin(), j.end());
  }
  return true;
}

bool OdeModel::evaluateFresh(std::size_t block, std::span<const double> params, std::span<double> residuals,
                             std::span<double> jacobian, EvalScratch& scratch) const {
  const Experiment& x = m_experiments[block];
  const std::vector<double> local = localValues(block, params);
  const bool wantJacobian = !jacobian.empty();
  const ode::Solution s = solve(x, local, wantJacobian, &m_stiff[block]);
  if (!s.ok()) return false;
  const std::size_t n = m_system.stateCount(), np = local.size(), P = params.size();
  const std::size_t nu = m_system.inputCount();
  const std::size_t nv = 1 + n + nu;  // [t, states, inputs]
  scratch.gradient.resize(2 * nv + np);
  const std::span<double> variables(scratch.gradient.data(), nv), dVariables(scratch.gradient.data() + nv, nv),
      dLocal(scratch.gradient.data() + 2 * nv, np);
  if (wantJacobian) std::fill(jacobian.begin(), jacobian.end(), 0.0);
  for (std::size_t r = 0; r < x.values.size(); ++r) {
    const std::size_t k = x.timeIndex[r];
    variables[0] = x.times[k];
    for (std::size_t i = 0; i < n; ++i) variables[1 + i] = s.state(k, i);
    if (nu) x.inputs.values(x.times[k], variables.data() + 1 + n);
    const expr::Expression& h = m_observables[x.observable[r]];
    double value;
    if (wantJacobian) {
      value = h.gradient(variables, local, dLocal, dVariables, scratch.expr);
      double* row = &jacobian[r * P];
      for (std::size_t j = 0; j < np; ++j) {
        double d = dLocal[j];
        for (std::size_t i = 0; i < n; ++i) d += dVariables[1 + i] * s.sensitivity(k, i, j);
        row[x.global[j]] += x.scale[r] * d;
      }
    } else {
      value = h.evaluate(variables, local, scratch.expr);
    }
    residuals[r] = x.scale[r] * (value - x.values[r]);
    if (!std::isfinite(residuals[r])) return false;
  }
  return true;
}

std::string OdeModel::failureAt(std::span<const double> params) const {
  for (const Experiment& x : m_experiments) {
    const auto e = static_cast<std::size_t>(&x - m_experiments.data());
    const ode::Solution s = solve(x, localValues(e, params), false, &m_stiff[e]);
    if (s.status == ode::Solution::Status::Failed)
      return "experiment '" + x.name + "': the solve stopped at t = " + formatNumber(s.tReached) + ": " + s.reason;
  }
  return {};
}

ode::Solution OdeModel::simulate(std::size_t e, std::span<const double> params, std::span<const double> times) const {
  Experiment x = m_experiments[e];
  x.times.assign(times.begin(), times.end());
  return solve(x, localValues(e, params), false, &m_stiff[e]);
}

double OdeModel::observe(std::size_t e, std::size_t o, std::span<const double> params, const ode::Solution& s,
                         std::span<const double> times, std::size_t k) const {
  const std::size_t n = m_system.stateCount(), nu = m_system.inputCount();
  std::vector<double> variables(1 + n + nu);
  variables[0] = times[k];
  for (std::size_t i = 0; i < n; ++i) variables[1 + i] = s.state(k, i);
  if (nu) m_experiments[e].inputs.values(times[k], variables.data() + 1 + n);
  return m_observables[o].evaluate(variables, localValues(e, params));
}

double OdeModel::totalSumOfSquares() const {
  // Per observable, about its weighted mean over all experiments.
  const std::size_t no = m_spec.observables.size();
  std::vector<double> sw(no, 0), swy(no, 0);
  for (const auto& x : m_experiments)
    for (std::size_t r = 0; r < x.values.size(); ++r) {
      const double w = x.scale[r] * x.scale[r];
      sw[x.observable[r]] += w;
      swy[x.observable[r]] += w * x.values[r];
    }
  double tss = 0;
  for (const auto& x : m_experiments)
    for (std::size_t r = 0; r < x.values.size(); ++r) {
      const std::size_t o = x.observable[r];
      const double d = x.values[r] - swy[o] / sw[o];
      tss += x.scale[r] * x.scale[r] * d * d;
    }
  return tss;
}

std::vector<double> OdeModel::typicalMagnitudes() const {
  std::vector<double> v;
  for (const auto& x : m_experiments)
    for (double y : x.values) v.push_back(std::fabs(y));
  if (v.empty()) return {};
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  double tmax = 0;
  for (const auto& x : m_experiments) tmax = std::max(tmax, std::fabs(x.times.back() - x.t0));
  return {v[v.size() / 2], tmax};
}

}  // namespace hf::model
