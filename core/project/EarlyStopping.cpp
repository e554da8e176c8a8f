#include "project/EarlyStopping.h"

#include "common/Error.h"
#include "fit/Calibrator.h"
#include "fit/detail/StrategySolver.h"
#include "model/AlgebraicModel.h"
#include "project/DataPoints.h"
#include "project/ProjectFit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

namespace hf::project {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::unique_ptr<model::ResidualModel> buildModel(const Project& p) {
  if (p.model.isOde()) return std::make_unique<model::OdeModel>(buildOdeModel(p));
  return std::make_unique<model::AlgebraicModel>(p.modelDataset(), p.model.spec);
}

double dataSquares(const model::ResidualModel& m, std::span<const double> params, model::EvalScratch& scratch) {
  double sum = 0;
  std::vector<double> r;
  for (std::size_t b = 0; b < m.dataBlockCount(); ++b) {
    r.assign(static_cast<std::size_t>(m.blockSize(b)), 0.0);
    if (!m.evaluateBlock(b, params, r, {}, scratch)) return kNaN;
    for (double v : r) sum += v * v;
  }
  return sum;
}

// Keeps the parameters where the held-out error (IterationProgress::
// validation, from the fit's validation hook) was lowest, and stops the fit
// after `patience` iterations without a new lowest.
class Watch final : public fit::FitObserver {
 public:
  Watch(int patience, fit::FitObserver* outer) : m_patience(patience), m_outer(outer) {}

  fit::FitControl onIteration(const fit::IterationProgress& p) override {
    if (std::isfinite(p.validation) && !(p.validation >= best)) {
      best = p.validation;
      bestParameters.assign(p.parameters.begin(), p.parameters.end());
      m_since = 0;
    } else {
      ++m_since;
    }
    const fit::FitControl control = m_outer ? m_outer->onIteration(p) : fit::FitControl::Continue;
    if (control == fit::FitControl::Continue && m_since >= m_patience) {
      stoppedEarly = true;
      return fit::FitControl::Stop;
    }
    return control;
  }

  double best = std::numeric_limits<double>::infinity();
  std::vector<double> bestParameters;
  bool stoppedEarly = false;

 private:
  int m_patience;
  fit::FitObserver* m_outer;
  int m_since = 0;
};

}  // namespace

fit::FitSummary fitWithEarlyStopping(const Project& project, fit::FitObserver* observer,
                                     const std::atomic<bool>* cancel) {
  const double fraction = project.solver.validationFraction;
  const DataPoints pts = collectPoints(project);
  ValidationOptions o;
  o.kind = SplitKind::Random;
  o.folds = 1;
  o.holdOutFraction = fraction;
  const std::vector<int> fold =
      foldsOf(pts, o, project.model.isOde() ? project.model.ode.experiments.size() : std::size_t{1});
  // Every experiment keeps a training point (its local parameters must be
  // fitted): where all of one's points fell in the held-out set, its first
  // goes back.
  std::vector<int> split = fold;
  for (std::size_t e = 0; project.model.isOde() && e < project.model.ode.experiments.size(); ++e) {
    std::size_t first = pts.list.size(), training = 0;
    for (std::size_t i = 0; i < pts.list.size(); ++i)
      if (pts.list[i].experiment == e) {
        first = std::min(first, i);
        training += split[i] != 0;
      }
    if (training == 0 && first < pts.list.size()) split[first] = -1;
  }
  const auto heldCount = static_cast<std::size_t>(std::count(split.begin(), split.end(), 0));
  if (heldCount == 0 || heldCount + 2 > pts.list.size())
    throw Error("early stopping: " + std::to_string(pts.list.size()) + " data points are too few to hold out " +
                std::to_string(fraction));
  Project train = withPoints(project, pts, [&](std::size_t i) { return split[i] != 0; });
  train.solver.validationFraction = 0;
  train.solver.multistart = 0;
  Project held = withPoints(project, pts, [&](std::size_t i) { return split[i] == 0; });
  held.model.penalties().clear();  // its data blocks only are scored
  const std::unique_ptr<model::ResidualModel> trainModel = buildModel(train), heldModel = buildModel(held);
  std::vector<std::size_t> index;  // held-out model parameter -> training model parameter
  for (const std::string& name : heldModel->parameterNames()) {
    const auto& t = trainModel->parameterNames();
    const auto it = std::find(t.begin(), t.end(), name);
    if (it == t.end()) throw Error("early stopping: the held-out points need parameter '" + name + "'");
    index.push_back(static_cast<std::size_t>(it - t.begin()));
  }
  auto scratch = std::make_shared<model::EvalScratch>();
  auto heldParams = std::make_shared<std::vector<double>>(index.size());
  const auto validation = [&, scratch, heldParams](std::span<const double> params) {
    for (std::size_t j = 0; j < index.size(); ++j) (*heldParams)[j] = params[index[j]];
    return dataSquares(*heldModel, *heldParams, *scratch);
  };

  Watch watch(project.solver.earlyStoppingPatience, observer);
  fit::FitSummary s = fitProject(train, &watch, cancel, validation);
  const bool cancelled = cancel && cancel->load();
  s.validationPoints = heldModel->dataResidualCount();
  if (watch.bestParameters.empty()) return s;  // failed at the start
  s.validationRss = watch.best;
  for (const fit::IterationRecord& r : s.history)
    if (r.validation == watch.best) {
      s.bestValidationIteration = r.iteration;
      break;
    }

  // The kept parameters: the training fit's figures there.
  const std::vector<double>& params = watch.bestParameters;
  model::EvalScratch own;
  const double rss = dataSquares(*trainModel, params, own);
  s.rss = rss;
  fit::evaluatePenaltyTerms(*trainModel, params, s.penaltyTerms, own);
  s.penalty = 0;
  for (const fit::LossTerm& t : s.penaltyTerms) s.penalty += t.value;
  s.finalCost = fit::detail::robustCost(*trainModel, params, project.solver.loss, project.solver.lossScale);
  const double tss = trainModel->totalSumOfSquares();
  s.rSquared = tss > 0 ? 1 - rss / tss : kNaN;
  s.residualSd = s.degreesOfFreedom > 0 ? std::sqrt(rss / static_cast<double>(s.degreesOfFreedom)) : kNaN;
  for (std::size_t j = 0; j < s.parameters.size() && j < params.size(); ++j) {
    fit::ParameterEstimate& e = s.parameters[j];
    e.value = params[j];
    e.standardError = e.ci95 = kNaN;
    e.atBound = false;
    for (const fit::ParameterSetting& setting : project.parameters)
      if (setting.name == e.name && !setting.fixed)
        e.atBound = std::fabs(e.value - setting.lower) <= 1e-10 * std::max(1.0, std::fabs(setting.lower)) ||
                    std::fabs(e.value - setting.upper) <= 1e-10 * std::max(1.0, std::fabs(setting.upper));
  }
  // Statistics of an optimum do not describe an early stop.
  s.correlation.clear();
  s.nonIdentifiable.clear();
  s.conditionNumber = kNaN;
  const std::string kept =
      "the parameters of iteration " + std::to_string(s.bestValidationIteration) + " (lowest held-out error) are kept";
  if (!cancelled && watch.stoppedEarly) {
    s.termination = fit::Termination::Converged;
    s.message = "early stopping: the held-out points' error did not fall for " +
                std::to_string(project.solver.earlyStoppingPatience) + " iterations; " + kept;
  } else {
    s.message += "; " + kept;  // the training fit's own status stays (converged, limit, failure, cancel)
  }
  s.strategy += ", early stopping on " + std::to_string(s.validationPoints) + " held-out values";
  return s;
}

}  // namespace hf::project
