#pragma once
// The theory-guided penalties of a model, edited as a list and a form
// (issue 12): kind (bounds, monotone, equation, conservation), expression,
// bounds, the input a monotone output rises or falls in, weight, the
// experiment it applies to (ODE models) and the collocation grid (one row
// per axis: variable, from, to, count; empty cells take the defaults).
// Each edit is checked at once (PenaltySpec::validate) and the problem
// named under the form.

#include "dialogs/SpecListPage.h"
#include "model/PenaltySpec.h"

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace hf::app {

class PenaltiesPage : public SpecListPage {
  Q_OBJECT
 public:
  /// `ode`: the model is an ODE model (the experiment field applies).
  PenaltiesPage(std::vector<model::PenaltySpec> specs, bool ode, QWidget* parent = nullptr);

  const std::vector<model::PenaltySpec>& specs() const { return m_specs; }
  /// What is wrong with any penalty (the first problem), or empty.
  QString problem() const;

  QComboBox* kindBox() const { return m_kind; }
  QLineEdit* nameEdit() const { return m_name; }
  QLineEdit* expressionEdit() const { return m_expression; }
  QLineEdit* lowerEdit() const { return m_lower; }
  QLineEdit* upperEdit() const { return m_upper; }
  QLineEdit* alongEdit() const { return m_along; }
  QLineEdit* weightEdit() const { return m_weight; }
  QTableWidget* gridTable() const { return m_grid; }
  QPushButton* addAxisButton() const { return m_addAxis; }
  QLabel* statusLabel() const { return m_status; }

 private:
  void appendSpec() override;
  void eraseSpec(int row) override;
  void showCurrent() override;
  void readForm();
  void refreshStatus();
  QString itemText(const model::PenaltySpec& s) const;

  std::vector<model::PenaltySpec> m_specs;
  bool m_ode;
  QComboBox* m_kind;
  QLineEdit *m_name, *m_expression, *m_lower, *m_upper, *m_along;
  QCheckBox* m_decreasing;
  QLineEdit *m_weight, *m_experiment;
  QTableWidget* m_grid;
  QPushButton *m_addAxis, *m_removeAxis;
  QLabel* m_status;
  bool m_updating = false;
};

}  // namespace hf::app
