#include "expr/detail/ScalarSweep.h"

#include "expr/FunctionTable.h"
#include "expr/detail/LearnedSweep.h"
#include "expr/detail/SweepMath.h"

#include <algorithm>
#include <cmath>
#include <limits>

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
      case Op::Learned:
        v[i] = learnedValue(p, p.learnedUses[static_cast<std::size_t>(ins.index)], v, 1, 0, params, v + n);
        break;
    }
  }
}

void reverseScalar(const Program& p, const double* params, double* v, double* adj, double* dParams, double* dVars) {
  reverseScalar(p, static_cast<std::size_t>(p.result), params, v, adj, dParams, dVars);
}

void reverseScalar(const Program& p, std::size_t result, const double* params, double* v, double* adj, double* dParams,
                   double* dVars) {
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
      case Op::Learned: {
        const LearnedUse& use = p.learnedUses[static_cast<std::size_t>(ins.index)];
        const LearnedGroup& grp = p.learned[static_cast<std::size_t>(use.group)];
        const double* xbar = learnedReverse(p, use, g, params, v + p.code.size(), dParams + grp.firstWeight);
        for (std::size_t j = 0; j < grp.inputs.size(); ++j) adj[grp.inputs[j]] += xbar[j];
        break;
      }
    }
  }
}

namespace {

/// reverseScalarMany with the number of results fixed at compile time
/// (N > 0, so that the per-result loops unroll) or taken from `runtime`.
template <std::size_t N>
void sweepMany(const Program& p, const int* results, std::size_t runtime, const double* params, double* v, double* adj,
               double* dParams, double* dVars) {
  const std::size_t count = N > 0 ? N : runtime;
  const auto fns = functionTable();
  const Instruction* code = p.code.data();
  const std::size_t np = p.parameterCount, nv = p.variableCount;
  std::fill(dParams, dParams + count * np, 0.0);
  if (dVars) std::fill(dVars, dVars + count * nv, 0.0);
  std::size_t top = 0;
  for (std::size_t k = 0; k < count; ++k) top = std::max(top, static_cast<std::size_t>(results[k]));
  std::fill(adj, adj + (top + 1) * count, 0.0);
  for (std::size_t k = 0; k < count; ++k) adj[static_cast<std::size_t>(results[k]) * count + k] = 1.0;
  const std::uint8_t* bits = p.dependencyBits.data();
  const bool vars = dVars != nullptr;
  const std::uint8_t wanted = vars ? (kOnParameter | kOnVariable) : kOnParameter;
  for (std::size_t i = top + 1; i-- > 0;) {
    if (!(bits[i] & wanted)) continue;
    const double* g = adj + i * count;
    bool any = false;
    for (std::size_t k = 0; k < count; ++k) any |= g[k] != 0.0;
    if (!any) continue;
    const Instruction& ins = code[i];
    double* A = adj + static_cast<std::size_t>(ins.a) * count;
    double* B = adj + static_cast<std::size_t>(ins.b) * count;
    const auto ia = static_cast<std::size_t>(ins.a), ib = static_cast<std::size_t>(ins.b);
    // Adds g[k] * d to row[k] for every result, never 0 * inf (as in
    // reverseScalar): with a finite d a zero g adds a zero.
    auto spread = [&](double* row, double d) {
      if (std::isfinite(d))
        for (std::size_t k = 0; k < count; ++k) row[k] += g[k] * d;
      else
        for (std::size_t k = 0; k < count; ++k) row[k] += times(g[k], d);
    };
    switch (ins.op) {
      case Op::Const:
        break;
      case Op::Variable:
        if (vars)
          for (std::size_t k = 0; k < count; ++k) dVars[k * nv + static_cast<std::size_t>(ins.index)] += g[k];
        break;
      case Op::Parameter:
        for (std::size_t k = 0; k < count; ++k) dParams[k * np + static_cast<std::size_t>(ins.index)] += g[k];
        break;
      case Op::Add:
        for (std::size_t k = 0; k < count; ++k) A[k] += g[k];
        for (std::size_t k = 0; k < count; ++k) B[k] += g[k];
        break;
      case Op::Sub:
        for (std::size_t k = 0; k < count; ++k) A[k] += g[k];
        for (std::size_t k = 0; k < count; ++k) B[k] -= g[k];
        break;
      case Op::Mul:
        spread(A, v[ib]);
        spread(B, v[ia]);
        break;
      case Op::Div: {
        const double inverse = 1.0 / v[ib], ratio = v[i] / v[ib];
        spread(A, inverse);
        spread(B, -ratio);
        break;
      }
      case Op::Neg:
        for (std::size_t k = 0; k < count; ++k) A[k] -= g[k];
        break;
      case Op::Square:
        spread(A, 2.0 * v[ia]);
        break;
      case Op::PowInt:
        spread(A, powIntSlope(v[ia], v[i], ins.index));
        break;
      case Op::PowConst:
        spread(A, v[ia] != 0.0 ? ins.c * v[i] / v[ia] : ins.c * std::pow(v[ia], ins.c - 1.0));
        break;
      case Op::Pow: {
        const double x = v[ia], y = v[ib];
        spread(A, x != 0.0 ? y * v[i] / x : y * std::pow(x, y - 1.0));
        if (x != 0.0) spread(B, x > 0.0 ? std::log(x) * v[i] : std::numeric_limits<double>::quiet_NaN());
        break;
      }
      case Op::Call1: {
        double d = 0.0;
        fns[static_cast<std::size_t>(ins.index)].partials(v + ia, v[i], &d);
        spread(A, d);
        break;
      }
      case Op::Call2: {
        const double args[2] = {v[ia], v[ib]};
        double d[2] = {0.0, 0.0};
        fns[static_cast<std::size_t>(ins.index)].partials(args, v[i], d);
        spread(A, d[0]);
        spread(B, d[1]);
        break;
      }
      case Op::Learned: {
        const LearnedUse& use = p.learnedUses[static_cast<std::size_t>(ins.index)];
        const LearnedGroup& grp = p.learned[static_cast<std::size_t>(use.group)];
        for (std::size_t k = 0; k < count; ++k) {
          if (g[k] == 0.0) continue;
          const double* xbar =
              learnedReverse(p, use, g[k], params, v + p.code.size(), dParams + k * np + grp.firstWeight);
          for (std::size_t j = 0; j < grp.inputs.size(); ++j)
            adj[static_cast<std::size_t>(grp.inputs[j]) * count + k] += xbar[j];
        }
        break;
      }
    }
  }
}

}  // namespace

void reverseScalarMany(const Program& p, const int* results, std::size_t count, const double* params, double* v,
                       double* adj, double* dParams, double* dVars) {
  switch (count) {
    case 1:
      return sweepMany<1>(p, results, count, params, v, adj, dParams, dVars);
    case 2:
      return sweepMany<2>(p, results, count, params, v, adj, dParams, dVars);
    case 3:
      return sweepMany<3>(p, results, count, params, v, adj, dParams, dVars);
    case 4:
      return sweepMany<4>(p, results, count, params, v, adj, dParams, dVars);
    default:
      return sweepMany<0>(p, results, count, params, v, adj, dParams, dVars);
  }
}

namespace {

/// forwardTangents with the number of tangents fixed at compile time (N >
/// 0: the per-tangent loops unroll) or taken from `runtime`.
template <std::size_t N>
void tangentSweep(const TangentPass& pass, double* out, double* dOut) {
  const Program& p = *pass.program;
  const std::size_t nd = N > 0 ? N : pass.nd;
  const double* const vars = pass.vars;
  const double* const params = pass.params;
  double* const v = pass.v;
  const double** const rows = pass.rows;
  const auto fns = functionTable();
  const Instruction* code = p.code.data();
  const std::size_t n = p.code.size();
  // Leaves first: their tangents are rows the caller owns, or zeros.
  double* const tangents = pass.tangents;
  double* zero = tangents + n * nd;
  for (std::size_t k = 0; k < nd; ++k) zero[k] = 0.0;
  for (std::size_t i = 0; i < p.leafCount; ++i) {
    const Instruction& ins = code[i];
    if (ins.op == Op::Variable) {
      v[i] = vars[ins.index];
      rows[i] = pass.varRows[ins.index];
    } else if (ins.op == Op::Parameter) {
      v[i] = params[ins.index];
      rows[i] = pass.paramRows[ins.index];
    } else {
      v[i] = ins.c;
      rows[i] = zero;
    }
  }
  for (std::size_t i = p.leafCount; i < n; ++i) {
    const Instruction& ins = code[i];
    double* t = tangents + i * nd;
    rows[i] = t;
    const auto ia = static_cast<std::size_t>(ins.a), ib = static_cast<std::size_t>(ins.b);
    const double* ta = rows[ia];
    const double* tb = rows[ib];
    // t = da * ta (+ db * tb). A zero partial adds nothing and a zero
    // tangent adds nothing, even against infinity (as in reverse, where a
    // zero adjoint is never multiplied).
    auto chain1 = [&](double da) {
      if (da == 0.0)
        for (std::size_t k = 0; k < nd; ++k) t[k] = 0.0;
      else if (std::isfinite(da))
        for (std::size_t k = 0; k < nd; ++k) t[k] = da * ta[k];
      else
        for (std::size_t k = 0; k < nd; ++k) t[k] = times(ta[k], da);
    };
    auto chain2 = [&](double da, double db) {
      if (da == 0.0) {
        std::swap(ta, tb);
        chain1(db);
      } else if (db == 0.0) {
        chain1(da);
      } else if (std::isfinite(da) && std::isfinite(db)) {
        for (std::size_t k = 0; k < nd; ++k) t[k] = da * ta[k] + db * tb[k];
      } else {
        for (std::size_t k = 0; k < nd; ++k) t[k] = times(ta[k], da) + times(tb[k], db);
      }
    };
    switch (ins.op) {
      case Op::Const:
      case Op::Variable:
      case Op::Parameter:
        break;  // leaves come first (Program::leafCount)
      case Op::Add:
        v[i] = v[ia] + v[ib];
        for (std::size_t k = 0; k < nd; ++k) t[k] = ta[k] + tb[k];
        break;
      case Op::Sub:
        v[i] = v[ia] - v[ib];
        for (std::size_t k = 0; k < nd; ++k) t[k] = ta[k] - tb[k];
        break;
      case Op::Mul:
        v[i] = v[ia] * v[ib];
        chain2(v[ib], v[ia]);
        break;
      case Op::Div:
        v[i] = v[ia] / v[ib];
        chain2(1.0 / v[ib], -(v[i] / v[ib]));
        break;
      case Op::Neg:
        v[i] = -v[ia];
        for (std::size_t k = 0; k < nd; ++k) t[k] = -ta[k];
        break;
      case Op::Square:
        v[i] = v[ia] * v[ia];
        chain1(2.0 * v[ia]);
        break;
      case Op::PowInt:
        v[i] = powInt(v[ia], ins.index);
        chain1(powIntSlope(v[ia], v[i], ins.index));
        break;
      case Op::PowConst:
        v[i] = std::pow(v[ia], ins.c);
        chain1(v[ia] != 0.0 ? ins.c * v[i] / v[ia] : ins.c * std::pow(v[ia], ins.c - 1.0));
        break;
      case Op::Pow: {
        const double x = v[ia], y = v[ib];
        v[i] = std::pow(x, y);
        chain2(x != 0.0 ? y * v[i] / x : y * std::pow(x, y - 1.0),
               x != 0.0 ? (x > 0.0 ? std::log(x) * v[i] : std::numeric_limits<double>::quiet_NaN()) : 0.0);
        break;
      }
      case Op::Call1: {
        v[i] = fns[static_cast<std::size_t>(ins.index)].value(v + ia);
        double d = 0.0;
        fns[static_cast<std::size_t>(ins.index)].partials(v + ia, v[i], &d);
        chain1(d);
        break;
      }
      case Op::Call2: {
        const double args[2] = {v[ia], v[ib]};
        v[i] = fns[static_cast<std::size_t>(ins.index)].value(args);
        double d[2] = {0.0, 0.0};
        fns[static_cast<std::size_t>(ins.index)].partials(args, v[i], d);
        chain2(d[0], d[1]);
        break;
      }
      case Op::Learned: {
        // t = (d out / d inputs) t_inputs + (d out / d weights) t_weights,
        // from one reverse sweep of the component for this output.
        const LearnedUse& use = p.learnedUses[static_cast<std::size_t>(ins.index)];
        const LearnedGroup& grp = p.learned[static_cast<std::size_t>(use.group)];
        v[i] = learnedValue(p, use, v, 1, 0, params, v + n);
        const LearnedMemory m = learnedGradient(p, use, params, v + n);
        for (std::size_t k = 0; k < nd; ++k) t[k] = 0.0;
        const auto add = [&](double partial, const double* row) {
          if (partial == 0.0) return;
          if (std::isfinite(partial))
            for (std::size_t k = 0; k < nd; ++k) t[k] += partial * row[k];
          else
            for (std::size_t k = 0; k < nd; ++k) t[k] += times(row[k], partial);
        };
        for (std::size_t j = 0; j < grp.inputs.size(); ++j) add(m.xbar[j], rows[grp.inputs[j]]);
        for (std::size_t w = 0; w < grp.function->weightCount(); ++w)
          add(m.wbar[w], pass.paramRows[grp.firstWeight + w]);
        break;
      }
    }
  }
  for (std::size_t r = 0; r < pass.count; ++r) {
    const auto slot = static_cast<std::size_t>(pass.results[r]);
    out[r] = v[slot];
    const double* from = rows[slot];
    for (std::size_t k = 0; k < nd; ++k) dOut[r * nd + k] = from[k];
  }
}

}  // namespace

TangentKernel tangentKernel(std::size_t nd) {
  switch (nd) {
#define HF_TANGENTS(n) \
  case n:              \
    return &tangentSweep<n>;
    HF_TANGENTS(1)
    HF_TANGENTS(2)
    HF_TANGENTS(3)
    HF_TANGENTS(4)
    HF_TANGENTS(5)
    HF_TANGENTS(6)
    HF_TANGENTS(7)
    HF_TANGENTS(8)
#undef HF_TANGENTS
    default:
      return &tangentSweep<0>;
  }
}

}  // namespace hf::expr::detail
