#include "ExportActions.h"

#include "common/Error.h"
#include "document/ProjectDocument.h"
#include "project/ResultExport.h"
#include "project/SummaryJson.h"
#include "views/ResultViews.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStatusBar>

namespace hf::app {
namespace {
void tellStatus(QWidget* parent, const QString& text) {
  if (auto* w = qobject_cast<QMainWindow*>(parent)) w->statusBar()->showMessage(text, 5000);
}
}  // namespace

ExportActions::ExportActions(ProjectDocument* doc, ResultViews* views, QWidget* parent)
    : QObject(parent), m_doc(doc), m_views(views), m_parent(parent) {}

void ExportActions::populate(QMenu* menu) {
  QAction* a = menu->addAction(tr("Current plot as &PNG…"), this, [this] { exportPlot(QStringLiteral("png")); });
  a->setStatusTip(tr("Save the plot shown as a PNG image at a chosen resolution"));
  a = menu->addAction(tr("Current plot as &SVG…"), this, [this] { exportPlot(QStringLiteral("svg")); });
  a->setStatusTip(tr("Save the plot shown as vector graphics (SVG)"));
  a = menu->addAction(tr("Current plot as P&DF…"), this, [this] { exportPlot(QStringLiteral("pdf")); });
  a->setStatusTip(tr("Save the plot shown as vector graphics (PDF)"));
  menu->addSeparator();
  a = menu->addAction(tr("Parameters as &CSV…"), this, [this] {
    exportText(tr("Export parameters"), tr("CSV files (*.csv)"), QStringLiteral("parameters.csv"),
               [this] { return project::parametersToCsv(*m_doc->project().lastResult); });
  });
  a->setStatusTip(tr("Estimates, standard errors, 95 % intervals and fit statistics"));
  a = menu->addAction(tr("Parameters as &JSON…"), this, [this] {
    exportText(tr("Export parameters"), tr("JSON files (*.json)"), QStringLiteral("parameters.json"),
               [this] { return project::summaryToJson(*m_doc->project().lastResult).dump(1) + "\n"; });
  });
  a->setStatusTip(tr("The whole fit summary as JSON (as hybridfit-cli --json writes it)"));
  a = menu->addAction(tr("Predictions and &residuals as CSV…"), this, [this] {
    exportText(tr("Export predictions"), tr("CSV files (*.csv)"), QStringLiteral("predictions.csv"),
               [this] { return project::predictionsToCsv(m_doc->project(), *m_doc->project().lastResult); });
  });
  a->setStatusTip(tr("Observed, predicted and residual value of every data row"));
}

QString ExportActions::suggestedPath(const QString& suffix) const {
  const QFileInfo project(m_doc->filePath());
  const QString base = m_doc->filePath().isEmpty() ? QStringLiteral("untitled") : project.completeBaseName();
  const QString dir = m_doc->filePath().isEmpty() ? QDir::currentPath() : project.absolutePath();
  return QDir(dir).filePath(base + QLatin1Char('-') + suffix);
}

void ExportActions::exportText(const QString& title, const QString& filter, const QString& suggestedName,
                               const std::function<std::string()>& produce) {
  if (!m_doc->project().lastResult) {
    QMessageBox::information(m_parent, title, tr("There is no fit result yet: fit the model first (F5)."));
    return;
  }
  const QString path = QFileDialog::getSaveFileName(m_parent, title, suggestedPath(suggestedName), filter);
  if (path.isEmpty()) return;
  try {
    const std::string text = produce();
    QSaveFile f(path);  // atomic: the old file survives a failed write
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size()) ||
        !f.commit())
      throw Error("cannot write " + path.toStdString() + ": " + f.errorString().toStdString());
    tellStatus(m_parent, tr("Exported %1").arg(QFileInfo(path).fileName()));
  } catch (const Error& e) {
    QMessageBox::warning(m_parent, title, QString::fromStdString(e.what()));
  }
}

void ExportActions::exportPlot(const QString& format) {
  const QString filter = format == QStringLiteral("png")   ? tr("PNG images (*.png)")
                         : format == QStringLiteral("svg") ? tr("SVG drawings (*.svg)")
                                                           : tr("PDF documents (*.pdf)");
  // e.g. "cooling-observed-vs-predicted.png" next to the project file.
  const QString tab = m_views->tabText(m_views->currentIndex()).remove(QLatin1Char('&')).toLower();
  QString slug;
  for (const QChar c : tab) slug += c.isLetterOrNumber() ? c : QLatin1Char('-');
  while (slug.contains(QStringLiteral("--"))) slug.replace(QStringLiteral("--"), QStringLiteral("-"));
  QString path = QFileDialog::getSaveFileName(m_parent, tr("Export plot"),
                                              suggestedPath(slug + QLatin1Char('.') + format), filter);
  if (path.isEmpty()) return;
  if (!path.endsWith(QLatin1Char('.') + format, Qt::CaseInsensitive)) path += QLatin1Char('.') + format;
  int width = 0;
  if (format == QStringLiteral("png")) {
    bool ok = false;
    width = QInputDialog::getInt(m_parent, tr("Export PNG"), tr("Width in pixels (height follows the view)"), 1600, 100,
                                 8192, 100, &ok);
    if (!ok) return;
  }
  const QString error = m_views->exportCurrent(format, path, width);
  if (error.isEmpty())
    tellStatus(m_parent, tr("Exported %1").arg(QFileInfo(path).fileName()));
  else
    QMessageBox::warning(m_parent, tr("Export"), error);
}

}  // namespace hf::app
