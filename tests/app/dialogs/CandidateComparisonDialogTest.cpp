// The candidate comparison (issue 12): the open project and other project
// files cross-validated on the same split on a worker thread, a table with
// the lowest validation error in bold, error bars and an extrapolation
// plot; bad files are named; Cancel ends the run.
#include "ImageChecks.h"
#include "dialogs/CandidateComparisonDialog.h"
#include "plot/ChartView.h"
#include "project/ProjectFile.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using namespace hf;

namespace {

std::string candidate(const char* name) {
  return std::string(HF_SOURCE_DIR) + "/projects/universal-lv/candidate-" + name + ".hfproj";
}

}  // namespace

class CandidateComparisonDialogTest : public QObject {
  Q_OBJECT
 private slots:
  void comparesOnTheSameSplit() {
    app::CandidateComparisonDialog d(project::loadProject(candidate("physics")));
    d.show();
    QVERIFY(d.addCandidate("/nonexistent/x.hfproj").contains("x.hfproj"));
    QCOMPARE(d.addCandidate(QString::fromStdString(candidate("lotka-volterra"))), QString());
    QCOMPARE(d.candidateList()->count(), 2);
    QSignalSpy finished(&d, &app::CandidateComparisonDialog::finished);
    QVERIFY(d.run());
    QVERIFY(!d.runButton()->isEnabled());
    QVERIFY(finished.wait(120000));
    QVERIFY(d.runButton()->isEnabled());
    QCOMPARE(d.progressBar()->value(), d.progressBar()->maximum());
    QCOMPARE(d.table()->rowCount(), 2);
    // The textbook model validates far better than the physics without the
    // interaction (CliHybridExamplesTest has the figures): its row is bold.
    const double physics = d.table()->item(0, 3)->text().toDouble();
    const double textbook = d.table()->item(1, 3)->text().toDouble();
    QVERIFY2(textbook < 0.5 * physics, qPrintable(QString("%1 vs %2").arg(textbook).arg(physics)));
    QVERIFY(d.table()->item(1, 0)->font().bold());
    QVERIFY(!d.table()->item(0, 0)->font().bold());
    QVERIFY(d.statusLabel()->text().contains("Lowest validation error"));
    QVERIFY(d.errorChart()->hasSeries("training") && d.errorChart()->hasSeries("validation"));
    QVERIFY(d.extrapolationChart()->hasSeries("data"));
    QVERIFY(d.extrapolationChart()->hasSeries(d.candidateList()->item(1)->text()));
    QCOMPARE(d.extrapolationChart()->xTitle(), QStringLiteral("t"));
    QVERIFY(test::isNonBlank(d.extrapolationChart()->grab().toImage()));
    if (const QByteArray dir = qgetenv("HF_SCREENSHOT_DIR"); !dir.isEmpty())
      d.grab().save(QString::fromUtf8(dir) + "/candidates.png");
  }

  // The hybrid example takes seconds per fold: cancelled at once, no
  // candidate is complete, none is shown as a result, and the run ends.
  void cancelEndsTheRun() {
    app::CandidateComparisonDialog d(
        project::loadProject(std::string(HF_SOURCE_DIR) + "/projects/universal-lv/universal-lv.hfproj"));
    QCOMPARE(d.addCandidate(QString::fromStdString(candidate("lotka-volterra"))), QString());
    QSignalSpy finished(&d, &app::CandidateComparisonDialog::finished);
    QVERIFY(d.run());
    QVERIFY(!d.run());  // one at a time
    d.cancel();
    QVERIFY(finished.wait(60000));
    QVERIFY(!d.isRunning());
    QVERIFY(d.runButton()->isEnabled());
    QCOMPARE(d.table()->rowCount(), 0);
    QVERIFY(d.progressBar()->value() < d.progressBar()->maximum());
    QVERIFY2(d.statusLabel()->text().startsWith("Cancelled"), qPrintable(d.statusLabel()->text()));
  }

  // Closing during a run cancels and waits for the worker.
  void destroyedWhileRunning() {
    auto* d = new app::CandidateComparisonDialog(project::loadProject(candidate("lotka-volterra")));
    QVERIFY(d->run());
    delete d;
  }
};

QTEST_MAIN(CandidateComparisonDialogTest)
#include "CandidateComparisonDialogTest.moc"
