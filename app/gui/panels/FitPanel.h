#pragma once
// Fit controls: Fit, Cancel and Restore previous values, the robust loss, the iteration limit, and
// a live iteration counter. It only requests; MainWindow runs the fit.
//
// Thread: GUI thread only.

#include "fit/CalibrationOptions.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace hf::app {

class FitPanel : public QWidget {
  Q_OBJECT
 public:
  explicit FitPanel(QWidget* parent = nullptr);

  void setRunning(bool running);
  void setFitEnabled(bool enabled);
  /// Whether "Restore previous values" can act (the last edit was a fit).
  void setRestoreEnabled(bool enabled);
  void setUseEstimatesEnabled(bool enabled);
  void setProgress(int iteration, double cost);
  /// Empties the iteration and cost (a new fit starts).
  void clearProgress();
  void setMessage(const QString& text);
  /// Copies the panel's choices into `options` (loss, scale, iterations).
  void applyTo(fit::CalibrationOptions& options) const;
  void showOptions(const fit::CalibrationOptions& options);

  QPushButton* fitButton() const { return m_fit; }
  QPushButton* cancelButton() const { return m_cancel; }
  QPushButton* restoreButton() const { return m_restore; }
  QPushButton* useEstimatesButton() const { return m_useEstimates; }
  QLabel* progressLabel() const { return m_progress; }
  QLabel* costLabel() const { return m_cost; }
  QLabel* messageLabel() const { return m_message; }

 signals:
  void fitRequested();
  void cancelRequested();
  void restoreRequested();
  void useEstimatesRequested();
  void optionsEdited();

 private:
  QPushButton* m_fit;
  QPushButton* m_cancel;
  QPushButton* m_restore;
  QPushButton* m_useEstimates;
  QComboBox* m_loss;
  QDoubleSpinBox* m_lossScale;
  QSpinBox* m_iterations;
  QDoubleSpinBox* m_holdOut;  ///< percent of the points held out for early stopping
  QLabel* m_progress;         // iteration
  QLabel* m_cost;
  QLabel* m_message;
  bool m_fitEnabled = true;
  bool m_running = false;
  bool m_restoreEnabled = false;
};

}  // namespace hf::app
