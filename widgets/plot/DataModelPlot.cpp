#include "plot/DataModelPlot.h"

#include "plot/ChartView.h"

#include <QCoreApplication>

namespace hf::widgets {

void showDataAndModel(ChartView& chart, std::span<const double> x, std::span<const double> y,
                      std::span<const double> modelX, std::span<const double> modelY, const QString& xTitle,
                      const QString& yTitle, const QString& dataName, const QString& modelName) {
  chart.clear();
  chart.setLogScaleY(false);
  chart.setEqualAxisRanges(false);
  chart.setAxisTitles(xTitle, yTitle);
  if (!modelX.empty())
    chart.setSeries(modelName.isEmpty() ? QCoreApplication::translate("hf::widgets::ResultViews", "model") : modelName,
                    modelX, modelY, {.kind = ChartView::SeriesKind::Line, .colour = ChartView::curveColor()});
  chart.setSeries(dataName.isEmpty() ? QCoreApplication::translate("hf::widgets::ResultViews", "data") : dataName, x, y,
                  {.kind = ChartView::SeriesKind::Points, .colour = ChartView::pointsColor()});
}

}  // namespace hf::widgets
