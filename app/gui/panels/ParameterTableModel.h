#pragma once
// Table of the project's parameters: settings (start, fixed, lower, upper)
// that the user edits, and the last fit's estimate, standard error, 95 %
// interval and flags. Edits go to the ProjectDocument as undoable commands;
// the table re-reads the document whenever it changes.
//
// Thread: GUI thread only. The document must outlive the model.

#include "fit/FitSummary.h"

#include <QAbstractTableModel>

namespace hf::app {

class ProjectDocument;

class ParameterTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Name, Start, Fixed, Lower, Upper, Unit, Estimate, StdError, Interval, Note, ColumnCount };

  explicit ParameterTableModel(ProjectDocument* doc, QObject* parent = nullptr);

  /// While read-only (a fit is running) no cell can be edited.
  void setReadOnly(bool readOnly);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role) override;

 signals:
  /// An edit was refused; the text says why (for the status bar).
  void editRejected(const QString& reason);

 private:
  // A free parameter whose standard error exceeds its magnitude.
  static bool poorlyDetermined(const fit::ParameterEstimate& e);

  std::vector<std::string> names() const;

  ProjectDocument* m_doc;
  bool m_readOnly = false;
  std::vector<std::string> m_names;  ///< the rows as last announced to views
};

/// Formats a number for tables: up to `digits` significant digits, no
/// trailing zeros; empty for NaN; "inf"/"-inf" for infinities.
QString formatNumber(double v, int digits = 8);

}  // namespace hf::app
