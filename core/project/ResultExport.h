#pragma once
// Fit results as files for reports and other tools: the parameter table
// (estimates, standard errors, 95 % intervals, flags) with the fit
// statistics as CSV, and the model's predictions and residuals per data
// row as CSV. Numbers are written in their shortest exact form, so reading
// the files back gives the same doubles. (JSON: project/SummaryJson.h.)

#include "fit/FitSummary.h"
#include "project/Project.h"

#include <string>

namespace hf::project {

/// "# key: value" lines with the fit statistics, then a table with the
/// header name,unit,value,stderr,ci95_low,ci95_high,fixed,at_bound,identifiable.
std::string parametersToCsv(const fit::FitSummary& summary);

/// One row per data row used in the fit: the model's input columns, the
/// observed response, the prediction, residual = observed - predicted and
/// the weighted residual. Parameters are the summary's estimates. Throws
/// hf::Error when the project's model cannot be built.
/// ODE models: one row per observed value, with the columns experiment, t,
/// observable, observed, predicted, residual and weighted_residual
/// (residual divided by sigma; equal to residual without a sigma column).
std::string predictionsToCsv(const Project& project, const fit::FitSummary& summary);

}  // namespace hf::project
