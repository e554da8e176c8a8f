#pragma once
// Edits an ODE model: the equations (dX/dt = ... per line), the initial
// values, the observables and the known inputs, with a live check that names what is wrong
// and marks where; the experiments, with the one the plots show; the
// shared/local grid (parameters x experiments; a tick unlinks a parameter
// so that each experiment has its own value); and Simulate, which shows
// the trajectories at the current values without fitting. Edits go to the
// ProjectDocument (undoable; typing merges).
//
// Thread: GUI thread only. The document must outlive the editor.

#include <QWidget>

class QLabel;
class QLineEdit;
class QComboBox;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace hf::app {

class ProjectDocument;

class OdeEditor : public QWidget {
  Q_OBJECT
 public:
  explicit OdeEditor(ProjectDocument* doc, QWidget* parent = nullptr);

  void setReadOnly(bool readOnly);
  /// True when the model builds against the data.
  bool isValid() const { return m_valid; }
  /// The experiment the plots show.
  int currentExperiment() const { return m_experiment; }

  QPlainTextEdit* equationsEdit() const { return m_equations; }
  QLineEdit* initialEdit() const { return m_initial; }
  QLineEdit* observeEdit() const { return m_observe; }
  QLineEdit* sigmaEdit() const { return m_sigma; }
  /// Known inputs: "u, T: hold" (data columns the rates use).
  QLineEdit* inputsEdit() const { return m_inputs; }
  /// The selected experiment's own initial values ("Ag = 200").
  QLineEdit* experimentInitialEdit() const { return m_experimentInitial; }
  QLabel* statusLabel() const { return m_status; }
  QListWidget* experimentList() const { return m_experiments; }
  QTableWidget* parameterGrid() const { return m_grid; }
  QPushButton* simulateButton() const { return m_simulate; }
  QPushButton* learnedTermsButton() const { return m_learnedTerms; }
  QComboBox* plottedBox() const { return m_plotted; }

 signals:
  void validityChanged(bool valid);
  void experimentSelected(int experiment);
  /// -1: all observables in the time plot.
  void observableSelected(int observable);
  void simulateRequested();
  /// The user asked to edit the learned components and penalties.
  void learnedTermsRequested();

 private:
  void refreshFromDocument();
  void refreshGrid();
  /// Parses the texts; on success sends the model to the document.
  void edited();
  /// Builds the model against the data and shows the outcome.
  void check();
  void showError(const QString& where, const QString& message, int position);
  void experimentInitialEdited();
  void showExperimentInitial();

  ProjectDocument* m_doc;
  QPlainTextEdit* m_equations;
  QLineEdit* m_initial;
  QLineEdit* m_observe;
  QLineEdit* m_sigma;
  QLineEdit* m_inputs;
  QLabel* m_status;
  QListWidget* m_experiments;
  QLineEdit* m_experimentInitial;
  QTableWidget* m_grid;
  QComboBox* m_plotted;
  QPushButton* m_simulate;
  QPushButton* m_learnedTerms;
  bool m_valid = false;
  bool m_updating = false;
  int m_experiment = 0;
};

}  // namespace hf::app
