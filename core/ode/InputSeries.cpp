#include "ode/InputSeries.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>

namespace hf::ode {

std::string interpolationName(Interpolation i) { return i == Interpolation::Hold ? "hold" : "linear"; }

Interpolation parseInterpolation(const std::string& name) {
  if (name == "linear") return Interpolation::Linear;
  if (name == "hold") return Interpolation::Hold;
  throw Error("unknown input interpolation '" + name + "' (expected linear or hold)");
}

InputSeries::InputSeries(std::vector<double> times, std::vector<std::vector<double>> values,
                         std::vector<std::string> names, std::vector<Interpolation> interpolation) {
  for (std::size_t k = 1; k < times.size(); ++k)
    if (!(times[k] >= times[k - 1])) throw Error("input times must be finite and sorted");
  for (std::size_t s = 0; s < values.size(); ++s) {
    Series series;
    series.how = s < interpolation.size() ? interpolation[s] : Interpolation::Linear;
    const std::string name = s < names.size() ? names[s] : "input " + std::to_string(s + 1);
    if (values[s].size() != times.size()) throw Error("input '" + name + "' has a different length than its times");
    for (std::size_t k = 0; k < times.size(); ++k)
      if (std::isfinite(times[k]) && std::isfinite(values[s][k])) {
        series.t.push_back(times[k]);
        series.v.push_back(values[s][k]);
      }
    if (series.t.empty()) throw Error("input '" + name + "' has no finite value");
    m_series.push_back(std::move(series));
  }
}

void InputSeries::values(double t, double* u) const {
  for (std::size_t s = 0; s < m_series.size(); ++s) {
    const Series& x = m_series[s];
    // First sample strictly after t.
    const auto after = std::upper_bound(x.t.begin(), x.t.end(), t);
    if (after == x.t.begin()) {
      u[s] = x.v.front();
      continue;
    }
    const std::size_t k = static_cast<std::size_t>(after - x.t.begin()) - 1;  // last sample at or before t
    if (x.how == Interpolation::Hold || after == x.t.end() || x.t[k + 1] == x.t[k]) {
      u[s] = x.v[k];
    } else {
      const double w = (t - x.t[k]) / (x.t[k + 1] - x.t[k]);
      u[s] = x.v[k] + w * (x.v[k + 1] - x.v[k]);
    }
  }
}

std::vector<double> InputSeries::breakpoints() const {
  std::vector<double> out;
  for (const Series& x : m_series) {
    // Samples at one time form a group: the value just before it is the
    // first sample's, at and after it the last one's (values()).
    struct Group {
      double t, first, last;
    };
    std::vector<Group> groups;
    for (std::size_t k = 0; k < x.t.size(); ++k) {
      if (!groups.empty() && groups.back().t == x.t[k])
        groups.back().last = x.v[k];
      else
        groups.push_back({x.t[k], x.v[k], x.v[k]});
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const Group& c = groups[g];
      if (x.how == Interpolation::Hold) {
        // Before the first sample its value is held too.
        const double before = g > 0 ? groups[g - 1].last : c.first;
        if (before != c.last) out.push_back(c.t);
        continue;
      }
      // Linear: a jump, or a change of slope (flat outside the samples).
      const double in = g > 0 ? (c.first - groups[g - 1].last) / (c.t - groups[g - 1].t) : 0.0;
      const double outSlope = g + 1 < groups.size() ? (groups[g + 1].first - c.last) / (groups[g + 1].t - c.t) : 0.0;
      if (c.first != c.last || in != outSlope) out.push_back(c.t);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace hf::ode
