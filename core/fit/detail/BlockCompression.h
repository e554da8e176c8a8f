#pragma once
// Internal to core/fit: shrinks a residual block of m rows and k free
// parameters to k + 1 rows before Ceres sees it. Everything a trust-region
// step uses is invariant under an orthogonal transform Q^T of the block:
// the cost |r|^2, the gradient J^T r, the Gauss-Newton matrix J^T J, the
// column norms of the Jacobi scaling and the model's predicted decrease. A
// thin Householder QR J = Q R gives the compressed block
//   residuals [ (Q^T r)_1..k , |(Q^T r)_{k+1..m}| ],  Jacobian [ R ; 0 ],
// so Ceres stores, scales, checks and factors (k+1) x k numbers per block
// instead of m x k. A residual-only evaluation returns [ |r|, 0, ..., 0 ]
// (same cost). This is the first stage of a tall-skinny QR: backward
// stable (Golub & Van Loan, Matrix Computations, 4th ed., 5.2 and 5.6).

#include <cstddef>
#include <vector>

namespace hf::fit::detail {

/// Rows a block of m rows and k free parameters hands to Ceres.
inline std::size_t compressedRows(std::size_t m, std::size_t k) { return m > k + 1 ? k + 1 : m; }

/// r: m residuals; jac: m x k row-major (may be null: residuals only).
/// Writes compressedRows(m, k) residuals to rOut and, with jac, the
/// (k+1) x k row-major Jacobian to jOut. Requires m > k + 1. work is
/// resized as needed (no allocation once warm).
void compressBlock(const double* r, const double* jac, std::size_t m, std::size_t k, double* rOut, double* jOut,
                   std::vector<double>& work);

}  // namespace hf::fit::detail
