#include "panels/ProjectTree.h"

#include "document/ProjectDocument.h"

#include <QHeaderView>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

namespace hf::app {

namespace {

constexpr int kSectionRole = Qt::UserRole;
constexpr int kFitIndexRole = Qt::UserRole + 1;
constexpr int kMaxUnfoldedColumns = 6;

QString columnText(const data::Column& c) {
  const QString name = QString::fromStdString(c.name);
  return c.unit.empty() ? name : QStringLiteral("%1 [%2]").arg(name, QString::fromStdString(c.unit));
}

QString number(double v) { return QString::number(v, 'g', 6); }

}  // namespace

ProjectTree::ProjectTree(ProjectDocument* doc, QWidget* parent) : QTreeWidget(parent), m_doc(doc) {
  setColumnCount(1);
  header()->hide();
  setToolTip(
      tr("The project: its data, model, parameters and the fits of this session. "
         "Double-click an item to open the panel that edits it."));
  connect(m_doc, &ProjectDocument::changed, this, &ProjectTree::rebuild);
  connect(m_doc, &ProjectDocument::filePathChanged, this, &ProjectTree::rebuild);  // the title may be the file name
  // Another project (or new data): the fits listed belong to the old one.
  connect(m_doc, &ProjectDocument::dataReplaced, this, [this] {
    m_fits.clear();
    rebuild();
  });
  connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
    emit sectionActivated(static_cast<Section>(item->data(0, kSectionRole).toInt()),
                          item->data(0, kFitIndexRole).isValid() ? item->data(0, kFitIndexRole).toInt() : -1);
  });
  rebuild();
}

QString ProjectTree::describe(const fit::FitSummary& s) {
  QString outcome;
  switch (s.termination) {
    case fit::Termination::Converged:
      outcome = tr("converged");
      break;
    case fit::Termination::NoConvergence:
      outcome = tr("not converged");
      break;
    case fit::Termination::Cancelled:
      outcome = tr("cancelled");
      break;
    case fit::Termination::Failed:
      return tr("failed: %1").arg(QString::fromStdString(s.message));
  }
  if (s.iterations == 1) return tr("%1, cost %2 after 1 iteration").arg(outcome, number(s.finalCost));
  return tr("%1, cost %2 after %3 iterations").arg(outcome, number(s.finalCost), QString::number(s.iterations));
}

void ProjectTree::addFit(const fit::FitSummary& summary) {
  m_fits.push_back(summary);
  rebuild();
  if (QTreeWidgetItem* fits = sectionItem(Section::Fit); fits && fits->childCount() > 0)
    setCurrentItem(fits->child(fits->childCount() - 1));
}

QTreeWidgetItem* ProjectTree::sectionItem(Section section) const {
  const QTreeWidgetItem* root = topLevelItemCount() > 0 ? topLevelItem(0) : nullptr;
  if (!root) return nullptr;
  for (int i = 0; i < root->childCount(); ++i)
    if (root->child(i)->data(0, kSectionRole).toInt() == static_cast<int>(section)) return root->child(i);
  return nullptr;
}

QTreeWidgetItem* ProjectTree::addSection(const QString& title, Section section, const QString& tip) {
  auto* item = new QTreeWidgetItem(topLevelItem(0), {title});
  item->setData(0, kSectionRole, static_cast<int>(section));
  item->setToolTip(0, tip);
  QFont bold = item->font(0);
  bold.setBold(true);
  item->setFont(0, bold);
  return item;
}

void ProjectTree::rebuild() {
  const project::Project& p = m_doc->project();
  // Keep what the user folded or unfolded, the current item and the scroll
  // position across rebuilds (one per edit, e.g. per keystroke in a formula).
  std::vector<int> collapsed;
  for (Section s : {Section::Data, Section::Model, Section::Parameters, Section::Fit})
    if (QTreeWidgetItem* it = sectionItem(s); it && !it->isExpanded()) collapsed.push_back(static_cast<int>(s));
  std::vector<bool> datasetOpen;
  if (QTreeWidgetItem* dataSection = sectionItem(Section::Data))
    for (int i = 0; i < dataSection->childCount(); ++i) datasetOpen.push_back(dataSection->child(i)->isExpanded());
  QList<int> currentPath;
  for (QTreeWidgetItem* it = currentItem(); it && it->parent(); it = it->parent())
    currentPath.prepend(it->parent()->indexOfChild(it));
  const int scroll = verticalScrollBar()->value();
  clear();

  const QString title = p.name.empty() ? m_doc->displayName() : QString::fromStdString(p.name);
  auto* root = new QTreeWidgetItem(this, {title});
  root->setData(0, kSectionRole, static_cast<int>(Section::Project));
  root->setToolTip(0, p.description.empty() ? m_doc->displayName() : QString::fromStdString(p.description));
  auto child = [](QTreeWidgetItem* parent, const QString& text, Section section, const QString& tip = QString()) {
    auto* item = new QTreeWidgetItem(parent, {text});
    item->setData(0, kSectionRole, static_cast<int>(section));
    item->setToolTip(0, tip.isEmpty() ? text : tip);
    return item;
  };

  const model::AlgebraicModelSpec& spec = p.model.spec;
  QTreeWidgetItem* dataItem = addSection(tr("Data"), Section::Data, tr("The datasets; double-click to see the table"));
  if (p.datasets.empty()) child(dataItem, tr("(none: File > Open imports a CSV or text file)"), Section::Data);
  for (const project::ProjectDataset& d : p.datasets) {
    const std::size_t rows = d.data.rowCount();
    auto* ds =
        child(dataItem,
              (rows == 1 ? tr("%1 (1 row)") : tr("%1 (%2 rows)").arg(QStringLiteral("%1"), QString::number(rows)))
                  .arg(QString::fromStdString(d.data.name)),
              Section::Data, QString::fromStdString(d.relativePath));
    for (const data::Column& c : d.data.columns) {
      QString role;
      if (c.name == spec.response) role = tr("response");
      if (spec.weightKind != model::WeightKind::None && c.name == spec.weightColumn)
        role = spec.weightKind == model::WeightKind::Sigma ? tr("σ of the response") : tr("weight");
      child(ds, role.isEmpty() ? columnText(c) : QStringLiteral("%1 — %2").arg(columnText(c), role), Section::Data,
            QString::fromStdString(c.label.empty() ? c.name : c.label));
    }
  }

  QTreeWidgetItem* modelItem = addSection(tr("Model"), Section::Model, tr("The model; double-click to edit it"));
  const QString formula = QString::fromStdString(spec.formula);
  child(modelItem,
        formula.isEmpty() ? tr("(no formula yet)")
                          : QStringLiteral("%1 = %2").arg(QString::fromStdString(spec.response), formula),
        Section::Model);
  if (!p.model.equationId.empty())
    child(modelItem, tr("from library: %1").arg(QString::fromStdString(p.model.equationId)), Section::Model);
  if (spec.weightKind != model::WeightKind::None)
    child(modelItem,
          tr("weights: %1 from column %2")
              .arg(spec.weightKind == model::WeightKind::Sigma ? tr("1/σ²") : tr("w"),
                   QString::fromStdString(spec.weightColumn)),
          Section::Model);

  QTreeWidgetItem* params =
      addSection(tr("Parameters"), Section::Parameters, tr("Start values and estimates; double-click for the table"));
  for (std::size_t i = 0; i < p.parameters.size(); ++i) {
    const fit::ParameterSetting& s = p.parameters[i];
    QString text = QString::fromStdString(s.name);
    // By name: a formula edit after the fit may have reordered the parameters.
    const fit::ParameterEstimate* est = nullptr;
    if (p.lastResult)
      for (const fit::ParameterEstimate& e : p.lastResult->parameters)
        if (e.name == s.name) est = &e;
    if (est && std::isfinite(est->standardError) && est->standardError > 0)
      text += QStringLiteral(" = %1 ± %2").arg(number(est->value), QString::number(est->standardError, 'g', 3));
    else
      text += QStringLiteral(" = %1").arg(number(est ? est->value : s.start));
    if (!s.unit.empty() && s.unit != "1" && s.unit != "-")  // "n = 1.45 1" would read oddly
      text += QStringLiteral(" %1").arg(QString::fromStdString(s.unit));
    if (s.fixed) text += tr(" (fixed)");
    child(params, text, Section::Parameters);
  }

  QTreeWidgetItem* fits = addSection(tr("Fits"), Section::Fit, tr("Fits of this session; double-click for the log"));
  if (m_fits.empty() && p.lastResult) child(fits, tr("saved result: %1").arg(describe(*p.lastResult)), Section::Fit);
  for (std::size_t i = 0; i < m_fits.size(); ++i) {
    auto* item = child(fits, tr("Fit %1: %2").arg(i + 1).arg(describe(m_fits[i])), Section::Fit,
                       QString::fromStdString(m_fits[i].briefReport()));
    item->setData(0, kFitIndexRole, static_cast<int>(i));
  }

  expandAll();
  for (int s : collapsed)
    if (QTreeWidgetItem* it = sectionItem(static_cast<Section>(s))) it->setExpanded(false);
  // A wide dataset would push everything else out of sight: its columns
  // start folded; after that the user's choice stays.
  for (int i = 0; i < dataItem->childCount(); ++i) {
    QTreeWidgetItem* ds = dataItem->child(i);
    const auto k = static_cast<std::size_t>(i);
    ds->setExpanded(k < datasetOpen.size() ? datasetOpen[k] : ds->childCount() <= kMaxUnfoldedColumns);
  }
  QTreeWidgetItem* current = root;
  for (int index : currentPath) current = current && index < current->childCount() ? current->child(index) : nullptr;
  if (current && !currentPath.isEmpty()) setCurrentItem(current);
  verticalScrollBar()->setValue(scroll);
}

}  // namespace hf::app
