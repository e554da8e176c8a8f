#pragma once
// Start values for parameters the user left unset (ParameterSetting::
// autoStart). A formula typed without starts begins every parameter at 1,
// which on Michaelis-Menten data in ppm lands on a pole between the data
// points. Instead: candidates per parameter are the current start, +-1 and
// the data's typical magnitudes and their reciprocals (ResidualModel::
// typicalMagnitudes); combinations are screened by their cost, and a short
// fit from each of the best few decides. Deterministic (seeded sampling when
// there are too many combinations).

#include "fit/CalibrationOptions.h"
#include "model/ResidualModel.h"

#include <atomic>
#include <vector>

namespace hf::fit {

/// `settings` (one per model parameter, in model order) with a guessed
/// start for every free parameter with autoStart; the others unchanged.
/// Returns them unchanged when nothing is to be guessed.
std::vector<ParameterSetting> guessStarts(const model::ResidualModel& model, std::vector<ParameterSetting> settings,
                                          const CalibrationOptions& options, const std::atomic<bool>* cancel = nullptr);

}  // namespace hf::fit
