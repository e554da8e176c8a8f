#include "expr/Expression.h"

#include "common/Error.h"
#include "expr/FunctionTable.h"
#include "expr/detail/Compiler.h"
#include "expr/detail/Parser.h"
#include "expr/detail/RowSweep.h"
#include "expr/detail/ScalarSweep.h"

#include <cassert>
#include <cmath>
#include <set>

namespace hf::expr {

using detail::Instruction;
using detail::Op;

Expression::Expression() = default;
Expression::~Expression() = default;
Expression::Expression(const Expression&) = default;
Expression& Expression::operator=(const Expression&) = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;

Expression Expression::compile(std::string_view text, const std::vector<std::string>& variables,
                               const std::vector<std::string>& parameters, const std::vector<LearnedBinding>& learned) {
  const detail::NodePtr root = detail::parse(text);
  Expression e;
  e.m_program =
      std::make_shared<detail::Program>(detail::compileTree(*root, std::string(text), variables, parameters, learned));
  return e;
}

namespace {
void collectNames(const detail::Node& n, bool includeConstants, std::vector<std::string>& out,
                  std::set<std::string>& seen) {
  if (n.kind == detail::Node::Kind::Name) {
    double c = 0;
    if ((includeConstants || !findConstant(n.name, c)) && seen.insert(n.name).second) out.push_back(n.name);
  }
  for (const auto& child : n.children) collectNames(*child, includeConstants, out, seen);
}

}  // namespace

std::vector<std::string> Expression::freeNames(std::string_view text, bool includeConstants) {
  const detail::NodePtr root = detail::parse(text);
  std::vector<std::string> out;
  std::set<std::string> seen;
  collectNames(*root, includeConstants, out, seen);
  return out;
}

namespace {
const detail::Node* findLearnedCall(const detail::Node& n, const std::string& component) {
  if (n.kind == detail::Node::Kind::Call && n.function < 0 && n.name == component) return &n;
  for (const auto& c : n.children)
    if (const detail::Node* found = findLearnedCall(*c, component)) return found;
  return nullptr;
}
}  // namespace

std::vector<std::string> Expression::learnedArguments(std::string_view text, const std::string& component) {
  const detail::NodePtr root = detail::parse(text);
  const detail::Node* call = findLearnedCall(*root, component);
  std::vector<std::string> out;
  if (!call) return out;
  for (const auto& arg : call->children) out.push_back(arg->kind == detail::Node::Kind::Name ? arg->name : "");
  return out;
}

double Expression::evaluate(std::span<const double> variables, std::span<const double> parameters,
                            Workspace& ws) const {
  assert(m_program);
  const detail::Program& p = *m_program;
  assert(variables.size() >= p.variableCount && parameters.size() >= p.parameterCount);
  if (ws.values.size() < p.valueCount()) ws.values.resize(p.valueCount());
  detail::forwardScalar(p, variables.data(), parameters.data(), ws.values.data());
  return ws.values[static_cast<std::size_t>(p.result)];
}

double Expression::evaluate(std::span<const double> variables, std::span<const double> parameters) const {
  Workspace ws;
  return evaluate(variables, parameters, ws);
}

double Expression::gradient(std::span<const double> variables, std::span<const double> parameters,
                            std::span<double> dParameters, std::span<double> dVariables, Workspace& ws) const {
  assert(m_program);
  const detail::Program& p = *m_program;
  assert(dParameters.size() >= p.parameterCount);
  assert(dVariables.empty() || dVariables.size() >= p.variableCount);
  const std::size_t n = p.code.size();
  if (ws.values.size() < p.valueCount()) ws.values.resize(p.valueCount());
  if (ws.adjoints.size() < n) ws.adjoints.resize(n);
  detail::forwardScalar(p, variables.data(), parameters.data(), ws.values.data());
  detail::reverseScalar(p, parameters.data(), ws.values.data(), ws.adjoints.data(), dParameters.data(),
                        dVariables.empty() ? nullptr : dVariables.data());
  return ws.values[static_cast<std::size_t>(p.result)];
}

void Expression::evaluateRows(std::span<const double* const> variables, std::size_t rows,
                              std::span<const double> parameters, std::span<double> values, Workspace& ws) const {
  assert(m_program);
  const detail::Program& p = *m_program;
  assert(variables.size() >= p.variableCount && parameters.size() >= p.parameterCount && values.size() >= rows);
  const std::size_t n = p.valueCount() * rows;
  if (ws.values.size() < n) ws.values.resize(n);
  detail::forwardRows(p, variables.data(), rows, parameters.data(), ws.values.data());
  const double* out = ws.values.data() + static_cast<std::size_t>(p.result) * rows;
  std::copy(out, out + rows, values.begin());
}

void Expression::gradientRows(std::span<const double* const> variables, std::size_t rows,
                              std::span<const double> parameters, std::span<double> values,
                              std::span<double> dParameters, Workspace& ws) const {
  assert(m_program);
  const detail::Program& p = *m_program;
  assert(dParameters.size() >= rows * p.parameterCount);
  const std::size_t n = p.valueCount() * rows;
  if (ws.values.size() < n) ws.values.resize(n);
  if (ws.adjoints.size() < p.code.size() * rows) ws.adjoints.resize(p.code.size() * rows);
  detail::forwardRows(p, variables.data(), rows, parameters.data(), ws.values.data());
  detail::reverseRows(p, rows, parameters.data(), ws.values.data(), ws.adjoints.data(), dParameters.data(),
                      p.parameterCount, nullptr, 0);
  const double* out = ws.values.data() + static_cast<std::size_t>(p.result) * rows;
  std::copy(out, out + rows, values.begin());
}

const std::string& Expression::text() const { return m_program->text; }
std::size_t Expression::variableCount() const { return m_program->variableCount; }
std::size_t Expression::parameterCount() const { return m_program->parameterCount; }
const std::vector<bool>& Expression::usesParameter() const { return m_program->usesParameter; }
std::size_t Expression::instructionCount() const { return m_program->code.size(); }

}  // namespace hf::expr
