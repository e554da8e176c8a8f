#pragma once
// The JSON form of an ODE model inside a project file (model.kind "ode";
// docs/project-format.md describes it). Reading checks every field and the
// references to datasets and columns, failing with the JSON pointer.

#include "common/JsonAccess.h"
#include "project/Project.h"

#include <nlohmann/json.hpp>

namespace hf::project {

/// The members "ode" and "experiments" of the model object.
void odeModelToJson(const OdeModelSettings& ode, nlohmann::json& model);
/// Reads them from the model object `m`; `datasets` resolve the references.
OdeModelSettings odeModelFromJson(const json::Node& m, const std::vector<ProjectDataset>& datasets);

}  // namespace hf::project
