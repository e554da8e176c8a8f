#include "expr/detail/RowSweep.h"

#include "expr/FunctionTable.h"
#include "expr/detail/LearnedSweep.h"
#include "expr/detail/SweepMath.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hf::expr::detail {

void forwardRows(const Program& p, const double* const* vars, std::size_t rows, const double* params, double* v) {
  const auto fns = functionTable();
  const std::size_t n = p.code.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Instruction& ins = p.code[i];
    double* out = v + i * rows;
    const int operands = operandCount(ins.op);
    const double* a = v + (operands >= 1 ? static_cast<std::size_t>(ins.a) * rows : 0);
    const double* b = v + (operands >= 2 ? static_cast<std::size_t>(ins.b) * rows : 0);
    // A slot that no variable feeds is the same in every row: compute it in
    // row 0 only and copy.
    const std::size_t m = p.dependsOnVariable[i] ? rows : 1;
    switch (ins.op) {
      case Op::Const:
        out[0] = ins.c;
        break;
      case Op::Variable:
        std::copy(vars[ins.index], vars[ins.index] + rows, out);
        break;
      case Op::Parameter:
        out[0] = params[ins.index];
        break;
      case Op::Add:
        for (std::size_t r = 0; r < m; ++r) out[r] = a[r] + b[r];
        break;
      case Op::Sub:
        for (std::size_t r = 0; r < m; ++r) out[r] = a[r] - b[r];
        break;
      case Op::Mul:
        for (std::size_t r = 0; r < m; ++r) out[r] = a[r] * b[r];
        break;
      case Op::Div:
        for (std::size_t r = 0; r < m; ++r) out[r] = a[r] / b[r];
        break;
      case Op::Neg:
        for (std::size_t r = 0; r < m; ++r) out[r] = -a[r];
        break;
      case Op::Square:
        for (std::size_t r = 0; r < m; ++r) out[r] = a[r] * a[r];
        break;
      case Op::PowInt:
        for (std::size_t r = 0; r < m; ++r) out[r] = powInt(a[r], ins.index);
        break;
      case Op::PowConst:
        for (std::size_t r = 0; r < m; ++r) out[r] = std::pow(a[r], ins.c);
        break;
      case Op::Pow:
        for (std::size_t r = 0; r < m; ++r) out[r] = std::pow(a[r], b[r]);
        break;
      case Op::Call1: {
        const auto f = fns[static_cast<std::size_t>(ins.index)].value;
        for (std::size_t r = 0; r < m; ++r) out[r] = f(a + r);
        break;
      }
      case Op::Call2: {
        const auto f = fns[static_cast<std::size_t>(ins.index)].value;
        for (std::size_t r = 0; r < m; ++r) {
          const double args[2] = {a[r], b[r]};
          out[r] = f(args);
        }
        break;
      }
      case Op::Learned: {
        // Row r's learned memory at area + r * learnedSize (row 0 only when
        // no variable feeds the component).
        const LearnedUse& use = p.learnedUses[static_cast<std::size_t>(ins.index)];
        double* area = v + n * rows;
        for (std::size_t r = 0; r < m; ++r) out[r] = learnedValue(p, use, v, rows, r, params, area + r * p.learnedSize);
        break;
      }
    }
    if (m == 1 && rows > 1 && ins.op != Op::Variable) std::fill(out + 1, out + rows, out[0]);
  }
}

void reverseRows(const Program& p, std::size_t rows, const double* params, double* v, double* adj, double* dParams,
                 std::size_t paramStride, double* dVars, std::size_t varStride) {
  const auto fns = functionTable();
  const std::size_t n = p.code.size();
  // One fill for contiguous rows (the usual case), not a call per row.
  const auto zeroRows = [rows](double* out, std::size_t stride, std::size_t count) {
    if (stride == count) {
      std::fill(out, out + rows * count, 0.0);
    } else {
      for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t k = 0; k < count; ++k) out[r * stride + k] = 0.0;
    }
  };
  zeroRows(dParams, paramStride, p.parameterCount);
  if (dVars) zeroRows(dVars, varStride, p.variableCount);
  // Adjoints of the slots the sweep reads (the others are never touched).
  for (std::size_t i = 0; i < n; ++i)
    if (p.dependsOnParameter[i] || (dVars && p.dependsOnVariable[i]))
      std::fill(adj + i * rows, adj + (i + 1) * rows, 0.0);
  const auto result = static_cast<std::size_t>(p.result);
  std::fill(adj + result * rows, adj + (result + 1) * rows, 1.0);
  // Only slots that a parameter (or, for dVars, a variable) feeds need their
  // adjoints propagated; see Griewank & Walther, "Evaluating Derivatives",
  // 2nd ed., ch. 3, for the sweep itself.
  const auto wanted = [&](std::size_t slot) {
    return p.dependsOnParameter[slot] || (dVars && p.dependsOnVariable[slot]);
  };
  for (std::size_t i = result + 1; i-- > 0;) {
    if (!wanted(i)) continue;
    const Instruction& ins = p.code[i];
    const int operands = operandCount(ins.op);
    const auto ia = operands >= 1 ? static_cast<std::size_t>(ins.a) : 0;
    const auto ib = operands >= 2 ? static_cast<std::size_t>(ins.b) : 0;
    const double* g = adj + i * rows;
    const double* x = v + ia * rows;
    const double* y = v + ib * rows;
    const double* val = v + i * rows;
    double* ga = adj + ia * rows;
    double* gb = adj + ib * rows;
    const bool toA = operands >= 1 && wanted(ia);
    const bool toB = operands >= 2 && wanted(ib);
    switch (ins.op) {
      case Op::Const:
        break;
      case Op::Variable:
        if (dVars)
          for (std::size_t r = 0; r < rows; ++r) dVars[r * varStride + static_cast<std::size_t>(ins.index)] += g[r];
        break;
      case Op::Parameter:
        for (std::size_t r = 0; r < rows; ++r) dParams[r * paramStride + static_cast<std::size_t>(ins.index)] += g[r];
        break;
      case Op::Add:
        if (toA)
          for (std::size_t r = 0; r < rows; ++r) ga[r] += g[r];
        if (toB)
          for (std::size_t r = 0; r < rows; ++r) gb[r] += g[r];
        break;
      case Op::Sub:
        if (toA)
          for (std::size_t r = 0; r < rows; ++r) ga[r] += g[r];
        if (toB)
          for (std::size_t r = 0; r < rows; ++r) gb[r] -= g[r];
        break;
      case Op::Mul:
        if (toA)
          for (std::size_t r = 0; r < rows; ++r) ga[r] += times(g[r], y[r]);
        if (toB)
          for (std::size_t r = 0; r < rows; ++r) gb[r] += times(g[r], x[r]);
        break;
      case Op::Div:
        if (toA)
          for (std::size_t r = 0; r < rows; ++r) ga[r] += times(g[r], 1.0 / y[r]);
        if (toB)
          for (std::size_t r = 0; r < rows; ++r) gb[r] -= times(g[r], val[r] / y[r]);
        break;
      case Op::Neg:
        if (toA)
          for (std::size_t r = 0; r < rows; ++r) ga[r] -= g[r];
        break;
      case Op::Square:
        if (toA)
          for (std::size_t r = 0; r < rows; ++r) ga[r] += times(g[r], 2.0 * x[r]);
        break;
      case Op::PowInt:
        if (toA)
          for (std::size_t r = 0; r < rows; ++r) ga[r] += times(g[r], powIntSlope(x[r], val[r], ins.index));
        break;
      case Op::PowConst:
        if (toA)
          for (std::size_t r = 0; r < rows; ++r)
            ga[r] += times(g[r], x[r] != 0.0 ? ins.c * val[r] / x[r] : ins.c * std::pow(x[r], ins.c - 1.0));
        break;
      case Op::Pow:
        for (std::size_t r = 0; r < rows; ++r) {
          if (toA) ga[r] += times(g[r], x[r] != 0.0 ? y[r] * val[r] / x[r] : y[r] * std::pow(x[r], y[r] - 1.0));
          // d/dy x^y = log(x) x^y; for x == 0 the limit is 0 when y > 0.
          if (toB && x[r] != 0.0)
            gb[r] += times(g[r], x[r] > 0.0 ? std::log(x[r]) * val[r] : std::numeric_limits<double>::quiet_NaN());
        }
        break;
      case Op::Call1: {
        const auto partials = fns[static_cast<std::size_t>(ins.index)].partials;
        if (toA)
          for (std::size_t r = 0; r < rows; ++r) {
            double d = 0.0;
            partials(x + r, val[r], &d);
            ga[r] += times(g[r], d);
          }
        break;
      }
      case Op::Call2: {
        const auto partials = fns[static_cast<std::size_t>(ins.index)].partials;
        for (std::size_t r = 0; r < rows; ++r) {
          const double args[2] = {x[r], y[r]};
          double d[2] = {0.0, 0.0};
          partials(args, val[r], d);
          if (toA) ga[r] += times(g[r], d[0]);
          if (toB) gb[r] += times(g[r], d[1]);
        }
        break;
      }
      case Op::Learned: {
        const LearnedUse& use = p.learnedUses[static_cast<std::size_t>(ins.index)];
        const LearnedGroup& grp = p.learned[static_cast<std::size_t>(use.group)];
        double* area = v + n * rows;
        const bool perRow = p.dependsOnVariable[i];
        for (std::size_t r = 0; r < rows; ++r) {
          if (g[r] == 0.0) continue;
          const double* xbar = learnedReverse(p, use, g[r], params, area + (perRow ? r : 0) * p.learnedSize,
                                              dParams + r * paramStride + grp.firstWeight);
          for (std::size_t j = 0; j < grp.inputs.size(); ++j) {
            const auto input = static_cast<std::size_t>(grp.inputs[j]);
            if (wanted(input)) adj[input * rows + r] += xbar[j];
          }
        }
        break;
      }
    }
  }
}

}  // namespace hf::expr::detail
