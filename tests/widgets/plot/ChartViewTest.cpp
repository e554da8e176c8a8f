// Tests hf::widgets::ChartView: an XY chart with named series (markers,
// lines, bars) renders into its VtkView with the series colours, axis titles
// and a legend; resetView() fits the data, also after zooming and panning.
#include "plot/ChartView.h"

#include "ImageChecks.h"
#include "PlotTestSupport.h"
#include "vtk/VtkView.h"

#include <QApplication>
#include <QFileInfo>
#include <QTest>
#include <QWheelEvent>

#include <vtkAxis.h>
#include <vtkCallbackCommand.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkCommand.h>
#include <vtkNew.h>
#include <vtkPlot.h>
#include <vtkRenderWindow.h>

#include <cmath>
#include <limits>
#include <vector>

using hf::test::countNear;
using hf::widgets::ChartView;
using hf::widgets::VtkView;

using hf::test::kColourTolerance;
using hf::test::kMinSeriesPixels;
using hf::test::parabola;
using hf::test::Samples;

namespace {

// 20 samples of a parabola in a shown 640 x 420 chart, rendered.
void showSamples(ChartView& chart) {
  const Samples s = parabola(20, 0.5);
  chart.setData(s.x, s.y, QStringLiteral("x [m]"), QStringLiteral("y [m]"), QStringLiteral("samples"));
  chart.resize(640, 420);
  chart.show();
  QVERIFY(QTest::qWaitForWindowExposed(&chart));
  QTRY_VERIFY_WITH_TIMEOUT(
      countNear(chart.view()->grabFramebuffer(), ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels, 10000);
}

// One notch of the mouse wheel forward (zoom in) at `at`.
void wheelForward(ChartView& chart, QPointF at) {
  QWheelEvent wheel(at, chart.view()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(chart.view(), &wheel);
}

}  // namespace

class ChartViewTest : public QObject {
  Q_OBJECT
 private slots:
  void usesDejaVuWhenInstalled();
  void rendersPointsInSeriesColour();
  void rendersCurveInCurveColour();
  void keepsTitlesAndLabels();
  void clearRemovesSeries();
  void wheelZoomsAndRerenders();
  void namedSeriesAddReplaceRemove();
  void drawsBarsThenLinesThenMarkers();
  void seriesRenderInTheirColours();
  void legendListsOnlyLegendSeries();
  void legendAvoidsTheData();
  void resetViewFitsDataWithMargin();
  void resetViewIgnoresNonFiniteAndReferenceSeries();
  void logScaleY();
  void zoomAndPanThenResetRestoresRange();
  void setDataAndSetCurveReplaceTheirOwnSeries();
  void oneRenderPerChange();
};

void ChartViewTest::usesDejaVuWhenInstalled() {
  if (!QFileInfo::exists(QStringLiteral("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")))
    QSKIP("fonts-dejavu-core is not installed");
  QVERIFY(ChartView::fontFile().endsWith(QStringLiteral("DejaVuSans.ttf")));
}

void ChartViewTest::rendersPointsInSeriesColour() {
  ChartView chart;
  const Samples s = parabola(20, 0.5);
  chart.setData(s.x, s.y, QStringLiteral("x [m]"), QStringLiteral("y [m]"), QStringLiteral("samples"));
  chart.resize(640, 420);
  chart.show();
  QVERIFY(QTest::qWaitForWindowExposed(&chart));

  QImage img;
  QTRY_VERIFY_WITH_TIMEOUT((img = chart.view()->grabFramebuffer(),
                            countNear(img, ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels),
                           10000);
  QVERIFY(hf::test::isNonBlank(img));
  // White background around the plot area.
  QVERIFY(hf::test::near(img.pixelColor(1, 1), Qt::white, 8));
  // No line series yet.
  QCOMPARE(countNear(img, ChartView::curveColor(), 30), 0);
}

void ChartViewTest::rendersCurveInCurveColour() {
  ChartView chart;
  const Samples s = parabola(20, 0.5);
  const Samples fine = parabola(200, 0.05);
  chart.setData(s.x, s.y, QStringLiteral("x [m]"), QStringLiteral("y [m]"), QStringLiteral("samples"));
  chart.setCurve(fine.x, fine.y, QStringLiteral("model"));
  chart.resize(640, 420);
  chart.show();
  QVERIFY(QTest::qWaitForWindowExposed(&chart));

  QImage img;
  QTRY_VERIFY_WITH_TIMEOUT((img = chart.view()->grabFramebuffer(),
                            countNear(img, ChartView::curveColor(), kColourTolerance) > kMinSeriesPixels),
                           10000);
  QVERIFY(countNear(img, ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels);
  QCOMPARE(chart.chart()->GetNumberOfPlots(), 2);
}

void ChartViewTest::keepsTitlesAndLabels() {
  ChartView chart;
  const Samples s = parabola(5, 1.0);
  chart.setData(s.x, s.y, QStringLiteral("time t [s]"), QStringLiteral("temperature T [K]"), QStringLiteral("probe"));
  QCOMPARE(QString::fromStdString(chart.chart()->GetAxis(vtkAxis::BOTTOM)->GetTitle()), QStringLiteral("time t [s]"));
  QCOMPARE(QString::fromStdString(chart.chart()->GetAxis(vtkAxis::LEFT)->GetTitle()),
           QStringLiteral("temperature T [K]"));
  QCOMPARE(chart.chart()->GetNumberOfPlots(), 1);
  QCOMPARE(QString::fromStdString(chart.chart()->GetPlot(0)->GetLabel()), QStringLiteral("probe"));
  QVERIFY(chart.chart()->GetShowLegend());
}

void ChartViewTest::clearRemovesSeries() {
  ChartView chart;
  const Samples s = parabola(5, 1.0);
  chart.setData(s.x, s.y, QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("a"));
  chart.setCurve(s.x, s.y, QStringLiteral("b"));
  QCOMPARE(chart.chart()->GetNumberOfPlots(), 2);
  chart.clear();
  QCOMPARE(chart.chart()->GetNumberOfPlots(), 0);
}

void ChartViewTest::wheelZoomsAndRerenders() {
  ChartView chart;
  showSamples(chart);
  if (QTest::currentTestFailed()) return;

  vtkAxis* axis = chart.chart()->GetAxis(vtkAxis::BOTTOM);
  const double before = axis->GetMaximum() - axis->GetMinimum();
  const QPointF centre(320, 210);
  // The chart zooms around the pointer; it must have seen the pointer move
  // there first, as with a real mouse.
  QTest::mouseMove(chart.view(), centre.toPoint());
  wheelForward(chart, centre);
  const double after = axis->GetMaximum() - axis->GetMinimum();
  QVERIFY2(after < before, qPrintable(QStringLiteral("x range %1 -> %2").arg(before).arg(after)));
  // Zoomed in, still a proper chart.
  QTRY_VERIFY_WITH_TIMEOUT(hf::test::isNonBlank(chart.view()->grabFramebuffer()), 10000);
}

// A data change is drawn once (the chart style's delayed render request
// for a change already drawn is dropped); interaction still redraws.
void ChartViewTest::oneRenderPerChange() {
  ChartView chart;
  showSamples(chart);
  if (QTest::currentTestFailed()) return;
  QTest::qWait(200);  // let any pending request of the first frames pass

  int renders = 0;
  vtkNew<vtkCallbackCommand> count;
  count->SetClientData(&renders);
  count->SetCallback([](vtkObject*, unsigned long, void* n, void*) { ++*static_cast<int*>(n); });
  const unsigned long tag = chart.view()->renderWindow()->AddObserver(vtkCommand::EndEvent, count);
  const Samples fine = parabola(100, 0.1);
  chart.setCurve(fine.x, fine.y, QStringLiteral("model"));
  QTest::qWait(300);  // longer than the style's 40 ms delay
  QCOMPARE(renders, 1);

  const QPointF centre(320, 210);
  QTest::mouseMove(chart.view(), centre.toPoint());
  QTest::qWait(300);  // a hover tooltip may draw; not what is counted next
  renders = 0;
  vtkAxis* axis = chart.chart()->GetAxis(vtkAxis::BOTTOM);
  const double before = axis->GetMaximum() - axis->GetMinimum();
  wheelForward(chart, centre);
  QVERIFY(axis->GetMaximum() - axis->GetMinimum() < before);
  QTRY_VERIFY_WITH_TIMEOUT(renders >= 1, 2000);  // the zoom is drawn
  chart.view()->renderWindow()->RemoveObserver(tag);
}

void ChartViewTest::namedSeriesAddReplaceRemove() {
  ChartView chart;
  const Samples a = parabola(5, 1.0);
  const Samples b = parabola(8, 0.5);
  chart.setSeries(QStringLiteral("a"), a.x, a.y, {});
  chart.setSeries(QStringLiteral("b"), b.x, b.y, {.kind = ChartView::SeriesKind::Line, .colour = Qt::darkGreen});
  QCOMPARE(chart.seriesNames(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
  QCOMPARE(chart.chart()->GetNumberOfPlots(), 2);
  // Replacing keeps the position and the count.
  chart.setSeries(QStringLiteral("a"), b.x, b.y, {.colour = Qt::magenta});
  QCOMPARE(chart.seriesNames(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
  QCOMPARE(chart.chart()->GetNumberOfPlots(), 2);
  QVERIFY(chart.removeSeries(QStringLiteral("a")));
  QVERIFY(!chart.removeSeries(QStringLiteral("a")));
  QVERIFY(!chart.hasSeries(QStringLiteral("a")));
  QCOMPARE(chart.chart()->GetNumberOfPlots(), 1);
  QCOMPARE(QString::fromStdString(chart.chart()->GetPlot(0)->GetLabel()), QStringLiteral("b"));
  chart.clear();
  QVERIFY(chart.seriesNames().isEmpty());
}

void ChartViewTest::drawsBarsThenLinesThenMarkers() {
  ChartView chart;
  const Samples s = parabola(5, 1.0);
  chart.setSeries(QStringLiteral("points"), s.x, s.y, {.kind = ChartView::SeriesKind::Points});
  chart.setSeries(QStringLiteral("line"), s.x, s.y, {.kind = ChartView::SeriesKind::Line});
  chart.setSeries(QStringLiteral("bars"), s.x, s.y, {.kind = ChartView::SeriesKind::Bars});
  chart.setSeries(QStringLiteral("line2"), s.x, s.y, {.kind = ChartView::SeriesKind::Line});
  QStringList drawn;
  for (vtkIdType i = 0; i < chart.chart()->GetNumberOfPlots(); ++i)
    drawn << QString::fromStdString(chart.chart()->GetPlot(i)->GetLabel());
  QCOMPARE(drawn, (QStringList{QStringLiteral("bars"), QStringLiteral("line"), QStringLiteral("line2"),
                               QStringLiteral("points")}));
}

void ChartViewTest::seriesRenderInTheirColours() {
  // Three series in three colours far from each other and from the greys.
  const QColor orange(255, 127, 14), purple(148, 103, 189), green(44, 160, 44);
  ChartView chart;
  const Samples s = parabola(20, 0.5);
  std::vector<double> shifted = s.y, lower = s.y;
  for (double& y : shifted) y += 20.0;
  for (double& y : lower) y *= 0.5;
  chart.setSeries(QStringLiteral("orange"), s.x, s.y, {.colour = orange});
  chart.setSeries(QStringLiteral("purple"), s.x, shifted, {.kind = ChartView::SeriesKind::Line, .colour = purple});
  chart.setSeries(QStringLiteral("green"), s.x, lower,
                  {.kind = ChartView::SeriesKind::Line, .colour = green, .size = 4.0f, .markers = true});
  const QImage img = hf::test::showAndGrab(chart, orange);
  for (const QColor& c : {orange, purple, green})
    QVERIFY2(countNear(img, c, 30) > kMinSeriesPixels, qPrintable(c.name()));
}

void ChartViewTest::legendListsOnlyLegendSeries() {
  ChartView chart;
  const Samples s = parabola(5, 1.0);
  chart.setSeries(QStringLiteral("ref"), s.x, s.y, {.kind = ChartView::SeriesKind::Line, .inLegend = false});
  QVERIFY(!chart.chart()->GetShowLegend());  // nothing to list
  chart.setSeries(QStringLiteral("data"), s.x, s.y, {});
  QVERIFY(chart.chart()->GetShowLegend());
  chart.setLegendVisible(false);
  QVERIFY(!chart.chart()->GetShowLegend());
  chart.setLegendVisible(true);
  QVERIFY(chart.chart()->GetShowLegend());
  for (vtkIdType i = 0; i < chart.chart()->GetNumberOfPlots(); ++i) {
    vtkPlot* plot = chart.chart()->GetPlot(i);
    QCOMPARE(plot->GetLegendVisibility(), plot->GetLabel() == "data");
  }
}

void ChartViewTest::legendAvoidsTheData() {
  ChartView chart;
  // Rising data fill the bottom left and top right corners.
  const Samples s = parabola(30, 0.3);
  chart.setSeries(QStringLiteral("rising"), s.x, s.y, {});
  QCOMPARE(chart.legendCornerInUse(), ChartView::LegendCorner::TopLeft);
  // Falling data: the top right corner is free again.
  std::vector<double> falling(s.y.rbegin(), s.y.rend());
  chart.setSeries(QStringLiteral("rising"), s.x, falling, {});
  QCOMPARE(chart.legendCornerInUse(), ChartView::LegendCorner::TopRight);
  chart.setLegendCorner(ChartView::LegendCorner::BottomLeft);
  QCOMPARE(chart.legendCornerInUse(), ChartView::LegendCorner::BottomLeft);
  QCOMPARE(chart.chart()->GetLegend()->GetHorizontalAlignment(), int(vtkChartLegend::LEFT));
  QCOMPARE(chart.chart()->GetLegend()->GetVerticalAlignment(), int(vtkChartLegend::BOTTOM));
}

void ChartViewTest::resetViewFitsDataWithMargin() {
  ChartView chart;
  const std::vector<double> x{2.0, 4.0, 12.0};
  const std::vector<double> y{-5.0, 0.0, 15.0};
  chart.setSeries(QStringLiteral("p"), x, y, {});
  const double m = ChartView::viewMargin();
  QVERIFY(m > 0.0);
  // Exactly the data's extent plus the margin on each side.
  QCOMPARE(chart.xRange().first, 2.0 - m * 10.0);
  QCOMPARE(chart.xRange().second, 12.0 + m * 10.0);
  QCOMPARE(chart.yRange().first, -5.0 - m * 20.0);
  QCOMPARE(chart.yRange().second, 15.0 + m * 20.0);
  // A single point gets a range around it.
  const std::vector<double> one{3.0};
  chart.setSeries(QStringLiteral("p"), one, one, {});
  QVERIFY(chart.xRange().first < 3.0 && chart.xRange().second > 3.0);
  QVERIFY(chart.yRange().first < 3.0 && chart.yRange().second > 3.0);
  // Equal ranges: both axes span the union.
  chart.setSeries(QStringLiteral("p"), x, y, {});
  chart.setEqualAxisRanges(true);
  QCOMPARE(chart.xRange(), chart.yRange());
  QVERIFY(chart.xRange().first < -5.0 && chart.xRange().second > 15.0);
}

void ChartViewTest::resetViewIgnoresNonFiniteAndReferenceSeries() {
  ChartView chart;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> x{0.0, 1.0, nan, 2.0, 3.0};
  const std::vector<double> y{1.0, inf, 5.0, 2.0, 3.0};
  chart.setSeries(QStringLiteral("p"), x, y, {});
  const std::vector<double> farX{-1000.0, 1000.0}, farY{-1000.0, 1000.0};
  chart.setSeries(QStringLiteral("ref"), farX, farY,
                  {.kind = ChartView::SeriesKind::Line, .affectsXRange = false, .affectsYRange = false});
  QVERIFY(std::isfinite(chart.xRange().first) && std::isfinite(chart.yRange().second));
  QVERIFY2(chart.xRange().first > -1.0 && chart.xRange().second < 4.0,
           qPrintable(QStringLiteral("%1 %2").arg(chart.xRange().first).arg(chart.xRange().second)));
  QVERIFY(chart.yRange().first > 0.0 && chart.yRange().second < 4.0);  // (nan, 5) and (1, inf) are left out
}

void ChartViewTest::logScaleY() {
  ChartView chart;
  const std::vector<double> x{0, 1, 2, 3};
  const std::vector<double> y{1000.0, 10.0, 0.1, 0.001};
  chart.setSeries(QStringLiteral("cost"), x, y, {.kind = ChartView::SeriesKind::Line});
  chart.setLogScaleY(true);
  vtkAxis* axis = chart.chart()->GetAxis(vtkAxis::LEFT);
  QVERIFY(axis->GetLogScaleActive());
  // Six decades plus a margin in decades on each side.
  QVERIFY(chart.yRange().first < 0.001 && chart.yRange().first > 0.0005);
  QVERIFY(chart.yRange().second > 1000.0 && chart.yRange().second < 2000.0);
  // Nothing positive: the axis stays linear.
  const std::vector<double> negative{-1.0, -2.0, 0.0, -3.0};
  chart.setSeries(QStringLiteral("cost"), x, negative, {.kind = ChartView::SeriesKind::Line});
  QVERIFY(chart.logScaleY());
  QVERIFY(!axis->GetLogScaleActive());
  QVERIFY2(chart.yRange().first < -3.0, qPrintable(QString::number(chart.yRange().first)));
  chart.setLogScaleY(false);
  QVERIFY(!axis->GetLogScale());
}

void ChartViewTest::zoomAndPanThenResetRestoresRange() {
  ChartView chart;
  const Samples s = parabola(20, 0.5);
  chart.setData(s.x, s.y, QStringLiteral("x [m]"), QStringLiteral("y [m]"), QStringLiteral("samples"));
  hf::test::showAndGrab(chart, ChartView::pointsColor());
  const auto x0 = chart.xRange();
  const auto y0 = chart.yRange();

  const QPoint centre(320, 210);
  QTest::mouseMove(chart.view(), centre);
  QWheelEvent wheel(centre, chart.view()->mapToGlobal(QPointF(centre)), QPoint(), QPoint(0, 120), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(chart.view(), &wheel);
  QVERIFY(chart.xRange().second - chart.xRange().first < x0.second - x0.first);

  // Drag with the left button: the view pans, the ranges keep their width.
  const double widthBefore = chart.xRange().second - chart.xRange().first;
  const double minBefore = chart.xRange().first;
  QTest::mousePress(chart.view(), Qt::LeftButton, Qt::NoModifier, centre);
  for (int dx = 10; dx <= 120; dx += 10) QTest::mouseMove(chart.view(), centre + QPoint(dx, 0));
  QTest::mouseRelease(chart.view(), Qt::LeftButton, Qt::NoModifier, centre + QPoint(120, 0));
  QVERIFY2(chart.xRange().first < minBefore,
           qPrintable(QStringLiteral("x min %1 -> %2").arg(minBefore).arg(chart.xRange().first)));
  QVERIFY(qFuzzyCompare(chart.xRange().second - chart.xRange().first, widthBefore));

  chart.resetView();
  QCOMPARE(chart.xRange(), x0);
  QCOMPARE(chart.yRange(), y0);
  QTRY_VERIFY_WITH_TIMEOUT(
      countNear(chart.view()->grabFramebuffer(), ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels, 10000);
}

void ChartViewTest::setDataAndSetCurveReplaceTheirOwnSeries() {
  ChartView chart;
  const Samples s = parabola(5, 1.0);
  chart.setSeries(QStringLiteral("other"), s.x, s.y, {.colour = Qt::black});
  chart.setData(s.x, s.y, QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("run 1"));
  chart.setCurve(s.x, s.y, QStringLiteral("fit 1"));
  chart.setData(s.x, s.y, QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("run 2"));
  chart.setCurve(s.x, s.y, QStringLiteral("fit 2"));
  QCOMPARE(chart.seriesNames(),
           (QStringList{QStringLiteral("other"), QStringLiteral("run 2"), QStringLiteral("fit 2")}));
  QCOMPARE(chart.xTitle(), QStringLiteral("x"));
}

int main(int argc, char* argv[]) {
  VtkView::setDefaultSurfaceFormat();  // before QApplication, as in the app
  QApplication app(argc, argv);
  ChartViewTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "ChartViewTest.moc"
