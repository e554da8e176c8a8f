#include "fit/detail/AdamSolver.h"

#include "fit/Calibrator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace hf::fit::detail {

SolveResult solveAdam(const SolveRequest& req) {
  constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kEpsilon = 1e-8;
  const model::ResidualModel& model = *req.model;
  const CalibrationOptions& o = req.options;
  const std::size_t k = req.freeIndex.size(), P = req.start.size();
  SolveResult out;
  out.strategy = "Adam";
  out.params = req.start;
  out.nextIteration = req.iterationOffset;
  std::vector<double> x = req.start, r, J, m(k, 0.0), v(k, 0.0), g(k, 0.0), best = x;
  double bestCost = std::numeric_limits<double>::infinity();
  std::vector<double> bestSoFar;  // per iteration, for the plateau rule
  const auto t0 = std::chrono::steady_clock::now();
  double b1 = 1, b2 = 1;
  int it = 0;
  for (;; ++it) {
    if (!evaluateModel(model, x, r, &J)) {
      out.end = it == 0 ? SolveEnd::Failed : SolveEnd::NoConvergence;
      out.message = it == 0 ? "the model is not finite at the start"
                            : "Adam stepped where the model is not finite (iteration " + std::to_string(it) +
                                  "); try a smaller learning rate";
      break;
    }
    double cost = 0;
    for (double ri : r) cost += 0.5 * ri * ri;
    if (it == 0) out.initialCost = cost;
    if (cost < bestCost) {
      bestCost = cost;
      best = x;
    }
    bestSoFar.push_back(bestCost);
    double gmax = 0;
    for (std::size_t j = 0; j < k; ++j) {
      const auto col = static_cast<std::size_t>(req.freeIndex[j]);
      double s = 0;
      for (std::size_t i = 0; i < r.size(); ++i) s += r[i] * J[i * P + col];
      g[j] = s;
      gmax = std::max(gmax, std::fabs(s));
    }
    IterationRecord rec;
    rec.iteration = req.iterationOffset + it;
    rec.cost = bestCost;
    rec.gradientNorm = gmax;
    rec.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - req.t0).count();
    if (req.validation) rec.validation = req.validation(x);
    out.history.push_back(rec);
    if (req.observer) {
      IterationProgress p;
      p.iteration = rec.iteration;
      p.cost = cost;
      p.gradientNorm = gmax;
      p.parameters = x;
      p.validation = rec.validation;
      if (req.observer->onIteration(p) != FitControl::Continue) {
        out.end = SolveEnd::Cancelled;
        out.message = "stopped";
        break;
      }
    }
    if (req.cancel && req.cancel->load()) {
      out.end = SolveEnd::Cancelled;
      out.message = "cancelled";
      break;
    }
    const auto window = static_cast<std::size_t>(std::max(1, o.plateauWindow));
    if (bestSoFar.size() > window) {
      const double before = bestSoFar[bestSoFar.size() - 1 - window];
      if (before - bestCost <= o.plateauTolerance * before) {
        out.end = SolveEnd::Converged;
        char text[160];
        std::snprintf(text, sizeof text,
                      "converged: the lowest cost fell by less than a relative %g over the last %zu iterations (Adam)",
                      o.plateauTolerance, window);
        out.message = text;
        break;
      }
    }
    if (it >= req.iterationBudget) {
      out.end = SolveEnd::NoConvergence;
      out.message = "stopped before converging (iteration limit, Adam)";
      break;
    }
    b1 *= kBeta1;
    b2 *= kBeta2;
    for (std::size_t j = 0; j < k; ++j) {
      m[j] = kBeta1 * m[j] + (1 - kBeta1) * g[j];
      v[j] = kBeta2 * v[j] + (1 - kBeta2) * g[j] * g[j];
      const double step = o.learningRate * (m[j] / (1 - b1)) / (std::sqrt(v[j] / (1 - b2)) + kEpsilon);
      const auto col = static_cast<std::size_t>(req.freeIndex[j]);
      x[col] = std::clamp(x[col] - step, req.lower[j], req.upper[j]);
    }
  }
  out.params = best;
  out.cost = bestCost;
  out.iterations = it;
  out.nextIteration = req.iterationOffset + it + 1;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace hf::fit::detail
