#pragma once
// A fitted model carried beyond its data (issue 12: whether a candidate
// generalises outside the range it was fitted on). Algebraic models with
// one input: the formula over the input's range widened to the right;
// ODE models: the first experiment simulated past its last observation,
// its first observable. With the data, for the plot.

#include "fit/FitSummary.h"
#include "project/Project.h"

#include <string>
#include <vector>

namespace hf::project {

struct Extrapolation {
  std::string xName, yName;  ///< the input (or time) and the predicted quantity
  std::vector<double> x, y;  ///< the prediction
  std::vector<double> dataX, dataY;
  double dataEnd = 0;   ///< the largest x with data
  std::string problem;  ///< empty when x and y are filled
};

/// The model at `estimates` (a fit's, matched by name) from the data's
/// first x to its last + `beyond` times the data's x range, at 300 points.
/// Never throws: what prevents it is in `problem`.
Extrapolation extrapolate(const Project& project, const std::vector<fit::ParameterEstimate>& estimates,
                          double beyond = 0.5);

}  // namespace hf::project
