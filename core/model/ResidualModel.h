#pragma once
// What a model is, apart from how it is solved: a parameter vector and a set
// of residual blocks. The calibrator turns each block into one Ceres residual
// block; robust losses act on each residual, not on a block's norm.
// Algebraic models have one block per chunk of data rows; later kinds (ODE
// experiments, penalty terms) add their own blocks without touching the
// calibrator.

#include "expr/Expression.h"

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace hf::model {

/// Per-thread scratch memory for residual evaluation (no allocation in the
/// hot loop once warmed up).
struct EvalScratch {
  expr::Workspace expr;
  std::vector<double> gradient;
  std::vector<const double*> variables;
  std::vector<double> params;    ///< transformed parameters (fit/LogScale.h)
  std::vector<double> jacobian;  ///< a Jacobian the caller did not ask for (OdeModel's look-ahead)
  std::vector<double> penalty;   ///< a penalty's values and gradients at its collocation points
};

class ResidualModel {
 public:
  virtual ~ResidualModel() = default;

  /// All parameters, fixed ones included, in a fixed order.
  virtual const std::vector<std::string>& parameterNames() const = 0;
  std::size_t parameterCount() const { return parameterNames().size(); }

  /// Start values for parameters the user gave none for (the seeded
  /// weights of learned components), one per parameter; NaN or an empty
  /// vector means "no default" (the calibrator then starts at 1).
  virtual std::vector<double> defaultStarts() const { return {}; }
  /// defaultStarts() with every learned component initialised from its
  /// seed + offset instead (another network for a restart); empty for
  /// models without learned components.
  virtual std::vector<double> reseededStarts(std::uint64_t offset) const {
    (void)offset;
    return {};
  }
  /// Weights of learned components among the parameters (0: a physics
  /// model). Such fits end on a cost plateau (CalibrationOptions).
  virtual std::size_t learnedWeightCount() const { return 0; }

  virtual std::size_t blockCount() const = 0;
  /// Blocks [0, dataBlockCount()) hold residuals of observations; the
  /// blocks after them are penalties (weight regularisation, physics
  /// constraints), shown apart in loss breakdowns.
  virtual std::size_t dataBlockCount() const { return blockCount(); }
  virtual int blockSize(std::size_t block) const = 0;
  /// The loss term a penalty block belongs to ("U weights (L2)", a
  /// physics penalty's label); empty for data blocks. Blocks of one term
  /// share its label (loss breakdowns sum them).
  virtual std::string blockTerm(std::size_t block) const {
    (void)block;
    return {};
  }
  /// Residuals of the data blocks (they come first; penalties follow).
  std::size_t dataResidualCount() const {
    std::size_t n = 0;
    for (std::size_t b = 0; b < dataBlockCount(); ++b) n += static_cast<std::size_t>(blockSize(b));
    return n;
  }
  /// Sum of all block sizes.
  std::size_t residualCount() const {
    std::size_t n = 0;
    for (std::size_t b = 0; b < blockCount(); ++b) n += static_cast<std::size_t>(blockSize(b));
    return n;
  }

  /// Evaluates block `block` at the full parameter vector `params`.
  /// residuals: blockSize values. jacobian: when not empty, row-major
  /// blockSize x parameterCount; entries may be non-finite (the caller
  /// checks the columns it uses). Returns false when a residual is not
  /// finite (the solver then rejects the step). Thread-safe for distinct
  /// scratch.
  virtual bool evaluateBlock(std::size_t block, std::span<const double> params, std::span<double> residuals,
                             std::span<double> jacobian, EvalScratch& scratch) const = 0;

  /// Relative accuracy of the model's values: 0 for closed forms evaluated
  /// to rounding; an ODE model's values carry its integration tolerance.
  /// The solver's convergence tests do not look for changes below it.
  virtual double relativePrecision() const { return 0.0; }

  /// Why the model cannot be evaluated at `params` in words the user can act
  /// on (an ODE model names the experiment, the time reached and the
  /// reason), or empty when there is nothing more to say than "not finite".
  virtual std::string failureAt(std::span<const double> params) const {
    (void)params;
    return {};
  }

  /// Typical magnitudes of the data (response, inputs) from which start
  /// values may be guessed; empty when the model has none to offer.
  virtual std::vector<double> typicalMagnitudes() const { return {}; }

  /// Weighted total sum of squares of the observations about their weighted
  /// mean (for R^2); NaN when the notion does not apply.
  virtual double totalSumOfSquares() const { return std::numeric_limits<double>::quiet_NaN(); }
};

}  // namespace hf::model
