// Calibrator's fits from other starts: seeded networks for learned models
// and spread starts for physics models (fit/Multistart.h); each keeps the
// lowest cost.
#include "fit/Calibrator.h"

#include "common/Error.h"
#include "fit/Multistart.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace hf::fit {
namespace {
CalibrationOptions withoutRestarts(CalibrationOptions o) {
  o.multistart = 0;
  return o;
}
}  // namespace

FitSummary Calibrator::runSeededRestarts(FitSummary first) {
  const auto t0 = std::chrono::steady_clock::now() - std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                         std::chrono::duration<double>(first.solveSeconds));
  // Automatic restarts are for small problems; a large dataset is not
  // refitted four more times unasked.
  if (m_options.multistart < 0 && m_model.residualCount() > kAutoMultistartResiduals) return first;
  const int count = m_options.multistart > 0 ? m_options.multistart : 4;
  const CalibrationOptions again = withoutRestarts(m_options);
  FitSummary best = std::move(first);
  int tried = 0, bestRestart = 0;
  for (int k = 1; k <= count; ++k) {
    if (m_cancel && m_cancel->load()) break;
    const std::vector<double> starts = m_model.reseededStarts(static_cast<std::uint64_t>(k));
    std::vector<ParameterSetting> s = m_settings;
    for (std::size_t i = 0; i < s.size() && i < starts.size(); ++i)
      if (!std::isnan(starts[i]) && !s[i].fixed) {
        s[i].start = std::clamp(starts[i], s[i].lower, s[i].upper);
        s[i].autoStart = false;
      }
    // The time limit is for the whole calibration.
    CalibrationOptions timed = again;
    timed.maxSeconds =
        m_options.maxSeconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!(timed.maxSeconds > 0)) break;
    Calibrator c(m_model, s, timed);
    c.setCancelFlag(m_cancel);
    FitSummary r;
    try {
      r = c.run();
    } catch (const Error&) {
      continue;  // a start the settings do not allow
    }
    if (r.termination == Termination::Cancelled || r.termination == Termination::Failed) continue;
    ++tried;
    // The whole cost, penalties included: what the fit minimises; a fit
    // that stopped short does not replace a converged one.
    if (std::isfinite(r.finalCost) && !(r.finalCost >= best.finalCost * (1 - 1e-9)) &&
        (r.converged() || !best.converged())) {
      best = std::move(r);
      bestRestart = k;
    }
  }
  best.strategy += ", best of " + std::to_string(tried + 1) + " seeded networks";
  if (bestRestart > 0)
    best.message += " (the network from seed offset " + std::to_string(bestRestart) +
                    " reached the lowest cost; the first start's did not)";
  if (m_cancel && m_cancel->load() && best.termination != Termination::Cancelled)
    best.message += "; cancelled before all seeded restarts were tried";
  return best;
}

FitSummary Calibrator::runMultistart(FitSummary first) {
  const int count = m_options.multistart > 0 ? m_options.multistart : 12;
  const std::vector<std::vector<double>> points = multistartPoints(m_settings, static_cast<std::size_t>(count));
  CalibrationOptions quick = m_options;
  quick.multistart = 0;
  quick.maxIterations = std::min(m_options.maxIterations, 100);
  quick.computeCovariance = false;
  quick.tryAlternativeStrategies = false;
  quick.polishRestarts = 0;
  double bestCost = std::isfinite(first.finalCost) ? first.finalCost : std::numeric_limits<double>::infinity();
  std::vector<double> best;
  int tried = 0;
  for (const std::vector<double>& point : points) {
    if (m_cancel && m_cancel->load()) break;
    std::vector<ParameterSetting> s = m_settings;
    for (std::size_t i = 0; i < s.size(); ++i) {
      s[i].start = point[i];
      s[i].autoStart = false;  // this point, not another guess
      if (s[i].logScale && !(s[i].start > 0)) s[i].start = std::max(m_settings[i].start, 1e-300);
    }
    Calibrator c(m_model, s, quick);
    c.setCancelFlag(m_cancel);
    FitSummary r;
    try {
      r = c.run();
    } catch (const Error&) {
      continue;  // a start the settings do not allow: the next one
    }
    ++tried;
    if (std::isfinite(r.finalCost) && r.finalCost < bestCost * (1 - 1e-9)) {
      bestCost = r.finalCost;
      best.clear();
      for (const ParameterEstimate& e : r.parameters) best.push_back(e.value);
    }
  }
  const std::string tally = "multistart: " + std::to_string(tried) + " other start" + (tried == 1 ? "" : "s");
  if (m_cancel && m_cancel->load()) {
    first.termination = Termination::Cancelled;
    first.message = "cancelled during the " + tally + "; the parameters are those of the fit from the start values";
    return first;
  }
  if (best.empty()) return first;
  std::vector<ParameterSetting> s = m_settings;
  for (std::size_t i = 0; i < s.size(); ++i) {
    s[i].start = std::clamp(best[i], s[i].lower, s[i].upper);
    s[i].autoStart = false;
    if (s[i].logScale && !(s[i].start > 0)) s[i].start = std::max(m_settings[i].start, 1e-300);
  }
  CalibrationOptions full = m_options;
  full.multistart = 0;
  Calibrator c(m_model, s, full);
  c.setObserver(m_observer);
  c.setCancelFlag(m_cancel);
  FitSummary r;
  try {
    r = c.run();
  } catch (const Error&) {
    return first;
  }
  // A lower cost wins, but a converged fit is not traded for one that is not.
  const bool lower = r.finalCost < first.finalCost * (1 - 1e-9) || !std::isfinite(first.finalCost);
  if (!lower || (first.converged() && !r.converged())) return first;
  for (std::size_t i = 0; i < r.parameters.size(); ++i) r.parameters[i].start = m_settings[i].start;
  r.strategy += ", multistart";
  r.warnings.push_back("the fit from the start values " +
                       std::string(first.converged() ? "explained little of the data" : "did not converge") + " (R^2 " +
                       std::to_string(first.rSquared) + "); the result is from the best of " + tally + " (R^2 " +
                       std::to_string(r.rSquared) + ")");
  return r;
}

}  // namespace hf::fit
