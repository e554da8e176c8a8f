#pragma once
// Levenberg-Marquardt against Adam on one project (issue 12): one network
// (the project's seed, no restarts) trained by LM to convergence, then by
// Adam at each learning rate from the same start for up to 30,000
// iterations; prints LM's iterations, time and cost and, for Adam, the
// iteration and time at which its cost first came within 1 % of LM's final
// cost (or its lowest cost when it never did).

#include "fit/FitSummary.h"
#include "project/Project.h"
#include "project/ProjectFit.h"

#include <chrono>
#include <cstdio>
#include <initializer_list>

namespace hf::bench {

inline void compareLmWithAdam(const project::Project& project, std::initializer_list<double> rates) {
  const auto seconds = [](std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  project::Project lm = project;
  lm.solver.multistart = 0;
  auto t0 = std::chrono::steady_clock::now();
  const fit::FitSummary l = project::fitProject(lm);
  std::printf("Levenberg-Marquardt, one network: %d iterations, %.3f s, cost %.6g (%s)\n", l.iterations, seconds(t0),
              l.finalCost, l.converged() ? "converged" : "NOT converged");
  for (double rate : rates) {
    project::Project adam = lm;
    adam.solver.optimizer = fit::Optimizer::Adam;
    adam.solver.learningRate = rate;
    adam.solver.maxIterations = 30000;
    adam.solver.plateauWindow = 30000;  // run to the limit; the history says when it got there
    t0 = std::chrono::steady_clock::now();
    const fit::FitSummary a = project::fitProject(adam);
    const double adamSeconds = seconds(t0);
    const fit::IterationRecord* reached = nullptr;
    for (const fit::IterationRecord& r : a.history)
      if (r.cost <= 1.01 * l.finalCost) {
        reached = &r;
        break;
      }
    if (reached)
      std::printf("Adam (learning rate %g): within 1 %% of LM's cost after %d iterations, %.3f s\n", rate,
                  reached->iteration, reached->seconds);
    else
      std::printf(
          "Adam (learning rate %g): not within 1 %% of LM's cost in %d iterations (%.3f s); lowest %.6g "
          "(%.2fx LM's)\n",
          rate, a.iterations, adamSeconds, a.finalCost, a.finalCost / l.finalCost);
  }
}

}  // namespace hf::bench
