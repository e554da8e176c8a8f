// Tests hf::app::MainWindow: title, menus, default size, the demo chart
// rendering, and the screenshot path used by `hybridfit --screenshot`.
#include "MainWindow.h"

#include "ImageChecks.h"
#include "plot/ChartView.h"
#include "vtk/VtkView.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <vtkChartXY.h>

#include <vector>

using hf::app::MainWindow;
using hf::test::countNear;
using hf::widgets::ChartView;

namespace {
constexpr int kMinSeriesPixels = 150;
constexpr int kColourTolerance = 40;

QStringList menuTitles(const QMenuBar* bar)
{
  QStringList titles;
  for (const QAction* a : bar->actions())
    titles << a->text().remove(QLatin1Char('&'));
  return titles;
}
} // namespace

class MainWindowTest : public QObject {
  Q_OBJECT
private slots:
  void hasTitleMenusAndSize();
  void demoChartRenders();
  void showSeriesReplacesPoints();
  void screenshotWritesPng();
};

void MainWindowTest::hasTitleMenusAndSize()
{
  MainWindow w;
  QCOMPARE(w.windowTitle(), QStringLiteral("HybridFit"));
  QCOMPARE(menuTitles(w.menuBar()), (QStringList{QStringLiteral("File"), QStringLiteral("Help")}));
  QVERIFY(w.statusBar() != nullptr);
  QCOMPARE(w.size(), QSize(1100, 700));
  QCOMPARE(w.centralWidget(), static_cast<QWidget*>(w.chartView()));
}

void MainWindowTest::demoChartRenders()
{
  MainWindow w;
  w.showDemo();
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QCOMPARE(w.chartView()->chart()->GetNumberOfPlots(), 2);

  QImage img;
  QTRY_VERIFY_WITH_TIMEOUT(
      (img = w.chartView()->view()->grabFramebuffer(),
       countNear(img, ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels),
      10000);
  QVERIFY(hf::test::isNonBlank(img));
  QVERIFY(countNear(img, ChartView::curveColor(), kColourTolerance) > kMinSeriesPixels);
}

void MainWindowTest::showSeriesReplacesPoints()
{
  MainWindow w;
  w.showDemo();
  const std::vector<double> x{1, 2, 3}, y{4, 5, 6};
  w.showSeries(x, y, QStringLiteral("x [m]"), QStringLiteral("y [m]"), QStringLiteral("new"));
  // Demo curve plus the new points; the old points are gone.
  QCOMPARE(w.chartView()->chart()->GetNumberOfPlots(), 2);
  QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("new")));
}

void MainWindowTest::screenshotWritesPng()
{
  MainWindow w;
  w.showDemo();
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString file = dir.filePath(QStringLiteral("main.png"));
  QTRY_VERIFY_WITH_TIMEOUT(
      w.saveScreenshot(file) &&
          countNear(QImage(file), ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels,
      10000);
  const QImage img(file);
  QCOMPARE(img.size(), w.size() * w.devicePixelRatio());
  // The chart area is not black (a failed GL blit grabs as black).
  QVERIFY(!hf::test::near(img.pixelColor(img.width() / 2, img.height() / 2), Qt::black, 10));
}

int main(int argc, char* argv[])
{
  hf::widgets::VtkView::setDefaultSurfaceFormat(); // before QApplication
  QApplication app(argc, argv);
  MainWindowTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "MainWindowTest.moc"
