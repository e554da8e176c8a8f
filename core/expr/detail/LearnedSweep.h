#pragma once
// The Learned instruction in every sweep: a learned component evaluated
// once per group and point by the group's first use, and its reverse and
// tangent through LearnedFunction's hand-written loops. A point's learned
// area holds every group's memory (LearnedGroup::offset):
//   [x: inputs][y: outputs][ybar: outputs][xbar: inputs][wbar: weights][scratch].
// Slot s of the point is v[s * rows + r] (rows = 1, r = 0 in scalar sweeps).
// A derivative group (LearnedGroup::derivative = j) keeps dy/dx_j in y (the
// outputs themselves pass through ybar) and reverses through the tangent.

#include "expr/detail/Program.h"

#include <algorithm>

namespace hf::expr::detail {

struct LearnedMemory {
  double *x, *y, *ybar, *xbar, *wbar, *scratch;
};

inline LearnedMemory learnedMemory(const LearnedGroup& g, double* area) {
  const ml::LearnedFunction& f = *g.function;
  const std::size_t ni = f.inputCount(), no = f.outputCount();
  double* m = area + g.offset;
  return {m, m + ni, m + ni + no, m + ni + 2 * no, m + 2 * (ni + no), m + 2 * (ni + no) + f.weightCount()};
}

/// The value of a Learned instruction (use) at point r; the group's first
/// use evaluates the component.
inline double learnedValue(const Program& p, const LearnedUse& use, const double* v, std::size_t rows, std::size_t r,
                           const double* params, double* area) {
  const LearnedGroup& g = p.learned[static_cast<std::size_t>(use.group)];
  const LearnedMemory m = learnedMemory(g, area);
  if (use.first) {
    for (std::size_t j = 0; j < g.inputs.size(); ++j) m.x[j] = v[static_cast<std::size_t>(g.inputs[j]) * rows + r];
    const double* w = params + g.firstWeight;
    if (g.derivative < 0) {
      g.function->evaluate(m.x, w, m.y, m.scratch);
    } else {
      g.function->evaluate(m.x, w, m.ybar, m.scratch);
      g.function->inputDerivative(w, m.scratch, static_cast<std::size_t>(g.derivative), m.y);
    }
  }
  return m.y[use.output];
}

/// Reverse through a use with adjoint `adjoint` (after learnedValue at the
/// same point): returns the inputs' adjoints (LearnedMemory::xbar) and ADDS
/// to dWeights[k] for weight k when dWeights is not null.
inline const double* learnedReverse(const Program& p, const LearnedUse& use, double adjoint, const double* params,
                                    double* area, double* dWeights) {
  const LearnedGroup& g = p.learned[static_cast<std::size_t>(use.group)];
  const ml::LearnedFunction& f = *g.function;
  const LearnedMemory m = learnedMemory(g, area);
  std::fill_n(m.ybar, f.outputCount(), 0.0);
  m.ybar[use.output] = adjoint;
  std::fill_n(m.xbar, f.inputCount(), 0.0);
  if (g.derivative < 0)
    f.reverse(params + g.firstWeight, m.scratch, m.ybar, m.xbar, dWeights);
  else
    f.tangentReverse(params + g.firstWeight, m.scratch, m.ybar, m.xbar, dWeights);
  return m.xbar;
}

/// The use's gradient in its inputs (xbar) and weights (wbar), both in the
/// group's memory.
inline LearnedMemory learnedGradient(const Program& p, const LearnedUse& use, const double* params, double* area) {
  const LearnedGroup& g = p.learned[static_cast<std::size_t>(use.group)];
  const LearnedMemory m = learnedMemory(g, area);
  std::fill_n(m.wbar, g.function->weightCount(), 0.0);
  learnedReverse(p, use, 1.0, params, area, m.wbar);
  return m;
}

}  // namespace hf::expr::detail
