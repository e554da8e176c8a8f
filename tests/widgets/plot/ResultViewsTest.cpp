// Tests the standard result views that fill a hf::widgets::ChartView: data +
// model, residuals, residual histogram, observed vs predicted and cost
// history. Each renders with its series colours and sets up its axes.
//
// With HF_PLOT_GALLERY=<dir> in the environment, gallery() also writes a
// 1600 x 1000 PNG of every view into <dir> for a person to look at.
#include "plot/ChartView.h"
#include "plot/CostHistoryPlot.h"
#include "plot/DataModelPlot.h"
#include "plot/ObservedPredictedPlot.h"
#include "plot/PlotExport.h"
#include "plot/ResidualHistogramPlot.h"
#include "plot/ResidualPlot.h"

#include "PlotTestSupport.h"
#include "vtk/VtkView.h"

#include <QApplication>
#include <QDir>
#include <QTest>

#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkPlot.h>
#include <vtkPlotBar.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

using hf::test::countNear;
using hf::test::kColourTolerance;
using hf::test::kMinSeriesPixels;
using hf::test::showAndGrab;
using hf::widgets::ChartView;

namespace {

// A decaying cost history like a Levenberg-Marquardt run: 1e3 down to ~1e-4.
std::vector<double> costHistory(int n) {
  std::vector<double> c;
  for (int i = 0; i < n; ++i) c.push_back(1e3 * std::pow(10.0, -0.5 * i) + 1e-4);
  return c;
}

bool contains(std::pair<double, double> range, double lo, double hi) { return range.first <= lo && range.second >= hi; }

QString describe(std::pair<double, double> r) { return QStringLiteral("[%1, %2]").arg(r.first).arg(r.second); }

}  // namespace

class ResultViewsTest : public QObject {
  Q_OBJECT
 private slots:
  void dataAndModel();
  void residualsKeepZeroInView();
  void histogramBars();
  void observedVsPredictedHasEqualRanges();
  void costHistoryUsesLogAxis();
  void costHistoryWithZeroCost();
  void lossBreakdownSplitsTheCost();
  void viewsReplaceEachOther();
  void gallery();
};

void ResultViewsTest::dataAndModel() {
  ChartView chart;
  const auto s = hf::test::parabola(20, 0.5);
  const auto fine = hf::test::parabola(200, 0.05);
  hf::widgets::showDataAndModel(chart, s.x, s.y, fine.x, fine.y, QStringLiteral("time t [s]"),
                                QStringLiteral("temperature T [K]"));
  QCOMPARE(chart.seriesNames(), (QStringList{QStringLiteral("model"), QStringLiteral("data")}));
  QCOMPARE(chart.xTitle(), QStringLiteral("time t [s]"));
  QCOMPARE(chart.yTitle(), QStringLiteral("temperature T [K]"));
  QVERIFY(!chart.logScaleY());

  const QImage img = showAndGrab(chart, ChartView::pointsColor());
  QVERIFY(hf::test::isNonBlank(img));
  QVERIFY(countNear(img, ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels);
  QVERIFY(countNear(img, ChartView::curveColor(), kColourTolerance) > kMinSeriesPixels);
}

void ResultViewsTest::residualsKeepZeroInView() {
  ChartView chart;
  const auto s = hf::test::parabola(30, 0.5);
  std::vector<double> r = hf::test::noise(30, 0.2);
  for (double& v : r) v = std::abs(v) + 0.5;  // all positive: zero is not in the data's range
  hf::widgets::showResiduals(chart, s.x, r, QStringLiteral("time t [s]"), QStringLiteral("residual T [K]"));
  QVERIFY(chart.hasSeries(QStringLiteral("y = 0")));
  QVERIFY(chart.hasSeries(QStringLiteral("residuals")));
  QVERIFY2(contains(chart.yRange(), 0.0, *std::max_element(r.begin(), r.end())), qPrintable(describe(chart.yRange())));
  // The x range follows the residuals, not the (much longer) zero line.
  QVERIFY2(contains(chart.xRange(), s.x.front(), s.x.back()) && chart.xRange().second < 2 * s.x.back(),
           qPrintable(describe(chart.xRange())));

  const QImage img = showAndGrab(chart, ChartView::pointsColor());
  QVERIFY(hf::test::isNonBlank(img));
  // The zero line is not in the legend: the only legend entry is the residuals.
  for (vtkIdType i = 0; i < chart.chart()->GetNumberOfPlots(); ++i) {
    vtkPlot* plot = chart.chart()->GetPlot(i);
    QCOMPARE(plot->GetLegendVisibility(), plot->GetLabel() != "y = 0");
  }
}

void ResultViewsTest::histogramBars() {
  ChartView chart;
  const std::vector<double> r = hf::test::noise(200, 1.0);
  const hf::widgets::Histogram h = hf::widgets::showResidualHistogram(chart, r, QStringLiteral("residual T [K]"));
  QVERIFY(h.counts.size() >= 5);
  QCOMPARE(std::accumulate(h.counts.begin(), h.counts.end(), 0), 200);
  QCOMPARE(chart.yTitle(), QStringLiteral("count"));
  QCOMPARE(chart.chart()->GetNumberOfPlots(), 1);
  QVERIFY(vtkPlotBar::SafeDownCast(chart.chart()->GetPlot(0)) != nullptr);
  // Bars stand on the x axis and the tallest fits.
  QCOMPARE(chart.yRange().first, 0.0);
  QVERIFY(chart.yRange().second >= *std::max_element(h.counts.begin(), h.counts.end()));
  QVERIFY(contains(chart.xRange(), h.start, h.start + h.width * static_cast<double>(h.counts.size())));

  // Bars fill much of the plot: far more than a line's worth of pixels.
  const QImage img = showAndGrab(chart, ChartView::barColor(), 10 * kMinSeriesPixels);
  QVERIFY(countNear(img, ChartView::barColor(), kColourTolerance) > 10 * kMinSeriesPixels);
}

void ResultViewsTest::observedVsPredictedHasEqualRanges() {
  ChartView chart;
  std::vector<double> obs, pred;
  for (int i = 0; i < 25; ++i) {
    obs.push_back(300.0 + 4.0 * i);
    pred.push_back(310.0 + 4.4 * i);  // beyond the observed range at both ends
  }
  hf::widgets::showObservedVsPredicted(chart, obs, pred, QStringLiteral("observed T [K]"),
                                       QStringLiteral("predicted T [K]"));
  QVERIFY(chart.equalAxisRanges());
  QCOMPARE(chart.xRange().first, chart.yRange().first);
  QCOMPARE(chart.xRange().second, chart.yRange().second);
  QVERIFY2(contains(chart.xRange(), obs.front(), pred.back()), qPrintable(describe(chart.xRange())));
  QVERIFY(chart.hasSeries(QStringLiteral("y = x")));
  // The diagonal runs through the bottom left and top right corners.
  QCOMPARE(chart.legendCornerInUse(), ChartView::LegendCorner::TopLeft);

  const QImage img = showAndGrab(chart, ChartView::pointsColor());
  QVERIFY(countNear(img, ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels);
}

void ResultViewsTest::costHistoryUsesLogAxis() {
  ChartView chart;
  const std::vector<double> cost = costHistory(15);
  hf::widgets::showCostHistory(chart, cost);
  QVERIFY(chart.logScaleY());
  vtkAxis* y = chart.chart()->GetAxis(vtkAxis::LEFT);
  QVERIFY(y->GetLogScale());
  QVERIFY(y->GetLogScaleActive());
  QVERIFY2(contains(chart.yRange(), cost.back(), cost.front()) && chart.yRange().first > 0,
           qPrintable(describe(chart.yRange())));
  QVERIFY(contains(chart.xRange(), 0.0, 14.0));
  QCOMPARE(chart.xTitle(), QStringLiteral("iteration"));

  const QImage img = showAndGrab(chart, ChartView::pointsColor());
  QVERIFY(countNear(img, ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels);
}

void ResultViewsTest::costHistoryWithZeroCost() {
  ChartView chart;
  std::vector<double> cost = costHistory(6);
  cost.push_back(0.0);  // an exact fit: cannot be drawn on a log axis
  hf::widgets::showCostHistory(chart, cost);
  QVERIFY(chart.chart()->GetAxis(vtkAxis::LEFT)->GetLogScaleActive());
  QVERIFY(chart.yRange().first > 0.0);

  const std::vector<double> zeros(4, 0.0);
  hf::widgets::showCostHistory(chart, zeros);
  QVERIFY(!chart.logScaleY());  // nothing positive: linear, values shown as they are
  QVERIFY(contains(chart.yRange(), 0.0, 0.0));
  const QImage img = showAndGrab(chart, ChartView::pointsColor(), 20);
  QVERIFY(hf::test::isNonBlank(img));
}

// The loss breakdown: the total, the data's share and one line per penalty
// term (a term that is met, 0, leaves a gap on the log axis), with a legend.
void ResultViewsTest::lossBreakdownSplitsTheCost() {
  ChartView chart;
  const std::vector<double> cost = costHistory(12);
  std::vector<double> iterations, l2, bound;
  for (std::size_t i = 0; i < cost.size(); ++i) {
    iterations.push_back(static_cast<double>(i));
    l2.push_back(0.2 * cost[i]);  // sums of squares: 10 % of the cost each
    bound.push_back(i < 6 ? 0.2 * cost[i] : 0.0);
  }
  hf::widgets::showLossBreakdown(chart, iterations, cost, {QStringLiteral("U weights (L2)"), QStringLiteral("c >= 0")},
                                 {l2, bound});
  QCOMPARE(chart.seriesNames(), (QStringList{QStringLiteral("total cost"), QStringLiteral("data"),
                                             QStringLiteral("U weights (L2)"), QStringLiteral("c >= 0")}));
  QVERIFY(chart.logScaleY());
  // The terms lie below the total: the y range reaches down to a tenth of
  // the last cost.
  QVERIFY2(chart.yRange().first <= 0.1 * cost.back() * 1.0001, qPrintable(describe(chart.yRange())));
  const QImage img = showAndGrab(chart, ChartView::curveColor());
  QVERIFY(countNear(img, ChartView::curveColor(), kColourTolerance) > kMinSeriesPixels);  // the data line
  QVERIFY(countNear(img, QColor(44, 160, 44), kColourTolerance) > kMinSeriesPixels);      // the first term
  // Without terms it is the plain cost history.
  hf::widgets::showLossBreakdown(chart, iterations, cost, {}, {});
  QCOMPARE(chart.seriesNames(), QStringList{QStringLiteral("cost")});
}

void ResultViewsTest::viewsReplaceEachOther() {
  ChartView chart;
  const auto s = hf::test::parabola(10, 1.0);
  hf::widgets::showCostHistory(chart, costHistory(5));
  hf::widgets::showObservedVsPredicted(chart, s.y, s.y, QStringLiteral("observed"), QStringLiteral("predicted"));
  QVERIFY(!chart.logScaleY());
  QVERIFY(!chart.hasSeries(QStringLiteral("cost")));
  hf::widgets::showResiduals(chart, s.x, s.y, QStringLiteral("x"), QStringLiteral("r"));
  QVERIFY(!chart.equalAxisRanges());
  QCOMPARE(chart.seriesNames(), (QStringList{QStringLiteral("y = 0"), QStringLiteral("residuals")}));
}

void ResultViewsTest::gallery() {
  const QString dir = qEnvironmentVariable("HF_PLOT_GALLERY");
  if (dir.isEmpty()) QSKIP("set HF_PLOT_GALLERY=<dir> to write PNGs of every view");
  QVERIFY(QDir().mkpath(dir));
  const auto s = hf::test::parabola(20, 0.5);
  const auto fine = hf::test::parabola(200, 0.05);
  std::vector<double> model, residuals = hf::test::noise(20, 0.6);
  std::vector<double> observed = s.y;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    observed[i] += residuals[i];
    model.push_back(s.y[i]);
  }
  const std::vector<double> many = hf::test::noise(300, 0.6);

  ChartView chart;
  chart.resize(800, 500);
  chart.show();
  QVERIFY(QTest::qWaitForWindowExposed(&chart));
  auto save = [&](const char* name) {
    QTest::qWait(100);
    const QString error =
        hf::widgets::exportPng(chart, dir + QLatin1Char('/') + QLatin1String(name) + ".png", 1600, 1000);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString screen = dir + QLatin1Char('/') + QLatin1String(name) + "-screen.png";
    QVERIFY(chart.view()->grabFramebuffer().save(screen));
  };
  hf::widgets::showDataAndModel(chart, s.x, observed, fine.x, fine.y, QStringLiteral("time t [s]"),
                                QStringLiteral("temperature T [K]"), QStringLiteral("thermocouple"),
                                QStringLiteral("model T(t)"));
  save("data-model");
  hf::widgets::showResiduals(chart, s.x, residuals, QStringLiteral("time t [s]"),
                             QStringLiteral("residual T - T_model [K]"));
  save("residuals");
  hf::widgets::showResidualHistogram(chart, many, QStringLiteral("residual T - T_model [K]"));
  save("histogram");
  hf::widgets::showObservedVsPredicted(chart, observed, model, QStringLiteral("observed T [K]"),
                                       QStringLiteral("predicted T [K]"));
  save("observed-predicted");
  hf::widgets::showCostHistory(chart, costHistory(15), QStringLiteral("cost ½Σr² [K²]"));
  save("cost");
  chart.setTitle(QStringLiteral("Cooling of a probe (run 3)"));
  hf::widgets::showDataAndModel(chart, s.x, observed, fine.x, fine.y, QStringLiteral("time t [s]"),
                                QStringLiteral("temperature T [K]"), QStringLiteral("thermocouple"),
                                QStringLiteral("model T(t)"));
  save("titled");
  QVERIFY(hf::widgets::exportSvg(chart, dir + QStringLiteral("/titled.svg")).isEmpty());
  QVERIFY(hf::widgets::exportPdf(chart, dir + QStringLiteral("/titled.pdf")).isEmpty());
}

int main(int argc, char* argv[]) {
  hf::widgets::VtkView::setDefaultSurfaceFormat();  // before QApplication, as in the app
  QApplication app(argc, argv);
  ResultViewsTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "ResultViewsTest.moc"
