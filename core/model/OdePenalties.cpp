// OdeModel's theory-guided penalties (PenaltySpec.h): each penalty, in each
// experiment it applies to, is one residual block whose values come from a
// solve at the collocation times, with sensitivities when the Jacobian is
// wanted: dg/dp = dg/dy S + dg/dp at every time.

#include "common/Error.h"
#include "model/OdeModel.h"

#include <algorithm>
#include <cmath>

namespace hf::model {

void OdeModel::compilePenalties() {
  const ode::OdeEquations& eq = m_spec.equations;
  std::vector<std::string> variables{eq.timeName};
  variables.insert(variables.end(), eq.states.begin(), eq.states.end());
  variables.insert(variables.end(), eq.inputs.begin(), eq.inputs.end());
  checkPenalties(m_spec.penalties, m_learned.penaltyLabels());
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
      run.at = x;
      run.at.times = run.grid.values[0];
      run.at.observable.clear();
      run.at.timeIndex.clear();
      run.at.values.clear();
      run.at.scale.clear();
      m_penaltyRuns.push_back(std::move(run));
    }
    if (!found) throw Error(who + ": there is no experiment called '" + spec.experiment + "'");
  }
}

std::string OdeModel::blockTerm(std::size_t block) const {
  const std::size_t l2 = m_experiments.size() + m_learned.penaltyBlockCount();
  if (block >= l2) return m_spec.penalties[m_penaltyRuns[block - l2].penalty].label();
  if (block >= m_experiments.size()) return m_learned.penaltyLabel(block - m_experiments.size());
  return {};
}

bool OdeModel::evaluatePenalty(const PenaltyRun& run, std::span<const double> params, std::span<double> residuals,
                               std::span<double> jacobian, EvalScratch& scratch) const {
  const Experiment& x = run.at;
  const std::vector<double> local = localValues(run.experiment, params);
  const bool wantJacobian = !jacobian.empty();
  const ode::Solution s = solve(x, local, wantJacobian, &m_stiff[run.experiment]);
  if (!s.ok()) return false;
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
