#include "dialogs/LearnedComponentsPage.h"

#include "common/Error.h"
#include "dialogs/NumberLists.h"
#include "ml/LearnedFunction.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>
#include <limits>

namespace hf::app {
namespace {

constexpr ml::LearnedKind kKinds[] = {ml::LearnedKind::Mlp, ml::LearnedKind::Rbf, ml::LearnedKind::Polynomial};
constexpr ml::Activation kActivations[] = {ml::Activation::Tanh, ml::Activation::Softplus, ml::Activation::Sigmoid,
                                           ml::Activation::Gaussian, ml::Activation::Swish};

bool sameShape(const ml::LearnedSpec& a, const ml::LearnedSpec& b) {
  return a.kind == b.kind && a.inputs == b.inputs && a.outputs == b.outputs && a.hidden == b.hidden &&
         a.centres == b.centres && a.degree == b.degree && a.seed == b.seed;
}

}  // namespace

LearnedComponentsPage::LearnedComponentsPage(std::vector<ml::LearnedSpec> specs, QWidget* parent)
    : SpecListPage(specs.size(), parent),
      m_specs(std::move(specs)),
      m_name(new QLineEdit(this)),
      m_type(new QComboBox(this)),
      m_inputs(new QSpinBox(this)),
      m_outputs(new QSpinBox(this)),
      m_hidden(new QLineEdit(this)),
      m_activation(new QComboBox(this)),
      m_centres(new QSpinBox(this)),
      m_degree(new QSpinBox(this)),
      m_seed(new QSpinBox(this)),
      m_l2(new QLineEdit(this)),
      m_inOffset(new QLineEdit(this)),
      m_inScale(new QLineEdit(this)),
      m_outScale(new QLineEdit(this)),
      m_outOffset(new QLineEdit(this)),
      m_weights(new QLabel(this)),
      m_status(new QLabel(this)) {
  for (ml::LearnedKind k : kKinds) m_type->addItem(QString::fromLatin1(ml::kindName(k)));
  for (ml::Activation a : kActivations) m_activation->addItem(QString::fromLatin1(ml::activationName(a)));
  m_inputs->setRange(1, 16);
  m_outputs->setRange(1, 16);
  m_centres->setRange(1, 256);
  m_degree->setRange(0, 8);
  m_seed->setRange(0, std::numeric_limits<int>::max());
  m_type->setToolTip(
      tr("mlp: multilayer perceptron; rbf: Gaussian radial basis functions with fitted centres and "
         "widths; polynomial: every monomial of the inputs up to a degree"));
  m_name->setToolTip(tr("How formulas call it: NAME(inputs) or NAME(inputs)[k] for output k"));
  m_hidden->setToolTip(tr("Hidden layer widths, e.g. 5, 5, 5 (empty: a linear map)"));
  m_l2->setToolTip(tr("Weight penalty lambda >= 0: adds lambda * sum of squared weights to the cost"));
  m_inOffset->setToolTip(tr("Per input, comma-separated: the component sees (x - offset) / scale (empty: 0)"));
  m_inScale->setToolTip(
      tr("Per input: choose about half the input's range so that inputs are of order one "
         "(empty: 1)"));
  m_outScale->setToolTip(tr("Per output: output = scale * raw + offset (empty: 1)"));
  m_outOffset->setToolTip(tr("Per output (empty: 0)"));
  m_seed->setToolTip(tr("Seed of the weight initialisation: the same seed gives the same weights everywhere"));
  m_status->setWordWrap(true);
  m_weights->setWordWrap(true);

  auto* form = new QFormLayout;
  form->addRow(tr("Name"), m_name);
  form->addRow(tr("Type"), m_type);
  form->addRow(tr("Inputs"), m_inputs);
  form->addRow(tr("Outputs"), m_outputs);
  form->addRow(tr("Hidden layers"), m_hidden);
  form->addRow(tr("Activation"), m_activation);
  form->addRow(tr("Centres"), m_centres);
  form->addRow(tr("Degree"), m_degree);
  form->addRow(tr("Seed"), m_seed);
  form->addRow(tr("L2 penalty"), m_l2);
  form->addRow(tr("Input offset"), m_inOffset);
  form->addRow(tr("Input scale"), m_inScale);
  form->addRow(tr("Output scale"), m_outScale);
  form->addRow(tr("Output offset"), m_outOffset);
  form->addRow(m_weights);
  form->addRow(m_status);
  for (QLineEdit* e : {m_name, m_hidden, m_l2, m_inOffset, m_inScale, m_outScale, m_outOffset})
    connect(e, &QLineEdit::textEdited, this, [this] { readForm(); });
  for (QComboBox* c : {m_type, m_activation}) connect(c, &QComboBox::currentIndexChanged, this, [this] { readForm(); });
  for (QSpinBox* b : {m_inputs, m_outputs, m_centres, m_degree, m_seed})
    connect(b, &QSpinBox::valueChanged, this, [this] { readForm(); });
  QStringList names;
  for (const ml::LearnedSpec& s : m_specs) names << QString::fromStdString(s.name);
  finishLayout(form, names);
  showCurrent();
}

void LearnedComponentsPage::appendSpec() {
  ml::LearnedSpec s;
  s.name = "NN";
  const auto taken = [this](const std::string& name) {
    return std::any_of(m_specs.begin(), m_specs.end(), [&](const ml::LearnedSpec& o) { return o.name == name; });
  };
  for (int n = 2; taken(s.name); ++n) s.name = "NN" + std::to_string(n);
  m_specs.push_back(s);
  appended(QString::fromStdString(s.name));
}

void LearnedComponentsPage::eraseSpec(int row) { m_specs.erase(m_specs.begin() + row); }

QString LearnedComponentsPage::problem() const {
  for (std::size_t i = 0; i < m_specs.size(); ++i) {
    const QString who = QString::fromStdString(m_specs[i].name);
    if (!m_formErrors[i].isEmpty()) return tr("%1: %2").arg(who, m_formErrors[i]);
    if (const std::string p = m_specs[i].validate(); !p.empty()) return QString::fromStdString(p);
    for (std::size_t j = 0; j < i; ++j)
      if (m_specs[j].name == m_specs[i].name) return tr("two learned components are called '%1'").arg(who);
  }
  return {};
}

void LearnedComponentsPage::showCurrent() {
  const int row = currentRow();
  const bool any = row >= 0;
  for (QWidget* w :
       std::initializer_list<QWidget*>{m_name, m_type, m_inputs, m_outputs, m_hidden, m_activation, m_centres, m_degree,
                                       m_seed, m_l2, m_inOffset, m_inScale, m_outScale, m_outOffset, removeButton()})
    w->setEnabled(any);
  if (any) {
    const QSignalBlocker b1(m_type), b2(m_activation), b3(m_inputs), b4(m_outputs), b5(m_centres), b6(m_degree),
        b7(m_seed);
    m_updating = true;
    const ml::LearnedSpec& s = m_specs[static_cast<std::size_t>(row)];
    m_formErrors[static_cast<std::size_t>(row)].clear();  // the form shows the spec's values again
    m_name->setText(QString::fromStdString(s.name));
    m_type->setCurrentIndex(static_cast<int>(std::find(std::begin(kKinds), std::end(kKinds), s.kind) - kKinds));
    m_inputs->setValue(static_cast<int>(s.inputs));
    m_outputs->setValue(static_cast<int>(s.outputs));
    m_hidden->setText(joinCounts(s.hidden));
    m_activation->setCurrentIndex(
        static_cast<int>(std::find(std::begin(kActivations), std::end(kActivations), s.activation) - kActivations));
    m_centres->setValue(static_cast<int>(s.centres));
    m_degree->setValue(s.degree);
    m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(s.seed, std::numeric_limits<int>::max())));
    m_l2->setText(QString::number(s.l2, 'g', 12));
    m_inOffset->setText(joinNumbers(s.inputOffset));
    m_inScale->setText(joinNumbers(s.inputScale));
    m_outScale->setText(joinNumbers(s.outputScale));
    m_outOffset->setText(joinNumbers(s.outputOffset));
    m_updating = false;
  }
  refreshStatus();
}

void LearnedComponentsPage::readForm() {
  const int row = currentRow();
  if (m_updating || row < 0) return;
  ml::LearnedSpec& s = m_specs[static_cast<std::size_t>(row)];
  const ml::LearnedSpec before = s;
  QString& error = m_formErrors[static_cast<std::size_t>(row)];
  error.clear();
  s.name = m_name->text().trimmed().toStdString();
  s.kind = kKinds[m_type->currentIndex()];
  s.inputs = static_cast<std::size_t>(m_inputs->value());
  s.outputs = static_cast<std::size_t>(m_outputs->value());
  s.activation = kActivations[m_activation->currentIndex()];
  s.centres = static_cast<std::size_t>(m_centres->value());
  s.degree = m_degree->value();
  // A seed beyond the spin box's range stays as it is unless edited.
  if (m_seed->value() != static_cast<int>(std::min<std::uint64_t>(s.seed, std::numeric_limits<int>::max())))
    s.seed = static_cast<std::uint64_t>(m_seed->value());
  QString e;
  if (auto h = parseCounts(m_hidden->text(), &e))
    s.hidden = *h;
  else
    error = tr("hidden layers: %1").arg(e);
  bool ok = false;
  const double l2 = m_l2->text().trimmed().toDouble(&ok);
  if (ok)
    s.l2 = l2;
  else if (error.isEmpty())
    error = tr("L2 penalty: '%1' is not a number").arg(m_l2->text().trimmed());
  const std::pair<QLineEdit*, std::vector<double>*> lists[] = {{m_inOffset, &s.inputOffset},
                                                               {m_inScale, &s.inputScale},
                                                               {m_outScale, &s.outputScale},
                                                               {m_outOffset, &s.outputOffset}};
  for (const auto& [edit, target] : lists) {
    if (auto v = parseNumbers(edit->text(), &e))
      *target = *v;
    else if (error.isEmpty())
      error = e;
  }
  if (!sameShape(before, s)) s.weights.clear();
  list()->item(row)->setText(QString::fromStdString(s.name));
  refreshStatus();
  emit edited();
}

void LearnedComponentsPage::refreshStatus() {
  const int row = currentRow();
  if (row < 0) {
    m_weights->clear();
    m_status->setText(m_specs.empty() ? tr("No learned components. Add one, then call it from the model's formula, "
                                           "e.g. a*x + NN(x).")
                                      : QString());
    return;
  }
  const ml::LearnedSpec& s = m_specs[static_cast<std::size_t>(row)];
  m_hidden->setEnabled(s.kind == ml::LearnedKind::Mlp);
  m_activation->setEnabled(s.kind == ml::LearnedKind::Mlp);
  m_centres->setEnabled(s.kind == ml::LearnedKind::Rbf);
  m_degree->setEnabled(s.kind == ml::LearnedKind::Polynomial);
  const QString p = problem();
  m_status->setText(p.isEmpty() ? QString()
                                : QStringLiteral("<span style='color:#b00020'>%1</span>").arg(p.toHtmlEscaped()));
  try {
    const auto f = ml::LearnedFunction::create(s);
    m_weights->setText(s.weights.empty() ? tr("%1 weights, from the seeded initialisation").arg(f->weightCount())
                                         : tr("%1 weights, starting from the stored ones").arg(f->weightCount()));
  } catch (const Error&) {
    m_weights->clear();
  }
}

}  // namespace hf::app
