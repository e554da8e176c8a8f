#include "fit/FitController.h"

#include "common/Error.h"
#include "fit/FitHandoff.h"
#include "project/ProjectFit.h"

#include <QMetaObject>

#include <chrono>

namespace hf::app {

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
  // The worker publishes into the hand-off and posts a payload-free "new
  // state" call; the GUI thread takes the state in deliver(). The call is
  // dropped if the controller is gone, and it cannot be gone while the
  // worker runs (its destructor joins the thread).
  m_handoff = std::make_shared<fit::FitHandoff>(
      [this] { QMetaObject::invokeMethod(this, &FitController::deliver, Qt::QueuedConnection); },
      std::chrono::milliseconds(kProgressIntervalMs));
  m_thread = std::thread([handoff = m_handoff, cancel = m_cancel, project] {
    try {
      handoff->publishResult(project::fitProject(project, &handoff->observer(), cancel.get()));
    } catch (const Error& e) {
      handoff->publishError(e.what());
    } catch (const std::exception& e) {
      handoff->publishError(std::string("internal error: ") + e.what());
    }
  });
  return true;
}

void FitController::deliver() {
  if (!m_handoff) return;
  if (const auto p = m_handoff->takeProgress()) {
    if (!p->terms.empty()) {
      QStringList names;
      QVector<double> values;
      for (const fit::LossTerm& t : p->terms) {
        names << QString::fromStdString(t.name);
        values << t.value;
      }
      emit lossTerms(names, values);
    }
    if (std::isfinite(p->validation)) emit validationError(p->validation);
    emit progress(p->iteration, p->cost, QVector<double>(p->parameters.begin(), p->parameters.end()));
  }
  if (auto r = m_handoff->takeResult()) {
    m_running = false;
    emit finished(*r);
  } else if (const auto e = m_handoff->takeError()) {
    m_running = false;
    emit failed(QString::fromStdString(*e));
  }
}

void FitController::cancel() {
  if (m_cancel) m_cancel->store(true);
}

void FitController::join() {
  if (m_thread.joinable()) m_thread.join();
}

}  // namespace hf::app
