#include "expr/detail/ScalarSweep.h"

#include "expr/FunctionTable.h"
#include "expr/detail/SweepMath.h"

#include <algorithm>

namespace hf::expr::detail {

void forwardScalar(const Program& p, const double* vars, const double* params, double* v) {
  const auto fns = functionTable();
  const Instruction* code = p.code.data();
  const std::size_t n = p.code.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Instruction& ins = code[i];
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
      case Op::PowInt:
        v[i] = powInt(v[ins.a], ins.index);
        break;
      case Op::PowConst:
        v[i] = std::pow(v[ins.a], ins.c);
        break;
      case Op::Pow:
        v[i] = std::pow(v[ins.a], v[ins.b]);
        break;
      case Op::Call1:
        v[i] = fns[static_cast<std::size_t>(ins.index)].value(v + ins.a);
        break;
      case Op::Call2: {
        const double args[2] = {v[ins.a], v[ins.b]};
        v[i] = fns[static_cast<std::size_t>(ins.index)].value(args);
        break;
      }
    }
  }
}

void reverseScalar(const Program& p, const double* v, double* adj, double* dParams, double* dVars) {
  reverseScalar(p, static_cast<std::size_t>(p.result), v, adj, dParams, dVars);
}

void reverseScalar(const Program& p, std::size_t result, const double* v, double* adj, double* dParams, double* dVars) {
  const auto fns = functionTable();
  const Instruction* code = p.code.data();
  std::fill(dParams, dParams + p.parameterCount, 0.0);
  if (dVars) std::fill(dVars, dVars + p.variableCount, 0.0);
  std::fill(adj, adj + result + 1, 0.0);
  adj[result] = 1.0;
  const std::uint8_t* bits = p.dependencyBits.data();
  const bool vars = dVars != nullptr;
  const std::uint8_t wanted = vars ? (kOnParameter | kOnVariable) : kOnParameter;
  for (std::size_t i = result + 1; i-- > 0;) {
    const double g = adj[i];
    // A zero adjoint adds nothing anywhere (times() never lets 0 * inf in).
    if (g == 0.0 || !(bits[i] & wanted)) continue;
    const Instruction& ins = code[i];
    const auto ia = static_cast<std::size_t>(ins.a), ib = static_cast<std::size_t>(ins.b);
    switch (ins.op) {
      case Op::Const:
        break;
      case Op::Variable:
        if (vars) dVars[ins.index] += g;
        break;
      case Op::Parameter:
        dParams[ins.index] += g;
        break;
      case Op::Add:
        adj[ia] += g;
        adj[ib] += g;
        break;
      case Op::Sub:
        adj[ia] += g;
        adj[ib] -= g;
        break;
      case Op::Mul:
        adj[ia] += times(g, v[ib]);
        adj[ib] += times(g, v[ia]);
        break;
      case Op::Div:
        adj[ia] += times(g, 1.0 / v[ib]);
        adj[ib] -= times(g, v[i] / v[ib]);
        break;
      case Op::Neg:
        adj[ia] -= g;
        break;
      case Op::Square:
        adj[ia] += times(g, 2.0 * v[ia]);
        break;
      case Op::PowInt:
        adj[ia] += times(g, powIntSlope(v[ia], v[i], ins.index));
        break;
      case Op::PowConst:
        adj[ia] += times(g, v[ia] != 0.0 ? ins.c * v[i] / v[ia] : ins.c * std::pow(v[ia], ins.c - 1.0));
        break;
      case Op::Pow: {
        const double x = v[ia], y = v[ib];
        adj[ia] += times(g, x != 0.0 ? y * v[i] / x : y * std::pow(x, y - 1.0));
        if (x != 0.0) adj[ib] += times(g, x > 0.0 ? std::log(x) * v[i] : std::numeric_limits<double>::quiet_NaN());
        break;
      }
      case Op::Call1: {
        double d = 0.0;
        fns[static_cast<std::size_t>(ins.index)].partials(v + ia, v[i], &d);
        adj[ia] += times(g, d);
        break;
      }
      case Op::Call2: {
        const double args[2] = {v[ia], v[ib]};
        double d[2] = {0.0, 0.0};
        fns[static_cast<std::size_t>(ins.index)].partials(args, v[i], d);
        adj[ia] += times(g, d[0]);
        adj[ib] += times(g, d[1]);
        break;
      }
    }
  }
}

}  // namespace hf::expr::detail
