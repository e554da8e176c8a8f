#pragma once

#include <QString>

#include <span>

namespace hf::widgets {

class ChartView;

// Fills `chart` with the cost per solver iteration (a line with markers,
// ChartView::pointsColor()) on a log10 y axis, replacing whatever it
// showed. Costs <= 0 (an exact fit) cannot be drawn on a log axis and
// leave a gap; NaN does too. Without any positive cost the axis is linear
// and shows the values as they are.
// iterations and cost have the same length; the second form numbers the
// iterations 0, 1, 2, ... (Ceres reports iteration 0 = the start).
void showCostHistory(ChartView& chart, std::span<const double> iterations, std::span<const double> cost,
                     const QString& costTitle = {}, const QString& name = {});
void showCostHistory(ChartView& chart, std::span<const double> cost, const QString& costTitle = {},
                     const QString& name = {});

}  // namespace hf::widgets
