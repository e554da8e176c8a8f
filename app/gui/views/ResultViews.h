#pragma once
// The workbench's central tabs: data with the model curve, the surface of
// two-input models, residuals, residual histogram, observed vs predicted
// and cost history. Shows a project (data once per model change, curves
// cheaply on every progress report) and exports the current plot.
//
// Thread: GUI thread only.

#include "ModelPlotter.h"
#include "OdePlotter.h"
#include "project/Project.h"

#include <QTabWidget>

#include <vector>

namespace hf::widgets {
class ChartView;
class SurfaceView;
}  // namespace hf::widgets

namespace hf::app {

class LearnedTermView;

class ResultViews : public QTabWidget {
  Q_OBJECT
 public:
  explicit ResultViews(QWidget* parent = nullptr);

  /// The model or data changed: the next show() re-reads the data.
  void markStale() { m_stale = true; }
  /// Shows the project at its last result (or start values) and refreshes
  /// the result tabs.
  void show(const project::Project& project);
  /// A built-in example (Newton cooling), shown before anything is opened.
  void showDemo();
  /// A fit starts: the cost history restarts empty. From the first
  /// progress report until endFit() the live charts render in their cheaper
  /// live mode (VtkView::setLive).
  void beginFit();
  void endFit();
  /// Redraws only the model curve/surface at `params` and appends the
  /// iteration's cost to the cost history (a running fit).
  void showProgress(const project::Project& project, const std::vector<double>& params, int iteration, double cost);
  /// The penalty terms of the iteration showProgress() shows next (sums of
  /// squares); the cost history then splits into data and these terms.
  void setLiveTerms(const QStringList& names, const QVector<double>& values);
  /// Early stopping: the held-out error of the iteration showProgress()
  /// shows next; drawn as the validation curve beside the cost.
  void setLiveValidation(double sumOfSquares);

  /// ODE models: the experiment the time plots show (redrawn at the next show()).
  void setExperiment(int experiment);
  /// ODE models: the observable the time plot shows; -1 for all of them.
  void setObservable(int observable) { m_observable = observable; }
  int experiment() const { return m_experiment; }
  const OdePlotter& odePlotter() const { return m_ode; }

  /// Fits the current tab's axes (or camera) to its data again.
  void resetCurrentView();
  /// Exports the current tab: "png" (width in pixels, height follows the
  /// view), "svg" or "pdf". Returns the error, empty on success.
  QString exportCurrent(const QString& format, const QString& path, int width);

  widgets::ChartView* chart() const { return m_chart; }
  widgets::SurfaceView* surface() const { return m_surface; }
  widgets::ChartView* residualChart() const { return m_residual; }
  widgets::ChartView* histogramChart() const { return m_histogram; }
  widgets::ChartView* observedPredictedChart() const { return m_obsPred; }
  widgets::ChartView* costChart() const { return m_cost; }
  widgets::ChartView* phaseChart() const { return m_phase; }
  LearnedTermView* learnedView() const { return m_learned; }

 private:
  bool rebuildIfStale(const project::Project& project);
  // Enables the tab of `view` (chart or surface), disables the other, and
  // moves there if the other was current.
  void offerOnly(QWidget* view);
  // Error bars (y ± sigma) under the data when the fit is weighted by a
  // sigma column; removed otherwise.
  void showErrorBars(const project::Project& project);
  // The data without a model (none yet, or it does not build).
  void showDataOnly(const project::Project& project);
  void drawModel(const std::vector<double>& params, const QString& curveName);
  void updateResults(const project::Project& project);
  // ODE models (ResultViewsOde.cpp): the time plot of each observable of
  // the current experiment (data markers and model line in one colour per
  // observable), the phase plane of two-state systems, and the residual
  // views at the data times.
  bool rebuildOde(const project::Project& project);
  void drawOde(const std::vector<double>& values, const QString& curveName);
  void updateOdeResults(const project::Project& project);

  widgets::ChartView* m_chart;
  widgets::SurfaceView* m_surface;
  widgets::ChartView* m_residual;
  widgets::ChartView* m_histogram;
  widgets::ChartView* m_obsPred;
  widgets::ChartView* m_cost;
  widgets::ChartView* m_phase;
  LearnedTermView* m_learned;
  ModelPlotter m_plotter;
  OdePlotter m_ode;
  int m_experiment = 0;
  int m_observable = -1;
  bool m_isOde = false;
  bool m_stale = true;
  std::vector<double> m_liveIterations, m_liveCosts;
  QStringList m_liveTermNames;
  std::vector<std::vector<double>> m_liveTerms;  ///< per term, per live iteration
  std::vector<double> m_liveValidation;          ///< per live iteration (NaN: none)
  /// The last result's cost history, split into its terms when it has any.
  void showResultCost(const project::Project& project);
};

}  // namespace hf::app
