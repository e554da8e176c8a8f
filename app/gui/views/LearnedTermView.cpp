#include "views/LearnedTermView.h"

#include "common/Error.h"
#include "expr/Expression.h"
#include "plot/ChartView.h"
#include "project/LearnedTermSamples.h"
#include "project/StatedOde.h"
#include "surface/SurfaceView.h"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace hf::app {

LearnedTermView::LearnedTermView(QWidget* parent)
    : QWidget(parent),
      m_output(new QComboBox(this)),
      m_note(new QLabel(this)),
      m_reference(new QLineEdit(this)),
      m_stack(new QStackedWidget(this)),
      m_chart(new widgets::ChartView(this)),
      m_surface(new widgets::SurfaceView(this)) {
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Learned output"), this));
  bar->addWidget(m_output);
  bar->addWidget(new QLabel(tr("compared with"), this));
  bar->addWidget(m_reference, 1);
  bar->addWidget(m_note, 1);
  m_reference->setPlaceholderText(tr("a reference in the inputs, e.g. -0.9*x*y"));
  m_reference->setToolTip(
      tr("An expression of the learned term's inputs (e.g. the term it should learn), drawn "
         "beside it: a curve for one input, its values at the data as points for two"));
  connect(m_reference, &QLineEdit::editingFinished, this, [this] { redraw(); });
  m_output->setToolTip(tr("The learned component's output to plot against its inputs"));
  m_note->setToolTip(tr("Whose weights the plot shows"));
  m_stack->addWidget(m_chart);
  m_stack->addWidget(m_surface);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(bar);
  layout->addWidget(m_stack, 1);
  connect(m_output, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
}

QString LearnedTermView::currentOutput() const { return m_output->currentText(); }

void LearnedTermView::setReference(const QString& expression) {
  m_reference->setText(expression);
  redraw();
}

bool LearnedTermView::showProject(const project::Project& project) {
  m_project = project;
  const std::vector<std::string> outputs = project::learnedOutputs(project);
  QStringList names;
  for (const std::string& o : outputs) names << QString::fromStdString(o);
  QStringList before;
  for (int i = 0; i < m_output->count(); ++i) before << m_output->itemText(i);
  if (names != before) {
    const QSignalBlocker block(m_output);
    const QString current = m_output->currentText();
    m_output->clear();
    m_output->addItems(names);
    if (const int keep = names.indexOf(current); keep >= 0) m_output->setCurrentIndex(keep);
  }
  if (names.isEmpty()) {
    m_chart->clear();
    m_surface->clear();
    return false;
  }
  redraw();
  return true;
}

void LearnedTermView::redraw() {
  const QString text = m_output->currentText();
  if (text.isEmpty()) return;
  // "NAME" or "NAME[k]"
  const qsizetype bracket = text.indexOf('[');
  const std::string component = (bracket < 0 ? text : text.left(bracket)).toStdString();
  const int output = bracket < 0 ? 1 : text.mid(bracket + 1).chopped(1).toInt();
  project::LearnedTermSamples s;
  try {
    s = project::sampleLearnedTerm(m_project, component, output);
  } catch (const Error& e) {
    m_note->setText(QString::fromStdString(e.message()));
    m_chart->clear();
    m_surface->clear();
    return;
  }
  m_note->setText(s.fitted ? tr("weights of the last fit") : tr("starting weights (no fit yet)"));
  const QString value = text;
  // The reference at the grid (one input) or at the data (two).
  std::vector<double> reference, referenceAtData;
  if (const QString r = m_reference->text().trimmed(); !r.isEmpty()) {
    try {
      const expr::Expression e = expr::Expression::compile(r.toStdString(), s.inputs, {});
      std::vector<double> at(s.inputs.size());
      if (s.grid.size() == 1)
        for (double v : s.grid[0]) reference.push_back(e.evaluate(std::span<const double>(&v, 1), {}));
      for (std::size_t k = 0; !s.dataInputs.empty() && k < s.dataInputs[0].size(); ++k) {
        for (std::size_t i = 0; i < at.size(); ++i) at[i] = s.dataInputs[i][k];
        referenceAtData.push_back(e.evaluate(at, {}));
      }
    } catch (const Error& e) {
      m_note->setText(tr("reference: %1").arg(QString::fromStdString(e.message())));
    }
  }
  if (s.grid.size() == 1) {
    m_stack->setCurrentWidget(m_chart);
    const QString x = QString::fromStdString(s.inputs[0]);
    m_chart->setData(s.dataInputs.empty() ? std::span<const double>{} : std::span<const double>(s.dataInputs[0]),
                     s.dataValues, x, value, tr("at the data"));
    m_chart->setCurve(s.grid[0], s.values, tr("learned %1").arg(value));
    const QString refName = tr("reference %1").arg(m_reference->text().trimmed());
    for (const QString& old : m_chart->seriesNames())
      if (old.startsWith(tr("reference "))) m_chart->removeSeries(old);
    if (!reference.empty())
      m_chart->setSeries(refName, s.grid[0], reference,
                         // thinner than the learned curve, which stays visible where they meet
                         {.kind = widgets::ChartView::SeriesKind::Line, .colour = QColor(90, 90, 90), .size = 1.2f});
    drawStatedOde(component, output, s.grid[0]);
    m_chart->resetView();
  } else {
    m_stack->setCurrentWidget(m_surface);
    m_surface->setTitles(QString::fromStdString(s.inputs[0]), QString::fromStdString(s.inputs[1]), value);
    m_surface->setSurface(static_cast<int>(s.grid[0].size()), static_cast<int>(s.grid[1].size()), s.grid[0], s.grid[1],
                          s.values);
    if (s.dataInputs.empty())
      m_surface->setPoints({}, {}, {});
    else
      m_surface->setPoints(s.dataInputs[0], s.dataInputs[1], referenceAtData.empty() ? s.dataValues : referenceAtData);
    if (!referenceAtData.empty()) m_note->setText(m_note->text() + tr("; points: the reference at the data"));
    m_surface->resetCamera();
  }
}

// A network standing for an ODE's solution (equation penalties with
// diff(N(t)[k], t)): that ODE solved from N(t0) at the same parameters,
// beside the network.
void LearnedTermView::drawStatedOde(const std::string& component, int output, const std::vector<double>& times) {
  for (const QString& old : m_chart->seriesNames())
    if (old.startsWith(tr("ODE solved from"))) m_chart->removeSeries(old);
  if (!project::statesOde(m_project, component)) return;
  const QString name = tr("ODE solved from %1(t0)").arg(QString::fromStdString(component));
  const project::StatedOde ode = project::solveStatedOde(m_project, component, times);
  if (ode.states.empty()) {
    m_note->setText(m_note->text() + tr("; no ODE: %1").arg(QString::fromStdString(ode.problem)));
    return;
  }
  const std::size_t n = ode.states.size() / times.size();
  std::vector<double> y;
  for (std::size_t i = 0; i < times.size(); ++i) y.push_back(ode.states[i * n + static_cast<std::size_t>(output - 1)]);
  m_chart->setSeries(name, times, y,
                     {.kind = widgets::ChartView::SeriesKind::Line, .colour = QColor(30, 90, 200), .size = 1.5f});
  if (!ode.problem.empty()) m_note->setText(m_note->text() + "; " + QString::fromStdString(ode.problem));
}

}  // namespace hf::app
