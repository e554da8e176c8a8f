#pragma once

#include <array>

namespace hf::widgets::detail {

// Chooses the plot corner where a legend hides the least data. Coordinates
// are axis-normalised: 0..1 across the visible range of each axis (log10
// on a log axis); anything outside is off screen. Feed it the markers,
// line segments and bars, then ask for the corner.
class LegendCornerPicker {
 public:
  enum Corner { TopRight = 0, TopLeft, BottomRight, BottomLeft };

  // The legend's size as a fraction of the plot's width and height.
  LegendCornerPicker(double width, double height);

  void addMarker(double x, double y);
  void addSegment(double ax, double ay, double bx, double by);

  // Fewest markers and segments in its box; ties go to the earlier corner
  // in the enum's order.
  Corner best() const;
  int hits(Corner c) const { return m_boxes[c].hits; }

 private:
  struct Box {
    double xa, xb, ya, yb;
    int hits = 0;
  };
  std::array<Box, 4> m_boxes;
};

}  // namespace hf::widgets::detail
