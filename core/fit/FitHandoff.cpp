#include "fit/FitHandoff.h"

namespace hf::fit {

FitHandoff::FitHandoff(std::function<void()> notify, std::chrono::milliseconds interval)
    : m_notify(std::move(notify)), m_interval(interval) {}

void FitHandoff::notifyIfIdle(std::unique_lock<std::mutex>& lock, bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!m_notify || m_pending || (!force && now - m_lastNotify < m_interval)) return;
  m_pending = true;
  m_lastNotify = now;
  lock.unlock();  // the callback may take a while (posting an event); never under the lock
  m_notify();
}

void FitHandoff::publishProgress(const IterationProgress& p) {
  std::unique_lock lock(m_mutex);
  if (!m_progress) m_progress.emplace();
  m_progress->iteration = p.iteration;
  m_progress->cost = p.cost;
  m_progress->parameters.assign(p.parameters.begin(), p.parameters.end());
  m_progress->terms.assign(p.terms.begin(), p.terms.end());
  m_progress->validation = p.validation;
  notifyIfIdle(lock, p.iteration == 0);
}

void FitHandoff::publishResult(FitSummary summary) {
  std::unique_lock lock(m_mutex);
  m_result = std::move(summary);
  m_pending = false;  // the end is always announced
  notifyIfIdle(lock, true);
}

void FitHandoff::publishError(std::string message) {
  std::unique_lock lock(m_mutex);
  m_error = std::move(message);
  m_pending = false;
  notifyIfIdle(lock, true);
}

std::optional<FitHandoff::Progress> FitHandoff::takeProgress() {
  std::lock_guard lock(m_mutex);
  m_pending = false;
  std::optional<Progress> out;
  out.swap(m_progress);
  return out;
}

std::optional<FitSummary> FitHandoff::takeResult() {
  std::lock_guard lock(m_mutex);
  m_pending = false;
  std::optional<FitSummary> out;
  out.swap(m_result);
  return out;
}

std::optional<std::string> FitHandoff::takeError() {
  std::lock_guard lock(m_mutex);
  m_pending = false;
  std::optional<std::string> out;
  out.swap(m_error);
  return out;
}

bool FitHandoff::isFinished() const {
  std::lock_guard lock(m_mutex);
  return m_result.has_value() || m_error.has_value();
}

}  // namespace hf::fit
