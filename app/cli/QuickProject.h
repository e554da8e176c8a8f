#pragma once
// Builds an in-memory project from the quick-fit options of hybridfit-cli
// (--data, --model or --equation, --y, --start, bounds, weights, loss).

#include "CliArguments.h"
#include "project/Project.h"

#include <ostream>

namespace hf::cli {

/// The data file of a quick fit (--data, --skip-bad-rows, --decimal-comma),
/// import warnings written to `warnings`.
project::ProjectDataset readQuickData(const CliArguments& a, std::ostream& warnings);

/// Settings for `names` from --start, --lower, --upper and --fixed over
/// `defaults`; a name given no start is chosen from the data (autoStart).
std::vector<fit::ParameterSetting> parameterSettings(const std::vector<std::string>& names, const CliArguments& a,
                                                     const std::vector<fit::ParameterSetting>& defaults = {});

/// --loss, --loss-scale and --max-iterations.
void applySolverOptions(const CliArguments& a, project::Project& p);

/// The ODE quick form (--ode, --init, --observe, --sigma, --time, --t0,
/// --rtol, --atol, --method): a project with one experiment on --data.
project::Project quickOdeProject(const CliArguments& a, std::ostream& warnings);

/// Throws hf::Error with a one-line message on any inconsistency. Import
/// warnings (e.g. renamed duplicate columns) go to `warnings`, one per line.
project::Project quickProject(const CliArguments& a, std::ostream& warnings);

}  // namespace hf::cli
