#pragma once
// Standard errors, correlations and identifiability from the Jacobian at the
// optimum: cov = s^2 (J^T J)^-1, s^2 = RSS / (n - p) (Bates & Watts,
// "Nonlinear Regression Analysis and Its Applications", 1988, sec. 2.3).
// Computed by an SVD of the column-scaled Jacobian, so rank deficiency is
// detected (and reported) instead of inverting a singular matrix.

#include <cstddef>
#include <span>
#include <vector>

namespace hf::fit {

struct CovarianceResult {
  std::vector<double> standardErrors;  ///< size k; NaN where not identifiable
  std::vector<double> correlation;     ///< k x k row-major; NaN rows where not identifiable
  std::vector<bool> identifiable;      ///< size k
  double conditionNumber = 0.0;        ///< of the column-scaled Jacobian (inf when rank deficient)
  int rank = 0;
};

/// jacobian: n x k row-major (weighted residual derivatives); rss: weighted
/// residual sum of squares; dof = n - k (standard errors are NaN if <= 0).
/// Singular values below relTolerance * largest count as zero.
CovarianceResult computeCovariance(std::span<const double> jacobian, std::size_t n, std::size_t k, double rss, long dof,
                                   double relTolerance = 1e-11);

}  // namespace hf::fit
