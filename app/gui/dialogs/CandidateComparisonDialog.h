#pragma once
// Candidate models compared on the same data (issue 12): the open project
// and other project files (pure physics, pure ML, hybrid, ...), each
// cross-validated with the same split (random or blocked folds, or leave
// one experiment out), in a table (training and validation RMSE,
// validation MAE and R^2, AIC, AICc, BIC; the lowest validation error in
// bold), as bars of training against validation error, and as an
// extrapolation plot: each candidate, fitted on all points, carried half
// the data's range past its last point.
//
// The fits run on a worker thread with a progress bar and Cancel; closing
// the dialog cancels them and waits for the worker.

#include "project/CrossValidation.h"
#include "project/Extrapolation.h"
#include "project/Project.h"

#include <QDialog>

#include <atomic>
#include <thread>

class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace hf::widgets {
class ChartView;
}

namespace hf::app {

class CandidateComparisonDialog : public QDialog {
  Q_OBJECT
 public:
  /// `current`: the open project, the first candidate (its name shown).
  explicit CandidateComparisonDialog(const project::Project& current, QWidget* parent = nullptr);
  ~CandidateComparisonDialog() override;

  /// Adds a project file as a candidate; returns what is wrong (nothing
  /// added then), or an empty string.
  QString addCandidate(const QString& path);
  /// Starts the comparison (false when one runs or there is nothing to run).
  bool run();
  void cancel();
  bool isRunning() const { return m_worker.joinable() && m_running; }

  QListWidget* candidateList() const { return m_list; }
  QComboBox* splitBox() const { return m_split; }
  QSpinBox* foldsBox() const { return m_folds; }
  QPushButton* runButton() const { return m_run; }
  QPushButton* cancelButton() const { return m_cancel; }
  QProgressBar* progressBar() const { return m_progress; }
  QTableWidget* table() const { return m_table; }
  widgets::ChartView* errorChart() const { return m_errors; }
  widgets::ChartView* extrapolationChart() const { return m_extrapolation; }
  QLabel* statusLabel() const { return m_status; }

 signals:
  /// The comparison ended (finished, failed or cancelled).
  void finished();

 private:
  struct Outcome {
    project::ValidationReport report;
    project::Extrapolation extrapolation;
    QString error;
  };
  void showOutcomes();
  void joinWorker();

  std::vector<project::Project> m_candidates;
  std::vector<Outcome> m_outcomes;
  QListWidget* m_list;
  QPushButton *m_add, *m_remove;
  QComboBox* m_split;
  QSpinBox* m_folds;
  QPushButton *m_run, *m_cancel;
  QProgressBar* m_progress;
  QLabel* m_status;
  QTableWidget* m_table;
  widgets::ChartView* m_errors;
  widgets::ChartView* m_extrapolation;
  std::thread m_worker;
  std::atomic<bool> m_cancelFlag{false};
  bool m_running = false;
};

}  // namespace hf::app
