#pragma once
// Tape sweeps over a chunk of data rows at once: each instruction is applied
// to every row before the next one, so the per-instruction dispatch is paid
// once per chunk instead of once per row and the inner loops vectorise.
// Slot values are stored slot-major: v[slot * rows + row].

#include "expr/detail/Program.h"

#include <cstddef>

namespace hf::expr::detail {

/// Forward sweep. vars[k] points at `rows` values of variable k; params at
/// the parameter vector; v has valueCount() * rows entries (the slots, then
/// each row's learned-component memory).
void forwardRows(const Program& p, const double* const* vars, std::size_t rows, const double* params, double* v);

/// Reverse sweep after forwardRows() with the same params and v (whose
/// learned area it uses as working memory). adj has
/// code.size() * rows entries (overwritten). Writes d value / d parameter of
/// row r to dParams[r * paramStride + k] for every k < parameterCount (zero
/// for unused parameters), and, when dVars is not null, d value / d
/// variable to dVars[r * varStride + k].
void reverseRows(const Program& p, std::size_t rows, const double* params, double* v, double* adj, double* dParams,
                 std::size_t paramStride, double* dVars, std::size_t varStride);

}  // namespace hf::expr::detail
