// OdeModel's theory-guided penalties (PenaltySpec.h): each penalty, in each
// experiment it applies to, is one residual block whose values come from a
// solve at the collocation times, with sensitivities when the Jacobian is
// wanted: dg/dp = dg/dy S + dg/dp at every time.

#include "common/Error.h"
#include "model/OdeModel.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace hf::model {

void OdeModel::compilePenalties() {
  const ode::OdeEquations& eq = m_spec.equations;
  std::vector<std::string> variables{eq.timeName};
  variables.insert(variables.end(), eq.states.begin(), eq.states.end());
  variables.insert(variables.end(), eq.inputs.begin(), eq.inputs.end());
  checkPenalties(m_spec.penalties, m_learned.penaltyLabels());
  std::vector<std::pair<std::size_t, std::vector<double>>> solves;  // experiment, times
  for (std::size_t k = 0; k < m_spec.penalties.size(); ++k) {
    const PenaltySpec& spec = m_spec.penalties[k];
    const std::string who = "penalty '" + spec.label() + "'";
    if (spec.expression.empty()) throw Error(who + ": an ODE model's penalty needs an expression");
    if (spec.kind == PenaltyKind::Monotone && spec.along != eq.timeName)
      throw Error(who + ": an ODE model's penalty is monotone in time ('" + eq.timeName + "') only");
    for (const CollocationAxis& a : spec.grid)
      if (a.variable != eq.timeName)
        throw Error(who + ": an ODE model's collocation points are times; '" + a.variable + "' is not '" + eq.timeName +
                    "'");
    expr::Expression g;
    try {
      g = expr::Expression::compile(spec.expression, variables, m_parameters, m_learned.bindings());
    } catch (const Error& e) {
      throw Error(who + ": " + e.message(), e.location());
    }
    bool found = spec.experiment.empty();
    for (std::size_t e = 0; e < m_experiments.size(); ++e) {
      const Experiment& x = m_experiments[e];
      if (!spec.experiment.empty() && spec.experiment != x.name) continue;
      found = true;
      PenaltyRun run;
      run.penalty = k;
      run.experiment = e;
      run.g = g;
      const auto range = [&](const std::string&, double& lo, double& hi) {
        lo = x.t0;
        hi = x.times.back();
        return true;
      };
      run.grid = collocationGrid(spec, {eq.timeName}, range, 50);
      if (run.grid.values[0].front() < x.t0)
        throw Error(who + ": collocation time " + std::to_string(run.grid.values[0].front()) +
                    " is before the initial time of experiment '" + x.name + "'");
      run.residuals = penaltyResidualCount(spec, run.grid);
      if (run.residuals == 0) throw Error(who + ": its grid has no pair of times to compare");
      const std::pair<std::size_t, std::vector<double>> key{e, run.grid.values[0]};
      run.solve = static_cast<std::size_t>(std::find(solves.begin(), solves.end(), key) - solves.begin());
      if (run.solve == solves.size()) solves.push_back(key);
      m_penaltyRuns.push_back(std::move(run));
    }
    if (!found) throw Error(who + ": there is no experiment called '" + spec.experiment + "'");
  }
  m_collocation = std::make_unique<CollocationSolve[]>(solves.size());
  for (std::size_t k = 0; k < solves.size(); ++k) {
    CollocationSolve& c = m_collocation[k];
    c.experiment = solves[k].first;
    c.at = m_experiments[c.experiment];
    c.at.times = solves[k].second;
    c.at.observable.clear();
    c.at.timeIndex.clear();
    c.at.values.clear();
    c.at.scale.clear();
  }
}

std::shared_ptr<const ode::Solution> OdeModel::collocationSolve(std::size_t index, std::span<const double> params,
                                                                bool sensitivities) const {
  CollocationSolve& c = m_collocation[index];
  const auto same = [&](const std::vector<double>& v) {  // bit for bit (-0 is not +0)
    return v.size() == params.size() && std::memcmp(v.data(), params.data(), v.size() * sizeof(double)) == 0;
  };
  bool lookAhead = false;
  {
    std::lock_guard lock(c.mutex);
    if (sensitivities && same(c.trial)) c.trialAccepted = true;
    for (const CollocationSolve::Entry& e : c.entries)
      if (e.solution && same(e.params) && (e.sensitivities || !sensitivities)) return e.solution;
    if (!sensitivities) {
      lookAhead = c.trialAccepted;
      c.trial.assign(params.begin(), params.end());
      c.trialAccepted = false;
    }
  }
  const std::vector<double> local = localValues(c.experiment, params);
  bool withSensitivities = sensitivities || lookAhead;
  auto s = std::make_shared<ode::Solution>(solve(c.at, local, withSensitivities, &m_stiff[c.experiment]));
  if (!s->ok() && lookAhead) {  // the sensitivities may fail where the states alone would not
    withSensitivities = false;
    s = std::make_shared<ode::Solution>(solve(c.at, local, false, &m_stiff[c.experiment]));
  }
  if (!s->ok()) return nullptr;
  std::lock_guard lock(c.mutex);
  CollocationSolve::Entry& e = c.entries[c.next];
  c.next = (c.next + 1) % 3;
  e.params.assign(params.begin(), params.end());
  e.sensitivities = withSensitivities;
  e.solution = s;
  return s;
}

std::string OdeModel::blockTerm(std::size_t block) const {
  const std::size_t l2 = m_experiments.size() + m_learned.penaltyBlockCount();
  if (block >= l2) return m_spec.penalties[m_penaltyRuns[block - l2].penalty].label();
  if (block >= m_experiments.size()) return m_learned.penaltyLabel(block - m_experiments.size());
  return {};
}

bool OdeModel::evaluatePenalty(const PenaltyRun& run, std::span<const double> params, std::span<double> residuals,
                               std::span<double> jacobian, EvalScratch& scratch) const {
  const Experiment& x = m_collocation[run.solve].at;
  const std::vector<double> local = localValues(run.experiment, params);
  const bool wantJacobian = !jacobian.empty();
  const std::shared_ptr<const ode::Solution> solution = collocationSolve(run.solve, params, wantJacobian);
  if (!solution) return false;
  const ode::Solution& s = *solution;
  const std::size_t n = m_system.stateCount(), np = local.size(), P = params.size();
  const std::size_t nu = m_system.inputCount(), nv = 1 + n + nu, nt = x.times.size();
  scratch.gradient.resize(2 * nv + np);
  const std::span<double> variables(scratch.gradient.data(), nv), dVariables(scratch.gradient.data() + nv, nv),
      dLocal(scratch.gradient.data() + 2 * nv, np);
  scratch.penalty.assign(wantJacobian ? nt * (P + 1) : nt, 0.0);
  const std::span<double> g(scratch.penalty.data(), nt), dg(scratch.penalty.data() + nt, wantJacobian ? nt * P : 0);
  for (std::size_t k = 0; k < nt; ++k) {
    variables[0] = x.times[k];
    for (std::size_t i = 0; i < n; ++i) variables[1 + i] = s.state(k, i);
    if (nu) x.inputs.values(x.times[k], variables.data() + 1 + n);
    if (!wantJacobian) {
      g[k] = run.g.evaluate(variables, local, scratch.expr);
      continue;
    }
    g[k] = run.g.gradient(variables, local, dLocal, dVariables, scratch.expr);
    double* row = &dg[k * P];
    for (std::size_t j = 0; j < np; ++j) {
      double d = dLocal[j];
      for (std::size_t i = 0; i < n; ++i) d += dVariables[1 + i] * s.sensitivity(k, i, j);
      row[x.global[j]] += d;
    }
  }
  assemblePenalty(m_spec.penalties[run.penalty], run.grid, g, dg, P, residuals, jacobian);
  bool finite = true;
  for (double r : residuals) finite = finite && std::isfinite(r);
  return finite;
}

}  // namespace hf::model
