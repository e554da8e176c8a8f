#include "panels/ParameterTableModel.h"

#include "document/ProjectDocument.h"

#include <QBrush>
#include <QColor>

#include <cmath>

namespace hf::app {

QString formatNumber(double v, int digits) {
  if (std::isnan(v)) return {};
  if (std::isinf(v)) return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
  return QString::number(v, 'g', digits);
}

namespace {

const fit::ParameterEstimate* estimateFor(const project::Project& p, const std::string& name) {
  if (!p.lastResult) return nullptr;
  for (const fit::ParameterEstimate& e : p.lastResult->parameters)
    if (e.name == name) return &e;
  return nullptr;
}

// Parses a bound: empty (or "inf"/"-inf") means unbounded.
bool parseBound(const QString& text, double unbounded, double& out) {
  const QString t = text.trimmed();
  if (t.isEmpty() || t == QStringLiteral("inf") || t == QStringLiteral("-inf")) {
    out = unbounded;
    return true;
  }
  bool ok = false;
  out = t.toDouble(&ok);
  return ok && std::isfinite(out);
}

}  // namespace

ParameterTableModel::ParameterTableModel(ProjectDocument* doc, QObject* parent)
    : QAbstractTableModel(parent), m_doc(doc) {
  // Same parameters: cells change in place, so an open cell editor stays
  // valid (a reset would destroy it under the view: "closeEditor called
  // with an editor that does not belong to this view"). Others: reset.
  m_names = names();
  connect(doc, &ProjectDocument::changed, this, [this] {
    if (names() == m_names) {
      if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
      return;
    }
    beginResetModel();
    m_names = names();
    endResetModel();
  });
}

std::vector<std::string> ParameterTableModel::names() const {
  std::vector<std::string> out;
  for (const fit::ParameterSetting& s : m_doc->project().parameters) out.push_back(s.name);
  return out;
}

void ParameterTableModel::setReadOnly(bool readOnly) {
  m_readOnly = readOnly;
  if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ParameterTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_doc->project().parameters.size());
}

int ParameterTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ParameterTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return QAbstractTableModel::headerData(section, orientation, role);
  if (role == Qt::DisplayRole) {
    switch (section) {
      case Name:
        return tr("Parameter");
      case Start:
        return tr("Start");
      case Fixed:
        return tr("Fixed");
      case Lower:
        return tr("Lower");
      case Upper:
        return tr("Upper");
      case Unit:
        return tr("Unit");
      case Estimate:
        return tr("Estimate");
      case StdError:
        return tr("Std. error");
      case Interval:
        return tr("95 % interval");
      case Note:
        return tr("Note");
    }
  }
  if (role == Qt::ToolTipRole) {
    switch (section) {
      case Start:
        return tr("Value the fit starts from; \"auto\" (or an empty cell) lets the fit choose it from the data");
      case Fixed:
        return tr("Hold this parameter at its start value");
      case Lower:
        return tr("Lower bound (empty: none)");
      case Upper:
        return tr("Upper bound (empty: none)");
      case Estimate:
        return tr("Value found by the last accepted fit");
      case StdError:
        return tr("Standard error from the covariance at the optimum");
      case Interval:
        return tr("Estimate ± t(0.975, dof) × standard error");
      case Note:
        return tr("At a bound, not identifiable, uncertain (standard error larger than the estimate), or fixed");
    }
  }
  return {};
}

bool ParameterTableModel::poorlyDetermined(const fit::ParameterEstimate& e) {
  // Relative to the estimate: a parameter near zero (an offset) may well
  // have a standard error larger than itself, so zero is left alone.
  return !e.fixed && e.value != 0.0 && std::isfinite(e.standardError) && e.standardError > std::abs(e.value);
}

QVariant ParameterTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const project::Project& p = m_doc->project();
  const fit::ParameterSetting& s = p.parameters[static_cast<std::size_t>(index.row())];
  const fit::ParameterEstimate* e = estimateFor(p, s.name);
  if (role == Qt::CheckStateRole && index.column() == Fixed) return s.fixed ? Qt::Checked : Qt::Unchecked;
  if (role == Qt::DisplayRole || role == Qt::EditRole) {
    switch (index.column()) {
      case Name:
        return QString::fromStdString(s.name);
      case Start:
        // A start left to the data shows "auto", with the value the last
        // fit chose (issue 10, fault 9).
        if (s.autoStart && !s.fixed && role == Qt::DisplayRole)
          return e && std::isfinite(e->start) ? tr("auto (%1)").arg(formatNumber(e->start, 6)) : tr("auto");
        return formatNumber(s.start, 12);
      case Fixed:
        return {};
      case Lower:
        return std::isinf(s.lower) ? QString() : formatNumber(s.lower, 12);
      case Upper:
        return std::isinf(s.upper) ? QString() : formatNumber(s.upper, 12);
      case Unit:
        return QString::fromStdString(s.unit);
      case Estimate:
        return e ? formatNumber(e->value, 10) : QString();
      case StdError:
        return e && std::isfinite(e->standardError) ? formatNumber(e->standardError, 4) : QString();
      case Interval:
        if (!e || !std::isfinite(e->ci95)) return QString();
        return QStringLiteral("[%1, %2]").arg(formatNumber(e->value - e->ci95, 6), formatNumber(e->value + e->ci95, 6));
      case Note:
        if (!e) return QString();
        if (e->fixed) return tr("fixed");
        if (e->atBound) return tr("at a bound");
        if (!e->identifiable) return tr("not identifiable");
        if (!std::isfinite(e->standardError))
          return p.lastResult && p.lastResult->termination == fit::Termination::Cancelled
                     ? tr("no standard error (fit cancelled)")
                     : tr("no standard error");
        if (poorlyDetermined(*e)) return tr("uncertain: std. error > |estimate|");
        return QString();
    }
  }
  if (role == Qt::ForegroundRole && index.column() == Note && e &&
      (!e->identifiable || e->atBound || poorlyDetermined(*e)))
    return QBrush(QColor(180, 30, 30));
  if (role == Qt::TextAlignmentRole && index.column() != Name && index.column() != Unit && index.column() != Note)
    return int(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

Qt::ItemFlags ParameterTableModel::flags(const QModelIndex& index) const {
  Qt::ItemFlags f = QAbstractTableModel::flags(index);
  if (m_readOnly) return f;
  switch (index.column()) {
    case Start:
    case Lower:
    case Upper:
    case Unit:
      return f | Qt::ItemIsEditable;
    case Fixed:
      return f | Qt::ItemIsUserCheckable;
    default:
      return f;
  }
}

bool ParameterTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || m_readOnly) return false;
  fit::ParameterSetting s = m_doc->project().parameters[static_cast<std::size_t>(index.row())];
  const QString name = QString::fromStdString(s.name);
  if (index.column() == Fixed && role == Qt::CheckStateRole) {
    s.fixed = value.toInt() == Qt::Checked;
  } else if (role == Qt::EditRole) {
    const QString text = value.toString();
    bool ok = true;
    switch (index.column()) {
      case Start:
        // An empty cell (or "auto") leaves the start to the data.
        if (text.trimmed().isEmpty() || text.trimmed().startsWith(tr("auto"))) {
          s.autoStart = true;
          break;
        }
        s.start = text.trimmed().toDouble(&ok);
        ok = ok && std::isfinite(s.start);
        s.autoStart = false;
        break;
      case Lower:
        ok = parseBound(text, -INFINITY, s.lower);
        break;
      case Upper:
        ok = parseBound(text, INFINITY, s.upper);
        break;
      case Unit:
        s.unit = text.trimmed().toStdString();
        break;
      default:
        return false;
    }
    if (!ok) {
      emit editRejected(tr("%1: '%2' is not a number").arg(name, text));
      return false;
    }
  } else {
    return false;
  }
  if (!(s.lower < s.upper)) {
    emit editRejected(tr("%1: the lower bound must be below the upper bound").arg(name));
    return false;
  }
  if (!s.fixed && (s.start < s.lower || s.start > s.upper)) {
    emit editRejected(tr("%1: the start value must lie within the bounds").arg(name));
    return false;
  }
  m_doc->setParameter(index.row(), s);
  return true;
}

}  // namespace hf::app
