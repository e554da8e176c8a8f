#include "fit/Calibrator.h"

#include "fit/LogScale.h"
#include "fit/Multistart.h"

#include "common/Error.h"
#include "fit/Covariance.h"
#include "fit/RobustLoss.h"
#include "fit/StartGuess.h"
#include "fit/Stationarity.h"
#include "fit/StudentT.h"
#include "fit/detail/AdamSolver.h"
#include "fit/detail/StrategySolver.h"
#include "fit/detail/WeightedProblem.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>

namespace hf::fit {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool nearBound(double v, double b) {
  return std::isfinite(b) && std::fabs(v - b) <= 1e-10 * std::max(1.0, std::fabs(b));
}

Termination toTermination(detail::SolveEnd e) {
  switch (e) {
    case detail::SolveEnd::Converged:
      return Termination::Converged;
    case detail::SolveEnd::NoConvergence:
      return Termination::NoConvergence;
    case detail::SolveEnd::Cancelled:
    case detail::SolveEnd::Aborted:
      return Termination::Cancelled;
    case detail::SolveEnd::Failed:
      return Termination::Failed;
  }
  return Termination::Failed;
}

// Appends a follow-up solve to the path of the first one.
void chain(detail::SolveResult& into, const detail::SolveResult& next) {
  into.params = next.params;
  into.cost = next.cost;
  into.end = next.end;
  into.message = next.message;
  into.iterations += next.iterations;
  into.seconds += next.seconds;
  into.nextIteration = next.nextIteration;
  for (std::size_t i = 1; i < next.history.size(); ++i) {
    into.history.push_back(next.history[i]);
    into.history.back().iteration = static_cast<int>(into.history.size()) - 1;
  }
}

// Gradient of the (robust) cost with respect to model parameter `col`.
double costGradient(const std::vector<double>& r, const std::vector<double>& jac, std::size_t P, std::size_t col,
                    const CalibrationOptions& o) {
  double g = 0.0;
  for (std::size_t i = 0; i < r.size(); ++i)
    g += evaluateLoss(o.loss, o.lossScale, r[i] * r[i]).drho * r[i] * jac[i * P + col];
  return g;
}

}  // namespace

Calibrator::Calibrator(const model::ResidualModel& model, std::vector<ParameterSetting> settings,
                       CalibrationOptions options)
    : m_model(model), m_options(std::move(options)) {
  if (const std::string err = m_options.validate(); !err.empty()) throw Error("invalid solver options: " + err);
  for (const ParameterSetting& s : settings) {
    const auto& names = model.parameterNames();
    if (std::find(names.begin(), names.end(), s.name) == names.end())
      throw Error("parameter '" + s.name + "' is not used by the model");
  }
  const std::vector<double> defaults = model.defaultStarts();
  for (std::size_t i = 0; i < model.parameterNames().size(); ++i) {
    const std::string& name = model.parameterNames()[i];
    ParameterSetting s;
    s.name = name;
    if (i < defaults.size() && !std::isnan(defaults[i])) s.start = defaults[i];
    for (const ParameterSetting& given : settings)
      if (given.name == name) s = given;
    // A learned weight's seeded start beats a guess from the data.
    if (s.autoStart && i < defaults.size() && !std::isnan(defaults[i])) {
      s.start = defaults[i];
      s.autoStart = false;
    }
    if (!std::isfinite(s.start)) throw Error("parameter '" + name + "': the start value must be a finite number");
    if (std::isnan(s.lower) || std::isnan(s.upper)) throw Error("parameter '" + name + "': a bound is not a number");
    if (!s.fixed && !(s.lower < s.upper))
      throw Error("parameter '" + name + "': the lower bound must be below the upper bound");
    if (!s.fixed && (s.start < s.lower || s.start > s.upper))
      throw Error("parameter '" + name + "': the start value " + std::to_string(s.start) + " is outside its bounds [" +
                  std::to_string(s.lower) + ", " + std::to_string(s.upper) + "]");
    m_settings.push_back(s);
  }
  // Fewer points than free parameters leave the estimates undetermined: a
  // "converged" result would be one of infinitely many (lmfit and scipy
  // refuse such fits too).
  const std::size_t points = model.residualCount();
  const auto free = static_cast<std::size_t>(
      std::count_if(m_settings.begin(), m_settings.end(), [](const ParameterSetting& s) { return !s.fixed; }));
  if (points < free)
    throw Error("too few data points: " + std::to_string(points) + (points == 1 ? " point" : " points") + " for " +
                std::to_string(free) + " free parameters; a fit needs at least as many points as free parameters " +
                "(add data, or fix " + std::to_string(free - points) +
                (free - points == 1 ? " parameter)" : " parameters)"));
}

namespace {

// Convergence is only believable at a stationary point: a solver can stop
// on a tolerance far from an optimum, e.g. when rounding hides the cost
// change of every trial step at enormous costs, or on a collapsed trust
// region.
// The solver's own verdict uses strict bounds (a Gauss-Newton step of at
// most 1e-10 relative for every parameter): a point that
// misses them is polished, which costs a few cheap iterations. The verdict
// shown to the user uses the looser defaults of isStationary().
// A model whose values are accurate only to a relative `precision` (an ODE
// solve) is judged strictly at a hundred times that precision (its Jacobian
// and residuals carry the integration error, and so does a Gauss-Newton step).
// Such a model fitted exactly (synthetic data) has residuals of integration
// noise, about precision times the data's values; the data's spread (the
// sum of squares about the mean) can be a hundred times smaller than the
// values, so below (100 precision)^2 of it a fit is exact (R^2 = 1 - 1e-12
// at the default rtol 1e-8).
double exactFloor(double precision) { return std::max(1e-24, 1e4 * precision * precision); }

bool stationary(const detail::WeightedProblem& w, double tss, bool strict = false, double precision = 0.0) {
  const std::size_t m = w.interior.size();
  if (!w.finite || !w.jFinite || m == 0) return true;  // nothing a Gauss-Newton step could be judged on
  if (strict)
    return isStationary(w.jSub, w.rows, m, w.rw, w.xSub, tss, std::max(1e-10, 100 * precision), 0.0,
                        exactFloor(precision));
  return isStationary(w.jSub, w.rows, m, w.rw, w.xSub, tss, 1e-6, 1e-6, exactFloor(precision));
}

}  // namespace

FitSummary Calibrator::run() {
  // Starts the user left unset are chosen from the data first; the summary
  // reports them as the starts.
  if (std::any_of(m_settings.begin(), m_settings.end(), [](const ParameterSetting& s) { return s.autoStart; }))
    m_settings = guessStarts(m_model, m_settings, m_options, m_cancel);
  // A learned model's fit is repeated from other seeded networks.
  const bool shortOnPurpose = m_options.maxIterations < CalibrationOptions{}.maxIterations;
  const bool recipe = m_model.learnedWeightCount() > 0 && m_options.multistart != 0 && !shortOnPurpose;
  FitSummary first = runOnce();
  const bool poor = !first.converged() || (std::isfinite(first.rSquared) && first.rSquared < 0.9);
  // A fit cut short on purpose (fewer iterations than the default) is not
  // followed by more fits.
  // Twelve more fits are cheap for small problems only; a large dataset
  // that a model fits poorly is not refitted twelve times unasked.
  const bool small = m_model.residualCount() <= kAutoMultistartResiduals;
  const bool cancelled = m_cancel && m_cancel->load();
  if (cancelled || first.termination == Termination::Cancelled || first.termination == Termination::Failed ||
      m_options.multistart == 0)
    return first;
  // A learned model's weights are not spread around a start: other
  // networks are, from other seeds.
  if (m_model.learnedWeightCount() > 0) {
    FitSummary best = recipe ? runSeededRestarts(std::move(first)) : std::move(first);
    for (std::size_t i = 0; i < best.parameters.size() && i < m_settings.size(); ++i)
      best.parameters[i].start = m_settings[i].start;  // the user's, not another seed's
    return best;
  }
  if (m_options.multistart < 0 && (!poor || shortOnPurpose || !small)) return first;
  return runMultistart(std::move(first));
}

FitSummary Calibrator::runOnce() {
  if (std::any_of(m_settings.begin(), m_settings.end(),
                  [](const ParameterSetting& s) { return s.logScale && !s.fixed; }))
    return runLogScaled();
  return runDirect();
}

namespace {
// Reports the values, not their logarithms, to the caller's observer.
class ValueObserver final : public FitObserver {
 public:
  ValueObserver(FitObserver* outer, const LogScaledModel& model) : m_outer(outer), m_model(model) {}
  FitControl onIteration(const IterationProgress& progress) override {
    const std::vector<double> values = m_model.toValues(progress.parameters);
    IterationProgress p = progress;
    p.parameters = values;
    return m_outer->onIteration(p);
  }

 private:
  FitObserver* m_outer;
  const LogScaledModel& m_model;
};
}  // namespace

FitSummary Calibrator::runLogScaled() {
  std::vector<bool> mask;
  for (const ParameterSetting& s : m_settings) mask.push_back(s.logScale && !s.fixed);
  const LogScaledModel scaled(m_model, mask);
  Calibrator inner(scaled, logScaledSettings(m_settings), m_options);
  ValueObserver observer(m_observer, scaled);
  if (m_observer) inner.setObserver(&observer);
  inner.setCancelFlag(m_cancel);
  if (m_validation)
    inner.setValidation([this, &scaled](std::span<const double> u) { return m_validation(scaled.toValues(u)); });
  FitSummary summary = inner.runDirect();
  // Back to values: p = exp(u), and by the delta method sd(p) = p sd(u)
  // (exact for the linearised statistics, since J_u = J_p diag(p));
  // correlations are unchanged by the diagonal scaling.
  for (std::size_t i = 0; i < summary.parameters.size(); ++i) {
    if (!mask[i]) continue;
    ParameterEstimate& e = summary.parameters[i];
    const ParameterSetting& s = m_settings[i];
    e.value = std::exp(e.value);
    e.start = s.start;
    e.standardError *= e.value;
    e.ci95 *= e.value;
    e.atBound = nearBound(e.value, s.lower) || nearBound(e.value, s.upper);
  }
  return summary;
}

FitSummary Calibrator::runDirect() {
  const auto t0 = std::chrono::steady_clock::now();
  const std::size_t P = m_settings.size();
  FitSummary summary;
  detail::SolveRequest req;
  req.model = &m_model;
  req.options = m_options;
  req.observer = m_observer;
  req.cancel = m_cancel;
  req.validation = m_validation;
  req.t0 = t0;
  for (std::size_t i = 0; i < P; ++i) {
    const ParameterSetting& s = m_settings[i];
    req.start.push_back(s.start);
    if (s.fixed) continue;
    req.freeIndex.push_back(static_cast<int>(i));
    req.lower.push_back(s.lower);
    req.upper.push_back(s.upper);
  }
  const std::size_t k = req.freeIndex.size();
  const double tss = m_model.totalSumOfSquares();
  req.iterationBudget = m_options.maxIterations;
  if (const double precision = m_model.relativePrecision(); precision > 0 && std::isfinite(tss))
    req.costFloor = 0.5 * exactFloor(precision) * tss;
  // The last judged point is kept: the statistics at the end need the same
  // Jacobian when the fit ends there (the usual case).
  std::vector<double> judgedAt;
  detail::WeightedProblem judged;
  const bool learned = m_model.learnedWeightCount() > 0;
  if (m_model.blockCount() > m_model.dataBlockCount()) {
    auto scratch = std::make_shared<model::EvalScratch>();
    req.lossTerms = [this, scratch](std::span<const double> params, std::vector<LossTerm>& terms) {
      evaluatePenaltyTerms(m_model, params, terms, *scratch);
    };
  }
  if (learned) {
    req.plateauWindow = m_options.plateauWindow;
    req.plateauTolerance = m_options.plateauTolerance;
  }
  if (!learned)
    req.judge = [&](const std::vector<double>& params) {
      judged = detail::buildWeightedProblem(m_model, m_settings, m_options, params, true);
      judgedAt = params;
      if (!stationary(judged, tss, false, m_model.relativePrecision())) return detail::Verdict::NotOptimum;
      return stationary(judged, tss, true, m_model.relativePrecision()) ? detail::Verdict::Optimum
                                                                        : detail::Verdict::Imprecise;
    };
  std::size_t dataPoints = 0;
  for (std::size_t b = 0; b < m_model.dataBlockCount(); ++b)
    dataPoints += static_cast<std::size_t>(m_model.blockSize(b));
  summary.pointCount = dataPoints;
  summary.freeParameterCount = k;
  summary.degreesOfFreedom = static_cast<long>(dataPoints) - static_cast<long>(k);

  const bool adam = m_options.optimizer == Optimizer::Adam;
  detail::SolveResult res = adam ? detail::solveAdam(req) : detail::solve(req);

  // A solve that failed at once: say where the start is not a number.
  if (std::vector<double> residuals; res.end == detail::SolveEnd::Failed && res.iterations == 0 &&
                                     !evaluateModel(m_model, req.start, residuals, nullptr)) {
    std::size_t bad = 0;
    while (bad < residuals.size() && std::isfinite(residuals[bad])) ++bad;
    summary.termination = Termination::Failed;
    summary.strategy = "none";
    const std::string why = m_model.failureAt(req.start);
    summary.message = !why.empty() ? "the model cannot be evaluated at the starting values: " + why
                                   : "the model is not a finite number at the starting values (residual " +
                                         std::to_string(bad + 1) +
                                         "); check the start values and the formula's domain (log, sqrt, division "
                                         "by zero)";
    summary.finalCost = summary.initialCost = kNaN;
    summary.rss = kNaN;
    for (const ParameterSetting& s : m_settings)
      summary.parameters.push_back({s.name, s.unit, s.start, s.start, kNaN, s.fixed, false, !s.fixed});
    return summary;
  }

  // Active bounds: Ceres projects steps onto the bounds, which converges
  // slowly (or stalls) along the free directions when a bound is active.
  // Re-solve with the parameters at their bounds held there, then check the
  // Karush-Kuhn-Tucker sign condition: the cost must rise when moving a held
  // parameter back inside; if not, release it with one more free solve.
  std::vector<std::size_t> active;
  for (std::size_t j = 0; j < k; ++j) {
    const auto col = static_cast<std::size_t>(req.freeIndex[j]);
    if (nearBound(res.params[col], req.lower[j]) || nearBound(res.params[col], req.upper[j])) active.push_back(j);
  }
  if (!adam && !active.empty() && res.iterations < m_options.maxIterations &&
      (res.end == detail::SolveEnd::Converged || res.end == detail::SolveEnd::NoConvergence)) {
    detail::SolveRequest held = req;
    held.start = res.params;
    held.alternatives = false;
    held.iterationOffset = res.nextIteration;
    held.iterationBudget = m_options.maxIterations - res.iterations;
    held.freeIndex.clear();
    held.lower.clear();
    held.upper.clear();
    for (std::size_t j = 0; j < k; ++j) {
      if (std::find(active.begin(), active.end(), j) != active.end()) continue;
      held.freeIndex.push_back(req.freeIndex[j]);
      held.lower.push_back(req.lower[j]);
      held.upper.push_back(req.upper[j]);
    }
    const detail::SolveResult heldRes = detail::solve(held);
    if (heldRes.end != detail::SolveEnd::Failed && heldRes.cost <= res.cost * (1 + 1e-12)) {
      std::vector<double> r, jac;
      evaluateModel(m_model, heldRes.params, r, &jac);
      bool releasable = false;
      for (std::size_t j : active) {
        const auto col = static_cast<std::size_t>(req.freeIndex[j]);
        const double g = costGradient(r, jac, P, col, m_options);
        const bool atLower = nearBound(heldRes.params[col], req.lower[j]);
        // Moving inward is +x at a lower bound and -x at an upper bound.
        if ((atLower && g < 0) || (!atLower && g > 0)) releasable = true;
      }
      chain(res, heldRes);
      if (releasable && res.end != detail::SolveEnd::Cancelled) {
        detail::SolveRequest again = req;
        again.start = res.params;
        again.alternatives = false;
        again.iterationOffset = res.nextIteration;
        again.iterationBudget = m_options.maxIterations - res.iterations;
        const detail::SolveResult freed = detail::solve(again);
        if (freed.end != detail::SolveEnd::Failed && freed.cost < res.cost) chain(res, freed);
      }
    }
  }

  summary.termination = toTermination(res.end);
  summary.message = res.message;
  summary.strategy = res.strategy;
  summary.iterations = res.iterations;
  summary.history = std::move(res.history);
  summary.solveSeconds = res.seconds;
  summary.initialCost = res.initialCost;
  summary.finalCost = res.cost;
  const std::vector<double>& params = res.params;

  // Statistics at the final parameters. A cancelled fit gets no
  // Jacobian-based statistics: they would describe a point that is not an
  // optimum, and skipping them keeps cancel fast.
  const bool cancelledFit = summary.termination == Termination::Cancelled;
  const detail::WeightedProblem w =
      !cancelledFit && judgedAt == params
          ? std::move(judged)
          : detail::buildWeightedProblem(m_model, m_settings, m_options, params, !cancelledFit);
  judged = {};
  const bool finite = w.finite;
  const double rss = w.dataRss;
  summary.rss = finite ? rss : kNaN;
  summary.penalty = finite ? w.rss - w.dataRss : kNaN;
  summary.penaltyTerms = w.penaltyTerms;
  summary.residualSd =
      summary.degreesOfFreedom > 0 && finite ? std::sqrt(rss / static_cast<double>(summary.degreesOfFreedom)) : kNaN;
  summary.rSquared = tss > 0 && finite ? 1.0 - rss / tss : kNaN;

  summary.parameters.resize(P);
  for (std::size_t i = 0; i < P; ++i) {
    ParameterEstimate& e = summary.parameters[i];
    const ParameterSetting& s = m_settings[i];
    e.name = s.name;
    e.unit = s.unit;
    e.value = params[i];
    e.start = s.start;
    e.fixed = s.fixed;
    e.standardError = kNaN;
    e.atBound = !s.fixed && (nearBound(e.value, s.lower) || nearBound(e.value, s.upper));
  }
  const std::vector<std::size_t>& interior = w.interior;  // free parameters not held by a bound
  const std::size_t m = interior.size();
  const bool jFinite = w.jFinite;
  const double rssWeighted = w.dataRssWeighted;  // the variance estimate: data only

  // (Learned models end on a cost plateau: a network always has directions
  // in which a Gauss-Newton step promises more.)
  if (!cancelledFit && !learned && summary.termination == Termination::Converged &&
      !stationary(w, tss, false, m_model.relativePrecision())) {
    summary.termination = Termination::NoConvergence;
    summary.message =
        "stopped at a point that is not an optimum (a Gauss-Newton step would still lower the cost); try start "
        "values closer to the data";
  }

  if (m_options.computeCovariance && finite && m > 0 && !cancelledFit) {
    if (jFinite) {
      const long dof = static_cast<long>(dataPoints) - static_cast<long>(m);
      const CovarianceResult cov = computeCovariance(w.jSub, w.rows, m, rssWeighted, dof);
      summary.conditionNumber = cov.conditionNumber;
      summary.correlation.assign(P * P, kNaN);
      const double t975 = dof > 0 ? studentTQuantile(0.975, static_cast<double>(dof)) : kNaN;  // once per fit
      for (std::size_t a = 0; a < m; ++a) {
        ParameterEstimate& e = summary.parameters[interior[a]];
        e.standardError = cov.standardErrors[a];
        e.ci95 = t975 * e.standardError;
        e.identifiable = cov.identifiable[a];
        if (!e.identifiable) summary.nonIdentifiable.push_back(e.name);
        for (std::size_t b = 0; b < m; ++b)
          summary.correlation[interior[a] * P + interior[b]] = cov.correlation[a * m + b];
      }
    } else {
      summary.conditionNumber = kNaN;
      summary.message += " (no standard errors: the model's derivatives are not finite at the result)";
    }
  }
  return summary;
}

}  // namespace hf::fit
