#include "plot/ObservedPredictedPlot.h"

#include "plot/ChartView.h"
#include "plot/ReferenceLine.h"

#include <QCoreApplication>

namespace hf::widgets {

void showObservedVsPredicted(ChartView& chart, std::span<const double> observed, std::span<const double> predicted,
                             const QString& observedTitle, const QString& predictedTitle, const QString& name) {
  chart.clear();
  chart.setLogScaleY(false);
  chart.setEqualAxisRanges(true);
  chart.setAxisTitles(observedTitle, predictedTitle);
  if (const auto [lo, hi] = referenceLineSpan(observed, predicted); lo < hi) {
    const double line[] = {lo, hi};
    chart.setSeries(QStringLiteral("y = x"), line, line,
                    {.kind = ChartView::SeriesKind::Line,
                     .colour = ChartView::referenceColor(),
                     .size = 1.5f,
                     .inLegend = true,
                     .affectsXRange = false,
                     .affectsYRange = false});
  }
  chart.setSeries(name.isEmpty() ? QCoreApplication::translate("hf::widgets::ResultViews", "data") : name, observed,
                  predicted, {.kind = ChartView::SeriesKind::Points, .colour = ChartView::pointsColor()});
}

}  // namespace hf::widgets
