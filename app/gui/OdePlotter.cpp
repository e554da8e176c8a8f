#include "OdePlotter.h"

#include "common/Error.h"
#include "plot/ChartView.h"
#include "project/ProjectFit.h"

#include <cmath>

namespace hf::app {
namespace {
constexpr int kGridPoints = 300;
}

bool OdePlotter::rebuild(const project::Project& p) {
  m_model.reset();
  m_experiments.clear();
  m_observableTitles.clear();
  m_stateTitles.clear();
  m_error.clear();
  m_weighted = false;
  if (!p.model.isOde()) return false;
  try {
    m_model = std::make_unique<model::OdeModel>(project::buildOdeModel(p));
  } catch (const Error& e) {
    m_error = QString::fromStdString(e.what());
    return false;
  }
  const project::OdeModelSettings& ode = p.model.ode;
  const auto& states = ode.spec.equations.states;
  for (std::size_t i = 0; i < states.size(); ++i)
    m_stateTitles.push_back(widgets::ChartView::axisTitle(
        QString::fromStdString(states[i]), i < ode.stateUnits.size() ? QString::fromStdString(ode.stateUnits[i]) : ""));
  QString timeUnit, commonUnit;
  bool sameUnit = true;
  for (const project::ExperimentSettings& xs : ode.experiments) {
    const data::Dataset* d = p.findDataset(xs.dataset);
    Experiment x;
    x.t0 = xs.t0;
    const int tc = d->findColumn(xs.timeColumn);
    const data::Column& time = d->columns[static_cast<std::size_t>(tc)];
    if (timeUnit.isEmpty()) timeUnit = QString::fromStdString(time.unit);
    x.tEnd = x.t0;
    for (const model::OdeObservable& o : ode.spec.observables) {
      const data::Column& col = d->columns[static_cast<std::size_t>(d->findColumn(o.column))];
      const data::Column* sig =
          o.sigmaColumn.empty() ? nullptr : &d->columns[static_cast<std::size_t>(d->findColumn(o.sigmaColumn))];
      if (commonUnit.isEmpty()) commonUnit = QString::fromStdString(col.unit);
      sameUnit = sameUnit && QString::fromStdString(col.unit) == commonUnit;
      Series s;
      s.name = QString::fromStdString(o.column);
      std::vector<double> sigma;
      for (std::size_t r = 0; r < col.values.size() && r < time.values.size(); ++r) {
        if (!std::isfinite(col.values[r]) || !std::isfinite(time.values[r])) continue;
        if (sig && !(std::isfinite(sig->values[r]) && sig->values[r] > 0)) continue;  // not fitted either
        s.x.push_back(time.values[r]);
        s.y.push_back(col.values[r]);
        sigma.push_back(sig ? sig->values[r] : 1.0);
        x.tEnd = std::max(x.tEnd, time.values[r]);
      }
      if (sig) m_weighted = true;
      x.data.push_back(std::move(s));
      x.sigma.push_back(std::move(sigma));
    }
    if (!(x.tEnd > x.t0)) x.tEnd = x.t0 + 1;
    double first = x.tEnd;
    for (const Series& s : x.data)
      for (double v : s.x)
        if (v > x.t0) first = std::min(first, v);
    x.logTime = x.t0 >= 0 && first > x.t0 && first > 0 && x.tEnd / first > 1e3;
    m_experiments.push_back(std::move(x));
  }
  for (const model::OdeObservable& o : ode.spec.observables)
    m_observableTitles.push_back(QString::fromStdString(o.column));
  m_timeTitle = widgets::ChartView::axisTitle(QString::fromStdString("time " + ode.spec.equations.timeName), timeUnit);
  m_logTimeTitle = QObject::tr("log10 of %1").arg(m_timeTitle);
  m_valueTitle = widgets::ChartView::axisTitle(QStringLiteral("value"), sameUnit ? commonUnit : QString());
  return true;
}

QString OdePlotter::experimentName(std::size_t e) const { return QString::fromStdString(m_model->experimentName(e)); }

std::vector<double> OdePlotter::grid(const Experiment& x) const {
  // A log-spaced grid when the data span decades from a positive first
  // time (stiff kinetics), else an even one.
  std::vector<double> t;
  double first = x.tEnd;
  for (const Series& s : x.data)
    for (double v : s.x)
      if (v > x.t0) first = std::min(first, v);
  const bool logGrid = x.logTime;
  t.push_back(x.t0);
  for (int i = 1; i <= kGridPoints; ++i) {
    const double f = static_cast<double>(i) / kGridPoints;
    t.push_back(logGrid ? first * std::pow(x.tEnd / first, f) : x.t0 + (x.tEnd - x.t0) * f);
  }
  t.erase(std::unique(t.begin(), t.end()), t.end());
  return t;
}

bool OdePlotter::curves(std::size_t e, const std::vector<double>& values, std::vector<Series>& out,
                        QString* why) const {
  out.clear();
  if (!m_model || e >= m_experiments.size()) return false;
  const std::vector<double> t = grid(m_experiments[e]);
  const ode::Solution s = m_model->simulate(e, values, t);
  for (std::size_t o = 0; o < m_observableTitles.size(); ++o) {
    Series c;
    c.name = m_observableTitles[o];
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (!s.ok() && t[k] > s.tReached) break;
      c.x.push_back(t[k]);
      c.y.push_back(m_model->observe(e, o, values, s, t, k));
    }
    out.push_back(std::move(c));
  }
  if (!s.ok() && why)
    *why = QObject::tr("the solve stopped at t = %1: %2").arg(s.tReached).arg(QString::fromStdString(s.reason));
  return s.ok();
}

bool OdePlotter::residuals(std::size_t e, const std::vector<double>& values, std::vector<Series>& residual,
                           std::vector<Series>& predicted) const {
  residual.clear();
  predicted.clear();
  if (!m_model || e >= m_experiments.size()) return false;
  const Experiment& x = m_experiments[e];
  bool ok = true;
  for (std::size_t o = 0; o < x.data.size(); ++o) {
    const Series& d = x.data[o];
    std::vector<double> t = d.x;
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    std::erase_if(t, [&](double v) { return v < x.t0; });
    const ode::Solution s = m_model->simulate(e, values, t);
    ok = ok && s.ok();
    Series r{d.name, {}, {}}, p{d.name, {}, {}};
    for (std::size_t i = 0; i < d.x.size(); ++i) {
      const auto k = static_cast<std::size_t>(std::lower_bound(t.begin(), t.end(), d.x[i]) - t.begin());
      if (k >= t.size() || (!s.ok() && t[k] > s.tReached)) continue;
      const double model = m_model->observe(e, o, values, s, t, k);
      r.x.push_back(d.x[i]);
      r.y.push_back((d.y[i] - model) / x.sigma[o][i]);
      p.x.push_back(d.y[i]);
      p.y.push_back(model);
    }
    residual.push_back(std::move(r));
    predicted.push_back(std::move(p));
  }
  return ok;
}

bool OdePlotter::phase(std::size_t e, const std::vector<double>& values, Series& out) const {
  out = {};
  if (!m_model || !isTwoState() || e >= m_experiments.size()) return false;
  const std::vector<double> t = grid(m_experiments[e]);
  const ode::Solution s = m_model->simulate(e, values, t);
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (!s.ok() && t[k] > s.tReached) break;
    out.x.push_back(s.state(k, 0));
    out.y.push_back(s.state(k, 1));
  }
  return s.ok();
}

std::vector<double> OdePlotter::valuesOf(const project::Project& p, bool* fitted) const {
  std::vector<double> v;
  bool all = p.lastResult.has_value();
  const std::vector<double> defaults = m_model->defaultStarts();
  for (const std::string& name : m_model->parameterNames()) {
    const std::size_t index = v.size();
    double value = index < defaults.size() && !std::isnan(defaults[index]) ? defaults[index] : 1.0;
    for (const fit::ParameterSetting& s : p.parameters)
      if (s.name == name) value = s.start;
    bool found = false;
    if (p.lastResult)
      for (const fit::ParameterEstimate& e : p.lastResult->parameters)
        if (e.name == name && std::isfinite(e.value)) {
          value = e.value;
          found = true;
        }
    all = all && found;
    v.push_back(value);
  }
  if (fitted) *fitted = all;
  if (!all && p.lastResult) {  // a result of another model: the starts
    v.clear();
    for (const std::string& name : m_model->parameterNames()) {
      double value = 1.0;
      for (const fit::ParameterSetting& s : p.parameters)
        if (s.name == name) value = s.start;
      v.push_back(value);
    }
  }
  return v;
}

}  // namespace hf::app
