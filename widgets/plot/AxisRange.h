#pragma once

#include <limits>
#include <span>
#include <vector>

namespace hf::widgets::detail {

// Range arithmetic behind ChartView::resetView() and its exports. Plain
// doubles; no Qt, no VTK.

// Lowest and highest value added; empty while lo > hi.
struct Extent {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v);
  void add(const Extent& e);
  bool empty() const { return lo > hi; }
};

// [lo, hi] widened by `margin` of its width on both sides; a single value
// gets +-10 % of its magnitude (or +-1 around zero); empty gives [0, 1].
Extent withMargin(Extent e, double margin);

// One series as the view fitting sees it.
struct RangeSeries {
  std::span<const double> x, y;  // same length
  bool bars = false;             // bars from y = 0, centred on x, barWidth wide
  double barWidth = 0.0;
  bool affectsX = true;  // the x range includes this series
  bool affectsY = true;  // the y range includes this series
};

// Axis ranges that show the series.
struct ViewRange {
  Extent x, y;        // in data units (not log10)
  bool logY = false;  // the y axis is logarithmic
};

// The ranges ChartView::resetView() sets: the finite points of the series
// (on a log y axis only those with y > 0), widened by withMargin() (in
// decades on a log axis; a single value gets a decade around it). Bars add
// their half widths and y = 0, and keep y = 0 as the lower end when no
// value is negative. A log axis is used only when logY is asked for and
// some y > 0; equalRanges gives both axes the union of the two (linear
// only).
ViewRange fitView(std::span<const RangeSeries> series, bool logY, bool equalRanges, double margin);

// Tick positions as vtkAxis places them on a linear axis `pixels` long (its
// "nice" rule, vtkAxis::NiceMinMax): a spacing of 1, 2 or 5 x 10^k with at
// most pixels / pixelSpacing ticks, at integer multiples of the spacing
// within [lo, hi]. At most 200 ticks; none for an empty or infinite range.
std::vector<double> niceTicks(double lo, double hi, double pixels, double pixelSpacing);

}  // namespace hf::widgets::detail
