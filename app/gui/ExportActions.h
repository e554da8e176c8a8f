#pragma once
// File > Export: the current plot (PNG at a chosen width, SVG, PDF), the
// parameter table (CSV, JSON) and predictions with residuals (CSV). Asks for
// the file name; the work itself is in core (project/ResultExport.h,
// project/SummaryJson.h) and widgets (plot/PlotExport.h), where the command
// line and tests use it too.
//
// Thread: GUI thread only. The document, views and parent outlive this.

#include <QObject>

#include <functional>
#include <string>

class QMenu;
class QWidget;

namespace hf::app {

class ProjectDocument;
class ResultViews;

class ExportActions : public QObject {
  Q_OBJECT
 public:
  ExportActions(ProjectDocument* doc, ResultViews* views, QWidget* parent);

  /// Adds the export actions to `menu`.
  void populate(QMenu* menu);

 private:
  void exportPlot(const QString& format);
  void exportText(const QString& title, const QString& filter, const QString& suggestedName,
                  const std::function<std::string()>& produce);
  // Where a save dialog starts: next to the project file (or in the current
  // folder when untitled), named "<project>-<suffix>".
  QString suggestedPath(const QString& suffix) const;

  ProjectDocument* m_doc;
  ResultViews* m_views;
  QWidget* m_parent;
};

}  // namespace hf::app
