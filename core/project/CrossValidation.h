#pragma once
// Validation that does not flatter (issue 12): the project's model is
// fitted on training points only and judged on points it never saw.
//   random  : a seeded random partition into K folds (K = 1: hold out a
//             fraction);
//   blocked : K contiguous blocks in time (ODE models, per experiment) or
//             along the model's first input (algebraic models), so that
//             neighbouring points never sit on both sides;
//   experiments : leave one experiment out (ODE models with several).
// A point is a data row: its observed values are hidden (made missing) in
// the training copy of the project, and only they are kept in the
// validation copy. Also reported: the fit on all points with AIC, AICc and
// BIC, whose parameter count includes learned weights.

#include "fit/FitSummary.h"
#include "project/Project.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hf::project {

enum class SplitKind { Random, Blocked, Experiments };

struct ValidationOptions {
  SplitKind kind = SplitKind::Random;
  /// Folds (>= 2), or 1 for a single hold-out of holdOutFraction.
  int folds = 5;
  double holdOutFraction = 0.2;  ///< in (0, 1), for folds = 1
  std::uint64_t seed = 1;        ///< of the random partition
  std::string validate() const;
};

struct Metrics {
  std::size_t points = 0;  ///< residuals (observed values)
  double rmse = 0, mae = 0, rSquared = 0;
};

struct FoldResult {
  Metrics training, validation;
  bool converged = false;
};

struct ValidationReport {
  std::string model;                              ///< the project's name
  std::size_t parameterCount = 0;                 ///< free parameters, learned weights included
  Metrics fit;                                    ///< of the fit on all points
  double aic = 0, aicc = 0, bic = 0;              ///< of that fit (AICc NaN when n <= k + 1)
  std::vector<fit::ParameterEstimate> estimates;  ///< of that fit (e.g. for extrapolation)
  std::vector<FoldResult> folds;
  Metrics training, validation;  ///< over all folds: points pooled
};

/// Fold of each point (0..folds-1; -1: never held out, for a hold-out's
/// training points): random uses a seeded shuffle, blocked cuts `order`
/// (the points sorted along time or space) into contiguous runs. Exposed
/// for tests.
std::vector<int> assignFolds(std::size_t points, const ValidationOptions& options);

/// Throws hf::Error for invalid options or a model that cannot be built;
/// a fold whose fit fails counts as not converged with NaN metrics.
/// `progress` (when set) hears (fits done, fits in all) after the fit on all
/// points and after each fold's.
ValidationReport crossValidate(const Project& project, const ValidationOptions& options,
                               const std::atomic<bool>* cancel = nullptr,
                               const std::function<void(int, int)>& progress = {});

}  // namespace hf::project
