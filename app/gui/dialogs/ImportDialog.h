#pragma once
// Import preview: shows how a data file will be read (detected delimiter
// and header, columns with units, missing cells, problems with their line
// and column) before anything is accepted, lets the user override the
// delimiter and header, and map the x, y and sigma columns.
//
// Thread: GUI thread only.

#include "data/Dataset.h"
#include "data/DelimitedReader.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QTableView;

namespace hf::app {

class DatasetTableModel;

class ImportDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ImportDialog(const QString& path, QWidget* parent = nullptr);

  /// The parsed dataset (valid when the preview succeeded).
  const std::optional<data::Dataset>& dataset() const { return m_dataset; }
  QString xColumn() const;
  QString yColumn() const;
  /// Empty when no sigma column is chosen.
  QString sigmaColumn() const;
  QCheckBox* skipBadRowsBox() const { return m_skipBad; }
  /// "Time series": create an ODE model whose states are the measured
  /// columns, with the x column as time. Ticked at first when the x
  /// column's name says time (t, time, time_s, ...).
  QCheckBox* odeBox() const { return m_ode; }
  bool createOdeModel() const;
  /// The error of the last parse, empty when it succeeded.
  const QString& error() const { return m_error; }
  QComboBox* delimiterBox() const { return m_delimiter; }
  QComboBox* headerBox() const { return m_header; }
  QComboBox* decimalBox() const { return m_decimal; }

 private:
  void reparse();

  QString m_path;
  std::string m_text;
  std::optional<data::Dataset> m_dataset;
  QString m_error;
  QComboBox* m_delimiter;
  QComboBox* m_header;
  QComboBox* m_decimal;
  QComboBox* m_x;
  QComboBox* m_y;
  QComboBox* m_sigma;
  QCheckBox* m_skipBad;
  QCheckBox* m_ode;
  bool m_odeChosen = false;  // the user touched m_ode: keep their choice
  QLabel* m_report;
  QTableView* m_table;
  DatasetTableModel* m_model;
  QDialogButtonBox* m_buttons;
};

}  // namespace hf::app
