#pragma once

#include <span>
#include <utility>

namespace hf::widgets {

// Endpoints (x0, x1) of a reference line (y = 0, y = x) that must cross the
// whole plot even after the user zooms out or pans a fair way: the finite
// extent of `values` widened by ten times its width on each side (or by
// +-10 around a single value). {0, 0} when no value is finite. For the
// result views; not part of the public widget API.
std::pair<double, double> referenceLineSpan(std::span<const double> values, std::span<const double> more = {});

}  // namespace hf::widgets
