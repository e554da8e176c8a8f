#include "model/CurveCheck.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hf::model {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

}  // namespace

std::vector<std::string> curveWarnings(const AlgebraicModel& model, const std::vector<double>& params,
                                       double rSquared) {
  std::vector<std::string> out;
  if (std::isfinite(rSquared) && rSquared < 0)
    out.push_back("R^2 is " + number(rSquared) +
                  ": the curve fits worse than a horizontal line at the mean of the data; check the formula and the "
                  "start values");
  if (model.variables().size() != 1 || model.pointCount() < 2) return out;

  const auto xs = model.inputColumn(0);
  const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
  double yMax = 0.0;
  for (double y : model.observed()) yMax = std::max(yMax, std::fabs(y));
  if (!(*hi > *lo)) return out;
  // The curve on a fine grid over the data range: a non-finite value, or a
  // sign change between two huge values, is a pole.
  constexpr int kGrid = 2000;
  const double huge = 10.0 * std::max(yMax, 1e-300);
  const expr::Expression& f = model.formula();
  expr::Workspace ws;
  double prevX = *lo, prevF = NAN;
  for (int i = 0; i <= kGrid; ++i) {
    const double x = *lo + (*hi - *lo) * i / kGrid;
    const double v = f.evaluate(std::span<const double>(&x, 1), params, ws);
    if (!std::isfinite(v)) {
      out.push_back("the fitted curve is not a number at " + model.variables()[0] + " = " + number(x) +
                    ", inside the data range [" + number(*lo) + ", " + number(*hi) + "]");
      return out;
    }
    if (i > 0 && ((v > huge && prevF < -huge) || (v < -huge && prevF > huge))) {
      out.push_back("the fitted curve has a pole between " + model.variables()[0] + " = " + number(prevX) + " and " +
                    number(x) + ", inside the data range [" + number(*lo) + ", " + number(*hi) +
                    "]: this is not a fit of the data; try other start values or bounds");
      return out;
    }
    prevX = x;
    prevF = v;
  }
  return out;
}

}  // namespace hf::model
