#include "fit/Calibrator.h"

#include "common/Error.h"
#include "fit/Covariance.h"
#include "fit/Stationarity.h"

#include <ceres/ceres.h>
#include <glog/logging.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>

namespace hf::fit {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The free parameters form one Ceres parameter block; fixed ones are baked
// into a template of the full vector. Residual blocks of the model map 1:1
// to Ceres residual blocks so that robust losses act per residual block.
struct Layout {
  std::vector<double> full;    // all parameters, fixed values in place
  std::vector<int> freeIndex;  // model index of each free parameter
  bool allFree() const { return freeIndex.size() == full.size(); }
  void expand(const double* freeValues, std::vector<double>& out) const {
    out.assign(full.begin(), full.end());
    for (std::size_t j = 0; j < freeIndex.size(); ++j) out[static_cast<std::size_t>(freeIndex[j])] = freeValues[j];
  }
};

struct Scratch {
  model::EvalScratch model;
  std::vector<double> params;
  std::vector<double> row;
};

class BlockCost final : public ceres::CostFunction {
 public:
  BlockCost(const model::ResidualModel& m, std::size_t block, const Layout& layout)
      : m_model(m), m_block(block), m_layout(layout) {
    set_num_residuals(m.blockSize(block));
    mutable_parameter_block_sizes()->push_back(static_cast<int>(layout.freeIndex.size()));
  }

  bool Evaluate(double const* const* parameters, double* residuals, double** jacobians) const override {
    thread_local Scratch s;  // per thread: Ceres may evaluate blocks concurrently
    m_layout.expand(parameters[0], s.params);
    const auto m = static_cast<std::size_t>(num_residuals());
    const std::span<double> r(residuals, m);
    if (!jacobians || !jacobians[0]) return m_model.evaluateBlock(m_block, s.params, r, {}, s.model);
    const std::size_t p = s.params.size();
    if (m_layout.allFree()) return m_model.evaluateBlock(m_block, s.params, r, {jacobians[0], m * p}, s.model);
    s.row.resize(m * p);
    if (!m_model.evaluateBlock(m_block, s.params, r, s.row, s.model)) return false;
    const std::size_t k = m_layout.freeIndex.size();
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < k; ++j)
        jacobians[0][i * k + j] = s.row[i * p + static_cast<std::size_t>(m_layout.freeIndex[j])];
    return true;
  }

 private:
  const model::ResidualModel& m_model;
  std::size_t m_block;
  const Layout& m_layout;
};

// Forwards Ceres iterations to the observer and the cancel flag, and
// records the history.
class Progress final : public ceres::IterationCallback {
 public:
  Progress(const Layout& layout, const double* x, FitObserver* observer, const std::atomic<bool>* cancel,
           std::chrono::steady_clock::time_point t0)
      : m_layout(layout), m_x(x), m_observer(observer), m_cancel(cancel), m_t0(t0) {}

  ceres::CallbackReturnType operator()(const ceres::IterationSummary& s) override {
    // Iteration 0 of a restart repeats the previous final state: skip it
    // in the history unless it is the very first record.
    // Rejected trial steps leave the state unchanged: report the cost of
    // the accepted state, so the history is monotone for each solve.
    if (s.iteration == 0 || s.step_is_successful) m_cost = s.cost;
    if ((s.iteration > 0 && s.step_is_successful) || history.empty()) {
      IterationRecord rec;
      rec.iteration = offset + s.iteration;
      rec.cost = m_cost;
      rec.gradientNorm = s.gradient_max_norm;
      rec.stepNorm = s.step_norm;
      rec.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_t0).count();
      history.push_back(rec);
    }
    if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
      stopped = true;
      return ceres::SOLVER_TERMINATE_SUCCESSFULLY;
    }
    if (m_observer) {
      m_layout.expand(m_x, m_params);
      IterationProgress p;
      p.iteration = offset + s.iteration;
      p.cost = m_cost;
      p.gradientNorm = s.gradient_max_norm;
      p.parameters = m_params;
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
    return ceres::SOLVER_CONTINUE;
  }

  std::vector<IterationRecord> history;
  int offset = 0;
  bool stopped = false;
  bool aborted = false;

 private:
  const Layout& m_layout;
  const double* m_x;
  FitObserver* m_observer;
  const std::atomic<bool>* m_cancel;
  std::chrono::steady_clock::time_point m_t0;
  std::vector<double> m_params;
  double m_cost = 0.0;
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
  std::vector<double> x;
  double cost = kInf;
  ceres::TerminationType termination = ceres::FAILURE;
  std::string message;
  int iterations = 0;
  double seconds = 0.0;
  std::string strategy;
  std::vector<IterationRecord> history;
};

}  // namespace

bool evaluateModel(const model::ResidualModel& model, const std::vector<double>& params, std::vector<double>& residuals,
                   std::vector<double>* jacobian) {
  const std::size_t p = params.size();
  std::size_t n = 0;
  for (std::size_t b = 0; b < model.blockCount(); ++b) n += static_cast<std::size_t>(model.blockSize(b));
  residuals.assign(n, 0.0);
  if (jacobian) jacobian->assign(n * p, 0.0);
  model::EvalScratch scratch;
  bool ok = true;
  std::size_t row = 0;
  for (std::size_t b = 0; b < model.blockCount(); ++b) {
    const auto m = static_cast<std::size_t>(model.blockSize(b));
    std::span<double> jac;
    if (jacobian) jac = std::span<double>(jacobian->data() + row * p, m * p);
    ok = model.evaluateBlock(b, params, std::span<double>(residuals.data() + row, m), jac, scratch) && ok;
    row += m;
  }
  return ok;
}

Calibrator::Calibrator(const model::ResidualModel& model, std::vector<ParameterSetting> settings,
                       CalibrationOptions options)
    : m_model(model), m_options(std::move(options)) {
  if (const std::string err = m_options.validate(); !err.empty()) throw Error("invalid solver options: " + err);
  for (const ParameterSetting& s : settings) {
    const auto& names = model.parameterNames();
    if (std::find(names.begin(), names.end(), s.name) == names.end())
      throw Error("parameter '" + s.name + "' is not used by the model");
  }
  for (const std::string& name : model.parameterNames()) {
    ParameterSetting s;
    s.name = name;
    for (const ParameterSetting& given : settings)
      if (given.name == name) s = given;
    if (!std::isfinite(s.start)) throw Error("parameter '" + name + "': the start value must be a finite number");
    if (std::isnan(s.lower) || std::isnan(s.upper)) throw Error("parameter '" + name + "': a bound is not a number");
    if (!s.fixed && !(s.lower < s.upper))
      throw Error("parameter '" + name + "': the lower bound must be below the upper bound");
    if (!s.fixed && (s.start < s.lower || s.start > s.upper))
      throw Error("parameter '" + name + "': the start value " + std::to_string(s.start) + " is outside its bounds [" +
                  std::to_string(s.lower) + ", " + std::to_string(s.upper) + "]");
    m_settings.push_back(s);
  }
}

namespace {
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
}  // namespace

FitSummary Calibrator::run() {
  quietCeresLogging();
  const auto t0 = std::chrono::steady_clock::now();
  const std::size_t P = m_settings.size();
  FitSummary summary;
  Layout layout;
  for (std::size_t i = 0; i < P; ++i) {
    layout.full.push_back(m_settings[i].start);
    if (!m_settings[i].fixed) layout.freeIndex.push_back(static_cast<int>(i));
  }
  const std::size_t k = layout.freeIndex.size();
  std::vector<double> start(k);
  for (std::size_t j = 0; j < k; ++j) start[j] = layout.full[static_cast<std::size_t>(layout.freeIndex[j])];

  std::size_t n = 0;
  for (std::size_t b = 0; b < m_model.blockCount(); ++b) n += static_cast<std::size_t>(m_model.blockSize(b));
  summary.pointCount = n;
  summary.freeParameterCount = k;
  summary.degreesOfFreedom = static_cast<long>(n) - static_cast<long>(k);

  // Check the start before handing it to the solver, to say where it fails.
  std::vector<double> residuals;
  if (!evaluateModel(m_model, layout.full, residuals, nullptr)) {
    std::size_t bad = 0;
    while (bad < residuals.size() && std::isfinite(residuals[bad])) ++bad;
    summary.termination = Termination::Failed;
    summary.message = "the model is not a finite number at the starting values (residual " + std::to_string(bad + 1) +
                      "); check the start values and the formula's domain (log, sqrt, division by zero)";
    summary.finalCost = summary.initialCost = kNaN;
    summary.rss = kNaN;
    for (const ParameterSetting& s : m_settings)
      summary.parameters.push_back({s.name, s.unit, s.start, s.start, kNaN, s.fixed, false, !s.fixed});
    return summary;
  }

  std::unique_ptr<ceres::LossFunction> loss;
  switch (m_options.loss) {
    case LossKind::None:
      break;
    case LossKind::Huber:
      loss = std::make_unique<ceres::HuberLoss>(m_options.lossScale);
      break;
    case LossKind::Cauchy:
      loss = std::make_unique<ceres::CauchyLoss>(m_options.lossScale);
      break;
    case LossKind::SoftL1:
      loss = std::make_unique<ceres::SoftLOneLoss>(m_options.lossScale);
      break;
  }

  std::vector<double> x = start;
  Attempt best;
  best.x = start;
  Progress progress(layout, x.data(), m_observer, m_cancel, t0);

  if (k > 0) {
    ceres::Problem::Options po;
    po.loss_function_ownership = ceres::DO_NOT_TAKE_OWNERSHIP;
    po.enable_fast_removal = false;
    ceres::Problem problem(po);
    for (std::size_t b = 0; b < m_model.blockCount(); ++b)
      problem.AddResidualBlock(new BlockCost(m_model, b, layout), loss.get(), x.data());
    for (std::size_t j = 0; j < k; ++j) {
      const ParameterSetting& s = m_settings[static_cast<std::size_t>(layout.freeIndex[j])];
      if (std::isfinite(s.lower)) problem.SetParameterLowerBound(x.data(), static_cast<int>(j), s.lower);
      if (std::isfinite(s.upper)) problem.SetParameterUpperBound(x.data(), static_cast<int>(j), s.upper);
    }

    auto cancelled = [&] { return progress.stopped || (m_cancel && m_cancel->load()); };
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };

    auto solve = [&](Strategy strategy, const std::vector<double>& from, int maxIterations) {
      Attempt a;
      a.strategy = strategyName(strategy);
      std::copy(from.begin(), from.end(), x.begin());
      ceres::Solver::Options so;
      so.linear_solver_type = ceres::DENSE_QR;
      so.trust_region_strategy_type = strategy == Strategy::Dogleg ? ceres::DOGLEG : ceres::LEVENBERG_MARQUARDT;
      so.max_num_iterations = maxIterations;
      so.function_tolerance = m_options.functionTolerance;
      so.gradient_tolerance = m_options.gradientTolerance;
      so.parameter_tolerance = m_options.parameterTolerance;
      so.max_solver_time_in_seconds = std::max(1e-3, m_options.maxSeconds - elapsed());
      so.num_threads = m_options.threads;
      so.max_num_consecutive_invalid_steps = 50;  // overflowing trial steps are common far from the optimum
      so.logging_type = ceres::SILENT;
      so.minimizer_progress_to_stdout = false;
      so.update_state_every_iteration = true;  // the observer sees current parameters
      // Small, capped trust regions follow the steepest-descent path out of
      // a poor start instead of jumping onto a plateau where the model no
      // longer depends on a parameter (BoxBOD from start 1 is the classic).
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
      const std::size_t historyStart = progress.history.size();
      ceres::Solver::Summary cs;
      const auto t = std::chrono::steady_clock::now();
      ceres::Solve(so, &problem, &cs);
      a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
      progress.offset += static_cast<int>(cs.iterations.size());  // each solve's iteration 0 gets its own number
      a.history.assign(progress.history.begin() + static_cast<std::ptrdiff_t>(historyStart), progress.history.end());
      a.x = x;
      a.termination = cs.termination_type;
      a.message = cs.message;
      a.iterations = std::max(0, static_cast<int>(cs.iterations.size()) - 1);
      a.cost = cs.termination_type == ceres::FAILURE ? kInf : cs.final_cost;
      if (progress.aborted) a.x = start;
      return a;
    };

    best = solve(Strategy::LevenbergMarquardt, start, m_options.maxIterations);
    summary.initialCost = best.history.empty() ? kNaN : best.history.front().cost;
    double totalSeconds = best.seconds;
    const bool small = static_cast<double>(n) * static_cast<double>(k) <= 2e5;
    if (m_options.tryAlternativeStrategies && !cancelled() && (small || best.termination != ceres::CONVERGENCE)) {
      for (Strategy s : {Strategy::NonmonotonicLM, Strategy::Dogleg, Strategy::CautiousLM, Strategy::VeryCautiousLM}) {
        if (cancelled() || elapsed() >= m_options.maxSeconds) break;
        Attempt a = solve(s, start, m_options.maxIterations);
        totalSeconds += a.seconds;
        // Prefer a clearly lower cost; on a tie keep the converged one.
        const bool better =
            a.cost < best.cost * (1 - 1e-10) ||
            (a.cost <= best.cost && a.termination == ceres::CONVERGENCE && best.termination != ceres::CONVERGENCE);
        if (better) best = std::move(a);
      }
    }
    // Polish: restart from the optimum with a fresh trust region.
    for (int r = 0; r < m_options.polishRestarts && !cancelled() && best.cost < kInf; ++r) {
      if (elapsed() >= m_options.maxSeconds) break;
      Attempt a = solve(Strategy::LevenbergMarquardt, best.x, m_options.maxIterations);
      totalSeconds += a.seconds;
      if (!(a.cost < best.cost)) break;
      const bool significant = a.cost < best.cost * (1 - 1e-12);
      best.x = a.x;
      best.cost = a.cost;
      best.iterations += a.iterations;
      best.history.insert(best.history.end(), a.history.begin(), a.history.end());
      if (a.termination == ceres::CONVERGENCE || best.termination != ceres::CONVERGENCE) {
        best.termination = a.termination;
        best.message = a.message;
      }
      if (!significant) break;
    }
    summary.solveSeconds = totalSeconds;
    if (progress.aborted) {
      best.x = start;
      best.termination = ceres::USER_FAILURE;
    } else if (progress.stopped) {
      best.termination = ceres::USER_SUCCESS;
    }
  }

  for (std::size_t j = 0; j < k; ++j) layout.full[static_cast<std::size_t>(layout.freeIndex[j])] = best.x[j];
  summary.iterations = best.iterations;
  // Report the winning path as one sequence: the start, then its accepted
  // steps numbered 1, 2, ... (other strategies tried are not part of it).
  if (k > 0 && !progress.history.empty()) {
    summary.history.push_back(progress.history.front());
    summary.history.front().iteration = 0;
    for (const IterationRecord& r : best.history) {
      if (&r == &best.history.front() && r.iteration == 0) continue;
      summary.history.push_back(r);
      summary.history.back().iteration = static_cast<int>(summary.history.size()) - 1;
    }
  }
  summary.strategy = k ? best.strategy : "none";

  switch (k ? best.termination : ceres::CONVERGENCE) {
    case ceres::CONVERGENCE:
      summary.termination = Termination::Converged;
      summary.message = k ? best.message : "no free parameters: the model was evaluated, not fitted";
      break;
    case ceres::NO_CONVERGENCE:
      summary.termination = Termination::NoConvergence;
      summary.message = "stopped before converging (" + best.message +
                        "); try more iterations, a longer time limit or better start values";
      break;
    case ceres::USER_SUCCESS:
      summary.termination = Termination::Cancelled;
      summary.message = "cancelled; the parameters are the best found so far";
      break;
    case ceres::USER_FAILURE:
      summary.termination = Termination::Cancelled;
      summary.message = "aborted; the parameters are the start values";
      break;
    case ceres::FAILURE:
      summary.termination = Termination::Failed;
      summary.message = "the solver failed: " + best.message;
      break;
  }

  // Statistics at the final parameters, from the weighted residuals.
  std::vector<double> jac;
  const bool finite = evaluateModel(m_model, layout.full, residuals, &jac);
  double rss = 0.0;
  for (double r : residuals) rss += r * r;
  summary.rss = finite ? rss : kNaN;
  summary.finalCost = k ? best.cost : 0.5 * rss;
  if (!k) summary.initialCost = summary.finalCost;
  summary.residualSd =
      summary.degreesOfFreedom > 0 ? std::sqrt(rss / static_cast<double>(summary.degreesOfFreedom)) : kNaN;
  const double tss = m_model.totalSumOfSquares();
  summary.rSquared = tss > 0 ? 1.0 - rss / tss : kNaN;

  // Convergence is only believable at a stationary point: Ceres can stop on
  // a tolerance far from an optimum, e.g. when rounding hides the cost
  // change of every trial step at enormous costs. Parameters held by a
  // bound are left out; robust losses change the gradient, so the check
  // applies to plain least squares.
  if (finite && k > 0 && summary.termination == Termination::Converged && m_options.loss == LossKind::None) {
    std::vector<std::size_t> cols;
    for (std::size_t j = 0; j < k; ++j) {
      const auto col = static_cast<std::size_t>(layout.freeIndex[j]);
      const ParameterSetting& s = m_settings[col];
      const double v = layout.full[col];
      auto near = [v](double b) { return std::isfinite(b) && std::fabs(v - b) <= 1e-8 * std::max(1.0, std::fabs(b)); };
      if (!near(s.lower) && !near(s.upper)) cols.push_back(col);
    }
    std::vector<double> jSub(n * cols.size()), xSub;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      xSub.push_back(layout.full[cols[c]]);
      for (std::size_t i = 0; i < n; ++i) jSub[i * cols.size() + c] = jac[i * P + cols[c]];
    }
    const bool jFinite = std::all_of(jSub.begin(), jSub.end(), [](double v) { return std::isfinite(v); });
    if (jFinite && !isStationary(jSub, n, cols.size(), residuals, xSub, m_model.totalSumOfSquares())) {
      summary.termination = Termination::NoConvergence;
      summary.message =
          "stopped at a point that is not an optimum (a Gauss-Newton step would still lower the cost); try start "
          "values closer to the data";
    }
  }

  CovarianceResult cov;
  if (m_options.computeCovariance && finite && k > 0) {
    std::vector<double> jFree(n * k);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < k; ++j) jFree[i * k + j] = jac[i * P + static_cast<std::size_t>(layout.freeIndex[j])];
    if (std::all_of(jFree.begin(), jFree.end(), [](double v) { return std::isfinite(v); })) {
      cov = computeCovariance(jFree, n, k, rss, summary.degreesOfFreedom);
      summary.conditionNumber = cov.conditionNumber;
    } else {
      summary.conditionNumber = kNaN;
      summary.message += " (no standard errors: the model's derivatives are not finite at the result)";
    }
  }
  summary.parameters.resize(P);
  for (std::size_t i = 0; i < P; ++i) {
    ParameterEstimate& e = summary.parameters[i];
    const ParameterSetting& s = m_settings[i];
    e.name = s.name;
    e.unit = s.unit;
    e.value = layout.full[i];
    e.start = s.start;
    e.fixed = s.fixed;
    e.standardError = kNaN;
    auto near = [](double v, double b) {
      return std::isfinite(b) && std::fabs(v - b) <= 1e-10 * std::max(1.0, std::fabs(b));
    };
    e.atBound = !s.fixed && (near(e.value, s.lower) || near(e.value, s.upper));
  }
  if (!cov.standardErrors.empty()) {
    summary.correlation.assign(P * P, kNaN);
    for (std::size_t a = 0; a < k; ++a) {
      const auto ia = static_cast<std::size_t>(layout.freeIndex[a]);
      summary.parameters[ia].standardError = cov.standardErrors[a];
      summary.parameters[ia].identifiable = cov.identifiable[a];
      if (!cov.identifiable[a]) summary.nonIdentifiable.push_back(summary.parameters[ia].name);
      for (std::size_t b = 0; b < k; ++b)
        summary.correlation[ia * P + static_cast<std::size_t>(layout.freeIndex[b])] = cov.correlation[a * k + b];
    }
  }
  return summary;
}

}  // namespace hf::fit
