#pragma once
// The version of the solver library the core was built with, for About
// boxes and reports, e.g. "2.1.0".
#include <string>

namespace hf::fit {

std::string solverVersion();

}  // namespace hf::fit
