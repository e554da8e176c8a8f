#pragma once
// Robust loss functions rho(s) of a squared residual s = r^2, with the same
// definitions as Ceres (HuberLoss, CauchyLoss, SoftLOneLoss with a = scale):
//   Huber:   s <= a^2: s;            else 2 a sqrt(s) - a^2
//   Cauchy:  a^2 log(1 + s / a^2)
//   Soft-L1: 2 a^2 (sqrt(1 + s / a^2) - 1)
// Used for costs outside the solver and for the IRLS weights rho'(s) of
// the covariance (Huber, "Robust Statistics", 1981, ch. 7).

#include "fit/CalibrationOptions.h"

namespace hf::fit {

struct LossValue {
  double rho = 0.0;   ///< rho(s)
  double drho = 1.0;  ///< rho'(s), the weight of the residual in IRLS
};

LossValue evaluateLoss(LossKind kind, double scale, double s);

}  // namespace hf::fit
