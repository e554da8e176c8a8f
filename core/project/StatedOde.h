#pragma once
// The ODE a physics-informed network's project states (issue 12): an
// algebraic model whose learned component N(t) stands for the solution of
// an ODE, with equation penalties that are its residuals, written with the
// exact derivative diff(N(t)[k], t). Solving that ODE at the same
// parameters from N(t0) shows whether the network is a solution of it (the
// plot beside the learned term).
//
// Each equation penalty g is taken as linear in the derivatives:
// g = sum_k A_k(N, t) dN_k/dt + g0(N, t), which covers dN/dt - f(N),
// f(N) - dN/dt and any scaling. A and g0 are found by evaluating g with N
// replaced by a straight line through the state (slope 0, then slope 1 in
// each output), and the ODE solved is dN/dt = -A^-1 g0. Penalties without a
// derivative are left out; those with one must give a square, regular A.

#include "project/Project.h"

#include <span>
#include <string>
#include <vector>

namespace hf::project {

struct StatedOde {
  std::string time;            ///< the component's input column
  std::vector<double> times;   ///< as asked
  std::vector<double> states;  ///< times x outputs, row-major
  /// Empty when solved; otherwise why there is no such ODE or why the solve
  /// failed (the rows reached are filled, the rest NaN).
  std::string problem;
};

/// Whether `penalty` is an equation penalty with diff(component(...)...).
bool differentiates(const model::PenaltySpec& penalty, const std::string& component);
/// Whether an algebraic project's penalties differentiate `component` (the
/// plot then tries solveStatedOde).
bool statesOde(const Project& project, const std::string& component);

/// The ODE stated for `component` solved over `times` (ascending; the first
/// is t0, where it starts from N(t0)) at the project's current parameter
/// values (project/ParameterValues.h). Never throws.
StatedOde solveStatedOde(const Project& project, const std::string& component, std::span<const double> times);

}  // namespace hf::project
