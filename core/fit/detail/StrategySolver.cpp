#include "fit/detail/StrategySolver.h"

#include "fit/detail/StackedCost.h"

#include "fit/Calibrator.h"
#include "fit/RobustLoss.h"

#include <ceres/ceres.h>
#include <glog/logging.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace hf::fit::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Ceres reports failures through glog on stderr even with SILENT logging;
// outcomes reach the user through the FitSummary instead, so keep glog to
// fatal messages (command-line errors must stay one line).
void quietCeresLogging() {
  static const bool done = [] {
    if (!google::IsGoogleLoggingInitialized()) google::InitGoogleLogging("hybridfit");
    FLAGS_minloglevel = google::GLOG_FATAL;
    FLAGS_stderrthreshold = google::GLOG_FATAL;
    FLAGS_logtostderr = false;
    return true;
  }();
  (void)done;
}

// Forwards Ceres iterations to the observer and the cancel flag, records the
// path, remembers the last accepted state (Ceres does not hand back the
// parameters of a solve that ends in failure, e.g. after a cancel), and ends
// a solve once it stops improving (see converged()).
class Progress final : public ceres::IterationCallback {
 public:
  /// precision: the model's relative accuracy (ResidualModel::relativePrecision).
  Progress(const Layout& layout, const double* x, FitObserver* observer, const std::atomic<bool>* cancel,
           std::chrono::steady_clock::time_point t0, double precision, double costFloor)
      : m_layout(layout),
        m_x(x),
        m_observer(observer),
        m_cancel(cancel),
        m_t0(t0),
        m_tinyStep(std::max(1e-12, precision)),
        m_flatCost(std::max(1e-14, precision)),
        m_costFloor(costFloor) {}

  /// Free parameters' bounds: a solve whose accepted steps keep a parameter
  /// exactly on a bound ends early (see `pinned`).
  /// Learned models: converged once the cost fell by at most a relative
  /// `tolerance` over the last `window` iterations (0: off).
  /// Penalty terms to record at each accepted point (SolveRequest::lossTerms).
  void setLossTerms(std::function<void(std::span<const double>, std::vector<LossTerm>&)> terms) {
    m_lossTerms = std::move(terms);
  }
  void setValidation(std::function<double(std::span<const double>)> validation) {
    m_validationOf = std::move(validation);
  }

  void setPlateau(int window, double tolerance) {
    m_plateauWindow = window;
    m_plateauTolerance = tolerance;
  }

  void setBounds(const std::vector<double>* lower, const std::vector<double>* upper) {
    m_lower = lower;
    m_upper = upper;
  }

  void beginSolve() {
    history.clear();
    acceptedX.clear();
    converged = false;
    pinned = false;
    plateau = false;
    m_accepted.clear();
    m_pinnedRun = 0;
    // Parameters already on a bound when the solve starts (a follow-up
    // solve after one was held and another released) do not count.
    const std::size_t k = m_layout.freeIndex.size();
    m_startOnBound.assign(k, false);
    if (m_lower)
      for (std::size_t j = 0; j < k; ++j) m_startOnBound[j] = m_x[j] == (*m_lower)[j] || m_x[j] == (*m_upper)[j];
    m_flat = m_flatRejected = 0;
  }

  ceres::CallbackReturnType operator()(const ceres::IterationSummary& s) override {
    const std::size_t k = m_layout.freeIndex.size();
    bool tinyStep = false;
    if (s.iteration == 0 || s.step_is_successful) {
      if (s.iteration > 0) tinyStep = isTinyStep(m_x, acceptedX.data(), k, m_tinyStep);
      m_cost = s.cost;
      acceptedX.assign(m_x, m_x + k);
      acceptedCost = s.cost;
      if (s.iteration == 0) m_floor = std::max(1e-30 * s.cost, m_costFloor);
      if (m_lossTerms || m_validationOf) m_layout.expand(acceptedX.data(), m_params);
      if (m_lossTerms) m_lossTerms(m_params, m_terms);
      if (m_validationOf) m_validation = m_validationOf(m_params);
    }
    // Every iteration is recorded with the cost of the accepted state, so
    // the history has one row per iteration and never goes up.
    IterationRecord rec;
    rec.iteration = offset + s.iteration;
    rec.cost = m_cost;
    rec.gradientNorm = s.gradient_max_norm;
    rec.stepNorm = s.step_norm;
    rec.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_t0).count();
    for (const LossTerm& t : m_terms) rec.terms.push_back(t.value);
    rec.validation = m_validation;
    history.push_back(std::move(rec));
    if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
      stopped = true;
      return ceres::SOLVER_TERMINATE_SUCCESSFULLY;
    }
    if (m_observer) {
      m_layout.expand(acceptedX.data(), m_params);
      IterationProgress p;
      p.iteration = offset + s.iteration;
      p.cost = m_cost;
      p.gradientNorm = s.gradient_max_norm;
      p.parameters = m_params;
      p.terms = m_terms;
      p.validation = m_validation;
      switch (m_observer->onIteration(p)) {
        case FitControl::Continue:
          break;
        case FitControl::Stop:
          stopped = true;
          return ceres::SOLVER_TERMINATE_SUCCESSFULLY;
        case FitControl::Abort:
          stopped = aborted = true;
          return ceres::SOLVER_ABORT;
      }
    }
    // Converged when an accepted step moved no parameter by more than a
    // relative 1e-12 (with quadratic convergence the remaining error is far
    // smaller), or when the cost has stopped changing measurably: three
    // iterations in a row within 1e-14 of it, at least one of them a
    // rejected step (the noise floor: a step the local model said would
    // help did not). Large-residual problems converge linearly with tiny
    // but steady cost decreases; those go on until the floor. A stop on a
    // tiny trust region far from an optimum also ends here; the
    // calibrator's stationarity check catches that and restarts.
    // A rejected step of rounding size (relative 1e-10 of the parameter
    // norm) that did not change the cost measurably is the floor at once.
    // A parameter held on a bound by the projection for several accepted
    // steps in a row: projected LM then crawls along the other directions
    // (hundreds of tiny steps). End here; the caller holds the parameter
    // on its bound, solves for the others and checks the bound's
    // Karush-Kuhn-Tucker sign.
    if (s.iteration > 0 && s.step_is_successful && m_lower) {
      bool onBound = false;
      for (std::size_t j = 0; j < k && !onBound; ++j)
        onBound = !m_startOnBound[j] && (m_x[j] == (*m_lower)[j] || m_x[j] == (*m_upper)[j]);
      m_pinnedRun = onBound ? m_pinnedRun + 1 : 0;
      if (m_pinnedRun >= kPinnedSteps) {
        pinned = converged = true;
        return ceres::SOLVER_TERMINATE_SUCCESSFULLY;
      }
    }
    // A network's cost crawls along nearly flat valleys for thousands of
    // iterations at ever smaller relative gains: end on a plateau, as
    // training does, rather than on stationarity.
    // Counted in accepted steps: a run of rejected ones repeats the cost
    // without meaning that it stopped falling.
    if (m_plateauWindow > 0 && (s.iteration == 0 || s.step_is_successful)) m_accepted.push_back(m_cost);
    if (m_plateauWindow > 0 && m_accepted.size() > static_cast<std::size_t>(m_plateauWindow)) {
      const double before = m_accepted[m_accepted.size() - 1 - static_cast<std::size_t>(m_plateauWindow)];
      if (before - m_cost <= m_plateauTolerance * m_cost) {
        converged = plateau = true;
        return ceres::SOLVER_TERMINATE_SUCCESSFULLY;
      }
    }
    if (s.iteration > 0) {
      const bool flat = std::fabs(s.cost_change) <= m_flatCost * s.cost + m_floor;
      m_flat = flat ? m_flat + 1 : 0;
      m_flatRejected = flat ? m_flatRejected + (s.step_is_successful ? 0 : 1) : 0;
      const bool tinyRejected = flat && !s.step_is_successful && s.step_norm <= 1e-10 * norm(acceptedX);
      if (tinyStep || tinyRejected || (m_flat >= 3 && m_flatRejected > 0) || m_flat >= 20) {
        converged = true;
        return ceres::SOLVER_TERMINATE_SUCCESSFULLY;
      }
    }
    return ceres::SOLVER_CONTINUE;
  }

  std::vector<IterationRecord> history;  // of the current solve
  std::vector<double> acceptedX;         // free values of the last accepted state
  double acceptedCost = kInf;
  int offset = 0;
  bool stopped = false;    // by cancel or the observer
  bool aborted = false;    // by the observer, asking for the start values
  bool converged = false;  // by the convergence test above
  bool pinned = false;     // ended with a parameter held on a bound (also `converged`)
  bool plateau = false;    // ended on the plateau rule (also `converged`)
  static constexpr int kPinnedSteps = 8;

 private:
  static double norm(const std::vector<double>& x) {
    double s = 0.0;
    for (double v : x) s += v * v;
    return std::sqrt(s);
  }

  // Every parameter moved by at most a relative 1e-12. A parameter whose
  // optimum is zero never passes; such fits end on the flat-cost test.
  static bool isTinyStep(const double* now, const double* before, std::size_t k, double tiny) {
    for (std::size_t j = 0; j < k; ++j)
      if (!(std::fabs(now[j] - before[j]) <= tiny * std::fabs(now[j]))) return false;
    return true;
  }

  const Layout& m_layout;
  const double* m_x;
  FitObserver* m_observer;
  const std::atomic<bool>* m_cancel;
  std::chrono::steady_clock::time_point m_t0;
  std::vector<double> m_params;
  double m_cost = 0.0;
  double m_floor = 0.0;
  int m_flat = 0;
  int m_flatRejected = 0;
  double m_tinyStep;   // relative parameter change that counts as no move
  double m_flatCost;   // relative cost change that counts as none
  double m_costFloor;  // absolute cost change that counts as none
  const std::vector<double>* m_lower = nullptr;
  const std::vector<double>* m_upper = nullptr;
  int m_pinnedRun = 0;
  std::vector<bool> m_startOnBound;
  int m_plateauWindow = 0;
  double m_plateauTolerance = 0.0;
  std::vector<double> m_accepted;  ///< cost after each accepted step of this solve
  std::function<void(std::span<const double>, std::vector<LossTerm>&)> m_lossTerms;
  std::vector<LossTerm> m_terms;  ///< at the last accepted point
  std::function<double(std::span<const double>)> m_validationOf;
  double m_validation = std::numeric_limits<double>::quiet_NaN();  ///< at the last accepted point
};

enum class Strategy { LevenbergMarquardt, Dogleg, CautiousLM, VeryCautiousLM, NonmonotonicLM };

const char* strategyName(Strategy s) {
  switch (s) {
    case Strategy::LevenbergMarquardt:
      return "Levenberg-Marquardt";
    case Strategy::Dogleg:
      return "dogleg";
    case Strategy::CautiousLM:
      return "Levenberg-Marquardt, small trust region";
    case Strategy::VeryCautiousLM:
      return "Levenberg-Marquardt, very small trust region";
    case Strategy::NonmonotonicLM:
      return "Levenberg-Marquardt, non-monotonic";
  }
  return "?";
}

struct Attempt {
  std::vector<double> x;  // free values
  double cost = kInf;
  double initialCost = kInf;
  ceres::TerminationType termination = ceres::FAILURE;
  std::string message;
  int iterations = 0;
  double seconds = 0.0;
  std::string strategy;
  std::vector<IterationRecord> history;
  bool pinned = false;  // ended with a parameter on a bound (the caller holds it there)
};

}  // namespace

SolveResult solve(const SolveRequest& req) {
  quietCeresLogging();
  const model::ResidualModel& model = *req.model;
  const CalibrationOptions& opt = req.options;
  Layout layout;
  layout.full = req.start;
  layout.freeIndex = req.freeIndex;
  const std::size_t k = layout.freeIndex.size();
  std::vector<double> start(k);
  for (std::size_t j = 0; j < k; ++j) start[j] = req.start[static_cast<std::size_t>(req.freeIndex[j])];

  SolveResult out;
  out.params = req.start;
  out.nextIteration = req.iterationOffset;
  if (k == 0) {
    out.initialCost = out.cost = robustCost(model, req.start, opt.loss, opt.lossScale);
    out.end = SolveEnd::Converged;
    out.message = "no free parameters: the model was evaluated, not fitted";
    out.strategy = "none";
    return out;
  }

  std::vector<double> x = start;
  Progress progress(layout, x.data(), req.observer, req.cancel, req.t0, req.model->relativePrecision(), req.costFloor);
  progress.setPlateau(req.plateauWindow, req.plateauTolerance);
  progress.setLossTerms(req.lossTerms);
  progress.setValidation(req.validation);
  progress.offset = req.iterationOffset;
  progress.setBounds(&req.lower, &req.upper);

  ceres::Problem problem;
  problem.AddResidualBlock(new StackedCost(model, layout, opt, req.cancel), nullptr, x.data());
  for (std::size_t j = 0; j < k; ++j) {
    if (std::isfinite(req.lower[j])) problem.SetParameterLowerBound(x.data(), static_cast<int>(j), req.lower[j]);
    if (std::isfinite(req.upper[j])) problem.SetParameterUpperBound(x.data(), static_cast<int>(j), req.upper[j]);
  }

  const auto cancelFlag = [&] { return req.cancel && req.cancel->load(); };
  const auto cancelled = [&] { return progress.stopped || cancelFlag(); };
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - req.t0).count(); };
  int used = 0;  // iterations of all attempts
  const auto budgetLeft = [&] { return req.iterationBudget - used; };

  auto run = [&](Strategy strategy, const std::vector<double>& from) {
    Attempt a;
    a.strategy = strategyName(strategy);
    std::copy(from.begin(), from.end(), x.begin());
    ceres::Solver::Options so;
    so.linear_solver_type = ceres::DENSE_QR;
    so.trust_region_strategy_type = strategy == Strategy::Dogleg ? ceres::DOGLEG : ceres::LEVENBERG_MARQUARDT;
    so.max_num_iterations = std::max(1, budgetLeft());
    so.function_tolerance = opt.functionTolerance;
    so.gradient_tolerance = opt.gradientTolerance;
    so.parameter_tolerance = opt.parameterTolerance;
    so.max_solver_time_in_seconds = std::max(1e-3, opt.maxSeconds - elapsed());
    so.num_threads = 1;                         // StackedCost spreads its blocks over threads itself
    so.max_num_consecutive_invalid_steps = 50;  // overflowing trial steps are common far from the optimum
    so.logging_type = ceres::SILENT;
    so.update_state_every_iteration = true;  // the observer sees current parameters
    // Small, capped trust regions follow the steepest-descent path out of a
    // poor start instead of jumping onto a plateau where the model no longer
    // depends on a parameter (BoxBOD from start 1 is the classic).
    if (strategy == Strategy::CautiousLM) {
      so.initial_trust_region_radius = 1e-4;
      so.max_trust_region_radius = 1.0;
    }
    if (strategy == Strategy::VeryCautiousLM) {
      so.initial_trust_region_radius = 1e-4;
      so.max_trust_region_radius = 1e-1;
    }
    if (strategy == Strategy::NonmonotonicLM) {
      so.use_nonmonotonic_steps = true;
      so.initial_trust_region_radius = 1e8;
    }
    so.callbacks.push_back(&progress);
    progress.beginSolve();
    ceres::Solver::Summary cs;
    const auto t = std::chrono::steady_clock::now();
    ceres::Solve(so, &problem, &cs);
    a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    progress.offset += static_cast<int>(cs.iterations.size());  // each solve's iteration 0 gets its own number
    a.history = progress.history;
    a.pinned = progress.pinned;
    a.iterations = std::max(0, static_cast<int>(cs.iterations.size()) - 1);
    used += a.iterations;
    a.termination = progress.converged ? ceres::CONVERGENCE : cs.termination_type;
    a.message = progress.plateau
                    ? "converged: the cost fell by less than a relative " + std::to_string(req.plateauTolerance) +
                          " over the last " + std::to_string(req.plateauWindow) + " iterations (learned terms)"
                : progress.converged ? "converged: further steps no longer change the parameters or the cost measurably"
                                     : cs.message;
    a.initialCost = progress.history.empty() ? kInf : progress.history.front().cost;
    if (cs.termination_type == ceres::CONVERGENCE || cs.termination_type == ceres::NO_CONVERGENCE ||
        cs.termination_type == ceres::USER_SUCCESS) {
      a.x = x;
      a.cost = cs.final_cost;
    } else if (!progress.acceptedX.empty()) {
      // Failure or a cancel inside an iteration: the last accepted state.
      a.x = progress.acceptedX;
      a.cost = progress.acceptedCost;
    } else {
      a.x = from;
      a.cost = kInf;
    }
    if (cancelFlag() && a.termination != ceres::USER_FAILURE) a.termination = ceres::USER_SUCCESS;
    return a;
  };

  std::vector<double> full;
  const auto judge = [&](const Attempt& a) {
    if (a.termination != ceres::CONVERGENCE) return Verdict::NotOptimum;
    if (!req.judge) return Verdict::Optimum;
    layout.expand(a.x.data(), full);
    return req.judge(full);
  };
  const auto canGoOn = [&] { return !cancelled() && budgetLeft() > 0 && elapsed() < opt.maxSeconds; };
  // Restart from a result with a fresh trust region while that lowers the
  // cost: LM can end on a trust region that collapsed before the optimum,
  // or a few digits short of it.
  const auto polish = [&](Attempt& a, Verdict& v) {
    for (int r = 0; r < opt.polishRestarts && v != Verdict::Optimum && canGoOn() && a.cost < kInf; ++r) {
      Attempt b = run(Strategy::LevenbergMarquardt, a.x);
      if (!(b.cost < a.cost) && !(b.cost <= a.cost && b.termination == ceres::CONVERGENCE)) break;
      a.x = b.x;
      a.cost = b.cost;
      a.iterations += b.iterations;
      a.history.insert(a.history.end(), b.history.begin() + 1, b.history.end());
      a.termination = b.termination;
      a.message = b.message;
      v = judge(a);
    }
  };

  Attempt best = run(Strategy::LevenbergMarquardt, start);
  const double initialCost = best.initialCost;
  double totalSeconds = best.seconds;
  Verdict bestVerdict = judge(best);
  // A solve that ended with a parameter on its bound goes back to the
  // caller as it is: the caller holds that parameter and solves again.
  if (best.termination == ceres::CONVERGENCE && !best.pinned) polish(best, bestVerdict);
  // Other strategies from the same start, only when the first solve gives
  // reason: it did not converge, or not to an optimum.
  if (bestVerdict == Verdict::NotOptimum && !best.pinned && req.alternatives && opt.tryAlternativeStrategies) {
    for (Strategy s : {Strategy::NonmonotonicLM, Strategy::Dogleg, Strategy::CautiousLM, Strategy::VeryCautiousLM}) {
      if (!canGoOn()) break;
      Attempt a = run(s, start);
      totalSeconds += a.seconds;
      Verdict v = judge(a);
      if (a.termination == ceres::CONVERGENCE) polish(a, v);
      // Prefer a clearly lower cost; on a tie keep the optimum.
      const bool ok = v != Verdict::NotOptimum;
      const bool better = a.cost < best.cost * (1 - 1e-10) ||
                          (a.cost <= best.cost * (1 + 1e-10) && ok && bestVerdict == Verdict::NotOptimum);
      if (better || (cancelled() && a.cost < best.cost)) {
        best = std::move(a);
        bestVerdict = v;
      }
      if (bestVerdict != Verdict::NotOptimum) break;
    }
  }
  if (bestVerdict == Verdict::NotOptimum && best.termination != ceres::CONVERGENCE &&
      best.termination != ceres::NO_CONVERGENCE) {
    // A failed path may still hold a good point: let LM finish from it.
    polish(best, bestVerdict);
  }
  if (progress.aborted) {
    best.x = start;
    best.cost = initialCost;
    best.termination = ceres::USER_FAILURE;
  } else if (cancelled()) {
    best.termination = ceres::USER_SUCCESS;
  }

  layout.expand(best.x.data(), out.params);
  out.cost = best.cost;
  out.initialCost = initialCost;
  out.iterations = used;
  out.seconds = totalSeconds;
  out.strategy = best.strategy;
  out.nextIteration = progress.offset;
  // One sequence: the start, then the winning path renumbered 1, 2, ...
  if (!best.history.empty()) {
    IterationRecord first = best.history.front();
    first.iteration = 0;
    first.cost = initialCost;
    out.history.push_back(first);
    for (std::size_t i = 1; i < best.history.size(); ++i) {
      out.history.push_back(best.history[i]);
      out.history.back().iteration = static_cast<int>(out.history.size()) - 1;
    }
  }
  switch (best.termination) {
    case ceres::CONVERGENCE:
      out.end = SolveEnd::Converged;
      out.message = best.message;
      break;
    case ceres::NO_CONVERGENCE:
      out.end = SolveEnd::NoConvergence;
      out.message = "stopped before converging (" + best.message +
                    "); try more iterations, a longer time limit or better start values";
      break;
    case ceres::USER_SUCCESS:
      out.end = SolveEnd::Cancelled;
      out.message = "cancelled; the parameters are the best found so far";
      break;
    case ceres::USER_FAILURE:
      out.end = SolveEnd::Aborted;
      out.message = "aborted; the parameters are the start values";
      break;
    case ceres::FAILURE:
      out.end = SolveEnd::Failed;
      out.message = "the solver failed: " + best.message;
      break;
  }
  return out;
}

}  // namespace hf::fit::detail
