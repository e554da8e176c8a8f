// Tests hf::app::MainWindow: title, menus, default size, the demo chart
// rendering, and the screenshot path used by `hybridfit --screenshot`.
#include "MainWindow.h"

#include "ImageChecks.h"
#include "WidgetChecks.h"
#include "document/ProjectDocument.h"
#include "model/AlgebraicModel.h"
#include "panels/ParameterTableModel.h"
#include "plot/ChartView.h"
#include "project/ProjectFit.h"
#include "surface/SurfaceView.h"
#include "views/ResultViews.h"
#include "vtk/VtkView.h"

#include <QAction>

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <vtkChartXY.h>

#include <algorithm>
#include <cmath>
#include <vector>

using hf::app::MainWindow;
using hf::app::ParameterTableModel;
using hf::test::countNear;
using hf::widgets::ChartView;

namespace {
constexpr int kMinSeriesPixels = 150;
constexpr int kColourTolerance = 40;

QStringList menuTitles(const QMenuBar* bar) {
  QStringList titles;
  for (const QAction* a : bar->actions()) titles << a->text().remove(QLatin1Char('&'));
  return titles;
}
}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT
 private slots:
  void hasTitleMenusAndSize();
  void demoChartRenders();
  void showSeriesReplacesPoints();
  void screenshotWritesPng();
  void requestOpenEmitsAbsolutePath();
  void opensExampleProject();
  void badFilesReportWhyAndKeepTheView();
  void importedDataBecomeTheProjectData();
  void everyControlExplainsItself();
  void aboutNamesTheLibraryVersions();
  void onlyTheViewOfTheModelsInputsIsOffered();
  void weightedFitsShowWeightedResiduals();
  void editingAStartValueInTheTable();
};

// Typing a start value into the table (the way a user does) takes it, with
// no Qt warning on the way (issue 10, fault 7: "closeEditor called with an
// editor that does not belong to this view" when the model reset under the
// open editor); an emptied cell lets the fit choose the start.
void MainWindowTest::editingAStartValueInTheTable() {
  QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
  MainWindow w;
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QCOMPARE(w.openPath(QStringLiteral(HF_SOURCE_DIR "/projects/cooling/cooling.hfproj")), QString());
  QTableView* table = nullptr;
  for (QTableView* t : w.findChildren<QTableView*>())
    if (t->model() == w.parameterModel()) table = t;
  QVERIFY(table);
  const auto edit = [&](const QString& text) {
    const QModelIndex idx = w.parameterModel()->index(2, ParameterTableModel::Start);
    table->setCurrentIndex(idx);
    table->edit(idx);
    // The delegate's editor: a direct child of the viewport (its event
    // filter commits on Return).
    QWidget* editor = nullptr;
    for (QWidget* e : table->viewport()->findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
      if (e->isVisible()) editor = e;
    QVERIFY(editor);
    QLineEdit* line = qobject_cast<QLineEdit*>(editor);
    if (!line) line = editor->findChild<QLineEdit*>();
    QVERIFY(line);
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClicks(line, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents();                                    // the delegate commits through a queued call
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);  // and deletes the editor later
  };
  edit(QStringLiteral("0.005"));
  QTRY_COMPARE(w.document()->project().parameters[2].start, 0.005);
  QVERIFY(!w.document()->project().parameters[2].autoStart);
  edit(QString());
  QTRY_VERIFY(w.document()->project().parameters[2].autoStart);
  QCOMPARE(w.parameterModel()
               ->data(w.parameterModel()->index(2, ParameterTableModel::Start), Qt::DisplayRole)
               .toString()
               .left(4),
           QStringLiteral("auto"));
  w.document()->undoStack()->clear();
}

void MainWindowTest::hasTitleMenusAndSize() {
  // Every action is connected to a live receiver (a null one only warns).
  QTest::failOnWarning(QRegularExpression(QStringLiteral("connect")));
  MainWindow w;
  QCOMPARE(w.windowTitle(), QStringLiteral("HybridFit"));
  QCOMPARE(menuTitles(w.menuBar()), (QStringList{QStringLiteral("File"), QStringLiteral("Edit"), QStringLiteral("Fit"),
                                                 QStringLiteral("View"), QStringLiteral("Help")}));
  QVERIFY(w.statusBar() != nullptr);
  QCOMPARE(w.size(), QSize(1100, 700));
  QVERIFY(w.centralWidget()->isAncestorOf(w.chartView()));
  QVERIFY(w.centralWidget()->isAncestorOf(w.surfaceView()));
}

void MainWindowTest::demoChartRenders() {
  MainWindow w;
  w.showDemo();
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QCOMPARE(w.chartView()->chart()->GetNumberOfPlots(), 2);

  QImage img;
  QTRY_VERIFY_WITH_TIMEOUT((img = w.chartView()->view()->grabFramebuffer(),
                            countNear(img, ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels),
                           10000);
  QVERIFY(hf::test::isNonBlank(img));
  QVERIFY(countNear(img, ChartView::curveColor(), kColourTolerance) > kMinSeriesPixels);
}

void MainWindowTest::showSeriesReplacesPoints() {
  MainWindow w;
  w.showDemo();
  const std::vector<double> x{1, 2, 3}, y{4, 5, 6};
  w.showSeries(x, y, QStringLiteral("x [m]"), QStringLiteral("y [m]"), QStringLiteral("new"));
  // Demo curve plus the new points; the old points are gone.
  QCOMPARE(w.chartView()->chart()->GetNumberOfPlots(), 2);
  QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("new")));
}

void MainWindowTest::screenshotWritesPng() {
  MainWindow w;
  w.showDemo();
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString file = dir.filePath(QStringLiteral("main.png"));
  QTRY_VERIFY_WITH_TIMEOUT(
      w.saveScreenshot(file) && countNear(QImage(file), ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels,
      10000);
  const QImage img(file);
  QCOMPARE(img.size(), w.size() * w.devicePixelRatio());
  // The chart area is not black (a failed GL blit grabs as black).
  QVERIFY(!hf::test::near(img.pixelColor(img.width() / 2, img.height() / 2), Qt::black, 10));
}

void MainWindowTest::requestOpenEmitsAbsolutePath() {
  MainWindow w;
  QSignalSpy spy(&w, &MainWindow::openRequested);
  w.requestOpen(QStringLiteral("some/relative/data.csv"));
  QCOMPARE(spy.count(), 1);
  const QString path = spy.at(0).at(0).toString();
  QVERIFY(QFileInfo(path).isAbsolute());
  QVERIFY(path.endsWith(QStringLiteral("some/relative/data.csv")));
}

void MainWindowTest::opensExampleProject() {
  MainWindow w;
  w.showDemo();
  const QString path = QStringLiteral(HF_SOURCE_DIR "/projects/cooling/cooling.hfproj");
  QCOMPARE(w.openPath(path), QString());
  // Data points and the model curve; the window and status bar name the project.
  QCOMPARE(w.chartView()->chart()->GetNumberOfPlots(), 2);
  QVERIFY(w.windowTitle().startsWith(QStringLiteral("cooling.hfproj")));
  QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("31 points")));
  // Opened files are remembered for File > Open Recent.
  QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList().value(0),
           QFileInfo(path).absoluteFilePath());
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QImage img;
  QTRY_VERIFY_WITH_TIMEOUT((img = w.chartView()->view()->grabFramebuffer(),
                            countNear(img, ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels),
                           10000);
  QVERIFY(countNear(img, ChartView::curveColor(), kColourTolerance) > kMinSeriesPixels);
}

void MainWindowTest::badFilesReportWhyAndKeepTheView() {
  MainWindow w;
  w.showDemo();
  const QString before = w.windowTitle();
  QTemporaryDir dir;
  const QString bad = dir.filePath(QStringLiteral("bad.hfproj"));
  QFile f(bad);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write("{\"schemaVersion\": 1, \"datasets\": 3}");
  f.close();
  const QString error = w.openPath(bad);
  QVERIFY2(error.contains(QStringLiteral("/datasets")), qPrintable(error));
  QCOMPARE(w.windowTitle(), before);
  QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("Could not open")));
  QVERIFY(!w.openPath(dir.filePath(QStringLiteral("missing.csv"))).isEmpty());
  QCOMPARE(w.chartView()->chart()->GetNumberOfPlots(), 2);  // the demo is still shown
}

void MainWindowTest::importedDataBecomeTheProjectData() {
  MainWindow w;
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  // A project is open: imported data start a new, untitled project, so
  // that Save cannot write them into the open project's file.
  QCOMPARE(w.openPath(QStringLiteral(HF_SOURCE_DIR "/projects/cooling/cooling.hfproj")), QString());
  QVERIFY(!w.document()->filePath().isEmpty());
  hf::data::Dataset d;
  d.name = "rates";
  d.columns.push_back({"T", "T", "K", {300, 310, 320}});
  d.columns.push_back({"k", "k", "1/s", {1.0, 2.0, 4.0}});
  d.columns.push_back({"dk", "dk", "1/s", {0.1, 0.1, 0.2}});
  w.importDataset(d, QStringLiteral("k"), QStringLiteral("dk"));
  QCOMPARE(w.document()->project().datasets.size(), std::size_t(1));
  QCOMPARE(w.document()->project().model.spec.response, std::string("k"));
  QCOMPARE(w.document()->project().model.spec.weightColumn, std::string("dk"));
  QVERIFY(w.isWindowModified());
  QVERIFY(w.document()->filePath().isEmpty());
  QVERIFY(w.windowTitle().startsWith(QStringLiteral("Untitled")));
  QVERIFY(w.document()->project().model.spec.formula.empty());  // the cooling law does not carry over
  // No model yet: the chart shows the new data at once, nothing of the old.
  QCOMPARE(w.chartView()->seriesNames(), QStringList{QStringLiteral("rates")});
  QCOMPARE(w.chartView()->yTitle(), QStringLiteral("k [1/s]"));
  // Typing a formula makes it fittable.
  w.document()->setFormula(QStringLiteral("A*exp(-Ea/(8.314*T))"));
  QCOMPARE(w.document()->project().parameters.size(), std::size_t(2));
  w.document()->undoStack()->clear();
  w.document()->undoStack()->setClean();
}

void MainWindowTest::everyControlExplainsItself() {
  MainWindow w;
  const QStringList missing = hf::test::controlsWithoutTooltip(w);
  QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("no tooltip: ") + missing.join(QStringLiteral(", "))));
  // The views' tabs explain what each plot shows.
  for (int i = 0; i < w.views()->count(); ++i) QVERIFY(!w.views()->tabToolTip(i).isEmpty());
}

void MainWindowTest::aboutNamesTheLibraryVersions() {
  MainWindow w;
  const QString text = w.aboutText();
  QVERIFY2(text.contains(QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()))), qPrintable(text));
  QVERIFY2(text.contains(QRegularExpression(QStringLiteral("VTK 9\\.\\d+"))), qPrintable(text));
  QVERIFY2(text.contains(QRegularExpression(QStringLiteral("Ceres Solver 2\\.\\d+\\.\\d+"))), qPrintable(text));
}

void MainWindowTest::onlyTheViewOfTheModelsInputsIsOffered() {
  MainWindow w;
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QTabWidget* tabs = w.views();
  const int chartTab = tabs->indexOf(w.chartView());
  const int surfaceTab = tabs->indexOf(w.surfaceView());
  QCOMPARE(w.openPath(QStringLiteral(HF_SOURCE_DIR "/projects/rate-surface/rate-surface.hfproj")), QString());
  QVERIFY(tabs->isTabEnabled(surfaceTab) && !tabs->isTabEnabled(chartTab));
  QCOMPARE(tabs->currentIndex(), surfaceTab);
  QVERIFY(w.chartView()->seriesNames().isEmpty());  // nothing stale behind the disabled tab
  QCOMPARE(w.openPath(QStringLiteral(HF_SOURCE_DIR "/projects/cooling/cooling.hfproj")), QString());
  QVERIFY(tabs->isTabEnabled(chartTab) && !tabs->isTabEnabled(surfaceTab));
  QCOMPARE(tabs->currentIndex(), chartTab);
  QVERIFY(!w.surfaceView()->hasSurface());
  QVERIFY(!w.chartView()->hasSeries(QStringLiteral("±1 σ")));  // cooling has no sigma column
}

void MainWindowTest::weightedFitsShowWeightedResiduals() {
  MainWindow w;
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QCOMPARE(w.openPath(QStringLiteral(HF_SOURCE_DIR "/projects/arrhenius/arrhenius.hfproj")), QString());
  const hf::project::Project& p = w.document()->project();
  const hf::fit::FitSummary r = hf::project::fitProject(p);
  QVERIFY2(r.converged(), r.message.c_str());
  w.document()->acceptFitResult(r);
  // The residuals the fit minimised: (k - f) / sk, computed here directly.
  const hf::model::AlgebraicModel m(p.modelDataset(), p.model.spec);
  std::vector<double> values;
  for (const auto& e : r.parameters) values.push_back(e.value);
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t i = 0; i < m.pointCount(); ++i) {
    const double res = (m.observed()[i] - m.predict(i, values)) * m.scale(i);
    lo = std::min(lo, res);
    hi = std::max(hi, res);
  }
  QCOMPARE(w.residualChart()->yTitle(), QStringLiteral("weighted residual (dimensionless)"));
  // The data plot shows each point's sigma as an error bar.
  QVERIFY2(w.chartView()->hasSeries(QStringLiteral("±1 σ")), qPrintable(w.chartView()->seriesNames().join('|')));
  const auto [shownLo, shownHi] = w.residualChart()->yRange();
  const double margin = ChartView::viewMargin() * (hi - lo);
  QVERIFY2(
      std::abs(shownLo - (lo - margin)) < 1e-6 * (hi - lo) && std::abs(shownHi - (hi + margin)) < 1e-6 * (hi - lo),
      qPrintable(
          QStringLiteral("shown [%1, %2], expected [%3, %4] plus margins").arg(shownLo).arg(shownHi).arg(lo).arg(hi)));
  w.document()->undoStack()->clear();
}

int main(int argc, char* argv[]) {
  hf::widgets::VtkView::setDefaultSurfaceFormat();  // before QApplication
  QStandardPaths::setTestModeEnabled(true);         // settings go to a test location
  QApplication app(argc, argv);
  MainWindowTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "MainWindowTest.moc"
