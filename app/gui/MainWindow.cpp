#include "MainWindow.h"

#include "ExportActions.h"
#include "RecentFiles.h"
#include "views/ResultViews.h"

#include "dialogs/CandidateComparisonDialog.h"
#include "dialogs/LearnedTermsDialog.h"
#include "document/ProjectDocument.h"
#include "fit/FitController.h"
#include "fit/SolverVersion.h"
#include "panels/DatasetTableModel.h"
#include "panels/FitPanel.h"
#include "panels/LibraryBrowser.h"
#include "panels/ModelEditor.h"
#include "panels/OdeEditor.h"
#include "panels/ParameterTableModel.h"
#include "panels/ProjectTree.h"
#include "plot/ChartView.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>
#include <QtGlobal>

#include <vtkVersion.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace hf::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_views(new ResultViews(this)),
      m_doc(new ProjectDocument(this)),
      m_fit(new FitController(this)),
      m_exports(new ExportActions(m_doc, m_views, this)) {
  setWindowTitle(QStringLiteral("HybridFit"));
  setCentralWidget(m_views);
  createDocks();
  createMenus();
  connect(m_doc, &ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
  connect(m_doc, &ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
  connect(m_doc, &ProjectDocument::modelChanged, m_views, &ResultViews::markStale);
  connect(m_doc, &ProjectDocument::changed, this, [this] {
    if (!isFitting()) {
      m_views->show(m_doc->project());
      showFitStatus();
    }
    m_fitPanel->showOptions(m_doc->project().solver);
  });
  connect(m_fit, &FitController::lossTerms, m_views, &ResultViews::setLiveTerms);
  connect(m_fit, &FitController::validationError, m_views, &ResultViews::setLiveValidation);
  connect(m_fit, &FitController::progress, this, [this](int iteration, double cost, const QVector<double>& p) {
    m_fitPanel->setProgress(iteration, cost);
    m_views->showProgress(m_doc->project(), std::vector<double>(p.begin(), p.end()), iteration, cost);
  });
  connect(m_fit, &FitController::finished, this, &MainWindow::onFitFinished);
  // Another project: nothing of the previous one's fit stays on show.
  connect(m_doc, &ProjectDocument::dataReplaced, this, [this] {
    m_fitPanel->clearProgress();
    m_fitPanel->setMessage(QString());
    const project::Project& p = m_doc->project();
    if (p.datasets.empty()) return;
    m_log->appendPlainText(tr("— %1 —").arg(m_doc->displayName()));
    if (p.lastResult)
      m_log->appendPlainText(tr("Saved result:\n%1\n").arg(QString::fromStdString(p.lastResult->briefReport())));
  });
  connect(m_fit, &FitController::failed, this, [this](const QString& message) {
    setFitting(false);
    m_views->show(m_doc->project());  // no "fit in progress" curve left behind
    m_fitPanel->setMessage(tr("The fit could not start: %1").arg(message));
    m_log->appendPlainText(tr("Fit failed to start: %1\n").arg(message));
    statusBar()->showMessage(tr("Fit failed: %1").arg(message));
  });
  setAcceptDrops(true);
  statusBar()->showMessage(tr("Ready"));
  resize(1100, 700);
  // Window layout of the last session (dock positions, sizes).
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
  connect(m_doc, &ProjectDocument::filePathChanged, this, [this](const QString& path) {
    RecentFiles::add(path);
    updateRecentMenu();
  });
}

MainWindow::~MainWindow() {
  // The children (document, fit controller, panels) are destroyed after
  // this body, when this object is only a QWidget: none of them may signal
  // into the window's slots then (calling a MainWindow member on it is
  // undefined behaviour). Cut every connection from them to the window
  // first; the fit controller still cancels and joins its worker in its own
  // destructor.
  for (QObject* child : findChildren<QObject*>()) QObject::disconnect(child, nullptr, this, nullptr);
  QObject::disconnect(m_doc->undoStack(), nullptr, this, nullptr);
}

widgets::ChartView* MainWindow::chartView() const { return m_views->chart(); }
widgets::SurfaceView* MainWindow::surfaceView() const { return m_views->surface(); }
widgets::ChartView* MainWindow::residualChart() const { return m_views->residualChart(); }
widgets::ChartView* MainWindow::histogramChart() const { return m_views->histogramChart(); }
widgets::ChartView* MainWindow::observedPredictedChart() const { return m_views->observedPredictedChart(); }
widgets::ChartView* MainWindow::costChart() const { return m_views->costChart(); }

void MainWindow::createDocks() {
  auto dock = [this](const QString& title, const QString& name, QWidget* w, Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(w);
    addDockWidget(area, d);
    return d;
  };
  m_tree = new ProjectTree(m_doc, this);
  QDockWidget* treeDock = dock(tr("Project"), QStringLiteral("projectDock"), m_tree, Qt::LeftDockWidgetArea);
  m_modelEditor = new ModelEditor(m_doc, this);
  QDockWidget* modelDock = dock(tr("Model"), QStringLiteral("modelDock"), m_modelEditor, Qt::LeftDockWidgetArea);
  tabifyDockWidget(treeDock, modelDock);  // the model stays in front
  m_odeEditor = new OdeEditor(m_doc, this);
  QDockWidget* odeDock = dock(tr("ODE model"), QStringLiteral("odeDock"), m_odeEditor, Qt::LeftDockWidgetArea);
  tabifyDockWidget(modelDock, odeDock);
  odeDock->hide();  // shown for ODE projects instead of the formula editor
  connect(m_doc, &ProjectDocument::dataReplaced, this, [this] {
    m_views->setExperiment(0);
    m_views->setObservable(-1);
  });
  connect(m_odeEditor, &OdeEditor::experimentSelected, this, [this](int e) {
    m_views->setExperiment(e);
    if (!isFitting()) m_views->show(m_doc->project());
  });
  connect(m_odeEditor, &OdeEditor::observableSelected, this, [this](int o) {
    m_views->setObservable(o);
    if (!isFitting()) m_views->show(m_doc->project());
  });
  connect(m_odeEditor, &OdeEditor::simulateRequested, this, [this] {
    QElapsedTimer timer;
    timer.start();
    m_views->markStale();
    m_views->show(m_doc->project());
    m_views->setCurrentWidget(m_views->chart());
    const bool fitted = m_doc->project().lastResult.has_value();
    statusBar()->showMessage(
        tr("Simulated at the %1 in %2 ms").arg(fitted ? tr("fitted values") : tr("start values")).arg(timer.elapsed()),
        5000);
  });
  m_fitPanel = new FitPanel(this);
  dock(tr("Fit"), QStringLiteral("fitDock"), m_fitPanel, Qt::LeftDockWidgetArea);
  m_library = new LibraryBrowser(this);
  QDockWidget* libraryDock =
      dock(tr("Equation library"), QStringLiteral("libraryDock"), m_library, Qt::RightDockWidgetArea);
  libraryDock->hide();  // View > Equation library shows it
  connect(m_library, &LibraryBrowser::useRequested, this, [this](const QString& id) {
    if (isFitting()) return;
    if (id.startsWith(QStringLiteral("ode_")))
      m_doc->applyOdeEquation(id);
    else
      m_doc->applyEquation(id);
    statusBar()->showMessage(tr("Model replaced by %1 (Edit > Undo to go back)").arg(id), 5000);
  });
  m_paramModel = new ParameterTableModel(m_doc, this);
  m_paramView = new QTableView(this);
  m_paramView->setModel(m_paramModel);
  m_paramView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_paramView->verticalHeader()->hide();
  m_paramView->setToolTip(tr("Parameters: edit start, fixed and bounds; estimates appear after a fit"));
  dock(tr("Parameters"), QStringLiteral("parameterDock"), m_paramView, Qt::BottomDockWidgetArea);
  m_dataModel = new DatasetTableModel(this);
  auto* dataView = new QTableView(this);
  dataView->setModel(m_dataModel);
  dataView->setToolTip(tr("The project's data; empty cells are missing values"));
  QDockWidget* dataDock = dock(tr("Data"), QStringLiteral("dataDock"), dataView, Qt::BottomDockWidgetArea);
  connect(m_doc, &ProjectDocument::dataReplaced, this, [this] {
    const auto& ds = m_doc->project().datasets;
    m_dataModel->setDataset(ds.empty() ? data::Dataset{} : ds.front().data);
  });
  m_log = new QPlainTextEdit(this);
  m_log->setReadOnly(true);
  m_log->setToolTip(tr("Summaries of the fits of this session"));
  QDockWidget* logDock = dock(tr("Log"), QStringLiteral("logDock"), m_log, Qt::BottomDockWidgetArea);
  tabifyDockWidget(findChild<QDockWidget*>(QStringLiteral("parameterDock")), dataDock);
  tabifyDockWidget(findChild<QDockWidget*>(QStringLiteral("parameterDock")), logDock);
  findChild<QDockWidget*>(QStringLiteral("parameterDock"))->raise();
  modelDock->raise();
  connect(m_tree, &ProjectTree::sectionActivated, this, [this](ProjectTree::Section section, int fitIndex) {
    switch (section) {
      case ProjectTree::Section::Data:
        raiseDock(QStringLiteral("dataDock"));
        break;
      case ProjectTree::Section::Project:
      case ProjectTree::Section::Model:
        raiseDock(QStringLiteral("modelDock"));
        break;
      case ProjectTree::Section::Parameters:
        raiseDock(QStringLiteral("parameterDock"));
        break;
      case ProjectTree::Section::Fit:
        raiseDock(QStringLiteral("logDock"));
        if (fitIndex >= 0)
          statusBar()->showMessage(tr("Fit %1: %2")
                                       .arg(fitIndex + 1)
                                       .arg(ProjectTree::describe(m_tree->fits()[static_cast<std::size_t>(fitIndex)])));
        break;
    }
  });

  connect(m_paramModel, &ParameterTableModel::editRejected, this,
          [this](const QString& why) { statusBar()->showMessage(why, 5000); });
  connect(m_modelEditor, &ModelEditor::validityChanged, this, [this] { m_fitPanel->setFitEnabled(modelIsValid()); });
  connect(m_modelEditor, &ModelEditor::learnedTermsRequested, this, &MainWindow::editLearnedTerms);
  connect(m_odeEditor, &OdeEditor::learnedTermsRequested, this, &MainWindow::editLearnedTerms);
  connect(m_odeEditor, &OdeEditor::validityChanged, this, [this] { m_fitPanel->setFitEnabled(modelIsValid()); });
  m_fitPanel->setFitEnabled(modelIsValid());
  // The editor of the project's kind of model is the one on show.
  auto showEditor = [this, modelDock, odeDock] {
    const bool ode = m_doc->project().model.isOde();
    if (odeDock->isHidden() != ode && modelDock->isHidden() == ode) return;  // already so
    odeDock->setVisible(ode);
    modelDock->setVisible(!ode);
    (ode ? odeDock : modelDock)->raise();
    m_fitPanel->setFitEnabled(modelIsValid());
  };
  connect(m_doc, &ProjectDocument::modelChanged, this, showEditor);
  connect(m_fitPanel, &FitPanel::fitRequested, this, &MainWindow::startFit);
  connect(m_fitPanel, &FitPanel::cancelRequested, this, &MainWindow::cancelFit);
  connect(m_fitPanel, &FitPanel::useEstimatesRequested, this, [this] { m_doc->useEstimatesAsStarts(); });
  connect(m_fitPanel, &FitPanel::restoreRequested, this, [this] {
    if (!isFitting() && m_doc->restorePreFitParameters())
      statusBar()->showMessage(
          tr("Parameters restored to their values before the fit (Edit > Redo brings the fit back)"), 5000);
  });
  connect(m_fitPanel, &FitPanel::optionsEdited, this, [this] {
    fit::CalibrationOptions o = m_doc->project().solver;
    m_fitPanel->applyTo(o);
    if (o.loss != m_doc->project().solver.loss || o.lossScale != m_doc->project().solver.lossScale ||
        o.maxIterations != m_doc->project().solver.maxIterations)
      m_doc->setSolverOptions(o);
  });
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* a = m_newAction = file->addAction(tr("&New"), this, &MainWindow::newProject);
  a->setShortcut(QKeySequence::New);
  a->setStatusTip(tr("Start an empty project"));
  a = m_openAction = file->addAction(tr("&Open…"), this, &MainWindow::openFile);
  a->setShortcut(QKeySequence::Open);
  a->setStatusTip(tr("Open a project or import a data file"));
  a = file->addAction(tr("Add &experiment data…"), this, &MainWindow::addExperimentInteractively);
  a->setStatusTip(tr("ODE models: add a data file as one more experiment (same observed columns)"));
  m_recentMenu = file->addMenu(tr("Open &Recent"));
  m_recentMenu->setToolTipsVisible(true);
  updateRecentMenu();
  a = file->addAction(tr("&Save"), this, [this] {
    if (m_doc->filePath().isEmpty())
      saveAs();
    else if (const QString e = saveTo(); !e.isEmpty())
      QMessageBox::warning(this, tr("Could not save"), e);
  });
  a->setShortcut(QKeySequence::Save);
  a->setStatusTip(tr("Save the project"));
  a = file->addAction(tr("Save &As…"), this, &MainWindow::saveAs);
  a->setShortcut(QKeySequence::SaveAs);
  a->setStatusTip(tr("Save the project under a new name"));
  m_exports->populate(file->addMenu(tr("&Export")));
  file->addSeparator();
  a = file->addAction(tr("&Quit"), this, &QWidget::close);
  a->setShortcut(QKeySequence::Quit);
  a->setStatusTip(tr("Quit HybridFit"));

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  // Own actions rather than QUndoStack's: they must also stay disabled
  // while a fit runs (an undo would change the model under the fit).
  QUndoStack* stack = m_doc->undoStack();
  m_undoAction = edit->addAction(tr("&Undo"), stack, &QUndoStack::undo);
  m_undoAction->setShortcut(QKeySequence::Undo);
  m_redoAction = edit->addAction(tr("&Redo"), stack, &QUndoStack::redo);
  m_redoAction->setShortcut(QKeySequence::Redo);
  edit->addSeparator();
  m_learnedAction = edit->addAction(tr("&Learned components and penalties…"), this, &MainWindow::editLearnedTerms);
  m_learnedAction->setStatusTip(
      tr("Networks, RBF expansions or polynomials the model may call, and physical penalties at collocation points"));
  connect(stack, &QUndoStack::indexChanged, this, &MainWindow::updateUndoActions);
  connect(stack, &QUndoStack::cleanChanged, this, &MainWindow::updateUndoActions);
  updateUndoActions();

  QMenu* fitMenu = menuBar()->addMenu(tr("F&it"));
  m_fitAction = fitMenu->addAction(tr("&Fit"), this, &MainWindow::startFit);
  m_fitAction->setShortcut(Qt::Key_F5);
  m_fitAction->setStatusTip(tr("Calibrate the parameters (F5)"));
  m_cancelAction = fitMenu->addAction(tr("&Cancel fit"), this, &MainWindow::cancelFit);
  m_cancelAction->setShortcut(Qt::Key_Escape);
  m_cancelAction->setStatusTip(tr("Stop the running fit, keeping the best parameters so far (Esc)"));
  m_cancelAction->setEnabled(false);
  fitMenu->addSeparator();
  m_compareAction = fitMenu->addAction(tr("Compare &candidates…"), this, &MainWindow::compareCandidates);
  m_compareAction->setStatusTip(
      tr("Cross-validate the open project and other candidate models on the same split; compare their errors "
         "and extrapolations"));

  QMenu* view = menuBar()->addMenu(tr("&View"));
  a = view->addAction(tr("&Reset view"), m_views, &ResultViews::resetCurrentView);
  a->setShortcut(Qt::CTRL | Qt::Key_0);
  a->setStatusTip(tr("Fit the axes of the plot shown to its data again (mouse wheel zooms, dragging pans)"));
  view->addSeparator();
  for (QDockWidget* d : findChildren<QDockWidget*>()) view->addAction(d->toggleViewAction());

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  a = help->addAction(tr("&About HybridFit"), this, &MainWindow::showAbout);
  a->setStatusTip(tr("Versions of HybridFit, Qt and VTK"));
}

void MainWindow::updateTitle() {
  setWindowTitle(QStringLiteral("%1[*] — HybridFit").arg(m_doc->displayName()));
  setWindowModified(m_doc->isModified());
}

void MainWindow::showSeries(std::span<const double> x, std::span<const double> y, const QString& xTitle,
                            const QString& yTitle, const QString& name) {
  m_views->chart()->setData(x, y, xTitle, yTitle, name);
  statusBar()->showMessage(x.size() == 1 ? tr("%1: 1 point").arg(name) : tr("%1: %2 points").arg(name).arg(x.size()));
}

void MainWindow::showCurve(std::span<const double> x, std::span<const double> y, const QString& name) {
  m_views->chart()->setCurve(x, y, name);
}

void MainWindow::showDemo() {
  m_views->showDemo();
  m_fitPanel->setMessage(
      tr("The plot shows example data, not a project. Open a project or a data file "
         "(File > Open, Ctrl+O) to fit."));
  statusBar()->showMessage(tr("Demo data: cooling of a thermocouple (20 points)"));
}

bool MainWindow::isFitting() const { return m_fit->isRunning(); }

bool MainWindow::modelIsValid() const {
  return m_doc->project().model.isOde() ? m_odeEditor->isValid() : m_modelEditor->isValid();
}

bool MainWindow::startFit() {
  if (isFitting() || !modelIsValid()) return false;
  if (!m_fit->start(m_doc->project())) return false;
  m_views->beginFit();
  m_fitPanel->clearProgress();
  setFitting(true);
  m_fitPanel->setMessage(tr("Fitting…"));
  const project::ModelSettings& model = m_doc->project().model;
  statusBar()->showMessage(tr("Fitting %1…")
                               .arg(model.isOde()
                                        ? (model.ode.experiments.size() == 1
                                               ? tr("the ODE model (1 experiment)")
                                               : tr("the ODE model (%1 experiments)").arg(model.ode.experiments.size()))
                                        : QString::fromStdString(model.spec.formula)));
  return true;
}

void MainWindow::cancelFit() {
  if (!isFitting()) return;
  m_fit->cancel();
  statusBar()->showMessage(tr("Cancelling…"));
}

void MainWindow::editLearnedTerms() {
  if (isFitting()) return;
  LearnedTermsDialog dialog(m_doc->project(), this);
  if (dialog.exec() == QDialog::Accepted) m_doc->setLearnedAndPenalties(dialog.learned(), dialog.penalties());
}

void MainWindow::compareCandidates() {
  if (isFitting()) return;
  CandidateComparisonDialog dialog(m_doc->project(), this);
  dialog.exec();
}

void MainWindow::setFitting(bool fitting) {
  if (!fitting) m_views->endFit();
  m_fitPanel->setRunning(fitting);
  m_modelEditor->setReadOnly(fitting);
  m_odeEditor->setReadOnly(fitting);
  m_paramModel->setReadOnly(fitting);
  m_fitAction->setEnabled(!fitting);
  m_learnedAction->setEnabled(!fitting);
  m_compareAction->setEnabled(!fitting);
  m_cancelAction->setEnabled(fitting);
  m_newAction->setEnabled(!fitting);
  m_openAction->setEnabled(!fitting);
  if (fitting)
    m_recentMenu->setEnabled(false);
  else
    updateRecentMenu();
  updateUndoActions();
}

void MainWindow::updateUndoActions() {
  const QUndoStack* stack = m_doc->undoStack();
  const bool fitting = isFitting();
  m_undoAction->setEnabled(stack->canUndo() && !fitting);
  m_redoAction->setEnabled(stack->canRedo() && !fitting);
  m_undoAction->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
  m_redoAction->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
  m_undoAction->setStatusTip(tr("Undo the last edit of the model, parameters, data mapping or fit result"));
  m_redoAction->setStatusTip(tr("Redo the edit undone last"));
  m_fitPanel->setRestoreEnabled(m_doc->lastEditIsFit() && !fitting);
  const auto& result = m_doc->project().lastResult;
  m_fitPanel->setUseEstimatesEnabled(result && result->termination != fit::Termination::Failed && !fitting);
}

QString MainWindow::plainOutcome(const fit::FitSummary& summary) {
  switch (summary.termination) {
    case fit::Termination::Converged:
      return summary.warnings.empty() ? tr("Converged.") : tr("Converged, but see the warning in the log.");
    case fit::Termination::NoConvergence:
      return tr("Stopped without converging.");
    case fit::Termination::Cancelled:
      return tr("Cancelled; the estimates are the best parameters so far.");
    case fit::Termination::Failed:
      return tr("The fit failed.");
  }
  return {};
}

void MainWindow::showFitStatus() {
  // What the Fit panel shows follows the project's result, also after an
  // undo or redo (issue 10, fault 5): never a fit that is no longer shown.
  const auto& r = m_doc->project().lastResult;
  if (!r) {
    m_fitPanel->clearProgress();
    m_fitPanel->setMessage(QString());
    return;
  }
  m_fitPanel->setProgress(r->iterations, r->finalCost);
  m_fitPanel->setMessage(fitMessage(*r));
}

QString MainWindow::fitMessage(const fit::FitSummary& summary) {
  // Converged fits need no solver jargon; the log has the full report.
  const bool explain = !summary.converged() && summary.termination != fit::Termination::Cancelled;
  QString text = plainOutcome(summary);
  if (explain) text += QLatin1Char(' ') + QString::fromStdString(summary.message);
  for (const std::string& w : summary.warnings)
    text += QStringLiteral("\n") + tr("Warning: %1").arg(QString::fromStdString(w));
  return text;
}

void MainWindow::onFitFinished(const fit::FitSummary& summary) {
  setFitting(false);
  // A result with parameters is accepted as one undoable step, so Undo
  // restores the parameters from before the fit.
  if (summary.termination != fit::Termination::Failed) m_doc->acceptFitResult(summary);
  const QString plain = plainOutcome(summary);
  m_fitPanel->setProgress(summary.iterations, summary.finalCost);
  m_fitPanel->setMessage(fitMessage(summary));
  m_log->appendPlainText(QString::fromStdString(summary.briefReport()) + QLatin1Char('\n'));
  m_tree->addFit(summary);
  statusBar()->showMessage(plain);
  m_views->show(m_doc->project());
  emit fitEnded(summary);
}

bool MainWindow::saveScreenshot(const QString& file) {
  const QPixmap pixmap = window()->grab();
  return !pixmap.isNull() && pixmap.save(file, "PNG");
}

void MainWindow::raiseDock(const QString& name) {
  if (auto* d = findChild<QDockWidget*>(name)) {
    d->show();
    d->raise();
  }
}

void MainWindow::showAbout() { QMessageBox::about(this, tr("About HybridFit"), aboutText()); }

QString MainWindow::aboutText() const {
  return tr("<h3>HybridFit %1</h3>"
            "<p>Theory-guided modeling workbench.</p>"
            "<p>Qt %2 (built with %3)<br>VTK %4<br>Ceres Solver %5</p>")
      .arg(QStringLiteral(HF_VERSION), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
           QString::fromLatin1(vtkVersion::GetVTKVersion()), QString::fromStdString(fit::solverVersion()));
}

}  // namespace hf::app
