#pragma once

#include <QString>

#include <span>

namespace hf::widgets {

class ChartView;

// Fills `chart` with predicted against observed values (markers,
// ChartView::pointsColor()) and the y = x line of a perfect model
// (ChartView::referenceColor()), replacing whatever it showed. Both axes get
// the same range (ChartView::setEqualAxisRanges), so the line runs corner
// to corner. Titles carry units, e.g. "observed T [K]", "predicted T [K]".
void showObservedVsPredicted(ChartView& chart, std::span<const double> observed, std::span<const double> predicted,
                             const QString& observedTitle, const QString& predictedTitle, const QString& name = {});

}  // namespace hf::widgets
