#pragma once
// Runs a project's calibration on a worker thread and reports to the GUI
// thread through queued signals. The GUI thread never blocks on a fit:
// start() returns at once, progress arrives at most every
// kProgressIntervalMs, cancel() sets an atomic flag the solver reads every
// iteration, and the destructor cancels and joins (closing the window
// during a fit is clean).
//
// Thread: construct, call and destroy on the GUI thread. Signals are
// emitted on the GUI thread.

#include "fit/FitHandoff.h"
#include "fit/FitSummary.h"
#include "project/Project.h"

#include <QObject>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>
#include <thread>

namespace hf::app {

class FitController : public QObject {
  Q_OBJECT
 public:
  static constexpr int kProgressIntervalMs = 40;

  explicit FitController(QObject* parent = nullptr);
  ~FitController() override;

  /// Starts fitting a copy of `project`; false (and nothing started) when a
  /// fit is already running.
  bool start(const project::Project& project);
  /// Asks the running fit to stop; it finishes with Termination::Cancelled
  /// and the best parameters so far. No effect when idle.
  void cancel();
  bool isRunning() const { return m_running; }
  /// The hand-off of the current or last fit. The worker holds it until its
  /// thread function returns, so it expires only once the controller is gone
  /// and the worker has ended (tests check "joined before destroyed").
  std::weak_ptr<const fit::FitHandoff> handoff() const { return m_handoff; }

 signals:
  /// Latest iteration: its number, cost and all parameter values.
  void progress(int iteration, double cost, const QVector<double>& parameters);
  /// Emitted just before progress() when the model has penalty terms: their
  /// names and sums of squares at that iteration (the loss breakdown).
  void lossTerms(const QStringList& names, const QVector<double>& values);
  /// Emitted just before progress() during a fit with early stopping: the
  /// held-out points' sum of squares at that iteration.
  void validationError(double sumOfSquares);
  /// The fit ended (converged, stopped, cancelled or failed): the summary.
  void finished(const hf::fit::FitSummary& summary);
  /// The model could not be built (bad formula, unknown column, ...).
  void failed(const QString& message);

 private:
  void join();
  /// GUI thread: takes the worker's newest state from the hand-off.
  void deliver();

  std::shared_ptr<fit::FitHandoff> m_handoff;
  std::thread m_thread;
  std::shared_ptr<std::atomic<bool>> m_cancel;
  bool m_running = false;
};

}  // namespace hf::app
