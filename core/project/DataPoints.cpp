#include "project/DataPoints.h"

#include "common/Error.h"
#include "expr/Expression.h"
#include "ml/SeededUniform.h"
#include "model/AlgebraicModel.h"
#include "model/OdeModel.h"
#include "project/ProjectFit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace hf::project {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

namespace {
std::size_t datasetIndex(const Project& p, const std::string& name) {
  for (std::size_t i = 0; i < p.datasets.size(); ++i)
    if (p.datasets[i].data.name == name) return i;
  throw Error("no dataset named '" + name + "' in the project");
}

}  // namespace

DataPoints collectPoints(const Project& p) {
  DataPoints out;
  if (!p.model.isOde()) {
    const data::Dataset& d = p.modelDataset();
    const model::AlgebraicModel m(d, p.model.spec);
    for (const std::string& n : expr::Expression::freeNames(p.model.spec.response, true))
      if (d.findColumn(n) >= 0) out.columns.push_back(n);
    const std::size_t ds = datasetIndex(p, d.name);
    for (std::size_t i = 0; i < m.pointCount(); ++i)
      out.list.push_back({ds, m.rows()[i], 0, m.variables().empty() ? static_cast<double>(i) : m.input(i, 0)});
    return out;
  }
  for (const model::OdeObservable& o : p.model.ode.spec.observables) out.columns.push_back(o.column);
  for (std::size_t e = 0; e < p.model.ode.experiments.size(); ++e) {
    const ExperimentSettings& x = p.model.ode.experiments[e];
    const std::size_t ds = datasetIndex(p, x.dataset);
    const data::Dataset& d = p.datasets[ds].data;
    const int tc = d.findColumn(x.timeColumn);
    if (tc < 0) throw Error("experiment '" + x.name + "': no time column '" + x.timeColumn + "'");
    for (std::size_t r = 0; r < d.rowCount(); ++r) {
      const double t = d.columns[static_cast<std::size_t>(tc)].values[r];
      bool observed = false;
      for (const std::string& c : out.columns)
        if (const int k = d.findColumn(c); k >= 0 && std::isfinite(d.columns[static_cast<std::size_t>(k)].values[r]))
          observed = true;
      if (std::isfinite(t) && observed) out.list.push_back({ds, r, e, t});
    }
  }
  return out;
}

namespace {
// Positions 0..n-1 in a seeded random order (Fisher-Yates on our own
// uniform numbers: the same on every machine).
std::vector<std::size_t> shuffled(std::size_t n, std::uint64_t seed) {
  std::vector<std::size_t> v(n);
  std::iota(v.begin(), v.end(), std::size_t{0});
  ml::SeededUniform random(seed);
  for (std::size_t i = n; i > 1; --i) {
    const auto j = std::min(i - 1, static_cast<std::size_t>(random.next() * static_cast<double>(i)));
    std::swap(v[i - 1], v[j]);
  }
  return v;
}

// Blocked: `ranks` are the points' positions along time or space within
// their group of `count` points.
int blockOf(std::size_t rank, std::size_t count, const ValidationOptions& o) {
  if (o.folds == 1) {
    const auto held = static_cast<std::size_t>(std::lround(o.holdOutFraction * static_cast<double>(count)));
    return rank >= count - std::min(held, count) ? 0 : -1;  // the last stretch
  }
  return static_cast<int>(rank * static_cast<std::size_t>(o.folds) / count);
}

}  // namespace

std::vector<int> foldsOf(const DataPoints& pts, const ValidationOptions& o, std::size_t experiments) {
  const std::size_t n = pts.list.size();
  std::vector<int> fold(n, -1);
  if (o.kind == SplitKind::Experiments) {
    for (std::size_t i = 0; i < n; ++i) fold[i] = static_cast<int>(pts.list[i].experiment);
    return fold;
  }
  if (o.kind == SplitKind::Random) {
    const std::vector<std::size_t> order = shuffled(n, o.seed);
    const auto held = static_cast<std::size_t>(std::lround(o.holdOutFraction * static_cast<double>(n)));
    for (std::size_t k = 0; k < n; ++k)
      fold[order[k]] = o.folds == 1 ? (k < held ? 0 : -1) : static_cast<int>(k % static_cast<std::size_t>(o.folds));
    return fold;
  }
  // Blocked, within each experiment (time runs per experiment).
  for (std::size_t e = 0; e < experiments; ++e) {
    std::vector<std::size_t> mine;
    for (std::size_t i = 0; i < n; ++i)
      if (pts.list[i].experiment == e) mine.push_back(i);
    std::stable_sort(mine.begin(), mine.end(),
                     [&](std::size_t a, std::size_t b) { return pts.list[a].order < pts.list[b].order; });
    for (std::size_t r = 0; r < mine.size(); ++r) fold[mine[r]] = blockOf(r, mine.size(), o);
  }
  return fold;
}

Project withPoints(const Project& p, const DataPoints& pts, const std::function<bool(std::size_t)>& keep) {
  Project copy = p;
  copy.lastResult.reset();
  copy.solver.computeCovariance = false;
  std::vector<bool> seen(p.model.isOde() ? p.model.ode.experiments.size() : 1, false);
  for (std::size_t i = 0; i < pts.list.size(); ++i) {
    const DataPoint& pt = pts.list[i];
    if (keep(i)) {
      seen[pt.experiment] = true;
      continue;
    }
    data::Dataset& d = copy.datasets[pt.dataset].data;
    for (const std::string& c : pts.columns)
      if (const int k = d.findColumn(c); k >= 0) d.columns[static_cast<std::size_t>(k)].values[pt.row] = kNaN;
  }
  if (p.model.isOde()) {
    std::vector<ExperimentSettings> kept;
    for (std::size_t e = 0; e < seen.size(); ++e)
      if (seen[e]) kept.push_back(p.model.ode.experiments[e]);
    copy.model.ode.experiments = std::move(kept);
    // Penalties of a dropped experiment go with it.
    std::erase_if(copy.model.ode.spec.penalties, [&](const model::PenaltySpec& ps) {
      return !ps.experiment.empty() &&
             std::none_of(copy.model.ode.experiments.begin(), copy.model.ode.experiments.end(),
                          [&](const ExperimentSettings& e) { return e.name == ps.experiment; });
    });
    // Settings of parameters local to a dropped experiment go too.
    if (copy.model.ode.experiments.size() < seen.size()) {
      const std::vector<std::string> names = buildOdeModel(copy).parameterNames();
      std::erase_if(copy.parameters, [&](const fit::ParameterSetting& ps) {
        return std::find(names.begin(), names.end(), ps.name) == names.end();
      });
    }
  }
  return copy;
}

ResidualSums residualSums(const Project& p, const fit::FitSummary& fitted) {
  std::map<std::string, double> value;
  for (const fit::ParameterEstimate& e : fitted.parameters) value[e.name] = e.value;
  const auto sums = [&](const model::ResidualModel& m) {
    std::vector<double> params;
    for (const std::string& name : m.parameterNames()) {
      const auto it = value.find(name);
      if (it == value.end())
        throw Error("cannot predict the held-out points: parameter '" + name +
                    "' was not fitted (a parameter local to an experiment that was left out)");
      params.push_back(it->second);
    }
    ResidualSums s;
    model::EvalScratch scratch;
    for (std::size_t b = 0; b < m.dataBlockCount(); ++b) {
      std::vector<double> r(static_cast<std::size_t>(m.blockSize(b)));
      if (!m.evaluateBlock(b, params, r, {}, scratch)) r.assign(r.size(), kNaN);
      for (double v : r) {
        s.squares += v * v;
        s.absolute += std::fabs(v);
      }
      s.n += r.size();
    }
    s.total = m.totalSumOfSquares();
    return s;
  };
  // Data blocks only: the penalties (whose grids may need points this copy
  // lacks) are not scored.
  Project dataOnly = p;
  dataOnly.model.penalties().clear();
  if (p.model.isOde()) return sums(buildOdeModel(dataOnly));
  return sums(model::AlgebraicModel(dataOnly.modelDataset(), dataOnly.model.spec));
}

}  // namespace hf::project
