#pragma once
// What a fit running on a worker thread hands to whoever shows it: the
// latest progress and, at the end, the summary or an error message. One
// mutex-guarded slot for each; the worker overwrites, the reader takes the
// newest. Qt-free, so ThreadSanitizer sees every access (it cannot judge
// Qt's futex-based locks or the payloads of queued signals).
//
// Thread: publish*/the observer on the worker, take*/isFinished on any
// other thread. The optional notify callback runs on the worker, at most
// once per published state that is still untaken (a GUI posts one queued
// "new state" event from it and reads the state in the event).

#include "fit/FitObserver.h"
#include "fit/FitSummary.h"

#include <chrono>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace hf::fit {

/// The latest iteration of a running fit, as the reader takes it.
struct HandoffProgress {
  int iteration = 0;
  double cost = 0.0;
  std::vector<double> parameters;                                ///< all parameters
  std::vector<LossTerm> terms;                                   ///< penalty terms (IterationProgress::terms)
  double validation = std::numeric_limits<double>::quiet_NaN();  ///< early stopping's held-out error
};

class FitHandoff {
 public:
  using Progress = HandoffProgress;

  /// Called on the worker when a state is published and the reader has
  /// taken the previous one (progress is throttled to `interval`).
  explicit FitHandoff(std::function<void()> notify = {},
                      std::chrono::milliseconds interval = std::chrono::milliseconds(40));

  // Worker side.
  void publishProgress(const IterationProgress& p);
  void publishResult(FitSummary summary);
  void publishError(std::string message);

  // Reader side: the newest state since the last take, or nothing.
  std::optional<Progress> takeProgress();
  std::optional<FitSummary> takeResult();
  std::optional<std::string> takeError();
  /// A result or an error was published and not taken yet.
  bool isFinished() const;

  /// An observer that publishes every iteration here (never stops the fit:
  /// cancellation goes through the calibrator's cancel flag).
  FitObserver& observer() { return m_observer; }

 private:
  class Observer final : public FitObserver {
   public:
    explicit Observer(FitHandoff& h) : m_h(h) {}
    FitControl onIteration(const IterationProgress& p) override {
      m_h.publishProgress(p);
      return FitControl::Continue;
    }

   private:
    FitHandoff& m_h;
  };

  void notifyIfIdle(std::unique_lock<std::mutex>& lock, bool force);

  std::function<void()> m_notify;
  std::chrono::milliseconds m_interval;
  Observer m_observer{*this};
  mutable std::mutex m_mutex;
  std::optional<Progress> m_progress;
  std::optional<FitSummary> m_result;
  std::optional<std::string> m_error;
  bool m_pending = false;  // a notification not yet followed by a take
  std::chrono::steady_clock::time_point m_lastNotify{};
};

}  // namespace hf::fit
