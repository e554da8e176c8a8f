#pragma once
// One term of a fit's cost apart from the data: a learned component's
// weight regularisation or a physics penalty (ResidualModel::blockTerm).

#include "model/ResidualModel.h"

#include <span>
#include <string>
#include <vector>

namespace hf::fit {

struct LossTerm {
  std::string name;
  double value = 0.0;  ///< its sum of squared residuals
  bool operator==(const LossTerm&) const = default;
};

/// The penalty terms of `model` at `params` (its blocks after the data,
/// summed by ResidualModel::blockTerm, in block order) into `terms`; a
/// term that cannot be evaluated is NaN. Evaluates no data block.
void evaluatePenaltyTerms(const model::ResidualModel& model, std::span<const double> params,
                          std::vector<LossTerm>& terms, model::EvalScratch& scratch);

}  // namespace hf::fit
