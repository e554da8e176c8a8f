#pragma once
// A HybridFit project: datasets, the model, parameter settings, solver
// options and the last result. Saved as JSON (.hfproj) by ProjectFile.

#include "data/Dataset.h"
#include "fit/CalibrationOptions.h"
#include "fit/FitSummary.h"
#include "model/AlgebraicModel.h"
#include "model/OdeModel.h"

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

/// One experiment of an ODE model: a dataset with its own time column,
/// initial time, initial values and input columns.
struct ExperimentSettings {
  std::string name;
  std::string dataset;  ///< name of a project dataset
  std::string timeColumn = "t";
  double t0 = 0;
  /// Per state, in state order: the initial value here ("" = the model's).
  std::vector<std::string> initial;
  /// Per input, in input order: its column here ("" = the input's name).
  std::vector<std::string> inputColumns;
};

/// An ODE model: the system, observables, integrator settings (in
/// `spec`; spec.parameters is derived from the texts when loading) and its
/// experiments. Interpolation of inputs: spec-wide, one per input.
struct OdeModelSettings {
  model::OdeModelSpec spec;
  std::vector<std::string> stateUnits;  ///< per state; may be empty
  std::vector<ode::Interpolation> inputInterpolation;
  std::vector<ExperimentSettings> experiments;
  /// Derives spec.parameters from the texts (OdeModel::parameterNamesIn).
  void deriveParameters();
};

struct ModelSettings {
  std::string kind = "algebraic";  ///< "algebraic" or "ode"; later "pde", "hybrid"
  std::string equationId;          ///< library entry it started from, if any
  std::string dataset;             ///< algebraic: name of the dataset it is fitted to
  model::AlgebraicModelSpec spec;  ///< algebraic
  OdeModelSettings ode;            ///< ode
  bool isOde() const { return kind == "ode"; }
  /// The learned components of whichever model is in use.
  const std::vector<ml::LearnedSpec>& learned() const { return isOde() ? ode.spec.learned : spec.learned; }
  std::vector<ml::LearnedSpec>& learned() { return isOde() ? ode.spec.learned : spec.learned; }
  /// The theory-guided penalties of whichever model is in use.
  const std::vector<model::PenaltySpec>& penalties() const { return isOde() ? ode.spec.penalties : spec.penalties; }
  std::vector<model::PenaltySpec>& penalties() { return isOde() ? ode.spec.penalties : spec.penalties; }
};

struct Project {
  /// 3: learned components (model.learned) and theory-guided penalties
  /// (model.penalties); 2: ODE models (model.kind
  /// "ode"); 1: algebraic models only.
  static constexpr int kSchemaVersion = 3;

  std::string name;
  std::string description;
  std::vector<ProjectDataset> datasets;
  ModelSettings model;
  std::vector<fit::ParameterSetting> parameters;
  fit::CalibrationOptions solver;
  std::optional<fit::FitSummary> lastResult;

  /// The dataset the model refers to; throws hf::Error if there is none.
  const data::Dataset& modelDataset() const;
  /// The dataset called `name`, or null.
  const data::Dataset* findDataset(const std::string& datasetName) const;
};

}  // namespace hf::project
