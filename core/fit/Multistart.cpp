#include "fit/Multistart.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace hf::fit {

std::vector<std::vector<double>> multistartPoints(const std::vector<ParameterSetting>& settings, std::size_t count) {
  std::mt19937_64 rng(20261203);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::vector<double>> points;
  for (std::size_t k = 0; k < count; ++k) {
    std::vector<double> p;
    for (const ParameterSetting& s : settings) {
      if (s.fixed) {
        p.push_back(s.start);
        continue;
      }
      double v;
      if (s.start != 0.0) {
        v = s.start * std::pow(10.0, -1.0 + 2.0 * unit(rng));
      } else {
        v = std::pow(10.0, -2.0 + 3.0 * unit(rng));
        const bool negative = s.upper <= 0 || (s.lower < 0 && unit(rng) < 0.5);
        if (negative) v = -v;
      }
      p.push_back(std::clamp(v, s.lower, s.upper));
    }
    points.push_back(std::move(p));
  }
  return points;
}

}  // namespace hf::fit
