#pragma once
// The learned components of a model, edited as a list and a form (issue 12):
// name, type, inputs, outputs, hidden layers and activation (perceptron),
// centres (RBF), degree (polynomial), seed, L2 weight penalty and the
// input/output scaling. Each edit is checked at once (LearnedSpec::validate)
// and the problem named under the form. Changing a component's shape or
// seed drops its stored weights (they would not fit, or the new seed would
// not be used).

#include "dialogs/SpecListPage.h"
#include "ml/LearnedSpec.h"

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace hf::app {

class LearnedComponentsPage : public SpecListPage {
  Q_OBJECT
 public:
  explicit LearnedComponentsPage(std::vector<ml::LearnedSpec> specs, QWidget* parent = nullptr);

  const std::vector<ml::LearnedSpec>& specs() const { return m_specs; }
  /// What is wrong with any component (the first problem), or empty.
  QString problem() const;

  QLineEdit* nameEdit() const { return m_name; }
  QComboBox* typeBox() const { return m_type; }
  QSpinBox* inputsBox() const { return m_inputs; }
  QSpinBox* outputsBox() const { return m_outputs; }
  QLineEdit* hiddenEdit() const { return m_hidden; }
  QComboBox* activationBox() const { return m_activation; }
  QSpinBox* seedBox() const { return m_seed; }
  QLineEdit* l2Edit() const { return m_l2; }
  QLineEdit* inputOffsetEdit() const { return m_inOffset; }
  QLineEdit* inputScaleEdit() const { return m_inScale; }
  QLabel* statusLabel() const { return m_status; }

 private:
  void appendSpec() override;
  void eraseSpec(int row) override;
  void showCurrent() override;
  void readForm();
  void refreshStatus();

  std::vector<ml::LearnedSpec> m_specs;
  QLineEdit* m_name;
  QComboBox* m_type;
  QSpinBox *m_inputs, *m_outputs;
  QLineEdit* m_hidden;
  QComboBox* m_activation;
  QSpinBox *m_centres, *m_degree, *m_seed;
  QLineEdit *m_l2, *m_inOffset, *m_inScale, *m_outScale, *m_outOffset;
  QLabel* m_weights;
  QLabel* m_status;
  bool m_updating = false;
};

}  // namespace hf::app
