#pragma once
// The data points of a project's model for validation (CrossValidation.h)
// and early stopping (EarlyStopping.h): which data rows hold observed
// values, copies of the project with some of them hidden, fold
// assignments, and the residual sums of a fitted model on a copy.

#include "fit/FitSummary.h"
#include "project/CrossValidation.h"
#include "project/Project.h"

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace hf::project {

// A data row whose observed values are one point.
struct DataPoint {
  std::size_t dataset = 0;  ///< index into project.datasets
  std::size_t row = 0;
  std::size_t experiment = 0;  ///< 0 for algebraic models
  double order = 0;            ///< time, or the model's first input
};

struct DataPoints {
  std::vector<DataPoint> list;
  std::vector<std::string> columns;  ///< the observed columns, made missing to hide a point
};

/// Sums over residuals: count, squares, absolute values, and the total sum
/// of squares about the mean (for R^2).
struct ResidualSums {
  std::size_t n = 0;
  double squares = 0, absolute = 0, total = 0;
  void add(const ResidualSums& o) {
    n += o.n;
    squares += o.squares;
    absolute += o.absolute;
    total += o.total;
  }
  Metrics metrics() const {
    Metrics m;
    m.points = n;
    m.rmse = n ? std::sqrt(squares / static_cast<double>(n)) : std::numeric_limits<double>::quiet_NaN();
    m.mae = n ? absolute / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
    m.rSquared = total > 0 ? 1.0 - squares / total : std::numeric_limits<double>::quiet_NaN();
    return m;
  }
};

/// Every data row with an observed value (algebraic: the model's used rows,
/// ordered by the first input; ODE: per experiment, ordered by time).
DataPoints collectPoints(const Project& p);
/// Fold of each point (-1: never held out) for `o`.
std::vector<int> foldsOf(const DataPoints& pts, const ValidationOptions& o, std::size_t experiments);
/// A copy of the project with the points where keep(i) is false hidden; for
/// ODE models, experiments left without an observation are dropped.
Project withPoints(const Project& p, const DataPoints& pts, const std::function<bool(std::size_t)>& keep);
/// Residuals of the data blocks of `p`'s model at the fitted values (by
/// parameter name); the model's own weighting (sigma columns) applies.
ResidualSums residualSums(const Project& p, const fit::FitSummary& fitted);

}  // namespace hf::project
