#pragma once
// Student's t distribution, for confidence intervals of estimates:
// estimate +/- t_{1 - alpha/2, dof} * standard error.

namespace hf::fit {

/// P(T <= t) for T ~ Student t with `dof` > 0 degrees of freedom.
double studentTCdf(double t, double dof);

/// The quantile t with studentTCdf(t, dof) = p, for 0 < p < 1. NaN outside.
double studentTQuantile(double p, double dof);

}  // namespace hf::fit
