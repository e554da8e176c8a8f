#include "project/Project.h"

#include "common/Error.h"

namespace hf::project {

const data::Dataset& Project::modelDataset() const {
  if (datasets.empty()) throw Error("the project has no dataset to fit");
  const std::string& wanted =
      model.isOde() && !model.ode.experiments.empty() ? model.ode.experiments.front().dataset : model.dataset;
  if (wanted.empty()) return datasets.front().data;
  if (const data::Dataset* d = findDataset(wanted)) return *d;
  throw Error("the model refers to dataset '" + wanted + "', which is not in the project");
}

const data::Dataset* Project::findDataset(const std::string& datasetName) const {
  for (const ProjectDataset& d : datasets)
    if (d.data.name == datasetName) return &d.data;
  return nullptr;
}

void OdeModelSettings::deriveParameters() {
  std::vector<std::string> overrides;
  for (const auto& e : experiments)
    for (const auto& text : e.initial)
      if (!text.empty()) overrides.push_back(text);
  spec.parameters = model::OdeModel::parameterNamesIn(spec, overrides);
}

}  // namespace hf::project
