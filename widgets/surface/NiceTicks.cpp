#include "surface/NiceTicks.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace hf::widgets {

namespace {

// Labels longer than this many significant digits switch to an offset.
constexpr int kMaxDigits = 6;

int decadeOf(double v) { return static_cast<int>(std::floor(std::log10(v))); }

// %g precision printing every tick in [lo, hi] with step `step` distinctly:
// enough significant digits to resolve the step at the largest magnitude
// (one more for a 2.5 step). Between 1 and 1e6, %g must also keep every
// integer digit, or it switches to exponent notation.
int digitsFor(double lo, double hi, double step, bool halfDigit) {
  const double magnitude = std::max(std::abs(lo), std::abs(hi));
  if (!(magnitude > 0.0)) return 1;
  const int lead = decadeOf(magnitude);
  const int stepDecade = decadeOf(step) - (halfDigit ? 1 : 0);
  int digits = lead - stepDecade + 1;
  if (magnitude >= 1.0 && magnitude < 1e6) digits = lead + 1 + std::max(0, -stepDecade);
  return std::clamp(digits, 1, 17);
}

std::string printf1(const char* format, double v) {
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), format, v);
  return buf.data();
}

// The shortest %g text of v that reads back within `tolerance`.
std::string shortest(double v, double tolerance) {
  for (int p = 1; p <= 17; ++p) {
    const std::string fmt = "%." + std::to_string(p) + "g";
    const std::string s = printf1(fmt.c_str(), v);
    if (std::abs(std::strtod(s.c_str(), nullptr) - v) <= tolerance) return s;
  }
  return printf1("%.17g", v);
}

}  // namespace

NiceTicks NiceTicks::forRange(double lo, double hi, int target) {
  NiceTicks t;
  t.format = "%.3g";
  if (!std::isfinite(lo) || !std::isfinite(hi)) return t;
  if (lo > hi) std::swap(lo, hi);
  const double width = hi - lo;
  if (!(width > 0.0)) {
    t.values.push_back(lo);
    return t;
  }
  target = std::max(target, 2);

  // The step of 1, 2, 2.5 or 5 times a power of ten nearest (on a log
  // scale) to width / target (after Heckbert, "Nice numbers for graph
  // labels", Graphics Gems, 1990, with 2.5 added).
  const double raw = width / target;
  const double decade = std::pow(10.0, decadeOf(raw));
  const double f = raw / decade;  // in [1, 10)
  constexpr std::array<double, 5> kNice{1.0, 2.0, 2.5, 5.0, 10.0};
  double mantissa = kNice.back();
  for (std::size_t i = 0; i + 1 < kNice.size(); ++i)
    if (f < std::sqrt(kNice[i] * kNice[i + 1])) {  // geometric midpoint
      mantissa = kNice[i];
      break;
    }
  const double step = mantissa * decade;
  const bool halfDigit = mantissa == 2.5;

  // Ticks as integer multiples of the step (k * step rounds better than a
  // running sum); a small slack admits ends that sit on a tick. Adding +0.0
  // turns -0 into 0.
  const double slack = 1e-9 * step;
  const double first = std::ceil((lo - slack) / step);
  const double last = std::floor((hi + slack) / step);
  for (double k = first; k <= last && t.values.size() < 1000; k += 1.0) t.values.push_back(k * step + 0.0);

  int digits = digitsFor(lo, hi, step, halfDigit);
  if (digits > kMaxDigits && width < 1e-3 * std::max(std::abs(lo), std::abs(hi))) {
    // Offset by lo rounded down to a power of ten above the width, so the
    // labels run from a small non-negative number.
    const double block = std::pow(10.0, decadeOf(width) + 1);
    t.offset = std::floor(lo / block) * block + 0.0;
    const std::string text = shortest(t.offset, 1e-6 * block);
    t.offsetText = (t.offset >= 0.0 ? "+" : "") + text;
    digits = digitsFor(lo - t.offset, hi - t.offset, step, halfDigit);
  }
  t.format = "%." + std::to_string(digits) + "g";
  return t;
}

std::string NiceTicks::label(double value) const {
  std::string s = printf1(format.c_str(), value - offset);
  if (s == "-0") s = "0";
  return s;
}

std::string NiceTicks::decorate(const std::string& title) const {
  if (offsetText.empty()) return title;
  return title + "  (" + offsetText + ")";
}

}  // namespace hf::widgets
