#include "fit/SolverVersion.h"

#include <ceres/version.h>

namespace hf::fit {

std::string solverVersion() { return CERES_VERSION_STRING; }

}  // namespace hf::fit
