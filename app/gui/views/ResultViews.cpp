#include "views/ResultViews.h"

#include "views/LearnedTermView.h"

#include "plot/ChartView.h"
#include "plot/CostHistoryPlot.h"
#include "plot/ObservedPredictedPlot.h"
#include "plot/PlotExport.h"
#include "plot/ResidualHistogramPlot.h"
#include "plot/ResidualPlot.h"
#include "surface/SurfaceExport.h"
#include "surface/SurfaceView.h"
#include "vtk/VtkView.h"

#include <QImage>

#include <QPixmap>
#include <array>
#include <cmath>

namespace hf::app {
namespace {
// Newton's law of cooling for the demo, T(t) = Ta + (T0 - Ta) exp(-t / tau).
constexpr double kAmbient = 293.15;  // K
constexpr double kStart = 373.15;    // K
constexpr double kTau = 140.0;       // s

double cooling(double t) { return kAmbient + (kStart - kAmbient) * std::exp(-t / kTau); }
}  // namespace

ResultViews::ResultViews(QWidget* parent)
    : QTabWidget(parent),
      m_chart(new widgets::ChartView(this)),
      m_surface(new widgets::SurfaceView(this)),
      m_residual(new widgets::ChartView(this)),
      m_histogram(new widgets::ChartView(this)),
      m_obsPred(new widgets::ChartView(this)),
      m_cost(new widgets::ChartView(this)),
      m_phase(new widgets::ChartView(this)),
      m_learned(new LearnedTermView(this)) {
  addTab(m_chart, tr("Data && model"));
  addTab(m_surface, tr("Surface"));
  addTab(m_residual, tr("Residuals"));
  addTab(m_histogram, tr("Histogram"));
  addTab(m_obsPred, tr("Observed vs predicted"));
  addTab(m_cost, tr("Cost history"));
  addTab(m_phase, tr("Phase plane"));
  addTab(m_learned, tr("Learned term"));
  setTabEnabled(indexOf(m_phase), false);
  setTabEnabled(indexOf(m_learned), false);
  setTabToolTip(0, tr("Data with the model curve (models with one input)"));
  setTabToolTip(1, tr("Model surface with the data points (models with two inputs); drag to rotate"));
  setTabToolTip(2, tr("Residuals (observed - predicted; divided by sigma or times sqrt(w) in weighted fits) "
                      "against the first input"));
  setTabToolTip(3, tr("Distribution of the residuals"));
  setTabToolTip(4, tr("Observed against predicted values, with the line y = x"));
  setTabToolTip(5, tr("Cost of each solver iteration of the last fit (log scale)"));
  setTabToolTip(6, tr("ODE models with two states: one state against the other along the trajectory"));
  setTabToolTip(7, tr("Models with learned components: a learned output against its inputs (a curve for one "
                      "input, a surface for two), with its values at the data"));
}

bool ResultViews::rebuildIfStale(const project::Project& project) {
  if (!m_stale && (m_isOde ? m_ode.isValid() : m_plotter.isValid())) return true;
  m_stale = false;
  m_isOde = project.model.isOde();
  setTabText(indexOf(m_chart), m_isOde ? tr("Time plot") : tr("Data && model"));
  if (m_isOde) return rebuildOde(project);
  if (currentWidget() == m_phase) setCurrentWidget(m_chart);
  m_phase->clear();
  m_chart->clear();
  m_chart->setTitle(QString());
  setTabEnabled(indexOf(m_phase), false);
  for (widgets::ChartView* c : {m_residual, m_histogram, m_obsPred}) c->clear();
  if (!m_plotter.rebuild(project)) {  // the model editor says why
    showDataOnly(project);
    return false;
  }
  // Only the tab that fits the model's inputs is offered: one input, the
  // data-and-model chart; two inputs, the surface.
  const bool surface = m_plotter.isSurface();
  offerOnly(surface ? static_cast<QWidget*>(m_surface) : m_chart);
  if (surface) {
    m_chart->clear();
    m_surface->setTitles(m_plotter.xTitle(), m_plotter.x2Title(), m_plotter.yTitle());
    m_surface->setPoints(m_plotter.x(), m_plotter.x2(), m_plotter.y());
  } else {
    m_surface->clear();
    m_chart->setCurve({}, {}, QString());
    m_chart->setData(m_plotter.x(), m_plotter.y(), m_plotter.xTitle(), m_plotter.yTitle(), m_plotter.dataName());
    showErrorBars(project);
  }
  return true;
}

void ResultViews::showErrorBars(const project::Project& project) {
  const QString name = tr("±1 σ");
  if (project.model.spec.weightKind != model::WeightKind::Sigma) {
    m_chart->removeSeries(name);
    return;
  }
  // One vertical segment per shown point, y ± sigma (sigma = 1/scale),
  // as a line broken by NaN between points; drawn under the markers.
  std::vector<double> xs, ys;
  const auto& x = m_plotter.x();
  const auto& y = m_plotter.y();
  const auto& scale = m_plotter.scale();
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double sigma = 1.0 / scale[i];
    xs.insert(xs.end(), {x[i], x[i], NAN});
    ys.insert(ys.end(), {y[i] - sigma, y[i] + sigma, NAN});
  }
  m_chart->setSeries(name, xs, ys,
                     {.kind = widgets::ChartView::SeriesKind::Line, .colour = QColor(120, 160, 200), .size = 1.5f});
}

void ResultViews::offerOnly(QWidget* view) {
  QWidget* other = view == m_chart ? static_cast<QWidget*>(m_surface) : m_chart;
  setTabEnabled(indexOf(view), true);
  // Switch before disabling: a disabled current tab would hand the focus
  // to whatever tab follows it.
  if (currentWidget() == other) setCurrentWidget(view);
  setTabEnabled(indexOf(other), false);
}

void ResultViews::showDataOnly(const project::Project& project) {
  m_surface->clear();
  m_chart->clear();
  offerOnly(m_chart);
  if (project.datasets.empty() || project.datasets.front().data.columnCount() < 2) return;
  // No usable model yet: the response (or the second column) against the
  // first other column, so that fresh data show at once.
  const data::Dataset& d = project.datasets.front().data;
  int y = d.findColumn(project.model.spec.response);
  if (y < 0) y = 1;
  const int x = y == 0 ? 1 : 0;
  const auto title = [](const data::Column& c) {
    return widgets::ChartView::axisTitle(QString::fromStdString(c.label.empty() ? c.name : c.label),
                                         QString::fromStdString(c.unit));
  };
  const data::Column& cx = d.columns[static_cast<std::size_t>(x)];
  const data::Column& cy = d.columns[static_cast<std::size_t>(y)];
  m_chart->setData(cx.values, cy.values, title(cx), title(cy), QString::fromStdString(d.name));
}

void ResultViews::drawModel(const std::vector<double>& params, const QString& curveName) {
  if (m_plotter.isSurface()) {
    std::vector<double> z;
    m_plotter.surface(params, z);
    m_surface->setSurface(ModelPlotter::kSurfaceGrid, ModelPlotter::kSurfaceGrid, m_plotter.grid1(), m_plotter.grid2(),
                          z);
    return;
  }
  std::vector<double> cx, cy;
  m_plotter.curve(params, cx, cy);
  m_chart->setCurve(cx, cy, curveName);
}

void ResultViews::show(const project::Project& project) {
  const bool learned = m_learned->showProject(project);
  if (!learned && currentWidget() == m_learned) setCurrentIndex(0);
  setTabEnabled(indexOf(m_learned), learned);
  if (!rebuildIfStale(project)) return;
  bool fitted = false;
  if (m_isOde) {
    const std::vector<double> values = m_ode.valuesOf(project, &fitted);
    drawOde(values, fitted ? tr("fitted model") : tr("model at start values"));
    updateOdeResults(project);
    return;
  }
  const std::vector<double> params = ModelPlotter::defaultParameters(project, &fitted);
  QString name = tr("model at start values");
  if (fitted && project.lastResult) {
    switch (project.lastResult->termination) {
      case fit::Termination::Converged:
        name = tr("fitted model");
        break;
      case fit::Termination::Cancelled:
        name = tr("model (fit cancelled)");
        break;
      default:
        name = tr("model (fit not converged)");
        break;
    }
  }
  drawModel(params, name);
  updateResults(project);
}

void ResultViews::beginFit() {
  m_liveIterations.clear();
  m_liveCosts.clear();
  m_liveTermNames.clear();
  m_liveTerms.clear();
  m_liveValidation.clear();
  m_cost->clear();
}

void ResultViews::endFit() {
  for (widgets::VtkView* v : {m_chart->view(), m_cost->view(), m_surface->view()}) v->setLive(false);
}

void ResultViews::setExperiment(int experiment) { m_experiment = std::max(0, experiment); }

void ResultViews::showProgress(const project::Project& project, const std::vector<double>& params, int iteration,
                               double cost) {
  // Live mode from the first progress report on, not at the start: the
  // start's frame already repaints every panel (disabled for the fit).
  for (widgets::VtkView* v : {m_chart->view(), m_cost->view(), m_surface->view()}) v->setLive(true);
  if (rebuildIfStale(project)) {
    if (m_isOde)
      drawOde(params, tr("model (fit in progress)"));
    else
      drawModel(params, tr("model (fit in progress)"));
  }
  // Live cost history; a hidden tab does not render, so this costs little.
  m_liveIterations.push_back(iteration);
  m_liveCosts.push_back(cost);
  for (std::vector<double>& t : m_liveTerms) t.resize(m_liveCosts.size(), std::nan(""));
  if (!m_liveValidation.empty()) m_liveValidation.resize(m_liveCosts.size(), std::nan(""));
  widgets::showLossBreakdown(*m_cost, m_liveIterations, m_liveCosts, m_liveTermNames, m_liveTerms,
                             tr("cost (half the weighted sum of squares)"), m_liveValidation);
}

void ResultViews::setLiveValidation(double sumOfSquares) {
  m_liveValidation.resize(m_liveCosts.size(), std::nan(""));
  m_liveValidation.push_back(sumOfSquares);
}

void ResultViews::setLiveTerms(const QStringList& names, const QVector<double>& values) {
  if (names != m_liveTermNames) {  // the first report with terms
    m_liveTermNames = names;
    m_liveTerms.assign(static_cast<std::size_t>(names.size()), std::vector<double>(m_liveCosts.size(), std::nan("")));
  }
  // Each term's value for the iteration about to be appended.
  for (std::size_t k = 0; k < m_liveTerms.size() && k < static_cast<std::size_t>(values.size()); ++k) {
    m_liveTerms[k].resize(m_liveCosts.size(), std::nan(""));
    m_liveTerms[k].push_back(values[static_cast<qsizetype>(k)]);
  }
}

void ResultViews::showResultCost(const project::Project& project) {
  std::vector<double> it, cost;
  QStringList names;
  for (const fit::LossTerm& t : project.lastResult->penaltyTerms) names << QString::fromStdString(t.name);
  std::vector<std::vector<double>> terms(static_cast<std::size_t>(names.size()));
  std::vector<double> validation;
  for (const fit::IterationRecord& r : project.lastResult->history) {
    it.push_back(r.iteration);
    cost.push_back(r.cost);
    if (project.lastResult->validationPoints > 0) validation.push_back(r.validation);
    for (std::size_t k = 0; k < terms.size(); ++k) terms[k].push_back(k < r.terms.size() ? r.terms[k] : std::nan(""));
  }
  widgets::showLossBreakdown(*m_cost, it, cost, names, terms, tr("cost (half the weighted sum of squares)"),
                             validation);
}

void ResultViews::updateResults(const project::Project& p) {
  bool fitted = false;
  const std::vector<double> params = ModelPlotter::defaultParameters(p, &fitted);
  if (!fitted || !m_plotter.isValid()) {
    for (widgets::ChartView* c : {m_residual, m_histogram, m_obsPred, m_cost}) c->clear();
    return;
  }
  std::vector<double> predicted, residual;
  m_plotter.predictions(params, predicted);
  // Weighted fits: the residuals the fit minimises, (observed - predicted)
  // scaled by 1/sigma or sqrt(w); raw ones would grow with sigma by design.
  const bool weighted = m_plotter.isWeighted();
  for (std::size_t i = 0; i < predicted.size(); ++i)
    residual.push_back((m_plotter.y()[i] - predicted[i]) * (weighted ? m_plotter.scale()[i] : 1.0));
  const QString yTitle = m_plotter.yTitle();
  const QString rTitle = weighted ? tr("weighted residual (dimensionless)") : tr("residual of %1").arg(yTitle);
  const QString rName = p.model.spec.weightKind == model::WeightKind::Sigma ? tr("(observed - predicted) / sigma")
                        : weighted                                          ? tr("(observed - predicted) * sqrt(w)")
                                                                            : tr("observed - predicted");
  widgets::showResiduals(*m_residual, m_plotter.x(), residual, m_plotter.xTitle(), rTitle, rName);
  widgets::showResidualHistogram(*m_histogram, residual, rTitle);
  widgets::showObservedVsPredicted(*m_obsPred, m_plotter.y(), predicted, tr("observed %1").arg(yTitle),
                                   tr("predicted %1").arg(yTitle));
  showResultCost(p);
}

void ResultViews::showDemo() {
  // Deterministic "measurement noise" (±0.8 K) so the demo looks the same
  // on every run and in screenshots.
  constexpr std::array<double, 20> noise = {0.6,  -0.4, 0.8, -0.7, 0.2, 0.5, -0.8, 0.3,  -0.2, 0.7,
                                            -0.5, 0.1,  0.4, -0.6, 0.0, 0.6, -0.3, -0.7, 0.5,  -0.1};
  std::vector<double> t, temp;
  for (std::size_t i = 0; i < noise.size(); ++i) {
    t.push_back(30.0 * static_cast<double>(i));
    temp.push_back(cooling(t.back()) + noise[i]);
  }
  std::vector<double> tc, tempc;
  for (int i = 0; i <= 200; ++i) {
    tc.push_back(570.0 * i / 200.0);
    tempc.push_back(cooling(tc.back()));
  }
  m_chart->setCurve(tc, tempc, tr("model: Newton cooling"));
  m_chart->setData(t, temp, tr("time t [s]"), tr("temperature T [K]"), tr("thermocouple"));
  setCurrentWidget(m_chart);
}

void ResultViews::resetCurrentView() {
  if (auto* chart = qobject_cast<widgets::ChartView*>(currentWidget()))
    chart->resetView();
  else
    m_surface->resetCamera();
}

QString ResultViews::exportCurrent(const QString& format, const QString& path, int width) {
  auto* chart = qobject_cast<widgets::ChartView*>(currentWidget());
  if (!chart) {
    if (format == QStringLiteral("png")) {
      const int height = std::max(100, width * m_surface->height() / std::max(1, m_surface->width()));
      return widgets::exportSurfacePng(*m_surface, path, width, height);
    }
    if (format == QStringLiteral("svg")) return widgets::exportSurfaceSvg(*m_surface, path);
    return widgets::exportSurfacePdf(*m_surface, path);
  }
  if (format == QStringLiteral("png")) {
    const int height = std::max(100, width * chart->height() / std::max(1, chart->width()));
    return widgets::exportPng(*chart, path, width, height);
  }
  if (format == QStringLiteral("svg")) return widgets::exportSvg(*chart, path);
  return widgets::exportPdf(*chart, path);
}

}  // namespace hf::app
