#include "panels/OdeEditor.h"

#include "common/Error.h"
#include "document/ProjectDocument.h"
#include "ode/OdeText.h"
#include "project/ProjectFit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTextBlock>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace hf::app {
namespace {

QString join(const std::vector<std::pair<std::string, std::string>>& pairs) {
  QStringList items;
  for (const auto& [k, v] : pairs) items << QString::fromStdString(k + " = " + v);
  return items.join(QStringLiteral(", "));
}

bool isLocal(const project::Project& p, const std::string& name) {
  const auto& l = p.model.ode.spec.localParameters;
  return std::find(l.begin(), l.end(), name) != l.end();
}

}  // namespace

OdeEditor::OdeEditor(ProjectDocument* doc, QWidget* parent)
    : QWidget(parent),
      m_doc(doc),
      m_equations(new QPlainTextEdit(this)),
      m_initial(new QLineEdit(this)),
      m_observe(new QLineEdit(this)),
      m_sigma(new QLineEdit(this)),
      m_inputs(new QLineEdit(this)),
      m_status(new QLabel(this)),
      m_experiments(new QListWidget(this)),
      m_experimentInitial(new QLineEdit(this)),
      m_grid(new QTableWidget(this)),
      m_plotted(new QComboBox(this)),
      m_simulate(new QPushButton(tr("Simulate"), this)),
      m_learnedTerms(new QPushButton(tr("Learned terms and penalties…"), this)) {
  auto* form = new QFormLayout(this);
  m_equations->setPlaceholderText(tr("dA/dt = -k1*A\ndB/dt = k1*A - k2*B"));
  m_equations->setToolTip(
      tr("One equation per line: dX/dt = rate. Rates are formulas of time, the states, "
         "inputs and parameters (every other name)."));
  m_equations->setTabChangesFocus(true);
  m_equations->setMaximumHeight(110);
  m_initial->setPlaceholderText(tr("A = 1, B = B0"));
  m_initial->setToolTip(tr("Each state's initial value: a number or a formula of parameters (fitted too)"));
  m_observe->setPlaceholderText(tr("A = A, Bm = s*B"));
  m_observe->setToolTip(tr("Data column = formula of states and parameters, for every measured column"));
  m_sigma->setPlaceholderText(tr("A = sA (optional)"));
  m_sigma->setToolTip(tr("A standard-deviation column for an observed column: its residuals are divided by it"));
  m_inputs->setPlaceholderText(tr("u, T: hold (optional)"));
  m_inputs->setToolTip(
      tr("Known inputs u(t) the rates may use: data columns, each interpolated linearly between its samples "
         "or held until the next (': hold'). Each experiment takes an input from its column of that name."));
  m_status->setWordWrap(true);
  m_status->setTextFormat(Qt::RichText);
  m_experiments->setToolTip(
      tr("Experiments (datasets with their own initial values); the plots show the selected one"));
  m_experiments->setMaximumHeight(80);
  m_grid->setToolTip(
      tr("Shared or local: tick 'own value per experiment' to give a parameter one value per "
         "experiment (unlink); untick to share one value (link). Cells show the values the plots use."));
  m_grid->verticalHeader()->hide();
  m_grid->setMinimumHeight(100);
  m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_simulate->setToolTip(
      tr("Show the trajectories at the current values (the fit's estimates, or the starts) "
         "without fitting"));
  form->addRow(tr("Equations"), m_equations);
  form->addRow(tr("Initial values"), m_initial);
  form->addRow(tr("Observed"), m_observe);
  form->addRow(tr("Sigma columns"), m_sigma);
  form->addRow(tr("Inputs"), m_inputs);
  form->addRow(m_status);
  form->addRow(tr("Experiments"), m_experiments);
  m_experimentInitial->setPlaceholderText(tr("the model's (e.g. Ag = 200 here)"));
  m_experimentInitial->setToolTip(
      tr("Initial values of the selected experiment where they differ from the model's: "
         "state = number or formula of parameters"));
  form->addRow(tr("Its initial values"), m_experimentInitial);
  connect(m_experimentInitial, &QLineEdit::textEdited, this, [this] {
    if (!m_updating) experimentInitialEdited();
  });
  form->addRow(tr("Time plot of"), m_plotted);
  m_plotted->setToolTip(tr("All observables in one time plot, or one of them (on its own scale)"));
  connect(m_plotted, &QComboBox::currentIndexChanged, this, [this](int i) {
    if (!m_updating && i >= 0) emit observableSelected(i - 1);
  });
  form->addRow(m_grid);
  form->addRow(m_simulate);
  m_learnedTerms->setToolTip(
      tr("Learned components (networks, RBF, polynomials) the rates may call, and physical penalties at "
         "collocation times"));
  form->addRow(m_learnedTerms);

  connect(m_equations, &QPlainTextEdit::textChanged, this, [this] {
    if (!m_updating) edited();
  });
  for (QLineEdit* e : {m_initial, m_observe, m_sigma, m_inputs})
    connect(e, &QLineEdit::textEdited, this, [this] {
      if (!m_updating) edited();
    });
  connect(m_experiments, &QListWidget::currentRowChanged, this, [this](int row) {
    if (m_updating || row < 0) return;
    m_experiment = row;
    showExperimentInitial();
    emit experimentSelected(row);
  });
  connect(m_simulate, &QPushButton::clicked, this, &OdeEditor::simulateRequested);
  connect(m_learnedTerms, &QPushButton::clicked, this, &OdeEditor::learnedTermsRequested);
  connect(doc, &ProjectDocument::changed, this, &OdeEditor::refreshFromDocument);
  connect(doc, &ProjectDocument::modelChanged, this, &OdeEditor::check);
  // Another project: the first experiment, every observable (the window
  // resets the plots' selection the same way).
  connect(doc, &ProjectDocument::dataReplaced, this, [this] {
    m_experiment = 0;
    m_updating = true;
    m_plotted->setCurrentIndex(0);
    m_updating = false;
  });
  refreshFromDocument();
  check();
}

void OdeEditor::setReadOnly(bool readOnly) {
  for (QWidget* w : std::initializer_list<QWidget*>{m_equations, m_initial, m_observe, m_sigma, m_inputs, m_grid,
                                                    m_simulate, m_learnedTerms})
    w->setEnabled(!readOnly);
}

void OdeEditor::refreshFromDocument() {
  const project::Project& p = m_doc->project();
  if (!p.model.isOde()) return;
  const project::OdeModelSettings& ode = p.model.ode;
  m_updating = true;
  // Texts only when they differ in meaning from the document's (typing
  // must not reset the cursor): compare with what the texts parse to.
  QStringList lines;
  const auto& eq = ode.spec.equations;
  for (std::size_t i = 0; i < eq.states.size(); ++i)
    lines << QString::fromStdString("d" + eq.states[i] + "/d" + eq.timeName + " = " + eq.rates[i]);
  std::vector<std::pair<std::string, std::string>> init, obs, sig;
  for (std::size_t i = 0; i < eq.states.size() && i < ode.spec.initial.size(); ++i)
    init.emplace_back(eq.states[i], ode.spec.initial[i]);
  for (const model::OdeObservable& o : ode.spec.observables) {
    obs.emplace_back(o.column, o.expression);
    if (!o.sigmaColumn.empty()) sig.emplace_back(o.column, o.sigmaColumn);
  }
  const auto sameEquations = [&] {
    try {
      const ode::OdeEquations now = ode::parseOdeEquations(m_equations->toPlainText().toStdString());
      return now.states == eq.states && now.rates == eq.rates && now.timeName == eq.timeName;
    } catch (const Error&) {
      return false;
    }
  };
  if (!sameEquations()) m_equations->setPlainText(lines.join('\n'));
  // A field is rewritten only when what it says differs from the document
  // (typing "A = A," must keep its comma).
  const auto sameText = [](QLineEdit* e, const std::vector<std::pair<std::string, std::string>>& pairs) {
    bool same = false;
    try {
      const auto now = ode::parseNamedExpressions(e->text().toStdString(), "field");
      same = now.size() == pairs.size();
      for (std::size_t i = 0; same && i < now.size(); ++i) {
        QString a = QString::fromStdString(now[i].second), b = QString::fromStdString(pairs[i].second);
        a.remove(' ');
        b.remove(' ');
        same = now[i].first == pairs[i].first && a == b;
      }
    } catch (const Error&) {
      same = false;
    }
    if (!same) e->setText(join(pairs));
  };
  sameText(m_initial, init);
  sameText(m_observe, obs);
  sameText(m_sigma, sig);
  std::vector<ode::InputDeclaration> inputs;
  for (std::size_t u = 0; u < eq.inputs.size(); ++u)
    inputs.push_back(
        {eq.inputs[u], u < ode.inputInterpolation.size() ? ode.inputInterpolation[u] : ode::Interpolation::Linear});
  const bool sameInputs = [&] {
    try {
      return ode::parseInputList(m_inputs->text().toStdString()) == inputs;
    } catch (const Error&) {
      return false;
    }
  }();
  if (!sameInputs) m_inputs->setText(QString::fromStdString(ode::formatInputList(inputs)));
  const int plotted = m_plotted->currentIndex();
  m_plotted->clear();
  m_plotted->addItem(tr("all observables"));
  for (const model::OdeObservable& o : ode.spec.observables) m_plotted->addItem(QString::fromStdString(o.column));
  const int nowPlotted = plotted >= 0 && plotted < m_plotted->count() ? plotted : 0;
  m_plotted->setCurrentIndex(nowPlotted);
  m_experiments->clear();
  for (const project::ExperimentSettings& x : ode.experiments) {
    const data::Dataset* d = p.findDataset(x.dataset);
    m_experiments->addItem(tr("%1 — %2 rows, t0 = %3")
                               .arg(QString::fromStdString(x.name))
                               .arg(d ? static_cast<qulonglong>(d->rowCount()) : 0)
                               .arg(x.t0));
  }
  const int experiment = std::clamp(m_experiment, 0, std::max(0, m_experiments->count() - 1));
  if (m_experiments->count() > 0) m_experiments->setCurrentRow(experiment);
  m_updating = false;
  showExperimentInitial();
  // The plots follow when the selection had to change (another project).
  if (nowPlotted != plotted && plotted >= 0) emit observableSelected(nowPlotted - 1);
  if (experiment != m_experiment) {
    m_experiment = experiment;
    emit experimentSelected(experiment);
  }
  refreshGrid();
}

void OdeEditor::refreshGrid() {
  const project::Project& p = m_doc->project();
  const auto& ode = p.model.ode;
  const auto& names = ode.spec.parameters;
  m_grid->blockSignals(true);
  m_grid->clear();
  m_grid->setRowCount(static_cast<int>(names.size()));
  m_grid->setColumnCount(2 + static_cast<int>(ode.experiments.size()));
  QStringList header{tr("parameter"), tr("own value per experiment")};
  for (const auto& x : ode.experiments) header << QString::fromStdString(x.name);
  m_grid->setHorizontalHeaderLabels(header);
  const auto valueOf = [&](const std::string& name) -> QString {
    if (p.lastResult)
      for (const fit::ParameterEstimate& e : p.lastResult->parameters)
        if (e.name == name) return QString::number(e.value, 'g', 6);
    for (const fit::ParameterSetting& s : p.parameters)
      if (s.name == name) return s.autoStart ? tr("(auto)") : QString::number(s.start, 'g', 6);
    return QString();
  };
  for (int r = 0; r < static_cast<int>(names.size()); ++r) {
    const std::string& name = names[static_cast<std::size_t>(r)];
    auto* nameItem = new QTableWidgetItem(QString::fromStdString(name));
    nameItem->setFlags(Qt::ItemIsEnabled);
    m_grid->setItem(r, 0, nameItem);
    auto* box = new QCheckBox(m_grid);
    box->setChecked(isLocal(p, name));
    box->setToolTip(tr("Unlink: one value of %1 per experiment").arg(QString::fromStdString(name)));
    connect(box, &QCheckBox::toggled, this, [this, n = QString::fromStdString(name)](bool on) {
      m_doc->setParameterLocal(n, on);
      // Refused (the model does not build): the box shows the truth again.
      if (isLocal(m_doc->project(), n.toStdString()) != on) QTimer::singleShot(0, this, &OdeEditor::refreshGrid);
    });
    m_grid->setCellWidget(r, 1, box);
    for (std::size_t e = 0; e < ode.experiments.size(); ++e) {
      const std::string global = isLocal(p, name) ? name + "[" + ode.experiments[e].name + "]" : name;
      auto* item = new QTableWidgetItem(valueOf(global));
      item->setFlags(Qt::ItemIsEnabled);
      item->setToolTip(isLocal(p, name) ? tr("%1 in this experiment").arg(QString::fromStdString(global))
                                        : tr("shared by all experiments"));
      m_grid->setItem(r, 2 + static_cast<int>(e), item);
    }
  }
  m_grid->blockSignals(false);
}

void OdeEditor::edited() {
  const project::Project& p = m_doc->project();
  project::OdeModelSettings ode = p.model.ode;
  try {
    ode.spec.equations = [&] {
      try {
        return ode::parseOdeEquations(m_equations->toPlainText().toStdString());
      } catch (const Error& e) {
        showError(tr("Equations"), QString::fromStdString(e.message()), e.location().position);
        throw;
      }
    }();
    const auto& states = ode.spec.equations.states;
    std::vector<std::pair<std::string, std::string>> init, obs, sig;
    const auto parse = [this](QLineEdit* edit, const char* option, const QString& label) {
      try {
        return ode::parseNamedExpressions(edit->text().toStdString(), option);
      } catch (const Error& e) {
        showError(label, QString::fromStdString(e.message()), -1);
        throw;
      }
    };
    // Inputs: names and interpolation; an experiment keeps the column it
    // had for an input of the same name.
    const std::vector<ode::InputDeclaration> inputs = [&] {
      try {
        return ode::parseInputList(m_inputs->text().toStdString());
      } catch (const Error& e) {
        showError(tr("Inputs"), QString::fromStdString(e.message()), -1);
        throw;
      }
    }();
    const std::vector<std::string> oldInputs = p.model.ode.spec.equations.inputs;
    ode.spec.equations.inputs.clear();
    ode.inputInterpolation.clear();
    for (const ode::InputDeclaration& d : inputs) {
      ode.spec.equations.inputs.push_back(d.name);
      ode.inputInterpolation.push_back(d.how);
    }
    for (project::ExperimentSettings& x : ode.experiments) {
      std::vector<std::string> columns;
      for (const ode::InputDeclaration& d : inputs) {
        const auto it = std::find(oldInputs.begin(), oldInputs.end(), d.name);
        const auto at = static_cast<std::size_t>(it - oldInputs.begin());
        columns.push_back(it != oldInputs.end() && at < x.inputColumns.size() ? x.inputColumns[at] : std::string());
      }
      x.inputColumns = std::move(columns);
    }
    init = parse(m_initial, "initial values", tr("Initial values"));
    obs = parse(m_observe, "observed", tr("Observed"));
    sig = parse(m_sigma, "sigma columns", tr("Sigma columns"));
    ode.spec.initial.assign(states.size(), std::string());
    for (const auto& [name, value] : init) {
      const auto it = std::find(states.begin(), states.end(), name);
      if (it == states.end()) {
        showError(tr("Initial values"), tr("'%1' is not a state").arg(QString::fromStdString(name)), -1);
        return;
      }
      ode.spec.initial[static_cast<std::size_t>(it - states.begin())] = value;
    }
    for (std::size_t i = 0; i < states.size(); ++i)
      if (ode.spec.initial[i].empty()) {
        showError(tr("Initial values"), tr("no initial value for state '%1'").arg(QString::fromStdString(states[i])),
                  -1);
        return;
      }
    ode.spec.observables.clear();
    for (const auto& [column, expression] : obs) ode.spec.observables.push_back({column, expression, ""});
    for (const auto& [column, sigma] : sig) {
      auto it = std::find_if(ode.spec.observables.begin(), ode.spec.observables.end(),
                             [&](const model::OdeObservable& o) { return o.column == column; });
      if (it == ode.spec.observables.end()) {
        showError(tr("Sigma columns"), tr("'%1' is not an observed column").arg(QString::fromStdString(column)), -1);
        return;
      }
      it->sigmaColumn = sigma;
    }
    if (ode.spec.observables.empty()) {
      showError(tr("Observed"), tr("name at least one observed column (column = formula)"), -1);
      return;
    }
    ode.stateUnits.resize(states.size());
  } catch (const Error&) {
    return;  // shown
  }
  m_equations->setExtraSelections({});
  m_doc->setOdeModel(ode);
  check();  // also when the model did not change (a typo taken back)
}

void OdeEditor::showError(const QString& where, const QString& message, int position) {
  m_status->setText(QStringLiteral("<span style='color:#b00020'>%1: %2</span>").arg(where, message.toHtmlEscaped()));
  QList<QTextEdit::ExtraSelection> marks;
  if (where == tr("Equations") && position >= 0) {
    QTextEdit::ExtraSelection mark;
    mark.cursor = QTextCursor(m_equations->document());
    mark.cursor.setPosition(std::min(position, static_cast<int>(m_equations->toPlainText().size())));
    mark.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
    mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    mark.format.setUnderlineColor(QColor(176, 0, 32));
    mark.format.setBackground(QColor(255, 220, 220));
    marks << mark;
  }
  m_equations->setExtraSelections(marks);
  if (m_valid) {
    m_valid = false;
    emit validityChanged(false);
  }
}

void OdeEditor::check() {
  const project::Project& p = m_doc->project();
  bool valid = false;
  if (!p.model.isOde()) {
    m_status->clear();
  } else {
    try {
      const model::OdeModel m = project::buildOdeModel(p);
      valid = true;
      const auto count = [](std::size_t n, const QString& one, const QString& many) {
        return n == 1 ? one : many.arg(n);
      };
      std::size_t observed = 0;
      for (std::size_t b = 0; b < m.dataBlockCount(); ++b) observed += static_cast<std::size_t>(m.blockSize(b));
      const std::size_t weights = m.learnedWeightCount();
      QStringList parts{count(m.system().stateCount(), tr("1 state"), tr("%1 states")),
                        count(m.parameterNames().size() - weights, tr("1 parameter"), tr("%1 parameters"))};
      if (weights > 0) parts << count(weights, tr("1 learned weight"), tr("%1 learned weights"));
      parts << count(m.experimentCount(), tr("1 experiment"), tr("%1 experiments"))
            << count(observed, tr("1 observed value"), tr("%1 observed values"));
      m_status->setText(parts.join(QStringLiteral(", ")));
    } catch (const Error& e) {
      m_status->setText(QStringLiteral("<span style='color:#b00020'>%1</span>")
                            .arg(QString::fromStdString(e.what()).toHtmlEscaped()));
    }
  }
  if (valid != m_valid) {
    m_valid = valid;
    emit validityChanged(valid);
  }
}

void OdeEditor::showExperimentInitial() {
  const project::Project& p = m_doc->project();
  const auto& experiments = p.model.ode.experiments;
  if (!p.model.isOde() || m_experiment < 0 || m_experiment >= static_cast<int>(experiments.size())) return;
  const auto& x = experiments[static_cast<std::size_t>(m_experiment)];
  const auto& states = p.model.ode.spec.equations.states;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::size_t i = 0; i < x.initial.size() && i < states.size(); ++i)
    if (!x.initial[i].empty()) pairs.emplace_back(states[i], x.initial[i]);
  // Rewritten only when it says something else (typing keeps its text).
  bool same = false;
  try {
    const auto now = ode::parseNamedExpressions(m_experimentInitial->text().toStdString(), "initial values");
    same = now == pairs;
  } catch (const Error&) {
  }
  if (!same) {
    m_updating = true;
    m_experimentInitial->setText(join(pairs));
    m_updating = false;
  }
}

void OdeEditor::experimentInitialEdited() {
  const project::Project& p = m_doc->project();
  const auto& states = p.model.ode.spec.equations.states;
  std::vector<std::string> initial(states.size());
  try {
    for (const auto& [name, value] :
         ode::parseNamedExpressions(m_experimentInitial->text().toStdString(), "initial values")) {
      const auto it = std::find(states.begin(), states.end(), name);
      if (it == states.end()) {
        showError(tr("Its initial values"), tr("'%1' is not a state").arg(QString::fromStdString(name)), -1);
        return;
      }
      initial[static_cast<std::size_t>(it - states.begin())] = value;
    }
  } catch (const Error& e) {
    showError(tr("Its initial values"), QString::fromStdString(e.message()), -1);
    return;
  }
  m_doc->setExperimentInitial(m_experiment, initial);
  check();
}

}  // namespace hf::app
