#include "plot/LegendCornerPicker.h"

#include <algorithm>
#include <cmath>

namespace hf::widgets::detail {

namespace {

// Liang & Barsky (1984) clipping: does the segment a-b meet the box?
template <typename Box>
bool meets(const Box& b, double ax, double ay, double bx, double by) {
  double t0 = 0.0, t1 = 1.0;
  const double dx = bx - ax, dy = by - ay;
  const double p[] = {-dx, dx, -dy, dy};
  const double q[] = {ax - b.xa, b.xb - ax, ay - b.ya, b.yb - ay};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0.0) {
      if (q[i] < 0.0) return false;  // parallel to this edge and outside
    } else {
      const double t = q[i] / p[i];
      if (p[i] < 0.0)
        t0 = std::max(t0, t);
      else
        t1 = std::min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

}  // namespace

LegendCornerPicker::LegendCornerPicker(double width, double height) {
  const double w = std::clamp(width, 0.0, 1.0);
  const double h = std::clamp(height, 0.0, 1.0);
  m_boxes[TopRight] = {1 - w, 1, 1 - h, 1};
  m_boxes[TopLeft] = {0, w, 1 - h, 1};
  m_boxes[BottomRight] = {1 - w, 1, 0, h};
  m_boxes[BottomLeft] = {0, w, 0, h};
}

void LegendCornerPicker::addMarker(double x, double y) {
  for (Box& b : m_boxes) b.hits += x >= b.xa && x <= b.xb && y >= b.ya && y <= b.yb ? 1 : 0;
}

void LegendCornerPicker::addSegment(double ax, double ay, double bx, double by) {
  if (!std::isfinite(ax) || !std::isfinite(ay) || !std::isfinite(bx) || !std::isfinite(by)) return;
  for (Box& b : m_boxes) b.hits += meets(b, ax, ay, bx, by) ? 1 : 0;
}

LegendCornerPicker::Corner LegendCornerPicker::best() const {
  const auto it =
      std::min_element(m_boxes.begin(), m_boxes.end(), [](const Box& a, const Box& b) { return a.hits < b.hits; });
  return static_cast<Corner>(it - m_boxes.begin());
}

}  // namespace hf::widgets::detail
