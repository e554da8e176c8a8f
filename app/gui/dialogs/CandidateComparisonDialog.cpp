#include "dialogs/CandidateComparisonDialog.h"

#include "common/Error.h"
#include "plot/ChartView.h"
#include "project/ProjectFile.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hf::app {
namespace {

// Distinct colours for up to eight candidates' curves.
QColor candidateColour(std::size_t i) {
  static const QColor colours[] = {{214, 39, 40},  {31, 119, 180}, {44, 160, 44},   {148, 103, 189},
                                   {255, 127, 14}, {140, 86, 75},  {227, 119, 194}, {23, 190, 207}};
  return colours[i % std::size(colours)];
}

QString number(double v) { return std::isfinite(v) ? QString::number(v, 'g', 4) : QStringLiteral("–"); }

}  // namespace

CandidateComparisonDialog::CandidateComparisonDialog(const project::Project& current, QWidget* parent)
    : QDialog(parent),
      m_list(new QListWidget(this)),
      m_add(new QPushButton(tr("Add project…"), this)),
      m_remove(new QPushButton(tr("Remove"), this)),
      m_split(new QComboBox(this)),
      m_folds(new QSpinBox(this)),
      m_run(new QPushButton(tr("Compare"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)),
      m_table(new QTableWidget(0, 9, this)),
      m_errors(new widgets::ChartView(this)),
      m_extrapolation(new widgets::ChartView(this)) {
  setWindowTitle(tr("Compare candidate models"));
  m_candidates.push_back(current);
  m_list->addItem(tr("%1 (open project)").arg(QString::fromStdString(current.name)));
  m_list->setToolTip(
      tr("Candidate models fitted to the same data: the open project and other project files, "
         "e.g. the physics alone, a network alone, the hybrid"));
  m_split->addItems(
      {tr("random folds"), tr("blocked folds (contiguous in time or x)"), tr("leave one experiment out")});
  m_split->setCurrentIndex(1);
  m_split->setToolTip(tr("Blocked folds never put neighbouring points on both sides of the split"));
  m_folds->setRange(2, 20);
  m_folds->setValue(5);
  m_cancel->setEnabled(false);
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  m_status->setWordWrap(true);
  m_table->setHorizontalHeaderLabels({tr("Candidate"), tr("Parameters"), tr("Training RMSE"), tr("Validation RMSE"),
                                      tr("Validation MAE"), tr("Validation R²"), tr("AIC"), tr("AICc"), tr("BIC")});
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_errors->setAxisTitles(tr("candidate"), tr("RMSE"));
  m_extrapolation->setAxisTitles(tr("x"), tr("y"));

  auto* listButtons = new QHBoxLayout;
  listButtons->addWidget(m_add);
  listButtons->addWidget(m_remove);
  auto* options = new QFormLayout;
  options->addRow(tr("Split"), m_split);
  options->addRow(tr("Folds"), m_folds);
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(m_run);
  runRow->addWidget(m_cancel);
  runRow->addWidget(m_progress, 1);
  auto* left = new QVBoxLayout;
  left->addWidget(m_list, 1);
  left->addLayout(listButtons);
  left->addLayout(options);
  auto* top = new QHBoxLayout;
  top->addLayout(left, 1);
  top->addWidget(m_table, 3);
  auto* charts = new QSplitter(Qt::Horizontal, this);
  charts->addWidget(m_errors);
  charts->addWidget(m_extrapolation);
  auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addLayout(runRow);
  layout->addWidget(m_status);
  layout->addWidget(charts, 1);
  layout->addWidget(close);
  resize(1100, 760);

  connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_add, &QPushButton::clicked, this, [this] {
    const QStringList files =
        QFileDialog::getOpenFileNames(this, tr("Add candidate projects"), {}, tr("HybridFit projects (*.hfproj)"));
    for (const QString& f : files)
      if (const QString error = addCandidate(f); !error.isEmpty()) m_status->setText(error);
  });
  connect(m_remove, &QPushButton::clicked, this, [this] {
    const int row = m_list->currentRow();
    if (row <= 0 || isRunning()) return;  // the open project stays
    m_candidates.erase(m_candidates.begin() + row);
    if (static_cast<std::size_t>(row) < m_outcomes.size()) m_outcomes.erase(m_outcomes.begin() + row);
    delete m_list->takeItem(row);
    showOutcomes();
  });
  connect(m_run, &QPushButton::clicked, this, [this] { run(); });
  connect(m_cancel, &QPushButton::clicked, this, [this] { cancel(); });
  connect(m_split, &QComboBox::currentIndexChanged, this,
          [this](int i) { m_folds->setEnabled(i != static_cast<int>(project::SplitKind::Experiments)); });
}

CandidateComparisonDialog::~CandidateComparisonDialog() {
  m_cancelFlag = true;
  if (m_worker.joinable()) m_worker.join();
}

QString CandidateComparisonDialog::addCandidate(const QString& path) {
  if (isRunning()) return tr("a comparison is running");
  try {
    m_candidates.push_back(project::loadProject(path.toStdString()));
  } catch (const Error& e) {
    return tr("%1: %2").arg(QFileInfo(path).fileName(), QString::fromStdString(e.message()));
  }
  m_list->addItem(
      QStringLiteral("%1 (%2)").arg(QString::fromStdString(m_candidates.back().name), QFileInfo(path).fileName()));
  return {};
}

bool CandidateComparisonDialog::run() {
  if (isRunning() || m_candidates.empty()) return false;
  joinWorker();
  project::ValidationOptions options;
  options.kind = static_cast<project::SplitKind>(m_split->currentIndex());
  options.folds = m_folds->value();
  m_outcomes.assign(m_candidates.size(), {});
  constexpr int perCandidate = 100;  // progress steps per candidate (its fits report their share)
  m_progress->setRange(0, static_cast<int>(m_candidates.size()) * perCandidate);
  m_progress->setValue(0);
  m_status->setText(tr("Fitting %1 candidates…").arg(m_candidates.size()));
  m_cancelFlag = false;
  m_running = true;
  m_run->setEnabled(false);
  m_cancel->setEnabled(true);
  m_add->setEnabled(false);
  m_remove->setEnabled(false);
  showOutcomes();
  m_worker = std::thread([this, candidates = m_candidates, options] {
    for (std::size_t i = 0; i < candidates.size() && !m_cancelFlag; ++i) {
      Outcome o;
      try {
        const auto progress = [this, i](int done, int total) {
          const int value = static_cast<int>(i) * perCandidate + done * perCandidate / std::max(total, 1);
          QMetaObject::invokeMethod(
              this, [this, value] { m_progress->setValue(value); }, Qt::QueuedConnection);
        };
        o.report = project::crossValidate(candidates[i], options, &m_cancelFlag, progress);
        o.extrapolation = project::extrapolate(candidates[i], o.report.estimates);
      } catch (const Error& e) {
        o.error = QString::fromStdString(e.message());
      } catch (const std::exception& e) {
        o.error = tr("internal error: %1").arg(QString::fromUtf8(e.what()));
      } catch (...) {
        o.error = tr("internal error");
      }
      QMetaObject::invokeMethod(
          this,
          [this, i, o] {
            if (i < m_outcomes.size()) m_outcomes[i] = o;
            showOutcomes();
          },
          Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(
        this,
        [this] {
          const bool cancelled = m_cancelFlag;
          joinWorker();
          m_running = false;
          m_run->setEnabled(true);
          m_cancel->setEnabled(false);
          m_add->setEnabled(true);
          m_remove->setEnabled(true);
          showOutcomes();
          if (cancelled) m_status->setText(tr("Cancelled; the candidates done so far are shown."));
          emit finished();
        },
        Qt::QueuedConnection);
  });
  return true;
}

void CandidateComparisonDialog::cancel() {
  m_cancelFlag = true;
  m_status->setText(tr("Cancelling…"));
}

void CandidateComparisonDialog::joinWorker() {
  if (m_worker.joinable() && m_worker.get_id() != std::this_thread::get_id()) m_worker.join();
}

void CandidateComparisonDialog::showOutcomes() {
  m_table->setRowCount(0);
  m_errors->clear();
  m_extrapolation->clear();
  std::vector<double> at, training, validation;
  double best = std::numeric_limits<double>::infinity();
  int bestRow = -1;
  QStringList problems;
  bool axes = false;
  for (std::size_t i = 0; i < m_outcomes.size(); ++i) {
    const Outcome& o = m_outcomes[i];
    const QString name = m_list->item(static_cast<int>(i))->text();
    if (!o.error.isEmpty()) problems << tr("%1: %2").arg(name, o.error);
    if (o.report.folds.empty()) continue;
    const project::ValidationReport& r = o.report;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    const QString cells[] = {name,
                             QString::number(r.parameterCount),
                             number(r.training.rmse),
                             number(r.validation.rmse),
                             number(r.validation.mae),
                             number(r.validation.rSquared),
                             number(r.aic),
                             number(r.aicc),
                             number(r.bic)};
    for (int c = 0; c < 9; ++c) m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
    if (r.validation.rmse < best) {
      best = r.validation.rmse;
      bestRow = row;
    }
    at.push_back(static_cast<double>(row + 1));
    training.push_back(r.training.rmse);
    validation.push_back(r.validation.rmse);
    const project::Extrapolation& e = o.extrapolation;
    if (!e.problem.empty()) problems << tr("%1, extrapolation: %2").arg(name, QString::fromStdString(e.problem));
    if (e.x.empty()) continue;
    if (!axes) {
      m_extrapolation->setData(e.dataX, e.dataY, QString::fromStdString(e.xName), QString::fromStdString(e.yName),
                               tr("data"));
      const auto [lo, hi] = std::minmax_element(e.dataY.begin(), e.dataY.end());
      const double edgeX[2] = {e.dataEnd, e.dataEnd}, edgeY[2] = {*lo, *hi};
      m_extrapolation->setSeries(tr("end of the data"), edgeX, edgeY,
                                 {.kind = widgets::ChartView::SeriesKind::Line,
                                  .colour = widgets::ChartView::referenceColor(),
                                  .size = 1.0f,
                                  .affectsYRange = false});
      axes = true;
    }
    m_extrapolation->setSeries(name, e.x, e.y,
                               {.kind = widgets::ChartView::SeriesKind::Line, .colour = candidateColour(i)});
  }
  if (bestRow >= 0)
    for (int c = 0; c < 9; ++c) {
      QFont f = m_table->item(bestRow, c)->font();
      f.setBold(true);
      m_table->item(bestRow, c)->setFont(f);
    }
  if (!at.empty()) {
    m_errors->setAxisTitles(tr("candidate (row of the table)"), tr("RMSE"));
    m_errors->setSeries(tr("training"), at, training,
                        {.kind = widgets::ChartView::SeriesKind::Bars, .colour = widgets::ChartView::pointsColor()});
    m_errors->setSeries(tr("validation"), at, validation,
                        {.kind = widgets::ChartView::SeriesKind::Bars, .colour = widgets::ChartView::curveColor()});
    m_errors->resetView();
  }
  if (axes) m_extrapolation->resetView();
  if (!problems.isEmpty())
    m_status->setText(problems.join('\n'));
  else if (bestRow >= 0 && !m_running)
    m_status->setText(tr("Lowest validation error: %1").arg(m_table->item(bestRow, 0)->text()));
}

}  // namespace hf::app
