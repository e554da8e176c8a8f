#pragma once

#include <array>
#include <span>

namespace hf::widgets {

// The real data ranges of a 3D plot's three axes (x1, x2, z) and the map
// from data to scene coordinates. Each axis is scaled on its own into a
// fixed scene extent, so ranges that differ by orders of magnitude (T ~ 300 K,
// c ~ 0.01 mol/L, rate ~ 1e-5 mol/(L s)) still give a roughly cubic box;
// axis labels show the real ranges. Scene coordinates stay within a few
// units of the origin, so VTK's float points lose no precision even for
// data such as 1e9 + [0, 1].
//
// A value type; GUI-free and cheap to copy.
class AxisBox {
 public:
  // Scene extent of x1, x2 and z. z is a little shorter than the base so a
  // surface reads as a landscape rather than a tower.
  static constexpr std::array<double, 3> kSceneSize{1.0, 1.0, 0.8};

  // Widens axis `axis` (0 = x1, 1 = x2, 2 = z) to include v. Non-finite
  // values (NaN, ±inf) are ignored.
  void include(int axis, double v);
  void include(int axis, std::span<const double> values);

  // Whether any finite value was included on `axis`.
  bool hasData(int axis) const;

  // The real range shown on `axis`: the included values' min and max; when
  // they coincide, widened by 5 % of the value (or ±1 at zero) so the box
  // keeps a size; [0, 1] when nothing was included.
  std::array<double, 2> range(int axis) const;

  // Scene coordinates of a data point: range(axis) maps linearly onto
  // [0, kSceneSize[axis]]. Non-finite inputs give non-finite outputs.
  std::array<double, 3> toScene(double x1, double x2, double z) const;
  double toScene(int axis, double value) const;

  // (xmin, xmax, ymin, ymax, zmin, zmax) of the scene box, the format VTK's
  // bounds use.
  static std::array<double, 6> sceneBounds();

 private:
  std::array<double, 3> m_lo{0.0, 0.0, 0.0};
  std::array<double, 3> m_hi{0.0, 0.0, 0.0};
  std::array<bool, 3> m_has{false, false, false};
};

}  // namespace hf::widgets
