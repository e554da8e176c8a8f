// MainWindow's file handling: open, import (with the preview), drag and
// drop, save, save as, new, recent files, and the unsaved-changes question
// before anything is discarded. The rest of the class is in MainWindow.cpp.
#include "MainWindow.h"

#include "RecentFiles.h"
#include "views/ResultViews.h"

#include "common/Error.h"
#include "data/DelimitedReader.h"
#include "dialogs/ImportDialog.h"
#include "document/ProjectDocument.h"
#include "fit/FitController.h"
#include "plot/ChartView.h"

#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>

namespace hf::app {

namespace {

QString axisTitle(const data::Column& c) {
  const QString label = QString::fromStdString(c.label.empty() ? c.name : c.label);
  return c.unit.empty() ? label : QStringLiteral("%1 [%2]").arg(label, QString::fromStdString(c.unit));
}

}  // namespace

QString MainWindow::openedMessage(const QString& fileName, const project::Project& p) {
  // "cooling.hfproj: Cooling can, 20 points, model ...": the project's
  // name only where it has one, and "1 point" in the singular.
  QStringList parts;
  if (!p.name.empty()) parts << QString::fromStdString(p.name);
  if (p.model.isOde()) {
    // "3 experiments, 36 rows, ODE model with 3 states"
    std::size_t rows = 0;
    for (const project::ExperimentSettings& x : p.model.ode.experiments)
      if (const data::Dataset* d = p.findDataset(x.dataset)) rows += d->rowCount();
    const std::size_t e = p.model.ode.experiments.size();
    parts << (e == 1 ? tr("1 experiment") : tr("%1 experiments").arg(e))
          << (rows == 1 ? tr("1 row") : tr("%1 rows").arg(rows))
          << tr("ODE model with %1 states").arg(p.model.ode.spec.equations.states.size());
    return tr("%1: %2").arg(fileName, parts.join(QStringLiteral(", ")));
  }
  const std::size_t n = p.datasets.empty() ? 0 : p.datasets.front().data.rowCount();
  parts << (n == 1 ? tr("1 point") : tr("%1 points").arg(n));
  if (!p.model.spec.formula.empty()) parts << tr("model %1").arg(QString::fromStdString(p.model.spec.formula));
  return tr("%1: %2").arg(fileName, parts.join(QStringLiteral(", ")));
}

QString MainWindow::recentLabel(const QString& path, const QStringList& all) {
  // File name and folder; the folder name tells apart files of the same name.
  const QFileInfo info(path);
  const QString folder = QDir::toNativeSeparators(info.absolutePath());
  QString home = QDir::toNativeSeparators(QDir::homePath());
  const QString shown = folder.startsWith(home) ? QStringLiteral("~") + folder.mid(home.size()) : folder;
  (void)all;
  return tr("%1  (%2)").arg(info.fileName(), shown);
}

void MainWindow::updateRecentMenu() {
  if (!m_recentMenu) return;
  m_recentMenu->clear();
  const QStringList files = RecentFiles::list();
  for (const QString& f : files) {
    QAction* a = m_recentMenu->addAction(recentLabel(f, files), this, [this, f] {
      if (!refuseWhileFitting() && confirmDiscard()) openInteractively(f);
    });
    a->setToolTip(f);
    a->setStatusTip(f);
  }
  m_recentMenu->setEnabled(!files.isEmpty());
}

QString MainWindow::openPath(const QString& path) {
  const QString name = QFileInfo(path).fileName();
  if (isFitting()) return tr("a fit is running; cancel it first");
  if (path.endsWith(QStringLiteral(".hfproj"), Qt::CaseInsensitive)) {
    if (const QString error = m_doc->load(path); !error.isEmpty()) {
      statusBar()->showMessage(tr("Could not open %1: %2").arg(name, error));
      return error;
    }
    const project::Project& p = m_doc->project();
    updateTitle();
    statusBar()->showMessage(openedMessage(name, p));
    return {};
  }
  try {
    project::ProjectDataset d;
    d.data = data::readDelimitedFile(path.toStdString());
    d.relativePath = path.toStdString();
    if (d.data.columnCount() < 2) throw Error("the file has one column; a fit needs at least two");
    m_doc->newProject();  // data files start a new project: the open one's file must not receive them
    m_doc->setDataset(d);
    const data::Dataset& ds = m_doc->project().datasets.front().data;
    m_views->chart()->setCurve({}, {}, QString());
    m_views->chart()->setData(ds.columns[0].values, ds.columns[1].values, axisTitle(ds.columns[0]),
                              axisTitle(ds.columns[1]), QString::fromStdString(ds.name));
    m_doc->setResponse(QString::fromStdString(ds.columns[1].name));
    updateTitle();
    statusBar()->showMessage(tr("Imported %1: %2 rows").arg(name).arg(ds.rowCount()));
    return {};
  } catch (const Error& e) {
    const QString message = QString::fromStdString(e.what());
    statusBar()->showMessage(tr("Could not open %1: %2").arg(name, message));
    return message;
  }
}

QString MainWindow::saveTo(const QString& path) {
  const QString error = m_doc->save(path);
  if (error.isEmpty())
    statusBar()->showMessage(tr("Saved %1").arg(m_doc->displayName()), 5000);
  else
    statusBar()->showMessage(tr("Could not save: %1").arg(error));
  updateTitle();
  return error;
}

bool MainWindow::refuseWhileFitting() {
  if (!isFitting()) return false;
  statusBar()->showMessage(tr("A fit is running; cancel it (Esc) before opening or replacing the project"), 5000);
  return true;
}

void MainWindow::openFile() {
  if (refuseWhileFitting() || !confirmDiscard()) return;
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open project or data"), QString(),
                                   tr("Projects and data (*.hfproj *.csv *.tsv *.txt *.dat);;All files (*)"));
  if (!path.isEmpty()) openInteractively(path);
}

void MainWindow::openInteractively(const QString& path) {
  if (refuseWhileFitting()) return;
  requestOpen(path);
  if (!path.endsWith(QStringLiteral(".hfproj"), Qt::CaseInsensitive)) {
    ImportDialog dialog(path, this);
    if (dialog.exec() != QDialog::Accepted || !dialog.dataset()) return;
    importDataset(*dialog.dataset(), dialog.yColumn(), dialog.sigmaColumn());
    if (dialog.createOdeModel()) {
      QStringList exclude;
      if (!dialog.sigmaColumn().isEmpty()) exclude << dialog.sigmaColumn();
      m_doc->createOdeFromColumns(dialog.xColumn(), exclude);
      statusBar()->showMessage(tr("ODE model created from the columns: write the rates in the ODE model panel"), 8000);
    }
    return;
  }
  if (const QString error = openPath(path); !error.isEmpty())
    QMessageBox::warning(this, tr("Could not open %1").arg(QFileInfo(path).fileName()), error);
}

void MainWindow::importDataset(const data::Dataset& dataset, const QString& yColumn, const QString& sigmaColumn) {
  if (refuseWhileFitting()) return;
  project::ProjectDataset d;
  d.data = dataset;
  d.relativePath = dataset.sourcePath.empty() ? std::string() : dataset.sourcePath;
  // A new, untitled project: Save must not write these data into the file
  // of the project that was open.
  m_doc->newProject();
  m_doc->setDataset(d);
  m_doc->setResponse(yColumn);
  if (!sigmaColumn.isEmpty()) m_doc->setWeights(model::WeightKind::Sigma, sigmaColumn);
  updateTitle();
  statusBar()->showMessage(tr("Imported %1: %2 rows. Pick an equation or type a formula.")
                               .arg(QString::fromStdString(dataset.name))
                               .arg(dataset.rowCount()));
}

QString MainWindow::addExperimentData(const data::Dataset& dataset, const QString& timeColumn) {
  if (isFitting()) return tr("a fit is running");
  project::ProjectDataset d;
  d.data = dataset;
  d.relativePath = dataset.sourcePath;
  const QString error = m_doc->addExperiment(d, timeColumn);
  if (error.isEmpty())
    statusBar()->showMessage(tr("Experiment %1 added: %2 rows (not undoable)")
                                 .arg(QString::fromStdString(m_doc->project().model.ode.experiments.back().name))
                                 .arg(dataset.rowCount()),
                             8000);
  else
    statusBar()->showMessage(tr("Could not add the experiment: %1").arg(error), 8000);
  return error;
}

void MainWindow::addExperimentInteractively() {
  if (refuseWhileFitting()) return;
  if (!m_doc->project().model.isOde()) {
    statusBar()->showMessage(tr("Experiments belong to ODE models: open or create one first"), 5000);
    return;
  }
  const QString path = QFileDialog::getOpenFileName(this, tr("Add experiment data"), QString(),
                                                    tr("Data files (*.csv *.tsv *.txt *.dat);;All files (*)"));
  if (path.isEmpty()) return;
  ImportDialog dialog(path, this);
  if (dialog.exec() != QDialog::Accepted || !dialog.dataset()) return;
  if (const QString error = addExperimentData(*dialog.dataset(), dialog.xColumn()); !error.isEmpty())
    QMessageBox::warning(this, tr("Could not add %1").arg(QFileInfo(path).fileName()), error);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() && !event->mimeData()->urls().isEmpty() &&
      event->mimeData()->urls().front().isLocalFile())
    event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QString path = event->mimeData()->urls().front().toLocalFile();
  event->acceptProposedAction();
  // After the drop returns: a modal dialog inside a drop handler blocks
  // the drag source.
  QMetaObject::invokeMethod(
      this,
      [this, path] {
        if (refuseWhileFitting()) return;
        if (path.endsWith(QStringLiteral(".hfproj"), Qt::CaseInsensitive) && !confirmDiscard()) return;
        openInteractively(path);
      },
      Qt::QueuedConnection);
}

QString MainWindow::suggestedProjectPath() const {
  // Untitled: the data's name next to the data file (an imported
  // ~/lab/rates.csv gives ~/lab/rates.hfproj), else in the current folder.
  if (!m_doc->filePath().isEmpty()) return m_doc->filePath();
  const auto& ds = m_doc->project().datasets;
  const QString name = ds.empty() || ds.front().data.name.empty() ? QStringLiteral("untitled")
                                                                  : QString::fromStdString(ds.front().data.name);
  const QString source = ds.empty() ? QString() : QString::fromStdString(ds.front().data.sourcePath);
  const QDir dir = source.isEmpty() ? QDir::current() : QFileInfo(source).absoluteDir();
  return dir.filePath(name + QStringLiteral(".hfproj"));
}

void MainWindow::saveAs() {
  const QString suggested = suggestedProjectPath();
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Save project"), suggested, tr("HybridFit projects (*.hfproj)"));
  if (path.isEmpty()) return;
  const QString target = path.endsWith(QStringLiteral(".hfproj")) ? path : path + QStringLiteral(".hfproj");
  if (const QString e = saveTo(target); !e.isEmpty()) QMessageBox::warning(this, tr("Could not save"), e);
}

void MainWindow::newProject() {
  if (refuseWhileFitting() || !confirmDiscard()) return;
  m_doc->newProject();
  m_views->chart()->clear();
  updateTitle();
}

bool MainWindow::confirmDiscard() {
  if (!m_doc->isModified()) return true;
  const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
                                            tr("%1 has unsaved changes. Save them?").arg(m_doc->displayName()),
                                            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Cancel) return false;
  if (answer == QMessageBox::Save) {
    if (m_doc->filePath().isEmpty())
      saveAs();
    else
      saveTo();
    return !m_doc->isModified();
  }
  return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!confirmDiscard()) {
    event->ignore();
    return;
  }
  m_fit->cancel();  // the controller's destructor joins the worker
  QSettings settings;
  settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("mainWindow/state"), saveState());
  event->accept();
}

void MainWindow::requestOpen(const QString& path) {
  statusBar()->showMessage(tr("Opening %1").arg(QFileInfo(path).fileName()));
  emit openRequested(QFileInfo(path).absoluteFilePath());
}

}  // namespace hf::app
