#include "fit/StartGuess.h"

#include "common/Error.h"
#include "fit/Calibrator.h"
#include "fit/RobustLoss.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace hf::fit {
namespace {

double cost(const model::ResidualModel& model, const std::vector<double>& params, const CalibrationOptions& o) {
  std::vector<double> r;
  if (!evaluateModel(model, params, r, nullptr)) return INFINITY;
  double c = 0.0;
  const std::size_t data = model.dataResidualCount();  // penalties after the data keep plain squares
  for (std::size_t i = 0; i < r.size(); ++i)
    c += i < data ? evaluateLoss(o.loss, o.lossScale, r[i] * r[i]).rho : r[i] * r[i];
  return std::isfinite(c) ? c : INFINITY;
}

void addCandidate(std::vector<double>& list, double v, const ParameterSetting& s) {
  if (!std::isfinite(v)) return;
  v = std::clamp(v, s.lower, s.upper);
  if (!std::isfinite(v)) return;
  if (s.logScale && !(v > 0)) return;  // log(value) needs a positive start
  for (double w : list)
    if (w == v) return;
  list.push_back(v);
}

}  // namespace

std::vector<ParameterSetting> guessStarts(const model::ResidualModel& model, std::vector<ParameterSetting> settings,
                                          const CalibrationOptions& options, const std::atomic<bool>* cancel) {
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < settings.size(); ++i)
    if (settings[i].autoStart && !settings[i].fixed) open.push_back(i);
  if (open.empty()) return settings;

  // Candidates per open parameter.
  std::vector<double> scales;
  for (double m : model.typicalMagnitudes())
    if (m > 0 && std::isfinite(m)) scales.push_back(m);
  std::vector<std::vector<double>> candidates;
  for (std::size_t i : open) {
    const ParameterSetting& s = settings[i];
    std::vector<double> list;
    addCandidate(list, s.start, s);
    for (double v : {1.0, -1.0}) addCandidate(list, v, s);
    for (double m : scales) {
      addCandidate(list, m, s);
      addCandidate(list, 1.0 / m, s);
    }
    if (list.empty()) list.push_back(std::clamp(1.0, s.lower, s.upper));
    candidates.push_back(list);
  }

  // Combinations: all of them when few, else a seeded sample (the current
  // starts always included). The screen evaluates the cost only, within a
  // budget of about four million residuals.
  const std::size_t n = std::max<std::size_t>(1, model.residualCount());
  const std::size_t budget = std::clamp<std::size_t>(4'000'000 / n, 4, 512);
  double total = 1.0;
  for (const auto& c : candidates) total *= static_cast<double>(c.size());
  std::vector<std::vector<std::size_t>> combos;
  if (total <= static_cast<double>(budget)) {
    std::vector<std::size_t> idx(open.size(), 0);
    while (true) {
      combos.push_back(idx);
      std::size_t k = 0;
      while (k < idx.size() && ++idx[k] == candidates[k].size()) idx[k++] = 0;
      if (k == idx.size()) break;
    }
  } else {
    std::mt19937 rng(20261203);
    combos.push_back(std::vector<std::size_t>(open.size(), 0));
    while (combos.size() < budget) {
      std::vector<std::size_t> idx;
      for (const auto& c : candidates) idx.push_back(std::uniform_int_distribution<std::size_t>(0, c.size() - 1)(rng));
      combos.push_back(idx);
    }
  }
  std::vector<double> base;
  for (const ParameterSetting& s : settings) base.push_back(s.start);
  std::vector<std::pair<double, std::size_t>> screened;
  for (std::size_t c = 0; c < combos.size(); ++c) {
    if (cancel && cancel->load()) return settings;
    std::vector<double> p = base;
    for (std::size_t k = 0; k < open.size(); ++k) p[open[k]] = candidates[k][combos[c][k]];
    const double v = cost(model, p, options);
    if (std::isfinite(v)) screened.emplace_back(v, c);
  }
  if (screened.empty()) return settings;
  std::sort(screened.begin(), screened.end());

  // Short fits from the best few; the lowest cost wins.
  CalibrationOptions shortFit = options;
  shortFit.maxIterations = std::min(options.maxIterations, 50);
  shortFit.computeCovariance = false;
  shortFit.tryAlternativeStrategies = false;
  shortFit.polishRestarts = 0;
  const std::size_t tries = std::min<std::size_t>(screened.size(), n <= 100'000 ? 4 : 1);
  double bestCost = INFINITY;
  std::vector<double> best;
  for (std::size_t t = 0; t < tries; ++t) {
    if (cancel && cancel->load()) break;
    std::vector<ParameterSetting> trial = settings;
    for (std::size_t k = 0; k < open.size(); ++k) {
      trial[open[k]].start = candidates[k][combos[screened[t].second][k]];
      trial[open[k]].autoStart = false;
    }
    Calibrator calibrator(model, trial, shortFit);
    calibrator.setCancelFlag(cancel);
    FitSummary r;
    try {
      r = calibrator.run();
    } catch (const Error&) {
      continue;  // a candidate the settings do not allow
    }
    const double c = r.finalCost;
    if (std::isfinite(c) && c < bestCost) {
      bestCost = c;
      best.clear();
      for (const ParameterEstimate& e : r.parameters) best.push_back(e.value);
    }
  }
  if (best.empty()) {  // no short fit got anywhere: the best screened point
    for (std::size_t k = 0; k < open.size(); ++k)
      settings[open[k]].start = candidates[k][combos[screened[0].second][k]];
  } else {
    for (std::size_t i : open) settings[i].start = std::clamp(best[i], settings[i].lower, settings[i].upper);
  }
  return settings;
}

}  // namespace hf::fit
