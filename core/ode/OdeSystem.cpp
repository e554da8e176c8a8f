#include "ode/OdeSystem.h"

#include "common/Error.h"
#include "expr/detail/Program.h"

#include <algorithm>
#include <set>

namespace hf::ode {

OdeSystem::OdeSystem(const OdeEquations& equations, const std::vector<std::string>& parameters,
                     const std::vector<expr::LearnedBinding>& learned)
    : m_equations(equations), m_parameters(parameters), m_usesParameter(parameters.size(), false) {
  const auto& states = m_equations.states;
  if (states.empty()) throw Error("the ODE system has no states");
  if (m_equations.rates.size() != states.size())
    throw Error("the ODE system has " + std::to_string(states.size()) + " states but " +
                std::to_string(m_equations.rates.size()) + " right-hand sides");
  std::vector<std::string> variables;
  variables.push_back(m_equations.timeName);
  variables.insert(variables.end(), states.begin(), states.end());
  variables.insert(variables.end(), m_equations.inputs.begin(), m_equations.inputs.end());
  std::set<std::string> seen;
  for (const auto& v : variables) {
    if (!seen.insert(v).second) throw Error("the name '" + v + "' is used twice among time, states and inputs");
    if (std::find(parameters.begin(), parameters.end(), v) != parameters.end())
      throw Error("'" + v + "' is both a state (or input, or time) and a parameter");
  }
  m_rates.reserve(states.size());
  for (std::size_t i = 0; i < states.size(); ++i) {
    try {
      m_rates.push_back(expr::Expression::compile(m_equations.rates[i], variables, parameters, learned));
    } catch (const Error& e) {
      throw Error("d" + states[i] + "/d" + m_equations.timeName + ": " + e.message(), e.location());
    }
    const auto names = expr::Expression::freeNames(m_equations.rates[i]);
    m_usesTime = m_usesTime || std::find(names.begin(), names.end(), m_equations.timeName) != names.end();
    const auto& uses = m_rates.back().usesParameter();
    for (std::size_t k = 0; k < parameters.size(); ++k) m_usesParameter[k] = m_usesParameter[k] || uses[k];
  }
  m_all = expr::ExpressionSet::compile(m_equations.rates, variables, parameters, learned);
  m_hasLearned = m_all.program() && !m_all.program()->learned.empty();
}

void OdeSystem::load(double t, const double* y, const double* u, OdeScratch& scratch) const {
  const std::size_t n = stateCount(), m = inputCount();
  scratch.variables.resize(1 + n + m);
  scratch.variables[0] = t;
  std::copy(y, y + n, scratch.variables.begin() + 1);
  if (m) std::copy(u, u + m, scratch.variables.begin() + 1 + static_cast<std::ptrdiff_t>(n));
}

void OdeSystem::rates(double t, const double* y, const double* u, std::span<const double> p, double* f,
                      OdeScratch& scratch) const {
  load(t, y, u, scratch);
  m_all.evaluate(scratch.variables.data(), p.data(), f, scratch.expr);
}

void OdeSystem::jacobians(double t, const double* y, const double* u, std::span<const double> p, double* f, double* jy,
                          double* jp, OdeScratch& scratch) const {
  load(t, y, u, scratch);
  const std::size_t n = stateCount(), np = parameterCount(), nv = scratch.variables.size();
  scratch.dVariables.resize(n * nv);
  // The parameter gradients land in jp directly (same layout), or in
  // scratch when the caller does not want them.
  double* dp = jp;
  if (!dp) {
    scratch.dParameters.resize(n * np);
    dp = scratch.dParameters.data();
  }
  m_all.gradients(scratch.variables.data(), p.data(), f, scratch.dVariables.data(), dp, scratch.expr);
  for (std::size_t i = 0; i < n; ++i) std::copy_n(scratch.dVariables.begin() + i * nv + 1, n, jy + i * n);
}

void OdeSystem::sensitivityRates(double t, const double* y, const double* u, std::span<const double> p, const double* S,
                                 const double* P, std::size_t nd, double* f, double* dS, OdeScratch& scratch) const {
  const std::size_t n = stateCount(), m = inputCount();
  expr::TangentPlan& plan = scratch.tangents;
  if (scratch.tangentsFor != this || scratch.tangentsP != P || plan.directions() != nd || !plan.bound()) {
    // Once per (system, P, nd): time and inputs keep zero tangents, and
    // only the states' rows move with S below.
    plan = expr::TangentPlan(m_all, nd);
    plan.setParameterRows(P);
    scratch.tangentsFor = this;
    scratch.tangentsP = P;
  }
  double* vars = plan.variables();
  vars[0] = t;
  for (std::size_t k = 0; k < n; ++k) {
    vars[1 + k] = y[k];
    plan.setVariableRow(1 + k, S + k * nd);
  }
  for (std::size_t k = 0; k < m; ++k) vars[1 + n + k] = u[k];
  plan.run(p.data(), f, dS);
}

}  // namespace hf::ode
