#pragma once
// The values a project's model is drawn at: the last fit's estimates when
// they belong to the current model, else the starts (and, for algebraic
// models with learned components, the weights' stored or seeded values).

#include "project/Project.h"

#include <vector>

namespace hf::project {

/// One value per model parameter in the model's order (the project's
/// parameters, then an algebraic model's learned weights); `fitted` (when
/// not null) says whether they are the last fit's.
std::vector<double> currentParameterValues(const Project& project, bool* fitted = nullptr);

}  // namespace hf::project
