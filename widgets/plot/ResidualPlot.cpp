#include "plot/ResidualPlot.h"

#include "plot/ChartView.h"
#include "plot/ReferenceLine.h"

#include <QCoreApplication>

namespace hf::widgets {

void showResiduals(ChartView& chart, std::span<const double> x, std::span<const double> residuals,
                   const QString& xTitle, const QString& residualTitle, const QString& name) {
  chart.clear();
  chart.setLogScaleY(false);
  chart.setEqualAxisRanges(false);
  chart.setAxisTitles(xTitle, residualTitle);
  if (const auto [x0, x1] = referenceLineSpan(x); x0 < x1) {
    const double lx[] = {x0, x1};
    const double ly[] = {0.0, 0.0};
    chart.setSeries(QStringLiteral("y = 0"), lx, ly,
                    {.kind = ChartView::SeriesKind::Line,
                     .colour = ChartView::referenceColor(),
                     .size = 1.5f,
                     .inLegend = false,
                     .affectsXRange = false,
                     .affectsYRange = true});  // zero stays in view when all residuals share a sign
  }
  chart.setSeries(name.isEmpty() ? QCoreApplication::translate("hf::widgets::ResultViews", "residuals") : name, x,
                  residuals, {.kind = ChartView::SeriesKind::Points, .colour = ChartView::pointsColor()});
}

}  // namespace hf::widgets
