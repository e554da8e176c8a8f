#pragma once
// Least-squares calibration of a ResidualModel with Ceres (Levenberg-
// Marquardt with exact derivatives from the expression tapes). Bounds,
// fixed parameters, robust losses, a progress/cancel observer, and
// standard errors from the covariance at the optimum.
//
// Threads: run() executes on the calling thread (a worker thread in the
// GUI) and calls the observer there. The model, settings and observer must
// outlive run(). Outcomes (non-convergence, cancellation, a model that is
// not finite at the start) come back in the FitSummary; hf::Error is thrown
// only for invalid settings (unknown parameter, start outside its bounds,
// invalid options).

#include "fit/CalibrationOptions.h"
#include "fit/FitObserver.h"
#include "fit/FitSummary.h"
#include "model/ResidualModel.h"

#include <atomic>
#include <functional>
#include <span>
#include <vector>

namespace hf::fit {

class Calibrator {
 public:
  /// `settings` are matched to the model's parameters by name; a model
  /// parameter without a setting starts at 1, unbounded and free.
  Calibrator(const model::ResidualModel& model, std::vector<ParameterSetting> settings,
             CalibrationOptions options = {});

  /// Not owned; may be null. Called once per solver iteration.
  void setObserver(FitObserver* observer) { m_observer = observer; }
  /// Not owned; may be null. When it becomes true the fit stops within one
  /// iteration and returns the best parameters so far (Termination::Cancelled).
  void setCancelFlag(const std::atomic<bool>* flag) { m_cancel = flag; }
  /// Early stopping: evaluated at every accepted point (all parameters, as
  /// values), recorded as IterationRecord::validation and passed to the
  /// observer (IterationProgress::validation). Called on the fit's thread.
  void setValidation(std::function<double(std::span<const double>)> validation) {
    m_validation = std::move(validation);
  }

  /// Parameters marked logScale are fitted as log(value) (fit/LogScale.h).
  FitSummary run();

  /// Settings in model parameter order (after matching by name).
  const std::vector<ParameterSetting>& settings() const { return m_settings; }

 private:
  /// Automatic restarts only for models with at most this many residuals.
  static constexpr std::size_t kAutoMultistartResiduals = 100'000;
  FitSummary runOnce();
  FitSummary runDirect();
  FitSummary runLogScaled();
  /// Fits from other starts (fit/Multistart.h); returns `first` unless one
  /// of them ends at a lower cost.
  FitSummary runMultistart(FitSummary first);
  /// Learned models: the fit again from other seeded networks (multistart
  /// -1: 4 more, N > 0: N more), keeping the lowest cost (penalties
  /// included: what the fit minimises).
  FitSummary runSeededRestarts(FitSummary first);

  const model::ResidualModel& m_model;
  std::vector<ParameterSetting> m_settings;
  CalibrationOptions m_options;
  FitObserver* m_observer = nullptr;
  const std::atomic<bool>* m_cancel = nullptr;
  std::function<double(std::span<const double>)> m_validation;
};

/// Weighted residual vector and Jacobian (n x p row-major, all parameters)
/// of a model at `params`; false when some value is not finite.
bool evaluateModel(const model::ResidualModel& model, const std::vector<double>& params, std::vector<double>& residuals,
                   std::vector<double>* jacobian);

}  // namespace hf::fit
