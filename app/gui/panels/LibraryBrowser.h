#pragma once
// Browses the equation library: search box, equations grouped by category,
// and for the selected one its description, formula, variables, parameters
// with units and start values, and reference. "Use" asks for the equation
// to become the project's model.
//
// Thread: GUI thread only.

#include <QWidget>

class QLineEdit;
class QTextBrowser;
class QTreeWidget;
class QPushButton;

namespace hf::library {
struct OdeEquation;
}

namespace hf::app {

class LibraryBrowser : public QWidget {
  Q_OBJECT
 public:
  explicit LibraryBrowser(QWidget* parent = nullptr);

  /// Shows only equations whose id, name, description, category or formula
  /// contain `text` (case-insensitive).
  void setFilter(const QString& text);
  /// Id of the selected equation, or empty.
  QString selectedId() const;
  bool select(const QString& id);
  int visibleCount() const;
  QTextBrowser* details() const { return m_details; }
  QPushButton* useButton() const { return m_use; }

 signals:
  void useRequested(const QString& equationId);

 private:
  void showDetails();
  void showOdeDetails(const library::OdeEquation& e);

  QLineEdit* m_search;
  QTreeWidget* m_tree;
  QTextBrowser* m_details;
  QPushButton* m_use;
};

}  // namespace hf::app
