#include "fit/RobustLoss.h"

#include <cmath>

namespace hf::fit {

LossValue evaluateLoss(LossKind kind, double scale, double s) {
  const double a2 = scale * scale;
  switch (kind) {
    case LossKind::None:
      return {s, 1.0};
    case LossKind::Huber:
      if (s <= a2) return {s, 1.0};
      return {2.0 * scale * std::sqrt(s) - a2, scale / std::sqrt(s)};
    case LossKind::Cauchy:
      return {a2 * std::log1p(s / a2), 1.0 / (1.0 + s / a2)};
    case LossKind::SoftL1: {
      const double t = std::sqrt(1.0 + s / a2);
      return {2.0 * a2 * (t - 1.0), 1.0 / t};
    }
  }
  return {s, 1.0};
}

}  // namespace hf::fit
