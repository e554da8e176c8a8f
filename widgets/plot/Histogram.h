#pragma once

#include <span>
#include <vector>

namespace hf::widgets {

// Limits on the bin count chosen by computeHistogram().
struct HistogramOptions {
  int minBins = 5;    // lower bound, further capped by the number of values
  int maxBins = 100;  // upper bound; keeps bars at least a few pixels wide
};

// Equal-width bins over [start, start + width * counts.size()].
struct Histogram {
  double start = 0.0;       // left edge of the first bin
  double width = 1.0;       // bin width, > 0
  std::vector<int> counts;  // values per bin; sums to the finite values
  int skipped = 0;          // NaN and infinite values, not counted

  // Centre of bin i.
  double centre(std::size_t i) const { return start + (static_cast<double>(i) + 0.5) * width; }
};

// Bins the finite values with the Freedman-Diaconis width
// h = 2 IQR n^(-1/3) (Freedman & Diaconis 1981, Z. Wahrscheinlichkeitstheorie
// 57:453), falling back to Sturges' ceil(log2 n) + 1 bins when the
// interquartile range is zero; the count is then clamped to the options'
// limits. Bins span [min, max] exactly; the maximum goes into the last bin.
// All values equal: one bin of width max(|v| / 10, 1) centred on them.
// No finite value: no bins.
Histogram computeHistogram(std::span<const double> values, const HistogramOptions& options = {});

}  // namespace hf::widgets
