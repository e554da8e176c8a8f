#include "project/Project.h"

#include "common/Error.h"

namespace hf::project {

const data::Dataset& Project::modelDataset() const {
  if (datasets.empty()) throw Error("the project has no dataset to fit");
  if (model.dataset.empty()) return datasets.front().data;
  for (const ProjectDataset& d : datasets)
    if (d.data.name == model.dataset) return d.data;
  throw Error("the model refers to dataset '" + model.dataset + "', which is not in the project");
}

}  // namespace hf::project
