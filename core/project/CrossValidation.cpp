#include "project/CrossValidation.h"

#include "common/Error.h"
#include "expr/Expression.h"
#include "ml/SeededUniform.h"
#include "model/AlgebraicModel.h"
#include "model/OdeModel.h"
#include "project/ProjectFit.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numeric>

namespace hf::project {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A data row whose observed values are one point.
struct Point {
  std::size_t dataset = 0;  ///< index into project.datasets
  std::size_t row = 0;
  std::size_t experiment = 0;  ///< 0 for algebraic models
  double order = 0;            ///< time, or the model's first input
};

struct Points {
  std::vector<Point> list;
  std::vector<std::string> columns;  ///< the observed columns, made missing to hide a point
};

std::size_t datasetIndex(const Project& p, const std::string& name) {
  for (std::size_t i = 0; i < p.datasets.size(); ++i)
    if (p.datasets[i].data.name == name) return i;
  throw Error("no dataset named '" + name + "' in the project");
}

Points collectPoints(const Project& p) {
  Points out;
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

std::vector<int> foldsOf(const Points& pts, const ValidationOptions& o, std::size_t experiments) {
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

// A copy of the project with the points where keep(i) is false hidden; for
// ODE models, experiments left without an observation are dropped.
Project withPoints(const Project& p, const Points& pts, const std::function<bool(std::size_t)>& keep) {
  Project copy = p;
  copy.lastResult.reset();
  copy.solver.computeCovariance = false;
  std::vector<bool> seen(p.model.isOde() ? p.model.ode.experiments.size() : 1, false);
  for (std::size_t i = 0; i < pts.list.size(); ++i) {
    const Point& pt = pts.list[i];
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

struct Sums {
  std::size_t n = 0;
  double squares = 0, absolute = 0, total = 0;
  void add(const Sums& o) {
    n += o.n;
    squares += o.squares;
    absolute += o.absolute;
    total += o.total;
  }
  Metrics metrics() const {
    Metrics m;
    m.points = n;
    m.rmse = n ? std::sqrt(squares / static_cast<double>(n)) : kNaN;
    m.mae = n ? absolute / static_cast<double>(n) : kNaN;
    m.rSquared = total > 0 ? 1.0 - squares / total : kNaN;
    return m;
  }
};

// Residuals of the data blocks of `p`'s model at the fitted values (by
// parameter name); the model's own weighting (sigma columns) applies.
Sums residualSums(const Project& p, const fit::FitSummary& fitted) {
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
    Sums s;
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
  if (p.model.isOde()) return sums(buildOdeModel(p));
  return sums(model::AlgebraicModel(p.modelDataset(), p.model.spec));
}

}  // namespace

std::string ValidationOptions::validate() const {
  if (kind == SplitKind::Experiments) return {};
  if (folds < 1) return "the number of folds must be at least 1";
  if (folds == 1 && !(holdOutFraction > 0 && holdOutFraction < 1))
    return "the held-out fraction must be between 0 and 1";
  return {};
}

std::vector<int> assignFolds(std::size_t points, const ValidationOptions& options) {
  Points pts;
  for (std::size_t i = 0; i < points; ++i) pts.list.push_back({0, i, 0, static_cast<double>(i)});
  return foldsOf(pts, options, 1);
}

ValidationReport crossValidate(const Project& project, const ValidationOptions& options,
                               const std::atomic<bool>* cancel) {
  if (const std::string problem = options.validate(); !problem.empty()) throw Error(problem);
  const Points pts = collectPoints(project);
  const std::size_t experiments = project.model.isOde() ? project.model.ode.experiments.size() : 1;
  if (options.kind == SplitKind::Experiments && (!project.model.isOde() || experiments < 2))
    throw Error("leave-one-experiment-out needs an ODE model with at least two experiments");
  const int folds = options.kind == SplitKind::Experiments ? static_cast<int>(experiments) : options.folds;
  if (options.kind != SplitKind::Experiments && static_cast<std::size_t>(std::max(folds, 2)) > pts.list.size())
    throw Error("too few points (" + std::to_string(pts.list.size()) + ") for " + std::to_string(folds) + " folds");
  const std::vector<int> fold = foldsOf(pts, options, experiments);

  ValidationReport report;
  report.model = project.name;
  const fit::FitSummary all = fitProject(project, nullptr, cancel);
  report.parameterCount = all.freeParameterCount;
  report.fit = residualSums(project, all).metrics();
  const auto n = static_cast<double>(all.pointCount), k = static_cast<double>(all.freeParameterCount);
  const double logLik = n * std::log(all.rss / n);
  report.aic = logLik + 2 * k;
  report.aicc = n - k - 1 > 0 ? report.aic + 2 * k * (k + 1) / (n - k - 1) : kNaN;
  report.bic = logLik + k * std::log(n);

  Sums training, validation;
  for (int f = 0; f < folds; ++f) {
    if (cancel && cancel->load()) throw Error("cancelled");
    const Project train = withPoints(project, pts, [&](std::size_t i) { return fold[i] != f; });
    const Project held = withPoints(project, pts, [&](std::size_t i) { return fold[i] == f; });
    FoldResult r;
    const fit::FitSummary s = fitProject(train, nullptr, cancel);
    r.converged = s.converged();
    const Sums st = residualSums(train, s), sv = residualSums(held, s);
    r.training = st.metrics();
    r.validation = sv.metrics();
    training.add(st);
    validation.add(sv);
    report.folds.push_back(r);
  }
  report.training = training.metrics();
  report.validation = validation.metrics();
  return report;
}

}  // namespace hf::project
