#pragma once

#include "plot/Histogram.h"

#include <QString>

#include <span>

namespace hf::widgets {

class ChartView;

// Fills `chart` with a histogram of the residuals (bars,
// ChartView::barColor(); bins from computeHistogram() with `options`),
// replacing whatever it showed. x axis: residualTitle (with unit); y axis:
// "count". Returns the bins drawn. NaN and infinite residuals are left out
// (Histogram::skipped counts them).
Histogram showResidualHistogram(ChartView& chart, std::span<const double> residuals, const QString& residualTitle,
                                const HistogramOptions& options = {}, const QString& name = {});

}  // namespace hf::widgets
