#pragma once
// Theory-guided training (issue 12): physical knowledge stated as soft
// constraints, each a residual block of the same least-squares problem
// (exact derivatives), checked at collocation points that need not be data
// points:
//   bounds        lower <= g <= upper at every point (e.g. c >= 0);
//   monotone      g rises (or falls) from each point to the next along one
//                 input: exact on the grid, with nothing assumed between;
//   equation      g = 0 (the residual of a stated governing equation);
//   conservation  g takes the same value at every point (A + B + C along
//                 the trajectory).
// g is an expression of the model's inputs (an algebraic model's columns;
// an ODE model's time, states and inputs), its parameters and its learned
// components; an algebraic model's empty g is its formula. Each violation
// v adds weight * v^2 to the cost (residual sqrt(weight) * v).

#include <limits>
#include <string>
#include <vector>

namespace hf::model {

enum class PenaltyKind { Bounds, Monotone, Equation, Conservation };

std::string penaltyKindName(PenaltyKind kind);
/// Throws hf::Error listing the kinds when `text` is none of them.
PenaltyKind parsePenaltyKind(const std::string& text);

/// One input of the collocation grid: `count` evenly spaced values from
/// `lower` to `upper`. NaN bounds take the data's range, count 0 a default.
struct CollocationAxis {
  std::string variable;
  double lower = std::numeric_limits<double>::quiet_NaN();
  double upper = std::numeric_limits<double>::quiet_NaN();
  int count = 0;
  /// Field by field, NaN ends (the data's range) equal to each other.
  bool operator==(const CollocationAxis& o) const;
};

struct PenaltySpec {
  std::string name;  ///< in loss breakdowns; empty: described from the fields
  PenaltyKind kind = PenaltyKind::Bounds;
  std::string expression;                                   ///< g; empty: the model's formula (algebraic models)
  double lower = -std::numeric_limits<double>::infinity();  ///< bounds
  double upper = std::numeric_limits<double>::infinity();   ///< bounds
  std::string along;                                        ///< monotone: the input it is monotone in
  bool decreasing = false;                                  ///< monotone: falls instead of rises
  double weight = 1.0;
  /// The grid is the product of these axes; an input g reads that has no
  /// axis here gets the data's range and the default count.
  std::vector<CollocationAxis> grid;
  std::string experiment;  ///< ODE models: the experiment it applies to (empty: every one)
  bool operator==(const PenaltySpec&) const = default;

  /// name, or a description ("g >= 0", "g rising in x", ...).
  std::string label() const;
  /// Empty when the fields are consistent, else what is wrong.
  std::string validate() const;
};

/// Points per axis when an axis gives no count: about 200 points in all,
/// at least 2 per axis (200, 14 x 14, 5 x 5 x 5, ...).
int defaultAxisCount(std::size_t axes);

}  // namespace hf::model
