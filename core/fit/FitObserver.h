#pragma once
// Progress and cancellation of a running fit. The calibrator calls the
// observer on the thread that runs the fit (a worker thread in the GUI),
// once per solver iteration; the observer must not block. The Qt side
// adapts this to queued signals. The calibrator does not own the observer.

#include "fit/LossTerm.h"

#include <limits>
#include <span>

namespace hf::fit {

enum class FitControl {
  Continue,  ///< go on
  Stop,      ///< stop now and keep the best parameters so far (cancel)
  Abort,     ///< stop now and return the starting parameters
};

struct IterationProgress {
  int iteration = 0;                   ///< counts across restarts, from 0
  double cost = 0.0;                   ///< 0.5 * sum of (robustified) squared residuals
  double gradientNorm = 0.0;           ///< max-norm of the gradient
  std::span<const double> parameters;  ///< all parameters (fixed included); valid during the call only
  /// Models with penalty blocks: each penalty term at the accepted point
  /// (the data's share of the cost is what is left); empty otherwise.
  /// Valid during the call only.
  std::span<const LossTerm> terms;
  /// Early stopping: the held-out points' sum of squares here (NaN: none).
  double validation = std::numeric_limits<double>::quiet_NaN();
};

class FitObserver {
 public:
  virtual ~FitObserver() = default;
  virtual FitControl onIteration(const IterationProgress& progress) = 0;
};

}  // namespace hf::fit
