#pragma once
// Start points for multistart fits, spread around the user's starts.

#include "fit/CalibrationOptions.h"

#include <cstddef>
#include <vector>

namespace hf::fit {

/// `count` points (all parameters each, fixed ones at their values). A free
/// parameter's start s is multiplied by 10^u, u uniform in [-1, 1] (a factor
/// of up to 10 either way, keeping its sign); a start of 0 becomes 10^u
/// with u in [-2, 1], positive when the bounds allow only that, negative
/// when they allow only that, else of random sign. Every value is clamped
/// to its bounds. The same settings give the same points (fixed seed).
std::vector<std::vector<double>> multistartPoints(const std::vector<ParameterSetting>& settings, std::size_t count);

}  // namespace hf::fit
