// FitController: fits run off the GUI thread, report progress, cancel
// quickly with the best parameters so far, and never stall the event loop.
#include "fit/FitController.h"

#include <QCoreApplication>
#include <QElapsedTimer>
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

  // The GUI thread keeps ticking while a long fit runs, and cancel returns
  // quickly with the best parameters so far. A stall caused by our code
  // happens on every try; one caused by the shared machine's scheduler does
  // not, so the best of three tries is judged, against bounds that hold on
  // a loaded 2-core machine (typical: a few ms gap, cancel within 50 ms).
  void longFitNeverStallsAndCancelsQuickly() {
    const project::Project big = sigmoidProject(300000);
    qint64 bestGap = 1 << 30, bestCancel = 1 << 30;
    for (int attempt = 0; attempt < 3 && (bestGap >= 250 || bestCancel >= 1000); ++attempt) {
      app::FitController c;
      QSignalSpy done(&c, &app::FitController::finished);
      QElapsedTimer clock;
      qint64 last = 0, worstGap = 0;
      QTimer tick;
      tick.setInterval(5);
      QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        worstGap = std::max(worstGap, now - last);
        last = now;
      });
      double firstCost = 0, lastCost = 0;
      QObject::connect(&c, &app::FitController::progress, [&](int, double cost, const QVector<double>&) {
        if (firstCost == 0) firstCost = cost;
        lastCost = cost;
      });
      clock.start();
      tick.start();
      QVERIFY(c.start(big));
      // Cancel once the fit has made progress, so "best so far" is testable.
      QTRY_VERIFY_WITH_TIMEOUT(lastCost > 0 && lastCost < firstCost, 20000);
      QVERIFY2(done.isEmpty(), "the fit ended before it could be cancelled; make it longer");
      QElapsedTimer sinceCancel;
      sinceCancel.start();
      c.cancel();
      QVERIFY(done.wait(5000));
      const qint64 cancelMs = sinceCancel.elapsed();
      tick.stop();
      const auto summary = done.at(0).at(0).value<fit::FitSummary>();
      qInfo("try %d: longest event-loop gap %lld ms, cancel took %lld ms", attempt + 1, worstGap, cancelMs);
      QVERIFY(summary.termination == fit::Termination::Cancelled);
      // The result is at least as good as the last progress report.
      QVERIFY2(summary.finalCost <= lastCost * (1 + 1e-12),
               qPrintable(QString("final %1, last reported %2").arg(summary.finalCost).arg(lastCost)));
      QVERIFY(summary.finalCost < summary.initialCost);
      bestGap = std::min(bestGap, worstGap);
      bestCancel = std::min(bestCancel, cancelMs);
    }
    QVERIFY2(bestGap < 250, qPrintable(QString("event loop stalled %1 ms").arg(bestGap)));
    QVERIFY2(bestCancel < 1000, qPrintable(QString("cancel took %1 ms").arg(bestCancel)));
  }

  void destroyingDuringAFitIsClean() {
    auto* c = new app::FitController;
    QVERIFY(c->start(sigmoidProject(300000)));
    QTest::qWait(300);
    QElapsedTimer t;
    t.start();
    delete c;  // cancels and joins
    QVERIFY2(t.elapsed() < 1000, qPrintable(QString("destruction took %1 ms").arg(t.elapsed())));
    QTest::qWait(50);  // queued deliveries to the dead controller are dropped
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
