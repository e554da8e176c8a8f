#pragma once

#include <string>
#include <vector>

namespace hf::widgets {

// Tick values for an axis: multiples of a "nice" step (1, 2, 2.5 or 5 times
// a power of ten) inside [lo, hi], and a printf format with just enough
// significant digits that neighbouring ticks print differently. Computed
// in double on the real values, so ranges such as [1e-30, 3e-30] tick
// correctly. When the range is narrow next to its magnitude (1e9 + [0, 1]),
// labels show the difference from a round offset, which the axis title
// states, as matplotlib does: "x1 (+1e+09)" over labels 0, 0.2, ... 1.
// GUI-free.
struct NiceTicks {
  std::vector<double> values;  // real values, ascending, within [lo, hi] (to rounding)
  double offset = 0.0;         // labels show value - offset
  std::string offsetText;      // offset as printed, with its sign ("+1e+09"); empty without one
  std::string format;          // printf format of one double, e.g. "%.3g"

  // About `target` ticks. lo > hi is swapped; lo == hi gives one tick and
  // non-finite bounds none.
  static NiceTicks forRange(double lo, double hi, int target = 5);

  // The label of a value: value - offset printed with `format` ("-0" as "0").
  std::string label(double value) const;

  // `title` followed by "  (+1e+09)" when labels are offset, else `title`.
  std::string decorate(const std::string& title) const;
};

}  // namespace hf::widgets
