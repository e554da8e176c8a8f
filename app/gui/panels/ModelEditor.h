#pragma once
// Edits the model: formula, response and weights, with a live check that
// names what is wrong and marks where. Edits go to the ProjectDocument
// (undoable; typing merges into one step).
//
// Thread: GUI thread only. The document must outlive the editor.

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace hf::app {

class ProjectDocument;

class ModelEditor : public QWidget {
  Q_OBJECT
 public:
  explicit ModelEditor(ProjectDocument* doc, QWidget* parent = nullptr);

  void setReadOnly(bool readOnly);
  /// True when the model builds against the data (formula, response, weights).
  bool isValid() const { return m_valid; }
  QLineEdit* formulaEdit() const { return m_formula; }
  QLineEdit* responseEdit() const { return m_response; }
  QLabel* statusLabel() const { return m_status; }
  QComboBox* weightKindBox() const { return m_weightKind; }
  QComboBox* weightColumnBox() const { return m_weightColumn; }
  QPushButton* learnedTermsButton() const { return m_learnedTerms; }

 signals:
  void validityChanged(bool valid);
  /// The user asked to edit the learned components and penalties.
  void learnedTermsRequested();

 private:
  void refreshFromDocument();
  void check();
  /// The status line from the last check and the current parameters.
  void updateStatus();
  // The column to weight by when the user turns weights on without picking
  // one: a usual name for y's uncertainty (sy, dy, sigma, ...), else the
  // last column that is not y.
  QString suggestedWeightColumn() const;

  ProjectDocument* m_doc;
  QLineEdit* m_formula;
  QLineEdit* m_response;
  QComboBox* m_weightKind;
  QComboBox* m_weightColumn;
  QLabel* m_variables;
  QLabel* m_status;
  QPushButton* m_learnedTerms;
  QStringList m_inputs;  // data columns the formula uses, as of the last valid check
  bool m_valid = false;
  bool m_updating = false;
  std::size_t m_points = 0;  // of the last valid check
  QString m_error;           // rich text of the last failed check
};

}  // namespace hf::app
