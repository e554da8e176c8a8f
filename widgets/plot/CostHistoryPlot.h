#pragma once

#include <QString>
#include <QStringList>

#include <span>
#include <vector>

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

// The cost history split into its terms (issue 12's loss breakdown): the
// total cost as showCostHistory() draws it, then "data" and one line per
// penalty term, each half its sum of squares so that the lines add up to
// the total. termValues[k][i] is term k's sum of squares at iteration i
// (NaN: unknown); the data's share is the total minus the terms.
// `validation` (early stopping): the held-out points' sum of squares per
// iteration, drawn as half of it, "held-out (validation)"; empty: none.
void showLossBreakdown(ChartView& chart, std::span<const double> iterations, std::span<const double> cost,
                       const QStringList& termNames, const std::vector<std::vector<double>>& termValues,
                       const QString& costTitle = {}, std::span<const double> validation = {});

}  // namespace hf::widgets
