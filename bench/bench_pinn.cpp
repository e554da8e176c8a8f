// The physics-informed network of issue 12 (projects/pinn-lv: N(t) = (prey,
// predators) fitted to the Lotka-Volterra data plus the ODE's residuals at
// 101 collocation times, a, b, c, d fitted too; a 1-8-8-2 tanh network, 106
// weights): the project's fit (five seeded networks) with its time,
// iterations and rates, then Levenberg-Marquardt against Adam on one
// network. Published physics-informed networks are mostly trained with
// Adam; this prints how many iterations each needs on the same problem.
// Usage: bench_pinn [fit|adam]
#include "AdamComparison.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"

#include <chrono>
#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  const std::string only = argc > 1 ? argv[1] : "";
  const hf::project::Project project =
      hf::project::loadProject(std::string(HF_SOURCE_DIR) + "/projects/pinn-lv/pinn-lv.hfproj");
  if (only.empty() || only == "fit") {
    const auto t0 = std::chrono::steady_clock::now();
    const hf::fit::FitSummary s = hf::project::fitProject(project);
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf(
        "HybridFit, physics-informed Lotka-Volterra (1-8-8-2 network, 106 weights + a, b, c, d; 62 points, 2 x 101 "
        "collocation times): %.3f s for %s; the winning fit %d iterations, %s, rss %.5g, penalty %.3g, a = %.4g "
        "(1.3), b = %.4g (0.9), c = %.4g (0.8), d = %.4g (1.8)\n",
        took, s.strategy.c_str(), s.iterations, s.converged() ? "converged" : "NOT converged", s.rss, s.penalty,
        s.parameters[0].value, s.parameters[1].value, s.parameters[2].value, s.parameters[3].value);
  }
  if (only.empty() || only == "adam") hf::bench::compareLmWithAdam(project, {1e-2, 1e-3});
  return 0;
}
