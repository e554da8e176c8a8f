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

void showCostHistory(ChartView& chart, std::span<const double> cost, const QString& costTitle, const QString& name) {
  std::vector<double> iterations(cost.size());
  for (std::size_t i = 0; i < iterations.size(); ++i) iterations[i] = static_cast<double>(i);
  showCostHistory(chart, iterations, cost, costTitle, name);
}

}  // namespace hf::widgets
