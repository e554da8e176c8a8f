#pragma once
// An ODE system written in the formula language: one right-hand side per
// state, dX/dt = rate(t, states, inputs; parameters), each compiled once to
// a tape. Evaluates the rates, and with one reverse sweep per state the
// exact Jacobians df/dy and df/dp, without allocation once the scratch is
// warm. Initial values and observables are expressions of their own (see
// OdeModel); this class is only the right-hand side.
//
// Thread: const methods are safe to call concurrently with distinct scratch.

#include "expr/Expression.h"
#include "expr/ExpressionSet.h"
#include "expr/TangentPlan.h"

#include <span>
#include <string>
#include <vector>

namespace hf::ode {

/// The text of an ODE system.
struct OdeEquations {
  std::vector<std::string> states;  ///< state names, in order
  std::vector<std::string> rates;   ///< right-hand side of each state
  std::vector<std::string> inputs;  ///< known inputs u(t) the rates may use
  std::string timeName = "t";       ///< the name of time in the rates
};

/// Per-thread scratch for OdeSystem evaluation.
struct OdeScratch {
  expr::Workspace expr;
  std::vector<double> variables;  ///< [t, states..., inputs...]
  std::vector<double> dVariables;
  std::vector<double> dParameters;
  /// The sensitivity rates' sweep, bound to one (system, P, nd).
  expr::TangentPlan tangents;
  const void* tangentsFor = nullptr;
  const double* tangentsP = nullptr;
};

class OdeSystem {
 public:
  OdeSystem() = default;
  /// Compiles every rate over the variables [time, states..., inputs...] and
  /// `parameters`. Throws hf::Error naming the state whose rate is wrong
  /// (syntax, unknown name, a state listed twice, sizes that differ).
  /// `learned`: components the rates may call (their weights are among
  /// `parameters`).
  OdeSystem(const OdeEquations& equations, const std::vector<std::string>& parameters,
            const std::vector<expr::LearnedBinding>& learned = {});

  std::size_t stateCount() const { return m_equations.states.size(); }
  std::size_t inputCount() const { return m_equations.inputs.size(); }
  std::size_t parameterCount() const { return m_parameters.size(); }
  const OdeEquations& equations() const { return m_equations; }
  const std::vector<std::string>& parameterNames() const { return m_parameters; }
  /// Which parameters any rate uses.
  const std::vector<bool>& usesParameter() const { return m_usesParameter; }
  /// Whether any rate names time (inputs aside).
  bool usesTime() const { return m_usesTime; }
  /// Whether a rate calls a learned component: its many weights make
  /// reverse sweeps (one per state) cheaper than tangents (one per weight).
  bool hasLearned() const { return m_hasLearned; }

  /// f = dy/dt at (t, y, u, p). y: stateCount, u: inputCount, f: stateCount.
  void rates(double t, const double* y, const double* u, std::span<const double> p, double* f,
             OdeScratch& scratch) const;
  /// f and the exact Jacobians at (t, y, u, p): jy row-major stateCount x
  /// stateCount (d f_i / d y_j), jp row-major stateCount x parameterCount
  /// (d f_i / d p_k); jp may be null.
  void jacobians(double t, const double* y, const double* u, std::span<const double> p, double* f, double* jy,
                 double* jp, OdeScratch& scratch) const;
  /// f and the sensitivity rates dS = (df/dy) S + (df/dp) P at (t, y, u, p)
  /// in one forward sweep with nd tangents (no Jacobian is formed): S is
  /// stateCount x nd, P parameterCount x nd, dS stateCount x nd, row-major.
  /// No allocation once the scratch has grown for this nd.
  void sensitivityRates(double t, const double* y, const double* u, std::span<const double> p, const double* S,
                        const double* P, std::size_t nd, double* f, double* dS, OdeScratch& scratch) const;

 private:
  void load(double t, const double* y, const double* u, OdeScratch& scratch) const;

  OdeEquations m_equations;
  std::vector<std::string> m_parameters;
  std::vector<expr::Expression> m_rates;
  expr::ExpressionSet m_all;  ///< every rate on one tape (shared subexpressions)
  std::vector<bool> m_usesParameter;
  bool m_usesTime = false;
  bool m_hasLearned = false;
};

}  // namespace hf::ode
