#pragma once
// Edits a model's learned components and theory-guided penalties together
// (issue 12), as one undoable edit of the document on OK. Problems in a
// component or a penalty are named and keep OK disabled; a model that does
// not build with them (a formula calling a component not declared yet, a
// penalty naming an unknown input) is named as a warning only, since the
// formula may be edited next.

#include "ml/LearnedSpec.h"
#include "model/PenaltySpec.h"
#include "project/Project.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QTabWidget;

namespace hf::app {

class LearnedComponentsPage;
class PenaltiesPage;

class LearnedTermsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit LearnedTermsDialog(const project::Project& project, QWidget* parent = nullptr);

  const std::vector<ml::LearnedSpec>& learned() const;
  const std::vector<model::PenaltySpec>& penalties() const;

  LearnedComponentsPage* learnedPage() const { return m_learned; }
  PenaltiesPage* penaltiesPage() const { return m_penalties; }
  QTabWidget* tabs() const { return m_tabs; }
  QDialogButtonBox* buttons() const { return m_buttons; }
  /// The model-level check (a warning), empty when the model builds.
  QLabel* modelCheck() const { return m_check; }

 private:
  void recheck();

  project::Project m_project;
  QTabWidget* m_tabs;
  LearnedComponentsPage* m_learned;
  PenaltiesPage* m_penalties;
  QLabel* m_check;
  QDialogButtonBox* m_buttons;
};

}  // namespace hf::app
