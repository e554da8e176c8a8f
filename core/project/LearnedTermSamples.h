#pragma once
// A learned component's output sampled for plots (issue 12: the learned
// term against its inputs, a curve for one input, a surface for two): over
// the range each input takes in the data, and at the data themselves.
// An input's range comes from the data when the model calls the component
// with a plain column (algebraic) or state (ODE) name there; otherwise
// from its input scaling (offset +- scale). Weights are the last fit's, or
// the stored or seeded ones before a fit.

#include "project/Project.h"

#include <string>
#include <vector>

namespace hf::project {

struct LearnedTermSamples {
  std::string component;
  int output = 1;                   ///< 1-based
  std::vector<std::string> inputs;  ///< per input: the name called with, or "input k"
  /// Per input, the grid (200 values for one input, 41 per axis for two).
  std::vector<std::vector<double>> grid;
  /// One input: a value per grid value; two: nx * ny values, the value at
  /// (grid[0][i], grid[1][j]) at j * nx + i.
  std::vector<double> values;
  /// The inputs at the data rows (algebraic) or observation times (ODE),
  /// per input, and the output there; empty when an input is not a plain
  /// column or state name.
  std::vector<std::vector<double>> dataInputs;
  std::vector<double> dataValues;
  bool fitted = false;  ///< weights from project.lastResult
};

/// "NAME" (one output) or "NAME[k]" for each output of each component.
std::vector<std::string> learnedOutputs(const Project& project);

/// Throws hf::Error naming the problem (no such component, more than two
/// inputs, a model that cannot be built).
LearnedTermSamples sampleLearnedTerm(const Project& project, const std::string& component, int output);

}  // namespace hf::project
