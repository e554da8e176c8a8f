#pragma once
// Tape sweeps for one point (a single data row, an ODE right-hand side):
// the same operations as RowSweep.h with rows = 1, without the per-row
// loops, fills and slot-major bookkeeping that dominate at one row.
// Results equal forwardRows/reverseRows with rows = 1 bit for bit.

#include "expr/detail/Program.h"

namespace hf::expr::detail {

/// Forward sweep: v has code.size() entries; vars[k] is variable k.
void forwardScalar(const Program& p, const double* vars, const double* params, double* v);

/// Reverse sweep after forwardScalar() with the same v; adj has
/// code.size() entries (overwritten). dParams gets parameterCount values
/// (zero for unused ones); dVars, when not null, variableCount values.
void reverseScalar(const Program& p, const double* v, double* adj, double* dParams, double* dVars);
/// The same for the value in slot `result` (a tape of several formulas).
void reverseScalar(const Program& p, std::size_t result, const double* v, double* adj, double* dParams, double* dVars);
/// The gradients of `count` results (slots results[0..count)) in ONE
/// reverse sweep that carries `count` adjoints per slot: each instruction is
/// decoded and its partials computed once, not once per result. adj has
/// code.size() x count entries (overwritten); dParams gets count rows of
/// parameterCount values, dVars (when not null) count rows of
/// variableCount values. Equal to `count` reverseScalar() calls bit for bit.
/// Forward sweep carrying `nd` tangents per slot (forward-mode directional
/// derivatives): v as in forwardScalar(); rows[i] (code.size() entries,
/// overwritten) points at slot i's nd tangents: at varRows[k] for variable
/// k, paramRows[k] for parameter k (not copied), else into `tangents`
/// (code.size() x nd). A zero tangent times a partial that is not finite
/// stays zero (as a zero adjoint does in reverse).
void forwardTangents(const Program& p, const double* vars, const double* params, const double* const* varRows,
                     const double* const* paramRows, std::size_t nd, double* v, double* tangents, const double** rows);
void reverseScalarMany(const Program& p, const int* results, std::size_t count, const double* v, double* adj,
                       double* dParams, double* dVars);

}  // namespace hf::expr::detail
