#pragma once
// Internal to core/fit: the least-squares problem at one parameter vector as
// the statistics see it. Free parameters not held by a bound ("interior")
// form the columns; a robust loss enters as IRLS weights sqrt(rho'(r^2)) on
// rows and residuals (the weighted problem that is equivalent at a robust
// optimum). Each model block is compressed to (interior count + 1) rows
// (BlockCompression.h), so the Gauss-Newton step, the stationarity check
// and the covariance see the same J^T J and J^T r in O(blocks) memory
// instead of O(residuals).

#include "fit/CalibrationOptions.h"
#include "fit/FitSummary.h"
#include "model/ResidualModel.h"

#include <cstddef>
#include <vector>

namespace hf::fit::detail {

struct WeightedProblem {
  std::size_t residualCount = 0;
  double rss = 0.0;                    ///< sum of raw squared residuals
  double dataRss = 0.0;                ///< the same over data blocks only (no penalties)
  double dataRssWeighted = 0.0;        ///< rssWeighted over data blocks only
  std::size_t dataResidualCount = 0;   ///< residuals in data blocks
  double rssWeighted = 0.0;            ///< sum of weighted squared residuals
  std::vector<LossTerm> penaltyTerms;  ///< rss - dataRss by term (ResidualModel::blockTerm)
  bool finite = false;                 ///< every residual finite
  std::vector<std::size_t> interior;   ///< model indices of the columns
  std::vector<double> xSub;            ///< their values
  // With the Jacobian only:
  std::size_t rows = 0;      ///< rows of the compressed system
  std::vector<double> jSub;  ///< rows x interior.size(), row-major
  std::vector<double> rw;    ///< rows
  bool jFinite = false;      ///< every used Jacobian entry finite
};

/// Builds the problem at `params` (all parameters); a parameter within a
/// relative 1e-10 of one of its bounds is held there (not a column).
WeightedProblem buildWeightedProblem(const model::ResidualModel& model, const std::vector<ParameterSetting>& settings,
                                     const CalibrationOptions& options, const std::vector<double>& params,
                                     bool withJacobian);

}  // namespace hf::fit::detail
