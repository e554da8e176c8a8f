#pragma once
// Internal to core/fit: Adam (Kingma and Ba, 2015) on the least-squares
// cost 0.5 |r|^2, for comparison with the trust-region solvers
// (CalibrationOptions::optimizer). One residual Jacobian per iteration
// gives the gradient J^T r; the step is learningRate * m / (sqrt(v) + eps)
// with bias-corrected moments (beta1 0.9, beta2 0.999), projected onto the
// bounds. The lowest cost seen is the result.

#include "fit/detail/StrategySolver.h"

namespace hf::fit::detail {

SolveResult solveAdam(const SolveRequest& request);

}  // namespace hf::fit::detail
