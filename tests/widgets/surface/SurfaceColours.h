#pragma once
// Pixel classes of a rendered surface view, shared by the surface tests.
#include <QColor>

namespace hf::test {

// Colour-map pixels: clearly saturated, not too dark, and not the red of
// the points (viridis has no red). Axes, text and background are grey.
inline bool isColourMapped(QColor c) {
  const int h = c.hsvHue();
  return c.hsvSaturation() > 80 && c.value() > 40 && h >= 30 && h <= 330;
}

// The measured points' red (SurfaceView::pointsColor(), shaded).
inline bool isPointRed(QColor c) {
  const int h = c.hsvHue();
  return c.hsvSaturation() > 150 && c.value() > 60 && (h <= 12 || h >= 348);
}

}  // namespace hf::test
