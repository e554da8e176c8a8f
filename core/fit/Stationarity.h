#pragma once
// Is a point a stationary point of the least-squares cost? Used to refuse a
// "converged" verdict where a solver stopped on a tolerance far from an
// optimum. Scale-free, so it also holds for exact (zero-residual) fits,
// where the residuals are rounding noise.

#include <cstddef>
#include <span>

namespace hf::fit {

/// jacobian: n x k row-major; residuals: n; x: k current values;
/// dataScale: the observations' total sum of squares about their mean
/// (NaN if unknown). Computes the Gauss-Newton step d = argmin |J d + r|
/// (column-scaled QR) and returns true when every |d_j| <= relStep * |x_j|,
/// or the step would lower the cost by less than relDecrease of the current
/// cost, or the cost itself is below exactFloor * dataScale (an exact fit
/// whose residuals are rounding or integration noise: any "improvement"
/// would fit the noise).
bool isStationary(std::span<const double> jacobian, std::size_t n, std::size_t k, std::span<const double> residuals,
                  std::span<const double> x, double dataScale, double relStep = 1e-6, double relDecrease = 1e-6,
                  double exactFloor = 1e-24);

}  // namespace hf::fit
