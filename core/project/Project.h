#pragma once
// A HybridFit project: datasets, the model, parameter settings, solver
// options and the last result. Saved as JSON (.hfproj) by ProjectFile.

#include "data/Dataset.h"
#include "fit/CalibrationOptions.h"
#include "fit/FitSummary.h"
#include "model/AlgebraicModel.h"

#include <optional>
#include <string>
#include <vector>

namespace hf::project {

struct ProjectDataset {
  data::Dataset data;
  /// Path of the data file relative to the project file's folder; empty
  /// when the data are embedded in the project file.
  std::string relativePath;
  bool embedded() const { return relativePath.empty(); }
};

struct ModelSettings {
  std::string kind = "algebraic";  ///< later: "ode", "pde", "hybrid"
  std::string equationId;          ///< library entry it started from, if any
  std::string dataset;             ///< name of the dataset it is fitted to
  model::AlgebraicModelSpec spec;
};

struct Project {
  static constexpr int kSchemaVersion = 1;

  std::string name;
  std::string description;
  std::vector<ProjectDataset> datasets;
  ModelSettings model;
  std::vector<fit::ParameterSetting> parameters;
  fit::CalibrationOptions solver;
  std::optional<fit::FitSummary> lastResult;

  /// The dataset the model refers to; throws hf::Error if there is none.
  const data::Dataset& modelDataset() const;
};

}  // namespace hf::project
