#pragma once

#include <QString>

#include <span>

namespace hf::widgets {

class ChartView;

// Fills `chart` with the measured data (markers, ChartView::pointsColor())
// and the model evaluated on a grid (a line, ChartView::curveColor()),
// replacing whatever it showed. Titles should carry units, e.g.
// "time t [s]"; empty names give the default legend texts "data" and
// "model". An empty model span shows the data alone.
void showDataAndModel(ChartView& chart, std::span<const double> x, std::span<const double> y,
                      std::span<const double> modelX, std::span<const double> modelY, const QString& xTitle,
                      const QString& yTitle, const QString& dataName = {}, const QString& modelName = {});

}  // namespace hf::widgets
