#include "project/EarlyStopping.h"

#include "common/Error.h"
#include "fit/Calibrator.h"
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

// Follows the held-out points' error at each iteration of the training
// fit, keeps the parameters where it was lowest, and stops the fit after
// `patience` iterations without a new lowest.
class Watch final : public fit::FitObserver {
 public:
  Watch(const model::ResidualModel& training, const model::ResidualModel& held, int patience, fit::FitObserver* outer)
      : m_held(held), m_patience(patience), m_outer(outer) {
    for (const std::string& name : held.parameterNames()) {
      const auto& t = training.parameterNames();
      const auto it = std::find(t.begin(), t.end(), name);
      if (it == t.end()) throw Error("early stopping: the held-out points need parameter '" + name + "'");
      m_index.push_back(static_cast<std::size_t>(it - t.begin()));
    }
  }

  fit::FitControl onIteration(const fit::IterationProgress& p) override {
    m_params.resize(m_index.size());
    for (std::size_t j = 0; j < m_index.size(); ++j) m_params[j] = p.parameters[m_index[j]];
    const double v = dataSquares(m_held, m_params, m_scratch);
    validation[p.iteration] = v;
    if (std::isfinite(v) && !(v >= best)) {
      best = v;
      bestIteration = p.iteration;
      bestParameters.assign(p.parameters.begin(), p.parameters.end());
      m_since = 0;
    } else {
      ++m_since;
    }
    fit::FitControl control = fit::FitControl::Continue;
    if (m_outer) {
      fit::IterationProgress forwarded = p;
      forwarded.validation = v;
      control = m_outer->onIteration(forwarded);
    }
    if (control == fit::FitControl::Continue && m_since >= m_patience) {
      stoppedEarly = true;
      return fit::FitControl::Stop;
    }
    return control;
  }

  std::map<int, double> validation;
  double best = std::numeric_limits<double>::infinity();
  int bestIteration = -1;
  std::vector<double> bestParameters;
  bool stoppedEarly = false;

 private:
  const model::ResidualModel& m_held;
  int m_patience;
  fit::FitObserver* m_outer;
  std::vector<std::size_t> m_index;
  std::vector<double> m_params;
  model::EvalScratch m_scratch;
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
  const auto heldCount = static_cast<std::size_t>(std::count(fold.begin(), fold.end(), 0));
  if (heldCount == 0 || heldCount + 2 > pts.list.size())
    throw Error("early stopping: " + std::to_string(pts.list.size()) + " data points are too few to hold out " +
                std::to_string(fraction));
  Project train = withPoints(project, pts, [&](std::size_t i) { return fold[i] != 0; });
  train.solver.validationFraction = 0;
  train.solver.multistart = 0;
  const Project held = withPoints(project, pts, [&](std::size_t i) { return fold[i] == 0; });
  const std::unique_ptr<model::ResidualModel> trainModel = buildModel(train), heldModel = buildModel(held);

  Watch watch(*trainModel, *heldModel, project.solver.earlyStoppingPatience, observer);
  fit::FitSummary s = fitProject(train, &watch, cancel);
  const bool cancelled = cancel && cancel->load();
  for (fit::IterationRecord& r : s.history)
    if (const auto it = watch.validation.find(r.iteration); it != watch.validation.end()) r.validation = it->second;
  s.validationPoints = heldModel->dataResidualCount();
  s.validationRss = watch.best;
  s.bestValidationIteration = watch.bestIteration;
  if (watch.bestParameters.empty()) return s;  // failed at the start

  // The kept parameters: the training fit's figures there.
  std::vector<double> params = watch.bestParameters;
  std::vector<double> residuals;
  fit::evaluateModel(*trainModel, params, residuals, nullptr);
  const std::size_t nd = trainModel->dataResidualCount();
  double rss = 0, all = 0;
  for (std::size_t i = 0; i < residuals.size(); ++i) (i < nd ? rss : all) += residuals[i] * residuals[i];
  s.rss = rss;
  s.penalty = all;
  model::EvalScratch scratch;
  fit::evaluatePenaltyTerms(*trainModel, params, s.penaltyTerms, scratch);
  s.finalCost = 0.5 * (rss + all);
  const double tss = trainModel->totalSumOfSquares();
  s.rSquared = tss > 0 ? 1 - rss / tss : kNaN;
  s.residualSd = s.degreesOfFreedom > 0 ? std::sqrt(rss / static_cast<double>(s.degreesOfFreedom)) : kNaN;
  for (std::size_t j = 0; j < s.parameters.size() && j < params.size(); ++j) {
    s.parameters[j].value = params[j];
    s.parameters[j].standardError = kNaN;
    s.parameters[j].ci95 = kNaN;
  }
  s.correlation.clear();
  if (!cancelled) {
    s.termination = fit::Termination::Converged;
    s.message = (watch.stoppedEarly ? "early stopping: the held-out points' error did not fall for " +
                                          std::to_string(project.solver.earlyStoppingPatience) + " iterations"
                                    : "the training fit " + s.message) +
                "; the parameters of iteration " + std::to_string(watch.bestIteration) +
                " (lowest held-out error) are kept";
  }
  s.strategy += ", early stopping on " + std::to_string(s.validationPoints) + " held-out values";
  return s;
}

}  // namespace hf::project
