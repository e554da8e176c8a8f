#pragma once
// Learned components in project files (model.learned, schema 3):
//   {"name": "U", "type": "mlp", "inputs": 2, "outputs": 2,
//    "hidden": [5, 5, 5], "activation": "gaussian", "seed": 1,
//    "inputOffset": [0, 0], "inputScale": [2, 2], "outputScale": [1, 1],
//    "outputOffset": [0, 0], "l2": 0.001, "weights": [...]}
// "centres" (type rbf) and "degree" (type polynomial) replace "hidden" and
// "activation". Optional fields take LearnedSpec's defaults; "weights" are
// the stored starting weights (a trained network).

#include "common/JsonAccess.h"
#include "fit/FitSummary.h"
#include "ml/LearnedSpec.h"

#include <nlohmann/json.hpp>
#include <vector>

namespace hf::project {

nlohmann::json learnedToJson(const std::vector<ml::LearnedSpec>& learned);
/// Throws hf::Error naming the field (JSON pointer) at fault.
std::vector<ml::LearnedSpec> learnedFromJson(const json::Node& list);

/// Stores the weights a fit ended with as each component's starting
/// weights (the summary's "NAME.wK" estimates); false when the summary has
/// none for some component (then nothing changes).
bool adoptFittedWeights(std::vector<ml::LearnedSpec>& learned, const fit::FitSummary& summary);

}  // namespace hf::project
