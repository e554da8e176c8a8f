// FitController: fits run off the GUI thread, report progress, cancel
// quickly with the best parameters so far, and never stall the event loop.
#include "fit/FitController.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTimer>
#include <QtTest>
#include <cmath>

using namespace hf;

namespace {
// y = b1 / (1 + exp(b2 - b3 x))^(1/b4) on n points, fitted from a poor start.
project::Project sigmoidProject(int n) {
  project::Project p;
  project::ProjectDataset d;
  d.data.name = "sigmoid";
  std::vector<double> x(static_cast<std::size_t>(n)), y(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    x[static_cast<std::size_t>(i)] = 1.0 + 14.0 * i / (n - 1);
    const double xi = x[static_cast<std::size_t>(i)];
    y[static_cast<std::size_t>(i)] =
        700.0 / std::pow(1 + std::exp(5.3 - 0.76 * xi), 1 / 1.3) + 2.0 * std::sin(37.0 * i);
  }
  d.data.columns.push_back({"x", "x", "", x});
  d.data.columns.push_back({"y", "y", "", y});
  p.datasets.push_back(d);
  p.model.dataset = "sigmoid";
  p.model.spec.formula = "b1 / (1 + exp(b2 - b3*x))^(1/b4)";
  p.model.spec.response = "y";
  p.model.spec.parameters = {"b1", "b2", "b3", "b4"};
  p.parameters = {{"b1", 100.0}, {"b2", 10.0}, {"b3", 1.0}, {"b4", 1.0}};
  return p;
}
}  // namespace

class FitControllerTest : public QObject {
  Q_OBJECT
 private slots:
  void quickFitFinishesWithResult() {
    app::FitController c;
    QSignalSpy done(&c, &app::FitController::finished);
    QSignalSpy progress(&c, &app::FitController::progress);
    QVERIFY(c.start(sigmoidProject(200)));
    QVERIFY(c.isRunning());
    QVERIFY(!c.start(sigmoidProject(200)));  // one fit at a time
    QVERIFY(done.wait(30000));
    QVERIFY(!c.isRunning());
    const auto summary = done.at(0).at(0).value<fit::FitSummary>();
    QVERIFY2(summary.converged(), summary.message.c_str());
    QVERIFY(std::fabs(summary.parameters[0].value - 700.0) < 10.0);
    QVERIFY(progress.count() >= 1);
    QCOMPARE(progress.at(0).at(2).value<QVector<double>>().size(), 4);
  }

  // The GUI thread keeps running its event loop while a long fit runs, and
  // cancel ends the fit with the best parameters so far. Order and outcome
  // only: how long it takes is measured by bench/bench_fit_controller.
  void longFitKeepsTheEventLoopRunningAndCancelKeepsBest() {
    app::FitController c;
    QSignalSpy done(&c, &app::FitController::finished);
    int ticks = 0, ticksAtFirstProgress = -1;
    QTimer tick;
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, [&] { ++ticks; });
    double firstCost = 0, lastCost = 0;
    int reports = 0;
    QObject::connect(&c, &app::FitController::progress, [&](int, double cost, const QVector<double>&) {
      if (ticksAtFirstProgress < 0) ticksAtFirstProgress = ticks;
      if (firstCost == 0) firstCost = cost;
      lastCost = cost;
      ++reports;
    });
    tick.start();
    QVERIFY(c.start(sigmoidProject(300000)));
    // Cancel once the fit has made progress, so "best so far" is testable.
    QTRY_VERIFY_WITH_TIMEOUT(lastCost > 0 && lastCost < firstCost, 60000);
    QVERIFY2(done.isEmpty(), "the fit ended before it could be cancelled; make it longer");
    // Timer events were served between the reports, not only after the fit.
    const int ticksBeforeCancel = ticks;
    QVERIFY2(ticksBeforeCancel > ticksAtFirstProgress,
             qPrintable(QString("%1 timer ticks by the first report, %2 by the cancel, %3 reports")
                            .arg(ticksAtFirstProgress)
                            .arg(ticksBeforeCancel)
                            .arg(reports)));
    c.cancel();
    QVERIFY(c.isRunning());  // the summary arrives through the event loop
    QVERIFY(done.wait(60000));
    QVERIFY(!c.isRunning());
    QCOMPARE(done.count(), 1);
    const auto summary = done.at(0).at(0).value<fit::FitSummary>();
    QVERIFY(summary.termination == fit::Termination::Cancelled);
    // The result is at least as good as the last progress report.
    QVERIFY2(summary.finalCost <= lastCost * (1 + 1e-12),
             qPrintable(QString("final %1, last reported %2").arg(summary.finalCost).arg(lastCost)));
    QVERIFY(summary.finalCost < summary.initialCost);
    QCOMPARE(summary.parameters.size(), std::size_t(4));
    for (const auto& p : summary.parameters) QVERIFY(std::isfinite(p.value));
  }

  // Deleting the controller during a fit cancels it and joins the worker
  // before the controller is gone (the worker holds the hand-off until its
  // thread function returns); nothing is delivered afterwards.
  void destroyingDuringAFitJoinsTheWorker() {
    auto* c = new app::FitController;
    bool progressed = false;
    int finished = 0;
    QObject::connect(c, &app::FitController::progress, [&] { progressed = true; });
    QObject::connect(c, &app::FitController::finished, [&] { ++finished; });
    QVERIFY(c->start(sigmoidProject(300000)));
    QTRY_VERIFY_WITH_TIMEOUT(progressed, 60000);
    const std::weak_ptr<const fit::FitHandoff> handoff = c->handoff();
    QVERIFY(!handoff.expired());
    delete c;  // cancels and joins
    QVERIFY(handoff.expired());
    QTest::qWait(50);  // queued "new state" calls to the dead controller are dropped
    QCOMPARE(finished, 0);
  }

  void badModelReportsFailure() {
    app::FitController c;
    QSignalSpy failed(&c, &app::FitController::failed);
    auto p = sigmoidProject(20);
    p.model.spec.formula = "b1*(x";
    QVERIFY(c.start(p));
    QVERIFY(failed.wait(5000));
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("missing ')'")));
    QVERIFY(!c.isRunning());
  }
};

QTEST_GUILESS_MAIN(FitControllerTest)
#include "FitControllerTest.moc"
