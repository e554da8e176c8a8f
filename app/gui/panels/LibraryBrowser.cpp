#include "panels/LibraryBrowser.h"

#include "library/EquationLibrary.h"
#include "library/OdeLibrary.h"
#include "panels/ParameterTableModel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hf::app {
namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QString unitText(const std::string& unit) {
  return unit.empty() || unit == "1" ? QString()
                                     : QStringLiteral(" [%1]").arg(QString::fromStdString(unit).toHtmlEscaped());
}

QString bound(double v) { return std::isinf(v) ? QString() : formatNumber(v, 6); }

}  // namespace

LibraryBrowser::LibraryBrowser(QWidget* parent)
    : QWidget(parent),
      m_search(new QLineEdit(this)),
      m_tree(new QTreeWidget(this)),
      m_details(new QTextBrowser(this)),
      m_use(new QPushButton(tr("Use this equation"), this)) {
  m_search->setPlaceholderText(tr("Search equations…"));
  m_search->setClearButtonEnabled(true);
  m_search->setToolTip(tr("Filter by name, category, description or formula"));
  m_tree->setHeaderHidden(true);
  m_tree->setToolTip(tr("Equations of the library, by category"));
  m_details->setOpenExternalLinks(false);
  m_details->setToolTip(tr("Description, formula, parameters and reference"));
  m_use->setToolTip(tr("Replace the model with this equation, its start values and bounds (undoable)"));
  m_use->setEnabled(false);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(m_tree);
  split->addWidget(m_details);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_search);
  layout->addWidget(split);
  layout->addWidget(m_use);

  const auto& lib = library::EquationLibrary::builtIn();
  for (const std::string& cat : lib.categories()) {
    auto* group = new QTreeWidgetItem(m_tree, {QString::fromStdString(cat)});
    group->setFlags(Qt::ItemIsEnabled);
    for (const library::Equation& e : lib.equations()) {
      if (e.category != cat) continue;
      auto* item = new QTreeWidgetItem(group, {QString::fromStdString(e.name)});
      item->setData(0, kIdRole, QString::fromStdString(e.id));
      item->setToolTip(0, QString::fromStdString(e.response.name + " = " + e.formula));
    }
  }
  // Dynamic models: the ODE library, one group.
  auto* odeGroup = new QTreeWidgetItem(m_tree, {tr("Dynamic models (ODE)")});
  odeGroup->setFlags(Qt::ItemIsEnabled);
  for (const library::OdeEquation& e : library::OdeLibrary::builtIn().equations()) {
    auto* item = new QTreeWidgetItem(odeGroup, {QString::fromStdString(e.name)});
    item->setData(0, kIdRole, QString::fromStdString(e.id));
    item->setToolTip(0, QString::fromStdString(e.equationsText("; ")));
  }
  m_tree->expandAll();
  connect(m_search, &QLineEdit::textChanged, this, &LibraryBrowser::setFilter);
  connect(m_tree, &QTreeWidget::currentItemChanged, this, &LibraryBrowser::showDetails);
  connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this] {
    if (!selectedId().isEmpty()) emit useRequested(selectedId());
  });
  connect(m_use, &QPushButton::clicked, this, [this] {
    if (!selectedId().isEmpty()) emit useRequested(selectedId());
  });
}

void LibraryBrowser::setFilter(const QString& text) {
  const auto& lib = library::EquationLibrary::builtIn();
  for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
    QTreeWidgetItem* group = m_tree->topLevelItem(g);
    int shown = 0;
    for (int i = 0; i < group->childCount(); ++i) {
      QTreeWidgetItem* item = group->child(i);
      const std::string id = item->data(0, kIdRole).toString().toStdString();
      QString hay;
      if (const library::Equation* e = lib.find(id))
        hay =
            QString::fromStdString(e->id + " " + e->name + " " + e->category + " " + e->description + " " + e->formula);
      else if (const library::OdeEquation* o = library::OdeLibrary::builtIn().find(id))
        hay = QString::fromStdString(o->id + " ODE " + o->name + " " + o->category + " " + o->description + " " +
                                     o->equationsText(" "));
      const bool match = text.trimmed().isEmpty() || hay.contains(text.trimmed(), Qt::CaseInsensitive);
      item->setHidden(!match);
      shown += match;
    }
    group->setHidden(shown == 0);
  }
}

int LibraryBrowser::visibleCount() const {
  int n = 0;
  for (int g = 0; g < m_tree->topLevelItemCount(); ++g)
    for (int i = 0; i < m_tree->topLevelItem(g)->childCount(); ++i) n += !m_tree->topLevelItem(g)->child(i)->isHidden();
  return n;
}

QString LibraryBrowser::selectedId() const {
  const QTreeWidgetItem* item = m_tree->currentItem();
  return item ? item->data(0, kIdRole).toString() : QString();
}

bool LibraryBrowser::select(const QString& id) {
  for (int g = 0; g < m_tree->topLevelItemCount(); ++g)
    for (int i = 0; i < m_tree->topLevelItem(g)->childCount(); ++i)
      if (m_tree->topLevelItem(g)->child(i)->data(0, kIdRole).toString() == id) {
        m_tree->setCurrentItem(m_tree->topLevelItem(g)->child(i));
        return true;
      }
  return false;
}

void LibraryBrowser::showDetails() {
  const library::Equation* e = library::EquationLibrary::builtIn().find(selectedId().toStdString());
  const library::OdeEquation* ode = library::OdeLibrary::builtIn().find(selectedId().toStdString());
  m_use->setEnabled(e != nullptr || ode != nullptr);
  if (ode) {
    showOdeDetails(*ode);
    return;
  }
  if (!e) {
    m_details->clear();
    return;
  }
  QString html =
      QStringLiteral("<h3>%1</h3><p>%2</p><p><b>%3</b> = <tt>%4</tt>%5</p>")
          .arg(QString::fromStdString(e->name).toHtmlEscaped(), QString::fromStdString(e->description).toHtmlEscaped(),
               QString::fromStdString(e->response.name).toHtmlEscaped(),
               QString::fromStdString(e->formula).toHtmlEscaped(), unitText(e->response.unit));
  html += tr("<p><b>Inputs</b><br>");
  for (const library::Symbol& v : e->variables)
    html += QStringLiteral("%1%2: %3<br>")
                .arg(QString::fromStdString(v.name).toHtmlEscaped(), unitText(v.unit),
                     QString::fromStdString(v.description).toHtmlEscaped());
  html +=
      tr("</p><table border=1 cellspacing=0 cellpadding=3><tr><th>Parameter</th><th>Start</th><th>Lower</th>"
         "<th>Upper</th><th>Unit</th><th>Meaning</th></tr>");
  for (const library::LibraryParameter& p : e->parameters)
    html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>")
                .arg(QString::fromStdString(p.name).toHtmlEscaped(), formatNumber(p.start, 6), bound(p.lower),
                     bound(p.upper), QString::fromStdString(p.unit).toHtmlEscaped(),
                     QString::fromStdString(p.description).toHtmlEscaped());
  html += QStringLiteral("</table>");
  if (!e->constants.empty()) {
    html += tr("<p><b>Constants</b><br>");
    for (const library::Symbol& c : e->constants)
      html += QStringLiteral("%1 = %2%3 (%4)<br>")
                  .arg(QString::fromStdString(c.name).toHtmlEscaped(), formatNumber(c.value, 10), unitText(c.unit),
                       QString::fromStdString(c.description).toHtmlEscaped());
    html += QStringLiteral("</p>");
  }
  html += tr("<p><i>Reference:</i> %1</p>").arg(QString::fromStdString(e->reference).toHtmlEscaped());
  m_details->setHtml(html);
}

void LibraryBrowser::showOdeDetails(const library::OdeEquation& e) {
  QString html =
      QStringLiteral("<h3>%1</h3><p>%2</p><p>")
          .arg(QString::fromStdString(e.name).toHtmlEscaped(), QString::fromStdString(e.description).toHtmlEscaped());
  for (const library::OdeStateEntry& s : e.states)
    html +=
        QStringLiteral("<tt>d%1/d%2 = %3</tt><br>")
            .arg(QString::fromStdString(s.name).toHtmlEscaped(), QString::fromStdString(e.time.name).toHtmlEscaped(),
                 QString::fromStdString(s.rate).toHtmlEscaped());
  html += tr("</p><p><b>States</b> (time%1)<br>").arg(unitText(e.time.unit));
  for (const library::OdeStateEntry& s : e.states)
    html += QStringLiteral("%1%2: %3, initially <tt>%4</tt><br>")
                .arg(QString::fromStdString(s.name).toHtmlEscaped(), unitText(s.unit),
                     QString::fromStdString(s.description).toHtmlEscaped(),
                     QString::fromStdString(s.initial).toHtmlEscaped());
  if (!e.observables.empty()) {
    html += tr("</p><p><b>Observed</b><br>");
    for (const library::OdeObservableEntry& o : e.observables)
      html += QStringLiteral("%1 = <tt>%2</tt>%3<br>")
                  .arg(QString::fromStdString(o.column).toHtmlEscaped(),
                       QString::fromStdString(o.expression).toHtmlEscaped(), unitText(o.unit));
  }
  html +=
      tr("</p><table border=1 cellspacing=0 cellpadding=3><tr><th>Parameter</th><th>Start</th><th>Lower</th>"
         "<th>Upper</th><th>Unit</th><th>Meaning</th></tr>");
  for (const library::LibraryParameter& p : e.parameters)
    html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6%7</td></tr>")
                .arg(QString::fromStdString(p.name).toHtmlEscaped(), formatNumber(p.start, 6), bound(p.lower),
                     bound(p.upper), QString::fromStdString(p.unit).toHtmlEscaped(),
                     QString::fromStdString(p.description).toHtmlEscaped(),
                     p.logScale ? tr(" (fitted on a log scale)") : QString());
  html += QStringLiteral("</table>");
  for (const library::Symbol& c : e.constants)
    html += QStringLiteral("<p>%1 = %2%3 (%4, fixed)</p>")
                .arg(QString::fromStdString(c.name).toHtmlEscaped(), formatNumber(c.value, 10), unitText(c.unit),
                     QString::fromStdString(c.description).toHtmlEscaped());
  html += tr("<p><i>Reference:</i> %1</p>").arg(QString::fromStdString(e.reference).toHtmlEscaped());
  m_details->setHtml(html);
}

}  // namespace hf::app
