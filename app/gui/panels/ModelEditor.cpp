#include "panels/ModelEditor.h"

#include "common/Error.h"
#include "common/NameMatch.h"
#include "document/ProjectDocument.h"
#include "model/AlgebraicModel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextDocument>

#include <QLineEdit>
#include <algorithm>

namespace hf::app {

ModelEditor::ModelEditor(ProjectDocument* doc, QWidget* parent)
    : QWidget(parent),
      m_doc(doc),
      m_formula(new QLineEdit(this)),
      m_response(new QLineEdit(this)),
      m_weightKind(new QComboBox(this)),
      m_weightColumn(new QComboBox(this)),
      m_variables(new QLabel(this)),
      m_status(new QLabel(this)),
      m_learnedTerms(new QPushButton(tr("Learned terms and penalties…"), this)) {
  auto* form = new QFormLayout(this);
  m_formula->setPlaceholderText(tr("e.g. A*exp(-k*t) + c"));
  m_formula->setToolTip(
      tr("Model formula: data columns are variables, other names are parameters.\n"
         "Operators + - * / ^, functions exp, log, sqrt, sin, ... and constants pi, e."));
  m_response->setToolTip(tr("What the model predicts: a column, or an expression of columns such as log(y)"));
  m_weightKind->addItems({tr("none"), tr("sigma column"), tr("weight column")});
  m_weightKind->setToolTip(tr("Per-point weighting: none, a column of standard deviations, or of weights"));
  m_weightColumn->setToolTip(tr("Column holding sigma or the weights"));
  m_variables->setToolTip(tr("Data columns the formula uses"));
  m_status->setWordWrap(true);
  m_status->setTextFormat(Qt::RichText);
  form->addRow(tr("Formula"), m_formula);
  form->addRow(tr("Response"), m_response);
  form->addRow(tr("Weights"), m_weightKind);
  form->addRow(tr("Weight column"), m_weightColumn);
  form->addRow(tr("Inputs"), m_variables);
  form->addRow(m_status);
  m_learnedTerms->setToolTip(
      tr("Learned components (networks, RBF, polynomials) the formula may call, and physical penalties at "
         "collocation points"));
  form->addRow(m_learnedTerms);
  connect(m_learnedTerms, &QPushButton::clicked, this, &ModelEditor::learnedTermsRequested);

  connect(m_formula, &QLineEdit::textEdited, this, [this](const QString& t) {
    if (!m_updating) m_doc->setFormula(t);
  });
  connect(m_response, &QLineEdit::textEdited, this, [this](const QString& t) {
    if (!m_updating) m_doc->setResponse(t);
  });
  auto weightsChanged = [this] {
    if (m_updating) return;
    const auto kind = static_cast<model::WeightKind>(m_weightKind->currentIndex());
    QString column = m_weightColumn->currentText();
    if (kind != model::WeightKind::None && column.isEmpty()) column = suggestedWeightColumn();
    m_doc->setWeights(kind, kind == model::WeightKind::None ? QString() : column);
  };
  connect(m_weightKind, &QComboBox::currentIndexChanged, this, weightsChanged);
  connect(m_weightColumn, &QComboBox::currentIndexChanged, this, weightsChanged);
  connect(doc, &ProjectDocument::changed, this, &ModelEditor::refreshFromDocument);
  connect(doc, &ProjectDocument::changed, this, &ModelEditor::updateStatus);  // e.g. a parameter fixed
  // Building the model reads all the data: only when the model changed.
  connect(doc, &ProjectDocument::modelChanged, this, &ModelEditor::check);
  refreshFromDocument();
  check();
}

void ModelEditor::setReadOnly(bool readOnly) {
  for (QWidget* w : std::initializer_list<QWidget*>{m_formula, m_response, m_weightKind, m_learnedTerms})
    w->setEnabled(!readOnly);
  m_weightColumn->setEnabled(!readOnly && m_doc->project().model.spec.weightKind != model::WeightKind::None);
}

QString ModelEditor::suggestedWeightColumn() const {
  const project::Project& p = m_doc->project();
  if (p.datasets.empty()) return {};
  const std::vector<std::string> names = p.datasets.front().data.columnNames();
  const std::string& y = p.model.spec.response;
  // Usual names for the uncertainty of y, then the last column that is
  // neither y nor an input of the model; none when there is no such column.
  for (const std::string& candidate : {"s" + y, "d" + y, "u" + y, "sigma_" + y, "sigma" + y, std::string("sigma"),
                                       std::string("sd"), std::string("err"), std::string("error")})
    if (std::find(names.begin(), names.end(), candidate) != names.end()) return QString::fromStdString(candidate);
  for (auto it = names.rbegin(); it != names.rend(); ++it)
    if (*it != y && !m_inputs.contains(QString::fromStdString(*it))) return QString::fromStdString(*it);
  return {};
}

void ModelEditor::refreshFromDocument() {
  m_updating = true;
  const project::Project& p = m_doc->project();
  const QString formula = QString::fromStdString(p.model.spec.formula);
  if (m_formula->text() != formula) m_formula->setText(formula);
  const QString response = QString::fromStdString(p.model.spec.response);
  if (m_response->text() != response) m_response->setText(response);
  m_weightKind->setCurrentIndex(static_cast<int>(p.model.spec.weightKind));
  m_weightColumn->clear();
  if (!p.datasets.empty())
    for (const std::string& c : p.datasets.front().data.columnNames())
      m_weightColumn->addItem(QString::fromStdString(c));
  // No weights: no column shown (a greyed-out name would look like a choice).
  if (p.model.spec.weightKind == model::WeightKind::None)
    m_weightColumn->setCurrentIndex(-1);
  else
    m_weightColumn->setCurrentText(QString::fromStdString(p.model.spec.weightColumn));
  m_weightColumn->setEnabled(p.model.spec.weightKind != model::WeightKind::None && m_formula->isEnabled());
  m_updating = false;
}

void ModelEditor::check() {
  const project::Project& p = m_doc->project();
  bool valid = false;
  m_error.clear();
  try {
    const model::AlgebraicModel m(p.modelDataset(), p.model.spec);
    QStringList vars;
    for (const std::string& v : m.variables()) vars << QString::fromStdString(v);
    m_variables->setText(vars.join(QStringLiteral(", ")));
    m_inputs = vars;
    m_points = m.pointCount();
    valid = true;
  } catch (const Error& e) {
    // Show the formula with the offending character marked.
    QString marked;
    const int pos = e.location().position;
    const QString f = QString::fromStdString(p.model.spec.formula);
    if (pos >= 0 && pos <= f.size()) {
      marked = QStringLiteral("<br><tt>%1<span style='background:#f4b0b0'>%2</span>%3</tt>")
                   .arg(f.left(pos).toHtmlEscaped(),
                        pos < f.size() ? f.mid(pos, 1).toHtmlEscaped() : QStringLiteral("&nbsp;"),
                        f.mid(pos + 1).toHtmlEscaped());
    }
    m_error = QStringLiteral("<span style='color:#b01e1e'>%1</span>%2")
                  .arg(QString::fromStdString(e.message()).toHtmlEscaped(), marked);
    m_variables->clear();
  }
  const bool flipped = valid != m_valid;
  m_valid = valid;
  updateStatus();
  if (flipped) emit validityChanged(valid);
}

void ModelEditor::updateStatus() {
  const project::Project& p = m_doc->project();
  QString status;
  if (!m_valid) {
    status = m_error;
  } else {
    const auto plural = [](std::size_t n, const QString& one, const QString& many) {
      return n == 1 ? one : many.arg(n);
    };
    std::size_t fixed = 0;
    QStringList names;
    for (const fit::ParameterSetting& s : p.parameters) {
      names << QString::fromStdString(s.name);
      fixed += s.fixed ? 1 : 0;
    }
    QString params = plural(p.parameters.size(), tr("1 parameter"), tr("%1 parameters"));
    if (fixed) params += tr(" (%1 fixed)").arg(fixed);
    status = tr("<span style='color:#2a7a2a'>OK: %1, %2</span>")
                 .arg(plural(m_points, tr("1 point"), tr("%1 points")), params);
    // Which names are parameters, and a likely misspelt column among them
    // (issue 10, fault 10: "cnoc" for "conc" became a parameter silently).
    if (!names.isEmpty()) status += QStringLiteral("<br>") + tr("Parameters: %1").arg(names.join(QStringLiteral(", ")));
    if (!p.datasets.empty()) {
      const std::vector<std::string> columns = p.datasets.front().data.columnNames();
      for (const fit::ParameterSetting& s : p.parameters)
        if (const std::string col = closestName(s.name, columns); !col.empty())
          status += QStringLiteral("<br><span style='color:#9a5b00'>%1</span>")
                        .arg(tr("'%1' is not a data column, so it is a parameter: did you mean the column '%2'?")
                                 .arg(QString::fromStdString(s.name), QString::fromStdString(col))
                                 .toHtmlEscaped());
    }
  }
  m_status->setText(status);
  // The whole text also as a tooltip: nothing is lost in a narrow panel.
  QTextDocument doc;
  doc.setHtml(status);
  m_status->setToolTip(doc.toPlainText());
}

}  // namespace hf::app
