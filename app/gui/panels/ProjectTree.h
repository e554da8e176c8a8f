#pragma once
// The project tree: the open project's datasets (with their columns, units
// and roles in the model), its model (formula, response, weights,
// parameters) and the fits of this session with their outcome. It shows
// the document; activating an item asks for the panel that edits it.
//
// Thread: GUI thread only.

#include "fit/FitSummary.h"

#include <QTreeWidget>

#include <vector>

namespace hf::app {

class ProjectDocument;

class ProjectTree : public QTreeWidget {
  Q_OBJECT
 public:
  /// What an item stands for; activating it asks for that section's panel.
  enum class Section { Project, Data, Model, Parameters, Fit };
  Q_ENUM(Section)

  explicit ProjectTree(ProjectDocument* doc, QWidget* parent = nullptr);

  /// A fit of this session ended; it is listed under "Fits" (newest last)
  /// until another project is opened or a new one started.
  void addFit(const fit::FitSummary& summary);
  /// The fits listed, oldest first.
  const std::vector<fit::FitSummary>& fits() const { return m_fits; }

  /// The item of a section's heading (Data, Model, Parameters, Fits).
  QTreeWidgetItem* sectionItem(Section section) const;

  /// One line describing a fit, e.g. "converged, cost 0.897 after 22 iterations".
  static QString describe(const fit::FitSummary& summary);

 signals:
  /// The user double-clicked or pressed Enter on an item of `section`;
  /// `fitIndex` is the fit's index in fits() for a fit item, else -1.
  void sectionActivated(hf::app::ProjectTree::Section section, int fitIndex);

 private:
  void rebuild();
  QTreeWidgetItem* addSection(const QString& title, Section section, const QString& tip);

  ProjectDocument* m_doc;
  std::vector<fit::FitSummary> m_fits;
};

}  // namespace hf::app
