#include "expr/ExpressionSet.h"

#include "expr/detail/Compiler.h"
#include "expr/detail/Parser.h"
#include "expr/detail/ScalarSweep.h"

#include <algorithm>

namespace hf::expr {

ExpressionSet ExpressionSet::compile(const std::vector<std::string>& texts, const std::vector<std::string>& variables,
                                     const std::vector<std::string>& parameters,
                                     const std::vector<LearnedBinding>& learned) {
  for (const std::string& t : texts) Expression::compile(t, variables, parameters, learned);  // errors name their text
  std::vector<detail::NodePtr> trees;
  std::vector<const detail::Node*> roots;
  std::string joined;
  for (const std::string& t : texts) {
    trees.push_back(detail::parse(t));
    roots.push_back(trees.back().get());
    joined += (joined.empty() ? "" : "; ") + t;
  }
  ExpressionSet s;
  s.m_program = std::make_shared<detail::Program>(
      detail::compileTrees(roots, std::move(joined), variables, parameters, s.m_results, learned));
  s.m_variables = variables.size();
  s.m_parameters = parameters.size();
  return s;
}

std::size_t ExpressionSet::instructionCount() const { return m_program ? m_program->code.size() : 0; }

void ExpressionSet::evaluate(const double* variables, const double* parameters, double* out, Workspace& ws) const {
  const detail::Program& p = *m_program;
  if (ws.values.size() < p.valueCount()) ws.values.resize(p.valueCount());
  detail::forwardScalar(p, variables, parameters, ws.values.data());
  for (std::size_t k = 0; k < m_results.size(); ++k) out[k] = ws.values[static_cast<std::size_t>(m_results[k])];
}

void ExpressionSet::gradients(const double* variables, const double* parameters, double* out, double* dVariables,
                              double* dParameters, Workspace& ws) const {
  const detail::Program& p = *m_program;
  if (ws.values.size() < p.valueCount()) ws.values.resize(p.valueCount());
  const std::size_t count = m_results.size();
  if (ws.adjoints.size() < p.code.size() * count) ws.adjoints.resize(p.code.size() * count);
  detail::forwardScalar(p, variables, parameters, ws.values.data());
  for (std::size_t k = 0; k < count; ++k) out[k] = ws.values[static_cast<std::size_t>(m_results[k])];
  detail::reverseScalarMany(p, m_results.data(), count, parameters, ws.values.data(), ws.adjoints.data(), dParameters,
                            dVariables);
}

void ExpressionSet::tangents(const double* variables, const double* parameters, const double* const* variableRows,
                             const double* const* parameterRows, std::size_t nd, double* out, double* dOut,
                             Workspace& ws) const {
  const detail::Program& p = *m_program;
  if (ws.values.size() < p.valueCount()) ws.values.resize(p.valueCount());
  if (ws.adjoints.size() < (p.code.size() + 1) * nd) ws.adjoints.resize((p.code.size() + 1) * nd);
  if (ws.tangentRows.size() < p.code.size()) ws.tangentRows.resize(p.code.size());
  detail::TangentPass pass;
  pass.program = &p;
  pass.vars = variables;
  pass.params = parameters;
  pass.varRows = variableRows;
  pass.paramRows = parameterRows;
  pass.nd = nd;
  pass.v = ws.values.data();
  pass.tangents = ws.adjoints.data();
  pass.rows = ws.tangentRows.data();
  pass.results = m_results.data();
  pass.count = m_results.size();
  detail::forwardTangents(pass, out, dOut);
}

}  // namespace hf::expr
