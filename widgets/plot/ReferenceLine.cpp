#include "plot/ReferenceLine.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hf::widgets {

std::pair<double, double> referenceLineSpan(std::span<const double> values, std::span<const double> more) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (auto span : {values, more})
    for (double v : span)
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
  if (lo > hi) return {0.0, 0.0};
  // Ten widths is far beyond any sensible pan, yet small enough for VTK's
  // float screen coordinates after its shift-and-scale.
  const double pad = hi > lo && std::isfinite(hi - lo) ? 10.0 * (hi - lo) : std::max(10.0, std::abs(lo));
  return {lo - pad, hi + pad};
}

}  // namespace hf::widgets
