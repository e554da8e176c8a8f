#include "dialogs/ImportDialog.h"

#include "common/Error.h"
#include "panels/DatasetTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace hf::app {
namespace {
constexpr int kPreviewRows = 200;

QString delimiterName(char d) {
  switch (d) {
    case ',':
      return QObject::tr("comma");
    case '\t':
      return QObject::tr("tab");
    case ';':
      return QObject::tr("semicolon");
    default:
      return QObject::tr("whitespace");
  }
}
}  // namespace

ImportDialog::ImportDialog(const QString& path, QWidget* parent)
    : QDialog(parent),
      m_path(path),
      m_delimiter(new QComboBox(this)),
      m_header(new QComboBox(this)),
      m_decimal(new QComboBox(this)),
      m_x(new QComboBox(this)),
      m_y(new QComboBox(this)),
      m_sigma(new QComboBox(this)),
      m_skipBad(new QCheckBox(tr("Skip rows that are not numbers"), this)),
      m_ode(new QCheckBox(tr("Time series: create an ODE model of the measured columns"), this)),
      m_report(new QLabel(this)),
      m_table(new QTableView(this)),
      m_model(new DatasetTableModel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
  setWindowTitle(tr("Import %1").arg(QFileInfo(path).fileName()));
  m_delimiter->addItem(tr("detect"), 0);
  m_delimiter->addItem(tr("comma"), int(','));
  m_delimiter->addItem(tr("tab"), int('\t'));
  m_delimiter->addItem(tr("semicolon"), int(';'));
  m_delimiter->addItem(tr("whitespace"), int(' '));
  m_delimiter->setToolTip(tr("Field separator; detected from the first lines unless chosen"));
  m_header->addItems({tr("detect"), tr("first row is a header"), tr("no header")});
  m_decimal->addItem(tr("detect"), 0);
  m_decimal->addItem(tr("point (0.5)"), int('.'));
  m_decimal->addItem(tr("comma (0,5)"), int(','));
  m_decimal->setToolTip(
      tr("Decimal separator of the numbers; detected (a comma when numbers such as 76,5 occur and "
         "none has a point) unless chosen"));
  m_header->setToolTip(tr("Whether the first non-comment row names the columns"));
  m_x->setToolTip(tr("Column used as the model's input"));
  m_y->setToolTip(tr("Column the model is fitted to"));
  m_skipBad->setToolTip(
      tr("Leave out rows with text where a number belongs or with the wrong number of fields; "
         "the rows left out are listed above the table"));
  m_sigma->setToolTip(tr("Optional column of standard deviations of y (weights 1/sigma^2)"));
  m_report->setWordWrap(true);
  m_report->setTextFormat(Qt::RichText);
  m_table->setModel(m_model);
  m_table->setToolTip(tr("The file as it will be read; rows with problems are listed above the table"));
  m_buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Import these data into the project"));
  m_buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close without importing; the project is unchanged"));
  auto* form = new QFormLayout;
  form->addRow(tr("Delimiter"), m_delimiter);
  form->addRow(tr("Header"), m_header);
  form->addRow(tr("Decimal separator"), m_decimal);
  form->addRow(QString(), m_skipBad);
  form->addRow(tr("x column"), m_x);
  form->addRow(tr("y column"), m_y);
  form->addRow(tr("sigma column"), m_sigma);
  form->addRow(QString(), m_ode);
  m_ode->setToolTip(
      tr("The x column is time; every other column (not sigma) becomes a state X with "
         "dX/dt = -k_X*X, observed as its column, to be edited into the real rates"));
  connect(m_ode, &QCheckBox::clicked, this, [this] { m_odeChosen = true; });
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_report);
  layout->addWidget(m_table, 1);
  layout->addWidget(m_buttons);
  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_delimiter, &QComboBox::currentIndexChanged, this, &ImportDialog::reparse);
  connect(m_header, &QComboBox::currentIndexChanged, this, &ImportDialog::reparse);
  connect(m_decimal, &QComboBox::currentIndexChanged, this, &ImportDialog::reparse);
  connect(m_skipBad, &QCheckBox::toggled, this, &ImportDialog::reparse);
  resize(700, 560);

  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    m_error = tr("%1: cannot open the file: %2").arg(path, f.errorString());
  } else if (f.size() > (qint64(2) << 30)) {
    m_error = tr("%1: file is too large").arg(path);
  } else {
    const QByteArray bytes = f.readAll();
    m_text.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
  }
  reparse();
}

void ImportDialog::reparse() {
  data::ImportOptions options;
  options.delimiter = static_cast<char>(m_delimiter->currentData().toInt());
  if (m_header->currentIndex() == 1) options.header = true;
  if (m_header->currentIndex() == 2) options.header = false;
  options.decimal = static_cast<char>(m_decimal->currentData().toInt());
  // One parse that skips bad rows; without the box ticked, a skipped row
  // is the error (the first one, where a strict parse would have stopped),
  // and the preview says what ticking the box would keep.
  options.skipBadRows = true;
  data::ImportReport report;
  m_dataset.reset();
  QString hint;
  if (!m_text.empty() || m_error.isEmpty()) {
    try {
      data::Dataset d = data::readDelimitedText(m_text, m_path.toStdString(), options, &report);
      d.sourcePath = QFileInfo(m_path).absoluteFilePath().toStdString();
      d.name = QFileInfo(m_path).completeBaseName().toStdString();
      m_error.clear();
      if (!m_skipBad->isChecked() && !report.skippedRows.empty()) {
        const data::ImportReport::SkippedRow& first = report.skippedRows.front();
        m_error = QStringLiteral("%1:%2:%3: %4")
                      .arg(m_path)
                      .arg(first.line)
                      .arg(first.column)
                      .arg(QString::fromStdString(first.reason));
        hint = QStringLiteral("<br>") + tr("Tick \"Skip rows that are not numbers\" to import the other %1 rows "
                                           "(%2 would be left out).")
                                            .arg(report.rows)
                                            .arg(report.skippedRows.size());
      } else {
        m_dataset = std::move(d);
      }
    } catch (const Error& e) {
      m_error = QString::fromStdString(e.what());
    }
  }
  const QString x = m_x->currentText(), y = m_y->currentText(), s = m_sigma->currentText();
  for (QComboBox* c : {m_x, m_y, m_sigma}) c->clear();
  m_sigma->addItem(tr("none"));
  if (m_dataset) {
    QString text = tr("%1-separated, %2, decimal %3, %4 rows, %5 columns")
                       .arg(delimiterName(report.delimiter), report.header ? tr("with header") : tr("no header"),
                            report.decimal == ',' ? tr("comma") : tr("point"))
                       .arg(report.rows)
                       .arg(m_dataset->columnCount());
    if (report.commentLines) text += tr(", %1 comment lines skipped").arg(report.commentLines);
    if (report.missingCells) text += tr(", %1 missing cells (left out of fits)").arg(report.missingCells);
    for (const std::string& w : report.warnings)
      text += QStringLiteral("<br>") + QString::fromStdString(w).toHtmlEscaped();
    for (const std::string& n : report.notes)
      text += QStringLiteral("<br>") + QString::fromStdString(n).toHtmlEscaped();
    if (!report.skippedRows.empty()) {
      text += QStringLiteral("<br><span style='color:#9a5b00'>%1</span>")
                  .arg(report.skippedRows.size() == 1 ? tr("1 row skipped:")
                                                      : tr("%1 rows skipped:").arg(report.skippedRows.size()));
      constexpr std::size_t kListed = 5;
      for (std::size_t i = 0; i < std::min(kListed, report.skippedRows.size()); ++i)
        text += QStringLiteral("<br>&nbsp;&nbsp;") +
                tr("line %1: %2")
                    .arg(report.skippedRows[i].line)
                    .arg(QString::fromStdString(report.skippedRows[i].reason).toHtmlEscaped());
      if (report.skippedRows.size() > kListed)
        text += QStringLiteral("<br>&nbsp;&nbsp;") + tr("… and %1 more").arg(report.skippedRows.size() - kListed);
    }
    m_report->setText(text);
    data::Dataset preview = *m_dataset;
    for (data::Column& c : preview.columns)
      if (c.values.size() > kPreviewRows) c.values.resize(kPreviewRows);
    m_model->setDataset(preview);
    for (const data::Column& c : m_dataset->columns) {
      const QString name = QString::fromStdString(c.name);
      m_x->addItem(name);
      m_y->addItem(name);
      m_sigma->addItem(name);
    }
    m_x->setCurrentIndex(0);
    m_y->setCurrentIndex(m_dataset->columnCount() > 1 ? 1 : 0);
    if (!x.isEmpty()) m_x->setCurrentText(x);
    if (!y.isEmpty()) m_y->setCurrentText(y);
    if (!s.isEmpty()) m_sigma->setCurrentText(s);
    if (!m_odeChosen) {
      const QString n = m_x->currentText().toLower();
      m_ode->setChecked(m_dataset->columnCount() >= 2 &&
                        (n == QStringLiteral("t") || n.startsWith(QStringLiteral("time")) ||
                         n.startsWith(QStringLiteral("t_")) || n.startsWith(QStringLiteral("t[")) ||
                         n.startsWith(QStringLiteral("t ("))));
    }
  } else {
    m_report->setText(QStringLiteral("<span style='color:#b01e1e'>%1</span>%2").arg(m_error.toHtmlEscaped(), hint));
    m_model->setDataset({});
  }
  m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_dataset.has_value() && m_dataset->columnCount() >= 2);
}

QString ImportDialog::xColumn() const { return m_x->currentText(); }
bool ImportDialog::createOdeModel() const { return m_ode->isChecked(); }
QString ImportDialog::yColumn() const { return m_y->currentText(); }
QString ImportDialog::sigmaColumn() const { return m_sigma->currentIndex() <= 0 ? QString() : m_sigma->currentText(); }

}  // namespace hf::app
