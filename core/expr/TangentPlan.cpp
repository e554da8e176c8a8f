#include "expr/TangentPlan.h"

#include <algorithm>

namespace hf::expr {

TangentPlan::TangentPlan(const ExpressionSet& set, std::size_t nd) : m_set(&set) {
  const std::size_t slots = set.instructionCount();
  m_variables.assign(set.variableCount(), 0.0);
  m_values.assign(set.program()->valueCount(), 0.0);
  m_tangents.assign((slots + 1) * nd, 0.0);
  m_zero.assign(std::max<std::size_t>(nd, 1), 0.0);
  m_variableRows.assign(set.variableCount(), m_zero.data());
  m_parameterRows.assign(set.parameterCount(), m_zero.data());
  m_rows.assign(slots, nullptr);
  m_pass.nd = nd;
  m_kernel = detail::tangentKernel(nd);
  bind();
}

// A copy points at its own buffers; rows that pointed at the other's zeros
// point at its own.
TangentPlan::TangentPlan(const TangentPlan& other)
    : m_set(other.m_set),
      m_kernel(other.m_kernel),
      m_pass(other.m_pass),
      m_variables(other.m_variables),
      m_values(other.m_values),
      m_tangents(other.m_tangents),
      m_zero(other.m_zero),
      m_variableRows(other.m_variableRows),
      m_parameterRows(other.m_parameterRows),
      m_rows(other.m_rows) {
  for (auto* table : {&m_variableRows, &m_parameterRows})
    for (const double*& row : *table)
      if (row == other.m_zero.data()) row = m_zero.data();
  if (m_set) bind();
}

TangentPlan& TangentPlan::operator=(const TangentPlan& other) {
  if (this != &other) *this = TangentPlan(other);
  return *this;
}

void TangentPlan::setParameterRows(const double* rows) {
  for (std::size_t k = 0; k < m_parameterRows.size(); ++k) m_parameterRows[k] = rows + k * m_pass.nd;
}

void TangentPlan::bind() {
  m_pass.program = m_set->program();
  m_pass.vars = m_variables.data();
  m_pass.varRows = m_variableRows.data();
  m_pass.paramRows = m_parameterRows.data();
  m_pass.v = m_values.data();
  m_pass.tangents = m_tangents.data();
  m_pass.rows = m_rows.data();
  m_pass.results = m_set->results().data();
  m_pass.count = m_set->size();
}

}  // namespace hf::expr
