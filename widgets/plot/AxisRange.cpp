#include "plot/AxisRange.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace hf::widgets::detail {

void Extent::add(double v) {
  lo = std::min(lo, v);
  hi = std::max(hi, v);
}

void Extent::add(const Extent& e) {
  lo = std::min(lo, e.lo);
  hi = std::max(hi, e.hi);
}

Extent withMargin(Extent e, double margin) {
  if (e.empty()) return {0.0, 1.0};
  const double span = e.hi - e.lo;
  if (span > 0.0 && std::isfinite(span)) {
    // Keep a range far below double precision at the values from
    // collapsing when drawn: VTK shifts and scales to float internally.
    const double pad = std::max(margin * span, 1e-12 * std::max(std::abs(e.lo), std::abs(e.hi)));
    return {e.lo - pad, e.hi + pad};
  }
  const double d = e.lo != 0.0 ? 0.1 * std::abs(e.lo) : 1.0;
  return {e.lo - d, e.hi + d};
}

ViewRange fitView(std::span<const RangeSeries> series, bool logY, bool equalRanges, double margin) {
  ViewRange view;
  auto drawable = [](double x, double y) { return std::isfinite(x) && std::isfinite(y); };
  if (logY)
    for (const RangeSeries& s : series)
      for (std::size_t i = 0; s.affectsY && i < std::min(s.x.size(), s.y.size()) && !view.logY; ++i)
        view.logY = drawable(s.x[i], s.y[i]) && s.y[i] > 0.0;

  Extent xs, ys;
  bool bars = false;
  for (const RangeSeries& s : series) {
    Extent sx, sy;
    for (std::size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
      if (!drawable(s.x[i], s.y[i]) || (view.logY && s.y[i] <= 0.0)) continue;
      sx.add(s.x[i]);
      sy.add(s.y[i]);
    }
    if (s.bars && !sx.empty()) {
      if (std::isfinite(s.barWidth)) {
        sx.lo -= 0.5 * s.barWidth;
        sx.hi += 0.5 * s.barWidth;
      }
      if (!view.logY) sy.add(0.0);
      bars = true;
    }
    if (s.affectsX) xs.add(sx);
    if (s.affectsY) ys.add(sy);
  }
  if (equalRanges && !view.logY) {
    xs.add(ys);
    ys = xs;
  }

  view.x = withMargin(xs, margin);
  if (view.logY) {
    Extent decades{std::log10(ys.lo), std::log10(ys.hi)};
    if (!(decades.hi > decades.lo)) decades = {decades.lo - 0.5, decades.hi + 0.5};
    decades = withMargin(decades, margin);
    view.y = {std::pow(10.0, decades.lo), std::pow(10.0, decades.hi)};
  } else {
    view.y = withMargin(ys, margin);
    if (bars && ys.lo >= 0.0) view.y.lo = 0.0;  // bars stand on the axis
  }
  return view;
}

std::vector<double> niceTicks(double lo, double hi, double pixels, double pixelSpacing) {
  std::vector<double> ticks;
  if (lo > hi) std::swap(lo, hi);
  const double range = hi - lo;
  if (!(range > 0.0) || !std::isfinite(range) || !(pixelSpacing > 0.0)) return ticks;
  const int maxTicks = std::max(1, static_cast<int>(std::lround(pixels / pixelSpacing)));
  const double raw = range / maxTicks;
  const double order = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / order;
  const double step = (norm <= 1.0 ? 1.0 : norm <= 2.0 ? 2.0 : norm <= 5.0 ? 5.0 : 10.0) * order;
  // Integer multiples, so that 3 x 0.1 is printed as 0.3 and zero as 0.
  for (double k = std::ceil(lo / step); k * step <= hi + 1e-9 * step && ticks.size() < 200; k += 1.0)
    ticks.push_back(std::abs(k) < 0.5 ? 0.0 : k * step);
  return ticks;
}

}  // namespace hf::widgets::detail
