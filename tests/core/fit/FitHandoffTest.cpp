// FitHandoff: a fit on a std::thread hands progress and its result to the
// main thread, which reads and cancels; Qt-free, so ThreadSanitizer sees
// every access (bash dev.sh tsan). Order and outcome are asserted, never
// milliseconds.
#include "fit/Calibrator.h"
#include "fit/FitHandoff.h"
#include "model/AlgebraicModel.h"

#include "ModelFixtures.h"

#include <QtTest>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace hf;

namespace {
// y = b1 / (1 + exp(b2 - b3 x))^(1/b4) with noise, started far away.
data::Dataset sigmoid(int n) {
  std::vector<double> x, y;
  for (int i = 0; i < n; ++i) {
    x.push_back(1.0 + 14.0 * i / (n - 1));
    y.push_back(700.0 / std::pow(1 + std::exp(5.3 - 0.76 * x.back()), 1 / 1.3) + 2.0 * std::sin(37.0 * i));
  }
  return hf::test::makeData({{"x", x}, {"y", y}});
}
const std::vector<fit::ParameterSetting> kStart{{"b1", 100.0}, {"b2", 10.0}, {"b3", 1.0}, {"b4", 1.0}};

// Passes iterations on to the hand-off, and holds the worker at its first
// report until the main thread says go: the cancel below then happens
// during the fit on every run, whatever the machine's speed.
class Gate final : public fit::FitObserver {
 public:
  explicit Gate(fit::FitObserver& next) : m_next(next) {}
  fit::FitControl onIteration(const fit::IterationProgress& p) override {
    const fit::FitControl c = m_next.onIteration(p);
    std::unique_lock lock(m_mutex);
    m_reached = true;
    m_cv.notify_all();
    m_cv.wait(lock, [&] { return m_open; });
    return c;
  }
  void waitUntilReached() {
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [&] { return m_reached; });
  }
  void open() {
    std::lock_guard lock(m_mutex);
    m_open = true;
    m_cv.notify_all();
  }

 private:
  fit::FitObserver& m_next;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  bool m_reached = false;
  bool m_open = false;
};
}  // namespace

class FitHandoffTest : public QObject {
  Q_OBJECT
 private slots:
  // The main thread sees progress, cancels, and gets the best state so far
  // once the worker is done; notifications never outnumber the states.
  void cancelFromTheMainThread() {
    const auto data = sigmoid(20000);
    model::AlgebraicModelSpec spec{"b1 / (1 + exp(b2 - b3*x))^(1/b4)", "y", {"b1", "b2", "b3", "b4"}};
    const model::AlgebraicModel m(data, spec);
    std::atomic<int> notified{0};
    fit::FitHandoff handoff([&] { notified.fetch_add(1); }, std::chrono::milliseconds(0));
    Gate gate(handoff.observer());
    std::atomic<bool> cancel{false};
    std::thread worker([&] {
      fit::Calibrator c(m, kStart);
      c.setObserver(&gate);
      c.setCancelFlag(&cancel);
      handoff.publishResult(c.run());
    });
    gate.waitUntilReached();
    const auto first = handoff.takeProgress();
    QVERIFY(first.has_value());
    QCOMPARE(first->parameters.size(), std::size_t(4));
    QVERIFY(!handoff.isFinished());
    cancel = true;
    gate.open();
    worker.join();
    QVERIFY(handoff.isFinished());
    const auto result = handoff.takeResult();
    QVERIFY(result.has_value());
    QVERIFY(result->termination == fit::Termination::Cancelled);
    QVERIFY(result->finalCost <= first->cost * (1 + 1e-12));
    QVERIFY(!handoff.takeResult().has_value());  // taken once
    QVERIFY(notified.load() >= 2);               // the first progress and the result
  }

  // A fit left to finish: every progress the reader takes has a cost that
  // never rises, and the result is the converged optimum.
  void readerFollowsAFitToTheEnd() {
    const auto data = sigmoid(5000);
    model::AlgebraicModelSpec spec{"b1 / (1 + exp(b2 - b3*x))^(1/b4)", "y", {"b1", "b2", "b3", "b4"}};
    const model::AlgebraicModel m(data, spec);
    fit::FitHandoff handoff({}, std::chrono::milliseconds(0));
    std::thread worker([&] {
      fit::Calibrator c(m, kStart);
      c.setObserver(&handoff.observer());
      handoff.publishResult(c.run());
    });
    double last = INFINITY;
    int lastIteration = -1;
    while (!handoff.isFinished()) {
      if (const auto p = handoff.takeProgress()) {
        QVERIFY(p->cost <= last * (1 + 1e-12));
        QVERIFY(p->iteration > lastIteration);
        last = p->cost;
        lastIteration = p->iteration;
      }
      std::this_thread::yield();
    }
    worker.join();
    const auto r = handoff.takeResult();
    QVERIFY(r && r->converged());
    QVERIFY(std::fabs(r->parameters[0].value - 700.0) < 5.0);
  }

  void errorsAreHandedOverToo() {
    fit::FitHandoff handoff;
    std::thread worker([&] { handoff.publishError("the model could not be built"); });
    worker.join();
    QVERIFY(handoff.isFinished());
    QCOMPARE(handoff.takeError().value_or(""), std::string("the model could not be built"));
    QVERIFY(!handoff.isFinished());
  }
};

QTEST_APPLESS_MAIN(FitHandoffTest)
#include "FitHandoffTest.moc"
