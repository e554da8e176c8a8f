#pragma once
// Prepares what the time plots of an ODE model show: per experiment, each
// observable's data (against time) and its model curve on a fine grid, the
// residuals at the data times, and the two states of a two-state system
// against each other (phase plane). The model is built once per project
// change; curves are cheap enough to recompute on every progress report.
//
// Thread: GUI thread only.

#include "model/OdeModel.h"
#include "project/Project.h"

#include <QString>

#include <memory>
#include <vector>

namespace hf::app {

class OdePlotter {
 public:
  struct Series {
    QString name;  ///< the observed column, or a state
    std::vector<double> x, y;
  };

  /// Rebuilds from the project; false (and error()) when the model does
  /// not build against the data.
  bool rebuild(const project::Project& project);
  bool isValid() const { return m_model != nullptr; }
  const QString& error() const { return m_error; }

  std::size_t experimentCount() const { return m_experiments.size(); }
  QString experimentName(std::size_t e) const;
  std::size_t observableCount() const { return m_observableTitles.size(); }
  const QString& timeTitle() const { return m_timeTitle; }
  /// "value [mM]" when every observable has that unit, else "value".
  const QString& valueTitle() const { return m_valueTitle; }
  bool isTwoState() const { return m_stateTitles.size() == 2; }
  const std::vector<QString>& stateTitles() const { return m_stateTitles; }
  /// Whether a residual is scaled by 1/sigma (a sigma column).
  bool isWeighted() const { return m_weighted; }

  /// Whether experiment e's times span decades from a positive first time
  /// (stiff kinetics): its time plots use log10(t).
  bool logTime(std::size_t e) const { return m_experiments[e].logTime; }
  const QString& logTimeTitle() const { return m_logTimeTitle; }
  /// The observed columns, in order.
  const std::vector<QString>& observableTitles() const { return m_observableTitles; }

  /// The data of each observable in experiment e.
  const std::vector<Series>& data(std::size_t e) const { return m_experiments[e].data; }
  /// Each observable's model curve in experiment e at `values` (one per
  /// model parameter, ordered as parameterNames()); false with `why` when
  /// the solve fails (the curves reach as far as it got).
  bool curves(std::size_t e, const std::vector<double>& values, std::vector<Series>& out, QString* why) const;
  /// Residuals (observed - model, divided by sigma when weighted) at the
  /// data times, and the model there (for observed vs predicted).
  bool residuals(std::size_t e, const std::vector<double>& values, std::vector<Series>& residual,
                 std::vector<Series>& predicted) const;
  /// A two-state system's trajectory (state 1 against state 2).
  bool phase(std::size_t e, const std::vector<double>& values, Series& out) const;

  /// The model's parameter names, in the order `values` are given.
  const std::vector<std::string>& parameterNames() const { return m_model->parameterNames(); }
  /// Values for parameterNames() from a project: the last result's
  /// estimates when it has them (by name), else the starts. `fitted` says which.
  std::vector<double> valuesOf(const project::Project& project, bool* fitted) const;

 private:
  struct Experiment {
    double t0 = 0, tEnd = 1;
    bool logTime = false;
    std::vector<Series> data;
    std::vector<std::vector<double>> sigma;  ///< per observable, per data point (empty: 1)
  };
  std::vector<double> grid(const Experiment& x) const;

  std::unique_ptr<model::OdeModel> m_model;
  std::vector<Experiment> m_experiments;
  std::vector<QString> m_observableTitles, m_stateTitles;
  QString m_timeTitle, m_logTimeTitle, m_valueTitle, m_error;
  bool m_weighted = false;
};

}  // namespace hf::app
