#pragma once
// Theory-guided penalties in project files (model.penalties, schema 3):
//   {"name": "rate >= 0", "kind": "bounds", "expression": "NN(T)",
//    "lower": 0, "weight": 100,
//    "grid": [{"variable": "T", "from": 250, "to": 400, "count": 60}]}
// kind: bounds ("lower" and/or "upper"), monotone ("along", "decreasing"),
// equation, conservation. "grid" axes without "from"/"to" take the data's
// range, without "count" the default; "experiment" (ODE models) limits it
// to one experiment. Optional fields take PenaltySpec's defaults.

#include "common/JsonAccess.h"
#include "model/PenaltySpec.h"

#include <nlohmann/json.hpp>
#include <vector>

namespace hf::project {

nlohmann::json penaltiesToJson(const std::vector<model::PenaltySpec>& penalties);
/// Throws hf::Error naming the field (JSON pointer) at fault.
std::vector<model::PenaltySpec> penaltiesFromJson(const json::Node& list);

}  // namespace hf::project
