#include "plot/Histogram.h"

#include <algorithm>
#include <cmath>

namespace hf::widgets {

namespace {

// Quantile of sorted data by linear interpolation between order statistics
// (Hyndman & Fan 1996, definition 7; what R and NumPy use by default).
double quantile(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

Histogram computeHistogram(std::span<const double> values, const HistogramOptions& options) {
  Histogram h;
  std::vector<double> v;
  v.reserve(values.size());
  for (double x : values) {
    if (std::isfinite(x))
      v.push_back(x);
    else
      ++h.skipped;
  }
  if (v.empty()) return h;
  std::sort(v.begin(), v.end());
  const double lo = v.front();
  const double hi = v.back();
  const auto n = static_cast<double>(v.size());

  if (!(hi > lo)) {
    h.width = std::max(std::abs(lo) / 10.0, 1.0);
    h.start = lo - h.width / 2.0;
    h.counts = {static_cast<int>(v.size())};
    return h;
  }

  // Inf/NaN bin counts (a span or IQR beyond the double range) mean "many".
  const double iqr = quantile(v, 0.75) - quantile(v, 0.25);
  const double bins = iqr > 0.0 ? std::ceil((hi - lo) * std::cbrt(n) / (2.0 * iqr)) : std::ceil(std::log2(n)) + 1.0;
  const int maxBins = std::max(1, options.maxBins);
  const int minBins = std::clamp(std::min(options.minBins, static_cast<int>(v.size())), 1, maxBins);
  int k = std::isfinite(bins) ? static_cast<int>(std::clamp(bins, double(minBins), double(maxBins))) : maxBins;

  h.start = lo;
  h.width = hi / k - lo / k;  // not (hi - lo) / k, which can overflow
  if (!(h.width > 0.0)) {     // a span of a few ulps: one bin
    k = 1;
    h.width = hi - lo;
  }
  h.counts.assign(static_cast<std::size_t>(k), 0);
  for (double x : v) {
    // Clamp: rounding may put x == hi one past the last bin.
    const double i = std::floor((x / h.width) - (lo / h.width));
    ++h.counts[std::isfinite(i) ? static_cast<std::size_t>(std::clamp(i, 0.0, double(k - 1))) : 0];
  }
  return h;
}

}  // namespace hf::widgets
