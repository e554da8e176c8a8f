#include "fit/FitController.h"

#include "common/Error.h"
#include "fit/FitObserver.h"
#include "project/ProjectFit.h"

#include <QMetaObject>

#include <chrono>

namespace hf::app {

// Receives solver iterations on the worker thread and forwards the latest
// one to the GUI thread, throttled so a fast fit cannot flood the event
// loop. Cancellation is read by the calibrator itself (the shared flag).
class FitController::Relay final : public fit::FitObserver {
 public:
  explicit Relay(FitController* owner) : m_owner(owner) {}

  fit::FitControl onIteration(const fit::IterationProgress& p) override {
    const auto now = std::chrono::steady_clock::now();
    if (p.iteration > 0 && now - m_last < std::chrono::milliseconds(kProgressIntervalMs))
      return fit::FitControl::Continue;
    m_last = now;
    QVector<double> params(p.parameters.begin(), p.parameters.end());
    // The controller is the context object: if it were gone the call would
    // be dropped, and it cannot be gone while this thread runs (its
    // destructor joins the thread).
    FitController* owner = m_owner;
    QMetaObject::invokeMethod(
        owner, [owner, it = p.iteration, cost = p.cost, params] { emit owner->progress(it, cost, params); },
        Qt::QueuedConnection);
    return fit::FitControl::Continue;
  }

 private:
  FitController* m_owner;
  std::chrono::steady_clock::time_point m_last{};
};

FitController::FitController(QObject* parent) : QObject(parent) {}

FitController::~FitController() {
  cancel();
  join();
}

bool FitController::start(const project::Project& project) {
  if (m_running) return false;
  join();  // a finished thread that was not joined yet
  m_running = true;
  m_cancel = std::make_shared<std::atomic<bool>>(false);
  m_relay = std::make_unique<Relay>(this);
  Relay* relay = m_relay.get();
  m_thread = std::thread([this, relay, cancel = m_cancel, project] {
    fit::FitSummary summary;
    QString error;
    try {
      summary = project::fitProject(project, relay, cancel.get());
    } catch (const Error& e) {
      error = QString::fromStdString(e.what());
    } catch (const std::exception& e) {
      error = QStringLiteral("internal error: %1").arg(QString::fromStdString(e.what()));
    }
    // Delivered on the GUI thread; dropped if the controller was destroyed
    // in the meantime (its destructor joined this thread first).
    QMetaObject::invokeMethod(
        this,
        [this, summary, error] {
          m_running = false;
          if (error.isEmpty())
            emit finished(summary);
          else
            emit failed(error);
        },
        Qt::QueuedConnection);
  });
  return true;
}

void FitController::cancel() {
  if (m_cancel) m_cancel->store(true);
}

void FitController::join() {
  if (m_thread.joinable()) m_thread.join();
}

}  // namespace hf::app
