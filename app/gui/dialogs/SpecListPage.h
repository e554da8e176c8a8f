#pragma once
// What the learned-components and penalties pages share: a list of specs
// with Add and Remove beside the selected one's form, and per spec the
// problem of a form field that does not parse. A derived page keeps the
// specs, appends a new one (then calls appended()), erases one, and shows
// the selected one in its form.

#include <QString>
#include <QWidget>

#include <vector>

class QLayout;
class QListWidget;
class QPushButton;

namespace hf::app {

class SpecListPage : public QWidget {
  Q_OBJECT
 public:
  QListWidget* list() const { return m_list; }
  QPushButton* addButton() const { return m_add; }
  QPushButton* removeButton() const { return m_remove; }

 signals:
  void edited();

 protected:
  /// `count` specs to start with (their form errors start empty).
  SpecListPage(std::size_t count, QWidget* parent);
  /// The list column beside `form`; the list shows `names`, the first selected.
  void finishLayout(QLayout* form, const QStringList& names);
  /// After a derived page appended a spec: its item, selected.
  void appended(const QString& name);
  /// The selected row when it is a spec's, else -1.
  int currentRow() const;

  virtual void appendSpec() = 0;
  virtual void eraseSpec(int row) = 0;
  virtual void showCurrent() = 0;

  std::vector<QString> m_formErrors;  ///< per spec: a field that does not parse

 private:
  QListWidget* m_list;
  QPushButton *m_add, *m_remove;
};

}  // namespace hf::app
