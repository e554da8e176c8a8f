#pragma once
// Builds an in-memory project from the quick-fit options of hybridfit-cli
// (--data, --model or --equation, --y, --start, bounds, weights, loss).

#include "CliArguments.h"
#include "project/Project.h"

#include <ostream>

namespace hf::cli {

/// Throws hf::Error with a one-line message on any inconsistency. Import
/// warnings (e.g. renamed duplicate columns) go to `warnings`, one per line.
project::Project quickProject(const CliArguments& a, std::ostream& warnings);

}  // namespace hf::cli
