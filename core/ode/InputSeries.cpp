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
  for (const Series& x : m_series)
    for (std::size_t k = 1; k < x.t.size(); ++k) {
      if (x.how == Interpolation::Hold) {
        if (x.v[k] != x.v[k - 1]) out.push_back(x.t[k]);
      } else if (k + 1 < x.t.size() && x.t[k] > x.t[k - 1] && x.t[k + 1] > x.t[k]) {
        const double before = (x.v[k] - x.v[k - 1]) / (x.t[k] - x.t[k - 1]);
        const double after = (x.v[k + 1] - x.v[k]) / (x.t[k + 1] - x.t[k]);
        if (before != after) out.push_back(x.t[k]);
      } else if (x.t[k] == x.t[k - 1] && x.v[k] != x.v[k - 1]) {
        out.push_back(x.t[k]);  // two samples at one time: a jump
      }
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace hf::ode
