// robustCost (declared in StrategySolver.h): the cost a fit minimises at
// given parameters, robust loss on the data, plain squares on penalties.
#include "fit/Calibrator.h"
#include "fit/RobustLoss.h"
#include "fit/detail/StrategySolver.h"

#include <cmath>
#include <limits>

namespace hf::fit::detail {

double robustCost(const model::ResidualModel& model, const std::vector<double>& params, LossKind loss, double scale) {
  std::vector<double> r;
  if (!evaluateModel(model, params, r, nullptr)) return std::numeric_limits<double>::infinity();
  double c = 0.0;
  const std::size_t data = model.dataResidualCount();  // penalties after the data keep plain squares
  for (std::size_t i = 0; i < r.size(); ++i)
    c += 0.5 * (i < data ? evaluateLoss(loss, scale, r[i] * r[i]).rho : r[i] * r[i]);
  return std::isfinite(c) ? c : std::numeric_limits<double>::infinity();
}

}  // namespace hf::fit::detail
