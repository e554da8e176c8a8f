#pragma once
// Collocation grids and the residuals of a penalty on them (PenaltySpec.h).
// A model evaluates the penalty's expression g and its parameter gradient
// at every point of the grid; assemblePenalty() turns those into the
// penalty block's residuals and exact Jacobian rows.

#include "model/PenaltySpec.h"

#include <functional>
#include <span>
#include <string>
#include <vector>

namespace hf::model {

/// The product of evenly spaced axes, stored column-wise: point p has
/// values[a][p] on axis a; the last axis varies fastest.
struct CollocationGrid {
  std::vector<std::string> variables;
  std::vector<std::size_t> counts;
  std::vector<std::vector<double>> values;
  std::size_t along = 0;  ///< the axis a monotone penalty compares neighbours on

  std::size_t points() const { return values.empty() ? 1 : values.front().size(); }
  /// Index distance between neighbours on axis a.
  std::size_t stride(std::size_t a) const;
};

/// The data range of an input, or false when it has none.
using RangeOf = std::function<bool(const std::string& variable, double& lower, double& upper)>;

/// The grid of `spec` over `variables` (the inputs g reads, in the model's
/// order; the spec's axes may name only these), each axis from the spec or
/// from `range`, with `defaultCount` points where the spec gives no count
/// (0: defaultAxisCount()). Throws hf::Error naming the penalty and the
/// axis at fault.
CollocationGrid collocationGrid(const PenaltySpec& spec, const std::vector<std::string>& variables,
                                const RangeOf& range, int defaultCount = 0);

/// Checks each spec (validate()) and that no two share a label, nor one
/// with `taken` (the weight penalties' terms): their loss terms would
/// merge. Throws hf::Error naming the penalty.
void checkPenalties(const std::vector<PenaltySpec>& specs, const std::vector<std::string>& taken = {});

/// Residuals of the penalty on `grid`.
std::size_t penaltyResidualCount(const PenaltySpec& spec, const CollocationGrid& grid);

/// g: one value per grid point; dg: points x P row-major gradients of g in
/// the model's parameters (empty: no Jacobian wanted). residuals:
/// penaltyResidualCount() values; jacobian: that many rows x P, or empty.
void assemblePenalty(const PenaltySpec& spec, const CollocationGrid& grid, std::span<const double> g,
                     std::span<const double> dg, std::size_t P, std::span<double> residuals,
                     std::span<double> jacobian);

}  // namespace hf::model
