#pragma once
// Internal to core/fit: one least-squares solve with Ceres from a start,
// trying several trust-region strategies and polishing restarts, with
// progress, cancellation and a record of the accepted path. Calibrator
// decides what to solve (which parameters are free) and computes the
// statistics; this file is the only one that knows Ceres.

#include "fit/CalibrationOptions.h"
#include "fit/FitObserver.h"
#include "fit/FitSummary.h"
#include "model/ResidualModel.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace hf::fit::detail {

/// What a stationarity check says of a converged result.
enum class Verdict {
  Optimum,     ///< precise to the last digits: done
  Imprecise,   ///< an optimum, but a restart from it would gain digits
  NotOptimum,  ///< not an optimum: restart, then try other strategies
};

struct SolveRequest {
  const model::ResidualModel* model = nullptr;
  std::vector<double> start;   ///< all parameters; fixed ones hold their values
  std::vector<int> freeIndex;  ///< model indices of the free parameters
  std::vector<double> lower;   ///< per free parameter
  std::vector<double> upper;   ///< per free parameter
  CalibrationOptions options;
  bool alternatives = true;  ///< may try the other strategies
  /// Iterations this call may spend over all its attempts (>= 0); the
  /// user's limit is the limit of the whole calibration.
  int iterationBudget = 0;
  /// Judges a converged result (all parameters). Empty: every converged
  /// result is an optimum.
  std::function<Verdict(const std::vector<double>&)> judge;
  FitObserver* observer = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  std::chrono::steady_clock::time_point t0;  ///< start of the whole calibration
  int iterationOffset = 0;                   ///< numbering continues across solves
  /// Cost changes below this are not measurable (a model accurate only to
  /// a relative precision, e.g. an ODE solve, cannot resolve smaller ones).
  double costFloor = 0.0;
  /// Models with learned terms: converged when the cost fell by at most a
  /// relative plateauTolerance over plateauWindow iterations (0: off).
  int plateauWindow = 0;
  double plateauTolerance = 0.0;
  /// Models with penalty blocks: the penalty terms at all parameters,
  /// recorded at each accepted point (IterationRecord::terms) and passed to
  /// the observer. Called on the solver's thread.
  std::function<void(std::span<const double>, std::vector<LossTerm>&)> lossTerms;
  /// Early stopping: the held-out error at each accepted point
  /// (IterationRecord::validation, IterationProgress::validation).
  std::function<double(std::span<const double>)> validation;
};

enum class SolveEnd { Converged, NoConvergence, Cancelled, Aborted, Failed };

struct SolveResult {
  std::vector<double> params;  ///< all parameters at the result
  double cost = 0.0;           ///< 0.5 * sum rho(r^2) at the result
  double initialCost = 0.0;
  SolveEnd end = SolveEnd::Failed;
  std::string message;
  std::string strategy;
  int iterations = 0;                    ///< solver iterations of all attempts (<= the budget)
  double seconds = 0.0;                  ///< solver time of all attempts
  std::vector<IterationRecord> history;  ///< winning path, iteration 0 = start
  int nextIteration = 0;                 ///< iteration number after the last one reported
};

SolveResult solve(const SolveRequest& request);

/// 0.5 * sum rho(r_i^2) at `params`, or infinity when not finite.
double robustCost(const model::ResidualModel& model, const std::vector<double>& params, LossKind loss, double scale);

}  // namespace hf::fit::detail
