#pragma once
// Tape sweeps for one point (a single data row, an ODE right-hand side):
// the same operations as RowSweep.h with rows = 1, without the per-row
// loops, fills and slot-major bookkeeping that dominate at one row.
// Results equal forwardRows/reverseRows with rows = 1 bit for bit.

#include "expr/detail/Program.h"

namespace hf::expr::detail {

/// Forward sweep: v has valueCount() entries (the slots, then the learned
/// components' memory); vars[k] is variable k.
void forwardScalar(const Program& p, const double* vars, const double* params, double* v);

/// Reverse sweep after forwardScalar() with the same params and v (whose
/// learned area it uses as working memory); adj has
/// code.size() entries (overwritten). dParams gets parameterCount values
/// (zero for unused ones); dVars, when not null, variableCount values.
void reverseScalar(const Program& p, const double* params, double* v, double* adj, double* dParams, double* dVars);
/// The same for the value in slot `result` (a tape of several formulas).
void reverseScalar(const Program& p, std::size_t result, const double* params, double* v, double* adj, double* dParams,
                   double* dVars);
/// The gradients of `count` results (slots results[0..count)) in ONE
/// reverse sweep that carries `count` adjoints per slot: each instruction is
/// decoded and its partials computed once, not once per result. adj has
/// code.size() x count entries (overwritten); dParams gets count rows of
/// parameterCount values, dVars (when not null) count rows of
/// variableCount values. Equal to `count` reverseScalar() calls bit for bit.
void reverseScalarMany(const Program& p, const int* results, std::size_t count, const double* params, double* v,
                       double* adj, double* dParams, double* dVars);
/// Forward sweep carrying `nd` tangents per slot (forward-mode directional
/// derivatives): v as in forwardScalar(); rows[i] (code.size() entries,
/// overwritten) points at slot i's nd tangents: at varRows[k] for variable
/// k, paramRows[k] for parameter k (not copied), else into `tangents`
/// ((code.size() + 1) x nd; the last row holds the zeros of constants).
/// Then out[r] is the value of slot results[r] and dOut[r * nd ..] its
/// tangents, for r < count. A zero tangent times a partial that is not
/// finite stays zero (as a zero adjoint does in reverse).
struct TangentPass {
  const Program* program = nullptr;
  const double* vars = nullptr;
  const double* params = nullptr;
  const double* const* varRows = nullptr;
  const double* const* paramRows = nullptr;
  std::size_t nd = 0;
  double* v = nullptr;
  double* tangents = nullptr;
  const double** rows = nullptr;
  const int* results = nullptr;
  std::size_t count = 0;
};
using TangentKernel = void (*)(const TangentPass& pass, double* out, double* dOut);
/// The sweep for `nd` tangents (unrolled for nd <= 8), chosen once so that
/// a caller at every integrator stage skips the dispatch.
TangentKernel tangentKernel(std::size_t nd);
inline void forwardTangents(const TangentPass& pass, double* out, double* dOut) {
  tangentKernel(pass.nd)(pass, out, dOut);
}

}  // namespace hf::expr::detail
