#include "project/ProjectFit.h"

#include "fit/Calibrator.h"
#include "model/AlgebraicModel.h"
#include "model/CurveCheck.h"

namespace hf::project {

fit::FitSummary fitProject(const Project& project, fit::FitObserver* observer, const std::atomic<bool>* cancel) {
  const model::AlgebraicModel model(project.modelDataset(), project.model.spec);
  fit::Calibrator calibrator(model, project.parameters, project.solver);
  calibrator.setObserver(observer);
  calibrator.setCancelFlag(cancel);
  fit::FitSummary summary = calibrator.run();
  summary.weighted = project.model.spec.weightKind != model::WeightKind::None;
  if (summary.converged()) {
    std::vector<double> values;
    for (const fit::ParameterEstimate& e : summary.parameters) values.push_back(e.value);
    summary.warnings = model::curveWarnings(model, values, summary.rSquared);
  }
  return summary;
}

}  // namespace hf::project
