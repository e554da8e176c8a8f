#pragma once
// Read-only table of a dataset: one column per data column, headed by its
// name and unit; missing values show as empty cells.
//
// Thread: GUI thread only.

#include "data/Dataset.h"

#include <QAbstractTableModel>

namespace hf::app {

class DatasetTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  using QAbstractTableModel::QAbstractTableModel;

  void setDataset(const data::Dataset& dataset);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  data::Dataset m_data;
};

}  // namespace hf::app
