#include "model/Collocation.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>

namespace hf::model {

std::size_t CollocationGrid::stride(std::size_t a) const {
  std::size_t s = 1;
  for (std::size_t b = a + 1; b < counts.size(); ++b) s *= counts[b];
  return s;
}

CollocationGrid collocationGrid(const PenaltySpec& spec, const std::vector<std::string>& variables,
                                const RangeOf& range, int defaultCount) {
  const std::string who = "penalty '" + spec.label() + "'";
  for (const CollocationAxis& a : spec.grid)
    if (std::find(variables.begin(), variables.end(), a.variable) == variables.end())
      throw Error(who + ": collocation axis '" + a.variable + "' is not an input its expression reads");
  CollocationGrid grid;
  grid.variables = variables;
  std::vector<double> lo, hi;
  std::size_t total = 1;
  for (const std::string& v : variables) {
    const auto given =
        std::find_if(spec.grid.begin(), spec.grid.end(), [&](const CollocationAxis& a) { return a.variable == v; });
    double a = given != spec.grid.end() ? given->lower : std::nan("");
    double b = given != spec.grid.end() ? given->upper : std::nan("");
    int count = given != spec.grid.end() ? given->count : 0;
    if (std::isnan(a) && !range(v, a, b))
      throw Error(who + ": input '" + v + "' has no data to take a range from; give its collocation range");
    if (count == 0) count = !(a < b) ? 1 : defaultCount > 0 ? defaultCount : defaultAxisCount(variables.size());
    if (!(a <= b) || !std::isfinite(a) || !std::isfinite(b))
      throw Error(who + ": the collocation range of '" + v + "' is not finite");
    lo.push_back(a);
    hi.push_back(b);
    grid.counts.push_back(static_cast<std::size_t>(count));
    total *= static_cast<std::size_t>(count);
    if (total > 1000000) throw Error(who + ": more than a million collocation points; give fewer per axis");
  }
  grid.values.assign(variables.size(), std::vector<double>(total));
  for (std::size_t a = 0; a < variables.size(); ++a) {
    const std::size_t stride = grid.stride(a), n = grid.counts[a];
    for (std::size_t p = 0; p < total; ++p) {
      const std::size_t i = (p / stride) % n;
      // Ends exact; interior points by the fraction i/(n-1).
      grid.values[a][p] = n == 1       ? lo[a]
                          : i == n - 1 ? hi[a]
                                       : lo[a] + (hi[a] - lo[a]) * static_cast<double>(i) / static_cast<double>(n - 1);
    }
  }
  if (spec.kind == PenaltyKind::Monotone) {
    const auto it = std::find(variables.begin(), variables.end(), spec.along);
    if (it == variables.end()) throw Error(who + ": its expression does not depend on '" + spec.along + "'");
    grid.along = static_cast<std::size_t>(it - variables.begin());
    if (grid.counts[grid.along] < 2) throw Error(who + ": the range of '" + spec.along + "' is a single value");
  }
  return grid;
}

void checkPenalties(const std::vector<PenaltySpec>& specs, const std::vector<std::string>& taken) {
  for (std::size_t k = 0; k < specs.size(); ++k) {
    if (std::find(taken.begin(), taken.end(), specs[k].label()) != taken.end())
      throw Error("penalty '" + specs[k].label() + "': the name is a weight penalty's; give it another");
    if (const std::string problem = specs[k].validate(); !problem.empty())
      throw Error("penalty '" + specs[k].label() + "': " + problem);
    for (std::size_t j = 0; j < k; ++j)
      if (specs[j].label() == specs[k].label())
        throw Error("two penalties are called '" + specs[k].label() + "'; give them names apart");
  }
}

std::size_t penaltyResidualCount(const PenaltySpec& spec, const CollocationGrid& grid) {
  const std::size_t n = grid.points();
  switch (spec.kind) {
    case PenaltyKind::Bounds:
    case PenaltyKind::Equation:
      return n;
    case PenaltyKind::Monotone:
      return n / grid.counts[grid.along] * (grid.counts[grid.along] - 1);
    case PenaltyKind::Conservation:
      return n - 1;
  }
  return 0;
}

void assemblePenalty(const PenaltySpec& spec, const CollocationGrid& grid, std::span<const double> g,
                     std::span<const double> dg, std::size_t P, std::span<double> residuals,
                     std::span<double> jacobian) {
  const double root = std::sqrt(spec.weight);
  const bool wantJacobian = !jacobian.empty();
  if (wantJacobian) std::fill(jacobian.begin(), jacobian.end(), 0.0);
  // Residual r = root * (c_a g_a + c_b g_b - offset), or 0 when inactive.
  const auto put = [&](std::size_t r, double value, std::size_t a, double ca, std::size_t b, double cb) {
    residuals[r] = root * value;
    if (!wantJacobian || value == 0) return;
    double* row = &jacobian[r * P];
    for (std::size_t j = 0; j < P; ++j) row[j] = root * (ca * dg[a * P + j] + cb * dg[b * P + j]);
  };
  const std::size_t n = grid.points();
  switch (spec.kind) {
    case PenaltyKind::Bounds:
      for (std::size_t p = 0; p < n; ++p) {
        const double v = g[p] < spec.lower   ? g[p] - spec.lower
                         : g[p] > spec.upper ? g[p] - spec.upper
                                             : (std::isnan(g[p]) ? g[p] : 0.0);
        put(p, v, p, 1, p, 0);
      }
      return;
    case PenaltyKind::Equation:
      for (std::size_t p = 0; p < n; ++p) put(p, g[p], p, 1, p, 0);
      return;
    case PenaltyKind::Conservation:
      for (std::size_t p = 1; p < n; ++p) put(p - 1, g[p] - g[0], p, 1, 0, -1);
      return;
    case PenaltyKind::Monotone: {
      const std::size_t stride = grid.stride(grid.along), count = grid.counts[grid.along];
      const double sign = spec.decreasing ? -1.0 : 1.0;
      std::size_t r = 0;
      for (std::size_t p = 0; p < n; ++p) {
        if ((p / stride) % count == count - 1) continue;  // no next point on this line
        const std::size_t q = p + stride;
        const double rise = sign * (g[q] - g[p]);
        put(r++, std::min(rise, 0.0), q, sign, p, -sign);
      }
      return;
    }
  }
}

}  // namespace hf::model
