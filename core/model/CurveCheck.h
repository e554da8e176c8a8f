#pragma once
// Doubts about a fitted algebraic model that the residuals alone do not
// show: R^2 below zero (worse than a horizontal line at the mean), and, for
// a model of one input, a pole or a non-finite value of the curve between
// the data points (Vm*x/(K+x) "converging" to K < 0 inside the data).

#include "model/AlgebraicModel.h"

#include <string>
#include <vector>

namespace hf::model {

/// Plain-words warnings, empty when there is nothing to doubt. rSquared
/// may be NaN (then not judged).
std::vector<std::string> curveWarnings(const AlgebraicModel& model, const std::vector<double>& params, double rSquared);

}  // namespace hf::model
