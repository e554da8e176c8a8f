#include "dialogs/PenaltiesPage.h"

#include "dialogs/NumberLists.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace hf::app {
namespace {

constexpr model::PenaltyKind kKinds[] = {model::PenaltyKind::Bounds, model::PenaltyKind::Monotone,
                                         model::PenaltyKind::Equation, model::PenaltyKind::Conservation};

QString boundText(double v) { return std::isfinite(v) ? QString::number(v, 'g', 12) : QString(); }

// An optional number: empty text is `fallback`.
bool readNumber(const QString& text, double fallback, double& out) {
  if (text.trimmed().isEmpty()) {
    out = fallback;
    return true;
  }
  bool ok = false;
  out = text.trimmed().toDouble(&ok);
  return ok && !std::isnan(out);
}

}  // namespace

PenaltiesPage::PenaltiesPage(std::vector<model::PenaltySpec> specs, bool ode, QWidget* parent)
    : SpecListPage(specs.size(), parent),
      m_specs(std::move(specs)),
      m_ode(ode),
      m_kind(new QComboBox(this)),
      m_name(new QLineEdit(this)),
      m_expression(new QLineEdit(this)),
      m_lower(new QLineEdit(this)),
      m_upper(new QLineEdit(this)),
      m_along(new QLineEdit(this)),
      m_decreasing(new QCheckBox(tr("falling instead of rising"), this)),
      m_weight(new QLineEdit(this)),
      m_experiment(new QLineEdit(this)),
      m_grid(new QTableWidget(0, 4, this)),
      m_addAxis(new QPushButton(tr("Add axis"), this)),
      m_removeAxis(new QPushButton(tr("Remove axis"), this)),
      m_status(new QLabel(this)) {
  for (model::PenaltyKind k : kKinds) m_kind->addItem(QString::fromStdString(model::penaltyKindName(k)));
  m_kind->setToolTip(
      tr("bounds: lower <= g <= upper; monotone: g rises (or falls) along an input; equation: g = 0 "
         "(a governing equation's residual); conservation: g the same at every point"));
  m_expression->setPlaceholderText(ode ? tr("e.g. A + B + C") : tr("empty: the model's formula"));
  m_expression->setToolTip(
      tr("g: an expression of the model's inputs, parameters and learned components; "
         "diff(NN(t)[k], t) is a learned output's exact derivative"));
  m_name->setPlaceholderText(tr("optional: the term's name in the loss breakdown"));
  m_lower->setPlaceholderText(tr("none"));
  m_upper->setPlaceholderText(tr("none"));
  m_along->setToolTip(tr("Monotone: the input g rises or falls in"));
  m_weight->setToolTip(tr("> 0: each violation v adds weight * v^2 to the cost"));
  m_experiment->setPlaceholderText(tr("every experiment"));
  m_experiment->setToolTip(tr("ODE models: the one experiment it applies to"));
  m_grid->setHorizontalHeaderLabels({tr("variable"), tr("from"), tr("to"), tr("count")});
  m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_grid->setToolTip(
      tr("Collocation axes: an input g reads without a row takes the data's range and the default "
         "count; empty from/to take the data's range, an empty count the default"));
  m_status->setWordWrap(true);

  auto* axisButtons = new QHBoxLayout;
  axisButtons->addWidget(m_addAxis);
  axisButtons->addWidget(m_removeAxis);
  axisButtons->addStretch(1);
  auto* form = new QFormLayout;
  form->addRow(tr("Kind"), m_kind);
  form->addRow(tr("Name"), m_name);
  form->addRow(tr("Expression g"), m_expression);
  form->addRow(tr("Lower bound"), m_lower);
  form->addRow(tr("Upper bound"), m_upper);
  form->addRow(tr("Monotone in"), m_along);
  form->addRow(QString(), m_decreasing);
  form->addRow(tr("Weight"), m_weight);
  if (ode)
    form->addRow(tr("Experiment"), m_experiment);
  else
    m_experiment->hide();
  form->addRow(tr("Collocation grid"), m_grid);
  form->addRow(QString(), axisButtons);
  form->addRow(m_status);
  connect(m_addAxis, &QPushButton::clicked, this, [this] {
    m_grid->insertRow(m_grid->rowCount());
    readForm();
  });
  connect(m_removeAxis, &QPushButton::clicked, this, [this] {
    if (m_grid->rowCount() == 0) return;
    m_grid->removeRow(m_grid->currentRow() >= 0 ? m_grid->currentRow() : m_grid->rowCount() - 1);
    readForm();
  });
  for (QLineEdit* e : {m_name, m_expression, m_lower, m_upper, m_along, m_weight, m_experiment})
    connect(e, &QLineEdit::textEdited, this, [this] { readForm(); });
  connect(m_kind, &QComboBox::currentIndexChanged, this, [this] { readForm(); });
  connect(m_decreasing, &QCheckBox::toggled, this, [this] { readForm(); });
  connect(m_grid, &QTableWidget::cellChanged, this, [this] { readForm(); });
  QStringList names;
  for (const model::PenaltySpec& s : m_specs) names << itemText(s);
  finishLayout(form, names);
  showCurrent();
}

void PenaltiesPage::appendSpec() {
  model::PenaltySpec s;
  s.lower = 0;  // a bound to start from: g >= 0
  m_specs.push_back(s);
  appended(itemText(s));
}

void PenaltiesPage::eraseSpec(int row) { m_specs.erase(m_specs.begin() + row); }

QString PenaltiesPage::itemText(const model::PenaltySpec& s) const { return QString::fromStdString(s.label()); }

QString PenaltiesPage::problem() const {
  for (std::size_t i = 0; i < m_specs.size(); ++i) {
    const QString who = itemText(m_specs[i]);
    if (!m_formErrors[i].isEmpty()) return tr("%1: %2").arg(who, m_formErrors[i]);
    if (const std::string p = m_specs[i].validate(); !p.empty())
      return tr("%1: %2").arg(who, QString::fromStdString(p));
    if (!m_ode && !m_specs[i].experiment.empty()) return tr("%1: only ODE models have experiments").arg(who);
  }
  return {};
}

void PenaltiesPage::showCurrent() {
  const int row = currentRow();
  const bool any = row >= 0;
  for (QWidget* w :
       std::initializer_list<QWidget*>{m_kind, m_name, m_expression, m_lower, m_upper, m_along, m_decreasing, m_weight,
                                       m_experiment, m_grid, m_addAxis, m_removeAxis, removeButton()})
    w->setEnabled(any);
  m_updating = true;
  const QSignalBlocker b1(m_kind), b2(m_decreasing), b3(m_grid);
  m_grid->setRowCount(0);
  if (any) {
    const model::PenaltySpec& s = m_specs[static_cast<std::size_t>(row)];
    m_kind->setCurrentIndex(static_cast<int>(std::find(std::begin(kKinds), std::end(kKinds), s.kind) - kKinds));
    m_name->setText(QString::fromStdString(s.name));
    m_expression->setText(QString::fromStdString(s.expression));
    m_lower->setText(boundText(s.lower));
    m_upper->setText(boundText(s.upper));
    m_along->setText(QString::fromStdString(s.along));
    m_decreasing->setChecked(s.decreasing);
    m_weight->setText(QString::number(s.weight, 'g', 12));
    m_experiment->setText(QString::fromStdString(s.experiment));
    for (const model::CollocationAxis& a : s.grid) {
      const int r = m_grid->rowCount();
      m_grid->insertRow(r);
      m_grid->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(a.variable)));
      m_grid->setItem(r, 1, new QTableWidgetItem(boundText(a.lower)));
      m_grid->setItem(r, 2, new QTableWidgetItem(boundText(a.upper)));
      m_grid->setItem(r, 3, new QTableWidgetItem(a.count > 0 ? QString::number(a.count) : QString()));
    }
  }
  m_updating = false;
  refreshStatus();
}

void PenaltiesPage::readForm() {
  const int row = currentRow();
  if (m_updating || row < 0) return;
  model::PenaltySpec& s = m_specs[static_cast<std::size_t>(row)];
  QString& error = m_formErrors[static_cast<std::size_t>(row)];
  error.clear();
  const auto fail = [&error](const QString& e) {
    if (error.isEmpty()) error = e;
  };
  s.kind = kKinds[m_kind->currentIndex()];
  s.name = m_name->text().trimmed().toStdString();
  s.expression = m_expression->text().trimmed().toStdString();
  // Only the fields of the chosen kind count (the others are disabled).
  s.lower = -INFINITY;
  s.upper = INFINITY;
  if (s.kind == model::PenaltyKind::Bounds) {
    if (!readNumber(m_lower->text(), -INFINITY, s.lower)) fail(tr("the lower bound is not a number"));
    if (!readNumber(m_upper->text(), INFINITY, s.upper)) fail(tr("the upper bound is not a number"));
  }
  const bool monotone = s.kind == model::PenaltyKind::Monotone;
  s.along = monotone ? m_along->text().trimmed().toStdString() : std::string();
  s.decreasing = monotone && m_decreasing->isChecked();
  if (!readNumber(m_weight->text(), 1.0, s.weight)) fail(tr("the weight is not a number"));
  s.experiment = m_ode ? m_experiment->text().trimmed().toStdString() : std::string();
  s.grid.clear();
  const auto cell = [this](int r, int c) {
    const QTableWidgetItem* item = m_grid->item(r, c);
    return item ? item->text().trimmed() : QString();
  };
  for (int r = 0; r < m_grid->rowCount(); ++r) {
    model::CollocationAxis a;
    a.variable = cell(r, 0).toStdString();
    if (!readNumber(cell(r, 1), NAN, a.lower)) fail(tr("axis %1: 'from' is not a number").arg(r + 1));
    if (!readNumber(cell(r, 2), NAN, a.upper)) fail(tr("axis %1: 'to' is not a number").arg(r + 1));
    if (!cell(r, 3).isEmpty()) {
      bool ok = false;
      a.count = cell(r, 3).toInt(&ok);
      if (!ok) fail(tr("axis %1: the count is not a whole number").arg(r + 1));
    }
    s.grid.push_back(a);
  }
  list()->item(row)->setText(itemText(s));
  refreshStatus();
  emit edited();
}

void PenaltiesPage::refreshStatus() {
  const int row = currentRow();
  if (row >= 0) {
    const model::PenaltySpec& s = m_specs[static_cast<std::size_t>(row)];
    m_lower->setEnabled(s.kind == model::PenaltyKind::Bounds);
    m_upper->setEnabled(s.kind == model::PenaltyKind::Bounds);
    m_along->setEnabled(s.kind == model::PenaltyKind::Monotone);
    m_decreasing->setEnabled(s.kind == model::PenaltyKind::Monotone);
  }
  const QString p = problem();
  m_status->setText(p.isEmpty() ? (m_specs.empty() ? tr("No penalties.") : QString())
                                : QStringLiteral("<span style='color:#b00020'>%1</span>").arg(p.toHtmlEscaped()));
}

}  // namespace hf::app
