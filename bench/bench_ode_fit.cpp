// The Lotka-Volterra fit of issue 11: 4 rate parameters, 31 times x 2
// states, 5 % Gaussian noise, start (1, 0.5, 0.5, 1) for truth (1.3, 0.9,
// 0.8, 1.8), x(0) = (0.44249296, 4.6280594) known. HybridFit (OdeModel +
// Calibrator, statistics included) next to scipy's least_squares over
// solve_ivp (bench/peers/scipy_ode_fit.py, same CSV, start and residuals)
// from the same run. Goal: the same optimum (relative 1e-6) at least 50x
// faster than scipy's fastest variant. Usage: bench_ode_fit [repeats]
#include "LotkaVolterraData.h"
#include "data/DelimitedReader.h"
#include "fit/Calibrator.h"
#include "model/OdeModel.h"
#include "ode/BoundSystem.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::stoi(argv[1]) : 20;
  const std::string csv = hf::bench::writeLotkaVolterraData();
  const hf::data::Dataset d = hf::data::readDelimitedFile(csv);
  hf::model::OdeModelSpec spec;
  spec.equations = {{"x", "y"}, {"a*x - b*x*y", "c*x*y - d*y"}, {}};
  spec.initial = {"0.44249296", "4.6280594"};
  spec.parameters = {"a", "b", "c", "d"};
  spec.observables = {{"x", "x", ""}, {"y", "y", ""}};
  spec.integrator.rtol = 1e-8;
  spec.integrator.atol = 1e-10;
  const hf::model::OdeModel model(spec, {{"lv", &d}});
  double best = 1e9;
  hf::fit::FitSummary r;
  for (int i = 0; i < repeats; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    hf::fit::Calibrator c(model, {{"a", 1.0}, {"b", 0.5}, {"c", 0.5}, {"d", 1.0}});
    r = c.run();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::printf("HybridFit (auto: Dormand-Prince + sensitivities): %.5f s, %s, %d iterations, estimates", best,
              r.converged() ? "converged" : "NOT converged", r.iterations);
  for (const auto& p : r.parameters) std::printf(" %.10g", p.value);
  std::printf("\n");
  if (std::getenv("HF_BENCH_HISTORY"))
    for (const auto& h : r.history)
      std::printf("  it %d cost %.17g step %.3g grad %.3g\n", h.iteration, h.cost, h.stepNorm, h.gradientNorm);

  const std::string cmd = "/usr/bin/python3 " + std::string(HF_BENCH_DIR) + "/peers/scipy_ode_fit.py " + csv + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  char line[512];
  double fastest = 1e9;
  while (pipe && std::fgets(line, sizeof line, pipe)) {
    std::istringstream in(line);
    std::string method;
    double seconds = 0;
    std::vector<double> est(4);
    long nfev = 0;
    if (!(in >> method >> seconds >> est[0] >> est[1] >> est[2] >> est[3] >> nfev)) {
      std::printf("scipy: %s", line);
      continue;
    }
    double worst = 0;
    for (std::size_t j = 0; j < 4; ++j)
      worst = std::max(worst, std::fabs(est[j] - r.parameters[j].value) / std::fabs(r.parameters[j].value));
    std::printf(
        "scipy least_squares(lm) + solve_ivp(%s): %.5f s, %ld evaluations, largest relative difference "
        "from HybridFit's optimum %.1e -> HybridFit %.1fx faster\n",
        method.c_str(), seconds, nfev, worst, seconds / best);
    fastest = std::min(fastest, seconds);
  }
  if (pipe) pclose(pipe);
  if (fastest < 1e9) std::printf("against scipy's fastest variant: %.1fx (goal >= 50x)\n", fastest / best);
  return 0;
}
