#pragma once
// Simulates an ODE model specification at given parameter values, without
// data: the states and observables at requested times, for plots, for
// `hybridfit-cli simulate` and for checks against reference solutions.

#include "model/OdeModel.h"

#include <atomic>
#include <span>
#include <string>
#include <vector>

namespace hf::model {

struct Simulation {
  std::vector<std::string> columns;  ///< "t", the states, then the observables
  std::vector<double> values;        ///< times x columns, row-major
  ode::Solution solution;            ///< status, reason, time reached
};

/// `spec.parameters` must be filled (OdeModel::parameterNamesIn) and
/// `values` hold one value per parameter in that order, then optionally
/// the learned components' weights (else their stored or seeded ones). `initial`: per
/// state, a replacement of spec.initial ("" keeps it); `inputs` may be null
/// when the system has none. An observable that is a state under its own
/// name is left out (its column would repeat the state's); one whose column
/// is a state's name but differs from it is called "<column>_observed".
/// Throws hf::Error on an invalid specification; a failed solve is in
/// `solution` (with the rows reached so far filled, the rest NaN).
Simulation simulateOde(const OdeModelSpec& spec, std::span<const double> values,
                       const std::vector<std::string>& initial, const ode::InputSeries* inputs, double t0,
                       std::span<const double> times, const std::atomic<bool>* cancel = nullptr);

}  // namespace hf::model
