#include "project/ProjectFit.h"

#include "common/Error.h"
#include "fit/Calibrator.h"
#include "model/AlgebraicModel.h"
#include "model/CurveCheck.h"
#include "project/EarlyStopping.h"

#include <algorithm>

namespace hf::project {

model::OdeModel buildOdeModel(const Project& project) {
  const OdeModelSettings& ode = project.model.ode;
  std::vector<model::OdeExperiment> experiments;
  for (const ExperimentSettings& e : ode.experiments) {
    const data::Dataset* d = project.findDataset(e.dataset);
    if (!d)
      throw Error("experiment '" + e.name + "' refers to dataset '" + e.dataset + "', which is not in the project");
    experiments.push_back({e.name, d, e.timeColumn, e.t0, e.initial, e.inputColumns, ode.inputInterpolation});
  }
  OdeModelSettings copy = ode;
  copy.deriveParameters();
  return model::OdeModel(copy.spec, experiments);
}

namespace {

fit::FitSummary fitOde(const Project& project, fit::FitObserver* observer, const std::atomic<bool>* cancel,
                       const std::function<double(std::span<const double>)>& validation) {
  model::OdeModel model = buildOdeModel(project);
  model.setCancelFlag(cancel);
  fit::Calibrator calibrator(model, project.parameters, project.solver);
  calibrator.setObserver(observer);
  calibrator.setCancelFlag(cancel);
  calibrator.setValidation(validation);
  fit::FitSummary summary = calibrator.run();
  for (std::size_t j = 0; j < summary.parameters.size() && j < model.parameterCount(); ++j)
    if (const int e = model.experimentOf(j); e >= 0)
      summary.parameters[j].experiment = model.experimentName(static_cast<std::size_t>(e));
  summary.weighted = std::any_of(project.model.ode.spec.observables.begin(), project.model.ode.spec.observables.end(),
                                 [](const model::OdeObservable& o) { return !o.sigmaColumn.empty(); });
  return summary;
}

}  // namespace

fit::FitSummary fitProject(const Project& project, fit::FitObserver* observer, const std::atomic<bool>* cancel,
                           const std::function<double(std::span<const double>)>& validation) {
  if (project.solver.validationFraction > 0 && !project.model.learned().empty())
    return fitWithEarlyStopping(project, observer, cancel);
  if (project.model.isOde()) return fitOde(project, observer, cancel, validation);
  const model::AlgebraicModel model(project.modelDataset(), project.model.spec);
  fit::Calibrator calibrator(model, project.parameters, project.solver);
  calibrator.setObserver(observer);
  calibrator.setCancelFlag(cancel);
  calibrator.setValidation(validation);
  fit::FitSummary summary = calibrator.run();
  summary.weighted = project.model.spec.weightKind != model::WeightKind::None;
  if (summary.converged()) {
    std::vector<double> values;
    for (const fit::ParameterEstimate& e : summary.parameters) values.push_back(e.value);
    for (std::string& w : model::curveWarnings(model, values, summary.rSquared))
      summary.warnings.push_back(std::move(w));
  }
  return summary;
}

}  // namespace hf::project
