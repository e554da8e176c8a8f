#include "panels/FitPanel.h"

#include <cmath>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace hf::app {

FitPanel::FitPanel(QWidget* parent)
    : QWidget(parent),
      m_fit(new QPushButton(tr("Fit"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_restore(new QPushButton(tr("Restore previous values"), this)),
      m_useEstimates(new QPushButton(tr("Use estimates as starts"), this)),
      m_loss(new QComboBox(this)),
      m_lossScale(new QDoubleSpinBox(this)),
      m_iterations(new QSpinBox(this)),
      m_holdOut(new QDoubleSpinBox(this)),
      m_progress(new QLabel(this)),
      m_cost(new QLabel(this)),
      m_message(new QLabel(this)) {
  m_fit->setToolTip(tr("Calibrate the parameters (F5)"));
  m_cancel->setToolTip(tr("Stop the running fit and keep the best parameters so far (Esc)"));
  m_restore->setToolTip(
      tr("Take the last fit back: the parameters return to their values before it (the same as Edit > Undo)"));
  m_useEstimates->setToolTip(
      tr("Set each free parameter's start value to its estimate from the last fit (undoable); fits themselves never "
         "change the start values"));
  m_useEstimates->setEnabled(false);
  m_loss->addItem(tr("none (least squares)"), int(fit::LossKind::None));
  m_loss->addItem(tr("Huber"), int(fit::LossKind::Huber));
  m_loss->addItem(tr("Cauchy"), int(fit::LossKind::Cauchy));
  m_loss->addItem(tr("soft L1"), int(fit::LossKind::SoftL1));
  m_loss->setToolTip(tr("Robust loss: reduces the influence of outliers"));
  m_lossScale->setRange(1e-12, 1e12);
  m_lossScale->setDecimals(6);
  m_lossScale->setToolTip(tr("Residual size (in weighted residual units) where the robust loss starts to act"));
  m_iterations->setRange(1, 1000000);
  m_iterations->setToolTip(tr("Iteration limit of each solver run"));
  m_holdOut->setRange(0, 49.9);
  m_holdOut->setDecimals(1);
  m_holdOut->setSuffix(tr(" %"));
  m_holdOut->setSpecialValueText(tr("off"));
  m_holdOut->setToolTip(
      tr("Models with learned terms: hold out this share of the data points (seeded, at random), "
         "follow their error during the fit (the black curve in Cost history), and keep the "
         "parameters where it was lowest (early stopping)"));
  m_message->setWordWrap(true);
  // The progress texts change a few times a second during a fit. Their
  // width must not drive the dock's width: a wider text would re-lay out
  // the whole window and resize (and re-render) every chart mid-fit.
  for (QLabel* l : {m_progress, m_cost}) {
    l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    l->setMinimumWidth(l->fontMetrics().horizontalAdvance(QStringLiteral("0.000000e+00")));
  }
  m_progress->setToolTip(tr("Solver iterations so far (all strategies tried)"));
  m_cost->setToolTip(tr("Cost: half the weighted sum of squared residuals"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_fit);
  buttons->addWidget(m_cancel);
  auto* form = new QFormLayout(this);
  form->addRow(buttons);
  form->addRow(m_restore);
  form->addRow(m_useEstimates);
  form->addRow(tr("Robust loss"), m_loss);
  form->addRow(tr("Loss scale"), m_lossScale);
  form->addRow(tr("Max. iterations"), m_iterations);
  form->addRow(tr("Early stopping"), m_holdOut);
  form->addRow(tr("Iteration"), m_progress);
  form->addRow(tr("Cost (SSR/2)"), m_cost);
  form->addRow(m_message);
  connect(m_fit, &QPushButton::clicked, this, &FitPanel::fitRequested);
  connect(m_cancel, &QPushButton::clicked, this, &FitPanel::cancelRequested);
  connect(m_restore, &QPushButton::clicked, this, &FitPanel::restoreRequested);
  connect(m_useEstimates, &QPushButton::clicked, this, &FitPanel::useEstimatesRequested);
  connect(m_loss, &QComboBox::currentIndexChanged, this, &FitPanel::optionsEdited);
  connect(m_lossScale, &QDoubleSpinBox::editingFinished, this, &FitPanel::optionsEdited);
  connect(m_iterations, &QSpinBox::editingFinished, this, &FitPanel::optionsEdited);
  connect(m_holdOut, &QDoubleSpinBox::editingFinished, this, &FitPanel::optionsEdited);
  showOptions(fit::CalibrationOptions{});
  setRunning(false);
}

void FitPanel::setRunning(bool running) {
  m_running = running;
  m_fit->setEnabled(!running && m_fitEnabled);
  m_cancel->setEnabled(running);
  m_restore->setEnabled(!running && m_restoreEnabled);
  for (QWidget* w : std::initializer_list<QWidget*>{m_loss, m_lossScale, m_iterations, m_holdOut})
    w->setEnabled(!running);
}

void FitPanel::setFitEnabled(bool enabled) {
  m_fitEnabled = enabled;
  m_fit->setEnabled(enabled && !m_running);
}

void FitPanel::setRestoreEnabled(bool enabled) {
  m_restoreEnabled = enabled;
  m_restore->setEnabled(!m_running && enabled);
}

void FitPanel::setUseEstimatesEnabled(bool enabled) { m_useEstimates->setEnabled(enabled); }

void FitPanel::setProgress(int iteration, double cost) {
  m_progress->setText(QString::number(iteration));
  m_cost->setText(QString::number(cost, 'g', 8));
}

void FitPanel::clearProgress() {
  m_progress->clear();
  m_cost->clear();
}

void FitPanel::setMessage(const QString& text) {
  m_message->setText(text);
  m_message->setToolTip(text);  // whole, also where the panel is narrow
}

void FitPanel::applyTo(fit::CalibrationOptions& options) const {
  options.loss = static_cast<fit::LossKind>(m_loss->currentData().toInt());
  options.lossScale = m_lossScale->value();
  options.maxIterations = m_iterations->value();
  options.validationFraction = m_holdOut->value() / 100.0;
}

void FitPanel::showOptions(const fit::CalibrationOptions& options) {
  const QSignalBlocker a(m_loss), b(m_lossScale), c(m_iterations), d(m_holdOut);
  m_holdOut->setValue(options.validationFraction * 100);
  m_loss->setCurrentIndex(m_loss->findData(int(options.loss)));
  m_lossScale->setValue(options.lossScale);
  m_iterations->setValue(options.maxIterations);
}

}  // namespace hf::app
