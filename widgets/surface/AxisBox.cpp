#include "surface/AxisBox.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace hf::widgets {

void AxisBox::include(int axis, double v) {
  assert(axis >= 0 && axis < 3);
  if (!std::isfinite(v)) return;
  const auto a = static_cast<std::size_t>(axis);
  if (!m_has[a]) {
    m_lo[a] = m_hi[a] = v;
    m_has[a] = true;
  } else {
    m_lo[a] = std::min(m_lo[a], v);
    m_hi[a] = std::max(m_hi[a], v);
  }
}

void AxisBox::include(int axis, std::span<const double> values) {
  for (double v : values) include(axis, v);
}

bool AxisBox::hasData(int axis) const {
  assert(axis >= 0 && axis < 3);
  return m_has[static_cast<std::size_t>(axis)];
}

std::array<double, 2> AxisBox::range(int axis) const {
  assert(axis >= 0 && axis < 3);
  const auto a = static_cast<std::size_t>(axis);
  if (!m_has[a]) return {0.0, 1.0};
  const double lo = m_lo[a];
  const double hi = m_hi[a];
  // A zero-width range (one point, a constant surface) would divide by zero;
  // centre the value in a small box instead. The test against the spacing
  // of doubles near lo also catches a width too small to subdivide.
  if (hi - lo > 64 * std::abs(std::nextafter(lo, hi) - lo)) return {lo, hi};
  const double mid = 0.5 * (lo + hi);
  const double half = mid == 0.0 ? 1.0 : 0.05 * std::abs(mid);
  return {mid - half, mid + half};
}

std::array<double, 3> AxisBox::toScene(double x1, double x2, double z) const {
  return {toScene(0, x1), toScene(1, x2), toScene(2, z)};
}

double AxisBox::toScene(int axis, double value) const {
  const auto [lo, hi] = range(axis);
  return (value - lo) / (hi - lo) * kSceneSize[static_cast<std::size_t>(axis)];
}

std::array<double, 6> AxisBox::sceneBounds() { return {0.0, kSceneSize[0], 0.0, kSceneSize[1], 0.0, kSceneSize[2]}; }

}  // namespace hf::widgets
