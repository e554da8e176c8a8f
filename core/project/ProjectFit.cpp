#include "project/ProjectFit.h"

#include "fit/Calibrator.h"
#include "model/AlgebraicModel.h"

namespace hf::project {

fit::FitSummary fitProject(const Project& project, fit::FitObserver* observer, const std::atomic<bool>* cancel) {
  const model::AlgebraicModel model(project.modelDataset(), project.model.spec);
  fit::Calibrator calibrator(model, project.parameters, project.solver);
  calibrator.setObserver(observer);
  calibrator.setCancelFlag(cancel);
  fit::FitSummary summary = calibrator.run();
  summary.weighted = project.model.spec.weightKind != model::WeightKind::None;
  return summary;
}

}  // namespace hf::project
