// Tests hf::widgets::ChartView: an XY chart with points and a line renders
// into its VtkView with the series colours, axis titles and a legend.
#include "plot/ChartView.h"

#include "ImageChecks.h"
#include "vtk/VtkView.h"

#include <QApplication>
#include <QFileInfo>
#include <QTest>
#include <QWheelEvent>

#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkPlot.h>

#include <cmath>
#include <vector>

using hf::test::countNear;
using hf::widgets::ChartView;
using hf::widgets::VtkView;

namespace {

// Enough pixels in a colour to be a drawn series rather than stray
// anti-aliasing: 20 markers of 9 px, or a 2.5 px wide line across the plot.
constexpr int kMinSeriesPixels = 150;
// Anti-aliasing and blending move colours a little; series colours are far
// apart from each other and from the grey axes and white background.
constexpr int kColourTolerance = 40;

struct Samples {
  std::vector<double> x, y;
};

Samples parabola(int n, double step) {
  Samples s;
  for (int i = 0; i < n; ++i) {
    const double x = step * i;
    s.x.push_back(x);
    s.y.push_back(0.5 * x * x + 1.0);
  }
  return s;
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
  const Samples s = parabola(20, 0.5);
  chart.setData(s.x, s.y, QStringLiteral("x [m]"), QStringLiteral("y [m]"), QStringLiteral("samples"));
  chart.resize(640, 420);
  chart.show();
  QVERIFY(QTest::qWaitForWindowExposed(&chart));
  QTRY_VERIFY_WITH_TIMEOUT(
      countNear(chart.view()->grabFramebuffer(), ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels, 10000);

  vtkAxis* axis = chart.chart()->GetAxis(vtkAxis::BOTTOM);
  const double before = axis->GetMaximum() - axis->GetMinimum();
  const QPointF centre(320, 210);
  // The chart zooms around the pointer; it must have seen the pointer move
  // there first, as with a real mouse.
  QTest::mouseMove(chart.view(), centre.toPoint());
  QWheelEvent wheel(centre, chart.view()->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(chart.view(), &wheel);
  const double after = axis->GetMaximum() - axis->GetMinimum();
  QVERIFY2(after < before, qPrintable(QStringLiteral("x range %1 -> %2").arg(before).arg(after)));
  // Zoomed in, still a proper chart.
  QTRY_VERIFY_WITH_TIMEOUT(hf::test::isNonBlank(chart.view()->grabFramebuffer()), 10000);
}

int main(int argc, char* argv[]) {
  VtkView::setDefaultSurfaceFormat();  // before QApplication, as in the app
  QApplication app(argc, argv);
  ChartViewTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "ChartViewTest.moc"
