// ImportDialog: the preview reports what will be read, or what is wrong
// and where, before anything is accepted.
#include "WidgetChecks.h"
#include "dialogs/ImportDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

namespace {
QString write(QTemporaryDir& dir, const char* name, const QByteArray& text) {
  const QString path = dir.filePath(name);
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(text);
  return path;
}
QPushButton* okButton(hf::app::ImportDialog& d) {
  return d.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}
QString report(hf::app::ImportDialog& d) {
  for (QLabel* l : d.findChildren<QLabel*>())
    if (l->wordWrap()) return l->text();
  return {};
}
}  // namespace

class ImportDialogTest : public QObject {
  Q_OBJECT
 private slots:
  void previewsAGoodFile() {
    QTemporaryDir dir;
    const QString path =
        write(dir, "rates.csv", "# rate constants\nT [K],k [1/s],dk\n300,1.5,0.1\n310,NA,0.1\n320,4.5,0.2\n");
    hf::app::ImportDialog d(path);
    QVERIFY(d.error().isEmpty());
    QVERIFY(d.dataset().has_value());
    QCOMPARE(d.dataset()->rowCount(), std::size_t(3));
    QCOMPARE(d.dataset()->columns[0].unit, std::string("K"));
    const QString text = report(d);
    QVERIFY2(text.contains(QStringLiteral("comma")) && text.contains(QStringLiteral("3 rows")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("1 missing")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("1 comment")), qPrintable(text));
    QCOMPARE(d.xColumn(), QStringLiteral("T"));
    QCOMPARE(d.yColumn(), QStringLiteral("k"));
    QCOMPARE(d.sigmaColumn(), QString());
    QVERIFY(okButton(d)->isEnabled());
    const QStringList untipped = hf::test::controlsWithoutTooltip(d);
    QVERIFY2(untipped.isEmpty(), qPrintable(untipped.join(QStringLiteral(", "))));
  }
  // Decimal commas are detected and shown; the choice can be overridden;
  // a header with a space says what the column is called in formulas
  // (issue 10, faults 6 and 12).
  void decimalCommasAndSpacedHeaders() {
    QTemporaryDir dir;
    const QString path = write(dir, "puro.csv", "substrate conc;rate\n0,02;76,5\n0,06;97\n0,11;123,25\n");
    hf::app::ImportDialog d(path);
    QVERIFY2(d.error().isEmpty(), qPrintable(d.error()));
    QCOMPARE(d.dataset()->columns[1].values[0], 76.5);
    const QString text = report(d);
    QVERIFY2(text.contains(QStringLiteral("decimal comma")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("is called substrate_conc in formulas")), qPrintable(text));
    // Forcing the decimal point makes "76,5" a bad cell, with a hint.
    d.decimalBox()->setCurrentIndex(d.decimalBox()->findData(int('.')));
    QVERIFY(!d.dataset().has_value());
    QVERIFY2(d.error().contains(QStringLiteral("decimal comma?")), qPrintable(d.error()));
  }

  void overridingTheDelimiterShowsTheProblem() {
    QTemporaryDir dir;
    const QString path = write(dir, "data.csv", "x,y\n1,2\n3,4\n");
    hf::app::ImportDialog d(path);
    QVERIFY(okButton(d)->isEnabled());
    d.delimiterBox()->setCurrentIndex(d.delimiterBox()->findData(int(';')));
    // One column "x,y" whose cells are not numbers: refused, with the line.
    QVERIFY(!d.dataset().has_value() || d.dataset()->columnCount() < 2);
    QVERIFY(!okButton(d)->isEnabled());
  }
  void badRowsCanBeSkipped() {
    QTemporaryDir dir;
    const QString path = write(dir, "decay.csv", "time [s],signal [V]\n0,1.0\n1,0.5\nabc,1\n3,0.125\n");
    hf::app::ImportDialog d(path);
    QVERIFY(!d.dataset().has_value());
    QVERIFY(!okButton(d)->isEnabled());
    QString text = report(d);
    QVERIFY2(text.contains(QStringLiteral("found 'abc'")) && text.contains(QStringLiteral("other 3 rows")),
             qPrintable(text));
    d.skipBadRowsBox()->setChecked(true);
    QVERIFY(d.dataset().has_value());
    QCOMPARE(d.dataset()->rowCount(), std::size_t(3));
    QVERIFY(okButton(d)->isEnabled());
    text = report(d);
    QVERIFY2(text.contains(QStringLiteral("1 row skipped")) && text.contains(QStringLiteral("line 4")),
             qPrintable(text));
    QCOMPARE(d.yColumn(), QStringLiteral("signal"));
  }
  void badFileNamesLineAndColumn() {
    QTemporaryDir dir;
    const QString path = write(dir, "bad.csv", "x,y\n1,2\n3,abc\n");
    hf::app::ImportDialog d(path);
    QVERIFY(!d.dataset().has_value());
    QVERIFY2(d.error().contains(QStringLiteral("bad.csv:3:2")), qPrintable(d.error()));
    QVERIFY(report(d).contains(QStringLiteral("abc")));
    QVERIFY(!okButton(d)->isEnabled());
  }
};

QTEST_MAIN(ImportDialogTest)
#include "ImportDialogTest.moc"
