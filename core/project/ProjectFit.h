#pragma once
// Runs the calibration a project describes: builds the model from the
// project's dataset and formula, calibrates with its parameter settings and
// solver options, and returns the summary (the caller decides whether to
// store it as project.lastResult). Shared by the CLI and the workbench.

#include "fit/FitObserver.h"
#include "fit/FitSummary.h"
#include "project/Project.h"

#include <atomic>
#include <functional>
#include <span>

namespace hf::project {

/// The ODE model of a project (model.kind "ode") with its experiments;
/// refers to the project's datasets, so the project must outlive it.
/// Throws hf::Error naming what is wrong.
model::OdeModel buildOdeModel(const Project& project);

/// Throws hf::Error when the model cannot be built (bad formula, unknown
/// column, invalid settings); fit outcomes are in the summary.
/// `validation` (early stopping, EarlyStopping.h): evaluated at every
/// accepted point (fit::Calibrator::setValidation).
fit::FitSummary fitProject(const Project& project, fit::FitObserver* observer = nullptr,
                           const std::atomic<bool>* cancel = nullptr,
                           const std::function<double(std::span<const double>)>& validation = {});

}  // namespace hf::project
