#pragma once
// One branch-free test that a run of values is finite: a value that is not
// finite times zero is NaN, so the sum of all products is zero only when
// every value is finite. For hot loops (ODE right-hand sides, stage values).

#include <cstddef>

namespace hf {

inline bool allFinite(const double* v, std::size_t n) {
  double probe = 0.0;
  for (std::size_t i = 0; i < n; ++i) probe += v[i] * 0.0;
  return probe == 0.0;
}

}  // namespace hf
