#pragma once

#include <QString>

#include <span>

namespace hf::widgets {

class ChartView;

// Fills `chart` with residuals against the input variable (markers,
// ChartView::pointsColor()) over a y = 0 reference line
// (ChartView::referenceColor(), not in the legend), replacing whatever it
// showed. The view fits the residuals and always includes y = 0.
// residualTitle carries the unit, e.g. "residual T - T_model [K]".
void showResiduals(ChartView& chart, std::span<const double> x, std::span<const double> residuals,
                   const QString& xTitle, const QString& residualTitle, const QString& name = {});

}  // namespace hf::widgets
