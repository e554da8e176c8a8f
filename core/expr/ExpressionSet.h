#pragma once
// Several formulas over the same variables and parameters compiled onto one
// tape, sharing their common subexpressions: one forward sweep gives every
// value, and one reverse sweep per formula its exact gradient. For the
// right-hand sides of an ODE system, evaluated at every integrator stage.
//
// Thread: const methods are safe to call concurrently with one Workspace
// per thread; no allocation once the Workspace has grown.

#include "expr/Expression.h"

#include <memory>
#include <string>
#include <vector>

namespace hf::expr {

class ExpressionSet {
 public:
  ExpressionSet() = default;
  /// Compiles the texts (each is first compiled on its own, so that an
  /// error is hf::Error for that text with its position).
  static ExpressionSet compile(const std::vector<std::string>& texts, const std::vector<std::string>& variables,
                               const std::vector<std::string>& parameters,
                               const std::vector<LearnedBinding>& learned = {});

  std::size_t size() const { return m_results.size(); }
  std::size_t instructionCount() const;
  std::size_t variableCount() const { return m_variables; }
  std::size_t parameterCount() const { return m_parameters; }
  /// The tape and the slot of each formula (for TangentPlan).
  const detail::Program* program() const { return m_program.get(); }
  const std::vector<int>& results() const { return m_results; }

  /// out[k] = formula k at (variables, parameters).
  void evaluate(const double* variables, const double* parameters, double* out, Workspace& ws) const;
  /// Values and gradients: dVariables row-major size() x variableCount,
  /// dParameters row-major size() x parameterCount (zero where unused).
  void gradients(const double* variables, const double* parameters, double* out, double* dVariables,
                 double* dParameters, Workspace& ws) const;
  /// Values and `nd` directional derivatives in one forward sweep:
  /// dOut[k * nd + j] = sum over variables v of d formula k / d v *
  /// variableRows[v][j] plus the same over parameters with parameterRows
  /// (one row of nd values per variable and per parameter).
  void tangents(const double* variables, const double* parameters, const double* const* variableRows,
                const double* const* parameterRows, std::size_t nd, double* out, double* dOut, Workspace& ws) const;

 private:
  std::shared_ptr<const detail::Program> m_program;
  std::vector<int> m_results;
  std::size_t m_variables = 0, m_parameters = 0;
};

}  // namespace hf::expr
