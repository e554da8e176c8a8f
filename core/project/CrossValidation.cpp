#include "project/CrossValidation.h"

#include "project/DataPoints.h"

#include "common/Error.h"
#include "project/ProjectFit.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hf::project {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

std::string ValidationOptions::validate() const {
  if (kind == SplitKind::Experiments) return {};
  if (folds < 1) return "the number of folds must be at least 1";
  if (folds == 1 && !(holdOutFraction > 0 && holdOutFraction < 1))
    return "the held-out fraction must be between 0 and 1";
  return {};
}

std::vector<int> assignFolds(std::size_t points, const ValidationOptions& options) {
  DataPoints pts;
  for (std::size_t i = 0; i < points; ++i) pts.list.push_back({0, i, 0, static_cast<double>(i)});
  return foldsOf(pts, options, 1);
}

ValidationReport crossValidate(const Project& project, const ValidationOptions& options,
                               const std::atomic<bool>* cancel, const std::function<void(int, int)>& progress) {
  if (const std::string problem = options.validate(); !problem.empty()) throw Error(problem);
  const DataPoints pts = collectPoints(project);
  const std::size_t experiments = project.model.isOde() ? project.model.ode.experiments.size() : 1;
  if (options.kind == SplitKind::Experiments && (!project.model.isOde() || experiments < 2))
    throw Error("leave-one-experiment-out needs an ODE model with at least two experiments");
  const int folds = options.kind == SplitKind::Experiments ? static_cast<int>(experiments) : options.folds;
  if (options.kind != SplitKind::Experiments && static_cast<std::size_t>(std::max(folds, 2)) > pts.list.size())
    throw Error("too few points (" + std::to_string(pts.list.size()) + ") for " + std::to_string(folds) + " folds");
  const std::vector<int> fold = foldsOf(pts, options, experiments);

  ValidationReport report;
  report.model = project.name;
  const fit::FitSummary all = fitProject(project, nullptr, cancel);
  // A cancelled fit returns its best point so far: not a result to report.
  if (cancel && cancel->load()) throw Error("cancelled");
  report.parameterCount = all.freeParameterCount;
  report.fit = residualSums(project, all).metrics();
  const auto n = static_cast<double>(all.pointCount), k = static_cast<double>(all.freeParameterCount);
  const double logLik = n * std::log(all.rss / n);
  report.aic = logLik + 2 * k;
  report.aicc = n - k - 1 > 0 ? report.aic + 2 * k * (k + 1) / (n - k - 1) : kNaN;
  report.bic = logLik + k * std::log(n);
  report.estimates = all.parameters;
  if (progress) progress(1, folds + 1);

  ResidualSums training, validation;
  for (int f = 0; f < folds; ++f) {
    if (cancel && cancel->load()) throw Error("cancelled");
    const Project train = withPoints(project, pts, [&](std::size_t i) { return fold[i] != f; });
    const Project held = withPoints(project, pts, [&](std::size_t i) { return fold[i] == f; });
    FoldResult r;
    const fit::FitSummary s = fitProject(train, nullptr, cancel);
    if (cancel && cancel->load()) throw Error("cancelled");
    r.converged = s.converged();
    const ResidualSums st = residualSums(train, s), sv = residualSums(held, s);
    r.training = st.metrics();
    r.validation = sv.metrics();
    training.add(st);
    validation.add(sv);
    report.folds.push_back(r);
    if (progress) progress(f + 2, folds + 1);
  }
  report.training = training.metrics();
  report.validation = validation.metrics();
  return report;
}

}  // namespace hf::project
