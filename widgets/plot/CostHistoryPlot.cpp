#include "plot/CostHistoryPlot.h"

#include "plot/ChartView.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace hf::widgets {

void showCostHistory(ChartView& chart, std::span<const double> iterations, std::span<const double> cost,
                     const QString& costTitle, const QString& name) {
  chart.clear();
  chart.setEqualAxisRanges(false);
  chart.setAxisTitles(
      QCoreApplication::translate("hf::widgets::ResultViews", "iteration"),
      costTitle.isEmpty() ? QCoreApplication::translate("hf::widgets::ResultViews", "cost") : costTitle);
  // NaN makes VTK break the line and skip the marker; log10 of a value
  // <= 0 would instead draw a segment to minus infinity.
  std::vector<double> shown(cost.begin(),
                            cost.begin() + static_cast<std::ptrdiff_t>(std::min(cost.size(), iterations.size())));
  const bool anyPositive = std::any_of(shown.begin(), shown.end(), [](double c) { return c > 0.0; });
  if (anyPositive)
    for (double& c : shown)
      if (!(c > 0.0)) c = std::numeric_limits<double>::quiet_NaN();
  chart.setSeries(name.isEmpty() ? QCoreApplication::translate("hf::widgets::ResultViews", "cost") : name,
                  iterations.first(shown.size()), shown,
                  // One iteration so far (a live fit's first report): a marker, as VTK
                  // cannot draw a line through fewer than two points.
                  {.kind = shown.size() >= 2 ? ChartView::SeriesKind::Line : ChartView::SeriesKind::Points,
                   .colour = ChartView::pointsColor(),
                   .markers = true});
  chart.setLogScaleY(anyPositive);
}

void showLossBreakdown(ChartView& chart, std::span<const double> iterations, std::span<const double> cost,
                       const QStringList& termNames, const std::vector<std::vector<double>>& termValues,
                       const QString& costTitle, std::span<const double> validation) {
  const QString total = QCoreApplication::translate("hf::widgets::ResultViews", "total cost");
  const bool split = !termNames.isEmpty() || !validation.empty();
  showCostHistory(chart, iterations, cost, costTitle, split ? total : QString());
  if (!split) return;
  const std::size_t n = std::min(iterations.size(), cost.size());
  if (!validation.empty()) {
    std::vector<double> half(n, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < n && i < validation.size(); ++i)
      half[i] = validation[i] > 0 ? 0.5 * validation[i] : std::numeric_limits<double>::quiet_NaN();
    chart.setSeries(
        QCoreApplication::translate("hf::widgets::ResultViews", "held-out (validation)"), iterations.first(n), half,
        {.kind = n >= 2 ? ChartView::SeriesKind::Line : ChartView::SeriesKind::Points, .colour = QColor(0, 0, 0)});
    chart.setLegendVisible(true);
  }
  if (termNames.isEmpty()) return;
  // Positive values only on the log axis (a penalty that is met is 0).
  const auto positive = [](double v) { return v > 0.0 ? v : std::numeric_limits<double>::quiet_NaN(); };
  std::vector<double> data(n);
  for (std::size_t i = 0; i < n; ++i) {
    double rest = cost[i];
    for (const std::vector<double>& t : termValues) rest -= i < t.size() ? 0.5 * t[i] : 0.0;
    data[i] = positive(rest);
  }
  const ChartView::SeriesKind kind = n >= 2 ? ChartView::SeriesKind::Line : ChartView::SeriesKind::Points;
  chart.setSeries(QCoreApplication::translate("hf::widgets::ResultViews", "data"), iterations.first(n), data,
                  {.kind = kind, .colour = ChartView::curveColor()});
  static const QColor palette[] = {{44, 160, 44}, {148, 103, 189}, {255, 127, 14},
                                   {140, 86, 75}, {227, 119, 194}, {23, 190, 207}};
  for (int k = 0; k < termNames.size(); ++k) {
    std::vector<double> half(n, std::numeric_limits<double>::quiet_NaN());
    const std::vector<double>& t = termValues[static_cast<std::size_t>(k)];
    for (std::size_t i = 0; i < n && i < t.size(); ++i) half[i] = positive(0.5 * t[i]);
    chart.setSeries(termNames[k], iterations.first(n), half,
                    {.kind = kind, .colour = palette[static_cast<std::size_t>(k) % std::size(palette)]});
  }
  chart.setLegendVisible(true);
}

void showCostHistory(ChartView& chart, std::span<const double> cost, const QString& costTitle, const QString& name) {
  std::vector<double> iterations(cost.size());
  for (std::size_t i = 0; i < iterations.size(); ++i) iterations[i] = static_cast<double>(i);
  showCostHistory(chart, iterations, cost, costTitle, name);
}

}  // namespace hf::widgets
