#include "fit/StudentT.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace hf::fit {
namespace {

// Continued fraction for the regularized incomplete beta function, by the
// modified Lentz method (Press et al., "Numerical Recipes", 3rd ed., 6.4).
double betaContinuedFraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1.0 + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < 1e-16) break;
  }
  return h;
}

double regularizedBeta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double lnFront = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  if (x < (a + 1.0) / (a + b + 2.0)) return std::exp(lnFront) * betaContinuedFraction(a, b, x) / a;
  return 1.0 - std::exp(lnFront) * betaContinuedFraction(b, a, 1.0 - x) / b;
}

}  // namespace

double studentTCdf(double t, double dof) {
  if (!(dof > 0) || std::isnan(t)) return std::numeric_limits<double>::quiet_NaN();
  // P(T > |t|). Near t = 0 use the complementary form, whose argument
  // t^2 / (dof + t^2) does not round to 1.
  const double t2 = t * t;
  const double tail = t2 < dof ? 0.5 * (1.0 - regularizedBeta(0.5, 0.5 * dof, t2 / (dof + t2)))
                               : 0.5 * regularizedBeta(0.5 * dof, 0.5, dof / (dof + t2));
  return t >= 0 ? 1.0 - tail : tail;
}

double studentTQuantile(double p, double dof) {
  if (!(p > 0.0 && p < 1.0) || !(dof > 0)) return std::numeric_limits<double>::quiet_NaN();
  if (dof == 1.0) return std::tan(std::numbers::pi * (p - 0.5));  // Cauchy, exact
  // Bracket, then bisect to machine precision: slow but exact enough and
  // only called once per parameter.
  double lo = -1.0, hi = 1.0;
  while (studentTCdf(lo, dof) > p) lo *= 2.0;
  while (studentTCdf(hi, dof) < p) hi *= 2.0;
  for (int i = 0; i < 200 && hi - lo > 1e-15 * std::max(1.0, std::fabs(hi)); ++i) {
    const double mid = 0.5 * (lo + hi);
    (studentTCdf(mid, dof) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace hf::fit
