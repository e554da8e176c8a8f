#pragma once
// Arithmetic shared by the row sweeps and the scalar sweeps, so that both
// give the same values and derivatives bit for bit.

#include <cmath>
#include <limits>

namespace hf::expr::detail {

inline double powInt(double x, int n) {
  // Exact repeated multiplication; std::pow(x, int) may go through log/exp.
  int k = n < 0 ? -n : n;
  double r = 1.0, base = x;
  while (k) {
    if (k & 1) r *= base;
    base *= base;
    k >>= 1;
  }
  return n < 0 ? 1.0 / r : r;
}

// d/dx x^n = n x^(n-1), written as n * value / x only when x != 0.
inline double powIntSlope(double x, double value, int n) {
  if (x != 0.0) return n * value / x;
  return n == 1 ? 1.0 : (n > 1 || n == 0 ? 0.0 : std::numeric_limits<double>::infinity());
}

// Adds g * d to an adjoint, but never a non-finite partial times a zero
// adjoint: a branch whose weight is exactly zero must not turn a result
// into NaN (0 * inf), as in a scalar sweep that skips zero adjoints.
inline double times(double g, double d) { return g == 0.0 ? 0.0 : g * d; }

}  // namespace hf::expr::detail
