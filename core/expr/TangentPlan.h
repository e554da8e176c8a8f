#pragma once
// A tangent sweep over an ExpressionSet bound once to its buffers and row
// tables, for a caller that runs it at every integrator stage (the ODE
// sensitivity rates): run() is one call into the sweep unrolled for its
// number of directions, with no size checks, table rebuilding or dispatch.
//
// Thread: one plan per thread (it holds the sweep's buffers).

#include "expr/ExpressionSet.h"
#include "expr/detail/ScalarSweep.h"

#include <vector>

namespace hf::expr {

class TangentPlan {
 public:
  TangentPlan() = default;
  /// For `nd` directions. Every variable's row starts as zeros and every
  /// parameter's as zeros; set them with the setters below.
  TangentPlan(const ExpressionSet& set, std::size_t nd);
  TangentPlan(const TangentPlan& other);
  TangentPlan& operator=(const TangentPlan& other);
  TangentPlan(TangentPlan&&) noexcept = default;
  TangentPlan& operator=(TangentPlan&&) noexcept = default;

  std::size_t directions() const { return m_pass.nd; }
  bool bound() const { return m_kernel != nullptr; }
  /// The variables' values, written by the caller before run().
  double* variables() { return m_variables.data(); }
  /// Variable k's nd tangents (not copied; must outlive run()), or zeros
  /// for nullptr.
  void setVariableRow(std::size_t k, const double* row) { m_variableRows[k] = row ? row : m_zero.data(); }
  /// Parameter k's tangents at rows + k nd (not copied).
  void setParameterRows(const double* rows);

  /// out[r] = formula r, dOut[r nd + j] its derivative along direction j.
  void run(const double* parameters, double* out, double* dOut) {
    m_pass.params = parameters;
    m_kernel(m_pass, out, dOut);
  }

 private:
  void bind();

  const ExpressionSet* m_set = nullptr;
  detail::TangentKernel m_kernel = nullptr;
  detail::TangentPass m_pass;
  std::vector<double> m_variables, m_values, m_tangents, m_zero;
  std::vector<const double*> m_variableRows, m_parameterRows, m_rows;
};

}  // namespace hf::expr
