#pragma once
// Early stopping on a validation split (issue 12): a seeded random
// fraction of the data points (solver.validationFraction) is held out, the
// model is fitted on the rest, the held-out points' sum of squares is
// followed at every iteration, and the parameters where it was lowest are
// kept; the fit stops after solver.earlyStoppingPatience iterations without
// a new lowest. Without seeded restarts (one network). For models with
// learned components.

#include "fit/FitObserver.h"
#include "fit/FitSummary.h"
#include "project/Project.h"

#include <atomic>

namespace hf::project {

/// Throws hf::Error when the model cannot be built or too few points are
/// left on either side. The summary describes the training fit at the kept
/// parameters (no standard errors: they belong to an optimum, which an
/// early stop is not); its history carries the validation error.
fit::FitSummary fitWithEarlyStopping(const Project& project, fit::FitObserver* observer = nullptr,
                                     const std::atomic<bool>* cancel = nullptr);

}  // namespace hf::project
