#include "panels/DatasetTableModel.h"

#include <QBrush>
#include <QColor>

namespace hf::app {

void DatasetTableModel::setDataset(const data::Dataset& dataset) {
  beginResetModel();
  m_data = dataset;
  endResetModel();
}

int DatasetTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_data.rowCount());
}

int DatasetTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_data.columnCount());
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const double v =
      m_data.columns[static_cast<std::size_t>(index.column())].values[static_cast<std::size_t>(index.row())];
  if (role == Qt::DisplayRole) return data::Dataset::isMissing(v) ? QString() : QString::number(v, 'g', 10);
  if (role == Qt::BackgroundRole && data::Dataset::isMissing(v)) return QBrush(QColor(240, 240, 240));
  if (role == Qt::ToolTipRole && data::Dataset::isMissing(v)) return tr("missing value: left out of fits");
  if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Vertical) return section + 1;
  const data::Column& c = m_data.columns[static_cast<std::size_t>(section)];
  const QString name = QString::fromStdString(c.name);
  return c.unit.empty() ? name : QStringLiteral("%1 [%2]").arg(name, QString::fromStdString(c.unit));
}

}  // namespace hf::app
