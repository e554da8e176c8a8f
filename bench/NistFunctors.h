#pragma once
// The NIST StRD nonlinear problems written by hand as Ceres autodiff
// functors, the way Ceres' own NIST example does it: one cost function
// holding all observations (residual = y - f(x; b)), Levenberg-Marquardt,
// DENSE_QR, tolerances at machine epsilon. bench_nist_suite runs these next
// to HybridFit's formula path in the same process: "the limit".

#include <string>
#include <vector>

namespace hf::bench {

struct HandWrittenRun {
  bool known = false;  ///< a functor exists for this problem
  std::vector<double> b;
  int iterations = 0;
  double seconds = 0;  ///< problem set-up and solve
};

/// Solves problem `name` from `start`. x1 (and x2 for Nelson) are the
/// predictors, y the response (Nelson fits log y, as NIST states it).
HandWrittenRun solveHandWritten(const std::string& name, const std::vector<double>& x1, const std::vector<double>& x2,
                                const std::vector<double>& y, const std::vector<double>& start);

}  // namespace hf::bench
