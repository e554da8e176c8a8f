#include "expr/Expression.h"

#include "common/Error.h"
#include "expr/FunctionTable.h"
#include "expr/detail/Compiler.h"
#include "expr/detail/Parser.h"

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
                               const std::vector<std::string>& parameters) {
  const detail::NodePtr root = detail::parse(text);
  Expression e;
  e.m_program = std::make_shared<detail::Program>(detail::compileTree(*root, std::string(text), variables, parameters));
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

// Forward sweep shared by evaluate() and gradient(); returns the value slot.
inline void forward(const detail::Program& p, const double* vars, const double* params, double* v) {
  const auto fns = functionTable();
  const std::size_t n = p.code.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Instruction& ins = p.code[i];
    switch (ins.op) {
      case Op::Const:
        v[i] = ins.c;
        break;
      case Op::Variable:
        v[i] = vars[ins.index];
        break;
      case Op::Parameter:
        v[i] = params[ins.index];
        break;
      case Op::Add:
        v[i] = v[ins.a] + v[ins.b];
        break;
      case Op::Sub:
        v[i] = v[ins.a] - v[ins.b];
        break;
      case Op::Mul:
        v[i] = v[ins.a] * v[ins.b];
        break;
      case Op::Div:
        v[i] = v[ins.a] / v[ins.b];
        break;
      case Op::Neg:
        v[i] = -v[ins.a];
        break;
      case Op::Square:
        v[i] = v[ins.a] * v[ins.a];
        break;
      case Op::PowInt: {
        // Exact repeated multiplication; std::pow(x, int) may go through log/exp.
        const double x = v[ins.a];
        int k = ins.index < 0 ? -ins.index : ins.index;
        double r = 1.0, base = x;
        while (k) {
          if (k & 1) r *= base;
          base *= base;
          k >>= 1;
        }
        v[i] = ins.index < 0 ? 1.0 / r : r;
        break;
      }
      case Op::PowConst:
        v[i] = std::pow(v[ins.a], ins.c);
        break;
      case Op::Pow:
        v[i] = std::pow(v[ins.a], v[ins.b]);
        break;
      case Op::Call1:
        v[i] = fns[static_cast<std::size_t>(ins.index)].value(&v[ins.a]);
        break;
      case Op::Call2: {
        const double args[2] = {v[ins.a], v[ins.b]};
        v[i] = fns[static_cast<std::size_t>(ins.index)].value(args);
        break;
      }
    }
  }
}
}  // namespace

std::vector<std::string> Expression::freeNames(std::string_view text, bool includeConstants) {
  const detail::NodePtr root = detail::parse(text);
  std::vector<std::string> out;
  std::set<std::string> seen;
  collectNames(*root, includeConstants, out, seen);
  return out;
}

double Expression::evaluate(std::span<const double> variables, std::span<const double> parameters,
                            Workspace& ws) const {
  assert(m_program);
  const detail::Program& p = *m_program;
  assert(variables.size() >= p.variableCount && parameters.size() >= p.parameterCount);
  if (ws.values.size() < p.code.size()) ws.values.resize(p.code.size());
  forward(p, variables.data(), parameters.data(), ws.values.data());
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
  const std::size_t n = p.code.size();
  if (ws.values.size() < n) ws.values.resize(n);
  if (ws.adjoints.size() < n) ws.adjoints.resize(n);
  double* v = ws.values.data();
  double* adj = ws.adjoints.data();
  forward(p, variables.data(), parameters.data(), v);

  std::fill(dParameters.begin(), dParameters.begin() + static_cast<std::ptrdiff_t>(p.parameterCount), 0.0);
  if (!dVariables.empty()) std::fill(dVariables.begin(), dVariables.end(), 0.0);
  std::fill(adj, adj + n, 0.0);
  adj[p.result] = 1.0;

  // Reverse sweep (adjoint accumulation); see Griewank & Walther,
  // "Evaluating Derivatives", 2nd ed., ch. 3.
  const auto fns = functionTable();
  for (std::size_t i = static_cast<std::size_t>(p.result) + 1; i-- > 0;) {
    const double g = adj[i];
    if (g == 0.0) continue;
    const Instruction& ins = p.code[i];
    switch (ins.op) {
      case Op::Const:
        break;
      case Op::Variable:
        if (!dVariables.empty()) dVariables[static_cast<std::size_t>(ins.index)] += g;
        break;
      case Op::Parameter:
        dParameters[static_cast<std::size_t>(ins.index)] += g;
        break;
      case Op::Add:
        adj[ins.a] += g;
        adj[ins.b] += g;
        break;
      case Op::Sub:
        adj[ins.a] += g;
        adj[ins.b] -= g;
        break;
      case Op::Mul:
        adj[ins.a] += g * v[ins.b];
        adj[ins.b] += g * v[ins.a];
        break;
      case Op::Div: {
        const double inv = 1.0 / v[ins.b];
        adj[ins.a] += g * inv;
        adj[ins.b] -= g * v[i] * inv;
        break;
      }
      case Op::Neg:
        adj[ins.a] -= g;
        break;
      case Op::Square:
        adj[ins.a] += 2.0 * g * v[ins.a];
        break;
      case Op::PowInt: {
        // d/dx x^n = n x^(n-1); written as n * v / x only when x != 0.
        const double x = v[ins.a];
        const int k = ins.index;
        double d;
        if (x != 0.0) {
          d = k * v[i] / x;
        } else {
          d = (k == 1) ? 1.0 : (k > 1 || k == 0 ? 0.0 : std::numeric_limits<double>::infinity());
        }
        adj[ins.a] += g * d;
        break;
      }
      case Op::PowConst: {
        const double x = v[ins.a];
        const double d = x != 0.0 ? ins.c * v[i] / x : ins.c * std::pow(x, ins.c - 1.0);
        adj[ins.a] += g * d;
        break;
      }
      case Op::Pow: {
        const double x = v[ins.a], y = v[ins.b];
        adj[ins.a] += g * (x != 0.0 ? y * v[i] / x : y * std::pow(x, y - 1.0));
        // d/dy x^y = log(x) x^y; for x == 0 the limit is 0 when y > 0.
        if (x > 0.0)
          adj[ins.b] += g * std::log(x) * v[i];
        else if (x < 0.0)
          adj[ins.b] += g * std::numeric_limits<double>::quiet_NaN();
        break;
      }
      case Op::Call1: {
        double d = 0.0;
        fns[static_cast<std::size_t>(ins.index)].partials(&v[ins.a], v[i], &d);
        adj[ins.a] += g * d;
        break;
      }
      case Op::Call2: {
        const double args[2] = {v[ins.a], v[ins.b]};
        double d[2] = {0.0, 0.0};
        fns[static_cast<std::size_t>(ins.index)].partials(args, v[i], d);
        adj[ins.a] += g * d[0];
        adj[ins.b] += g * d[1];
        break;
      }
    }
  }
  return v[p.result];
}

const std::string& Expression::text() const { return m_program->text; }
std::size_t Expression::variableCount() const { return m_program->variableCount; }
std::size_t Expression::parameterCount() const { return m_program->parameterCount; }
const std::vector<bool>& Expression::usesParameter() const { return m_program->usesParameter; }
std::size_t Expression::instructionCount() const { return m_program->code.size(); }

}  // namespace hf::expr
