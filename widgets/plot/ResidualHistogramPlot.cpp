#include "plot/ResidualHistogramPlot.h"

#include "plot/ChartView.h"

#include <QCoreApplication>

#include <vector>

namespace hf::widgets {

Histogram showResidualHistogram(ChartView& chart, std::span<const double> residuals, const QString& residualTitle,
                                const HistogramOptions& options, const QString& name) {
  chart.clear();
  chart.setLogScaleY(false);
  chart.setEqualAxisRanges(false);
  chart.setAxisTitles(residualTitle, QCoreApplication::translate("hf::widgets::ResultViews", "count"));
  const Histogram h = computeHistogram(residuals, options);
  if (h.counts.empty()) return h;

  std::vector<double> centres, counts;
  // vtkChartXY takes the bar width from the spacing of the first two bars;
  // a lone bin gets empty neighbours so that it is drawn one bin wide.
  const bool lone = h.counts.size() == 1;
  if (lone) {
    centres.push_back(h.centre(0) - h.width);
    counts.push_back(0.0);
  }
  for (std::size_t i = 0; i < h.counts.size(); ++i) {
    centres.push_back(h.centre(i));
    counts.push_back(h.counts[i]);
  }
  if (lone) {
    centres.push_back(h.centre(0) + h.width);
    counts.push_back(0.0);
  }
  chart.setSeries(name.isEmpty() ? QCoreApplication::translate("hf::widgets::ResultViews", "residuals") : name, centres,
                  counts, {.kind = ChartView::SeriesKind::Bars, .colour = ChartView::barColor()});
  return h;
}

}  // namespace hf::widgets
