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

}  // namespace hf::expr::detail
