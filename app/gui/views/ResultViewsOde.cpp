// ResultViews for ODE models (see ResultViews.h).
#include "plot/ChartView.h"
#include "plot/CostHistoryPlot.h"
#include "plot/ObservedPredictedPlot.h"
#include "plot/ResidualHistogramPlot.h"
#include "surface/SurfaceView.h"
#include "views/ResultViews.h"

#include <array>
#include <cmath>

namespace hf::app {
namespace {

// One colour per observable (data markers and model line share it).
QColor observableColour(std::size_t o) {
  static const std::array<QColor, 6> palette{QColor(31, 119, 180),  QColor(214, 39, 40),  QColor(44, 160, 44),
                                             QColor(148, 103, 189), QColor(255, 127, 14), QColor(23, 190, 207)};
  return palette[o % palette.size()];
}

// x -> log10(x) in place, dropping points at x <= 0 (t0 = 0 has no place
// on a log axis).
void toLogX(OdePlotter::Series& s) {
  std::vector<double> x, y;
  for (std::size_t i = 0; i < s.x.size(); ++i)
    if (s.x[i] > 0) {
      x.push_back(std::log10(s.x[i]));
      y.push_back(s.y[i]);
    }
  s.x = std::move(x);
  s.y = std::move(y);
}

}  // namespace

bool ResultViews::rebuildOde(const project::Project& project) {
  for (widgets::ChartView* c : {m_residual, m_histogram, m_obsPred, m_chart, m_phase}) c->clear();
  m_surface->clear();
  offerOnly(m_chart);
  const bool ok = m_ode.rebuild(project);
  setTabEnabled(indexOf(m_phase), ok && m_ode.isTwoState());
  if (!ok) return false;  // the ODE editor says why
  m_experiment = std::min(m_experiment, static_cast<int>(m_ode.experimentCount()) - 1);
  if (m_observable >= static_cast<int>(m_ode.observableCount())) m_observable = -1;
  m_chart->setAxisTitles(
      m_ode.logTime(static_cast<std::size_t>(std::max(0, m_experiment))) ? m_ode.logTimeTitle() : m_ode.timeTitle(),
      m_ode.valueTitle());
  if (m_ode.isTwoState()) m_phase->setAxisTitles(m_ode.stateTitles()[0], m_ode.stateTitles()[1]);
  return true;
}

void ResultViews::drawOde(const std::vector<double>& values, const QString& curveName) {
  if (!m_ode.isValid() || m_ode.experimentCount() == 0) return;
  const auto e = static_cast<std::size_t>(std::max(0, m_experiment));
  std::vector<OdePlotter::Series> curves;
  QString why;
  m_ode.curves(e, values, curves, &why);
  std::vector<OdePlotter::Series> measured = m_ode.data(e);
  const bool logTime = m_ode.logTime(e);
  if (logTime) {
    for (auto& s : measured) toLogX(s);
    for (auto& s : curves) toLogX(s);
  }
  m_chart->setAxisTitles(logTime ? m_ode.logTimeTitle() : m_ode.timeTitle(), m_ode.valueTitle());
  const bool many = m_ode.experimentCount() > 1;
  m_chart->setTitle(many ? tr("experiment %1").arg(m_ode.experimentName(e)) : QString());
  for (std::size_t o = 0; o < measured.size(); ++o) {
    const QColor c = observableColour(o);
    // One observable chosen: the others leave the plot.
    if (m_observable >= 0 && static_cast<int>(o) != m_observable) {
      for (const QString& s : m_chart->seriesNames())
        if (s == measured[o].name || s.startsWith(measured[o].name + QStringLiteral(": "))) m_chart->removeSeries(s);
      continue;
    }
    m_chart->setSeries(measured[o].name, measured[o].x, measured[o].y,
                       {.kind = widgets::ChartView::SeriesKind::Points, .colour = c});
    const QString line = tr("%1: %2").arg(measured[o].name, curveName);
    // Earlier curves of this observable (another label) go first.
    for (const QString& s : m_chart->seriesNames())
      if (s.startsWith(measured[o].name + QStringLiteral(": ")) && s != line) m_chart->removeSeries(s);
    if (o < curves.size())
      m_chart->setSeries(line, curves[o].x, curves[o].y,
                         {.kind = widgets::ChartView::SeriesKind::Line, .colour = c.darker(115)});
  }
  if (!why.isEmpty()) m_chart->setTitle(tr("model: %1").arg(why));
  if (m_ode.isTwoState()) {
    OdePlotter::Series trajectory;
    m_ode.phase(e, values, trajectory);
    m_phase->setSeries(tr("trajectory"), trajectory.x, trajectory.y,
                       {.kind = widgets::ChartView::SeriesKind::Line, .colour = observableColour(0)});
  }
}

void ResultViews::updateOdeResults(const project::Project& project) {
  bool fitted = false;
  const std::vector<double> values = m_ode.valuesOf(project, &fitted);
  for (widgets::ChartView* c : {m_residual, m_histogram, m_obsPred, m_cost}) c->clear();
  if (!fitted || !m_ode.isValid()) return;
  const auto e = static_cast<std::size_t>(std::max(0, m_experiment));
  std::vector<OdePlotter::Series> residual, predicted;
  m_ode.residuals(e, values, residual, predicted);
  if (m_ode.logTime(e))
    for (auto& s : residual) toLogX(s);
  const QString rTitle =
      m_ode.isWeighted() ? tr("residual / sigma (dimensionless)") : tr("residual (observed - model)");
  std::vector<double> all, obs, pred;
  m_residual->setAxisTitles(m_ode.logTime(e) ? m_ode.logTimeTitle() : m_ode.timeTitle(), rTitle);
  for (std::size_t o = 0; o < residual.size(); ++o) {
    m_residual->setSeries(residual[o].name, residual[o].x, residual[o].y,
                          {.kind = widgets::ChartView::SeriesKind::Points, .colour = observableColour(o)});
    all.insert(all.end(), residual[o].y.begin(), residual[o].y.end());
    obs.insert(obs.end(), predicted[o].x.begin(), predicted[o].x.end());
    pred.insert(pred.end(), predicted[o].y.begin(), predicted[o].y.end());
  }
  if (!residual.empty() && !residual.front().x.empty()) {
    const double t0 = residual.front().x.front(), t1 = residual.front().x.back();
    const std::array<double, 2> zx{t0, t1}, zy{0.0, 0.0};
    m_residual->setSeries(tr("zero"), zx, zy,
                          {.kind = widgets::ChartView::SeriesKind::Line,
                           .colour = QColor(128, 128, 128),
                           .size = 1.0f,
                           .inLegend = false,
                           .affectsXRange = false,
                           .affectsYRange = false});
  }
  widgets::showResidualHistogram(*m_histogram, all, rTitle);
  widgets::showObservedVsPredicted(*m_obsPred, obs, pred, tr("observed"), tr("model"));
  showResultCost(project);
}

}  // namespace hf::app
