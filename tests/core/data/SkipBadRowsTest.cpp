// Tests ImportOptions::skipBadRows: rows with text in a number column or
// the wrong number of fields are left out whole and listed with their line
// and reason; without the option the same rows fail the import; a file of
// nothing but bad rows is still an error.
#include "common/Error.h"
#include "data/DelimitedReader.h"

#include <QtTest>
#include <cmath>

using hf::data::ImportOptions;
using hf::data::ImportReport;
using hf::data::readDelimitedText;

class SkipBadRowsTest : public QObject {
  Q_OBJECT
 private slots:
  void badRowsFailByDefault() {
    const char* text = "time [s],signal [V]\n0,1.0\n1,0.5\nabc,1\n3,0.125\n";
    try {
      readDelimitedText(text, "decay.csv");
      QFAIL("a row with text in a number column must fail without skipBadRows");
    } catch (const hf::Error& e) {
      QCOMPARE(e.location().line, 4);
      QCOMPARE(e.location().column, 1);
    }
  }

  void skippedRowsAreLeftOutWholeAndListed() {
    const char* text =
        "time [s],signal [V]\n"
        "0,1.0\n"
        "1,0.5\n"
        "abc,1\n"     // text in a number column
        "2,0.25,9\n"  // one field too many
        "3,NA\n"      // a missing value is not a bad row
        "4,0.0625\n";
    ImportOptions options;
    options.skipBadRows = true;
    ImportReport report;
    const hf::data::Dataset d = readDelimitedText(text, "decay.csv", options, &report);
    QCOMPARE(d.rowCount(), std::size_t(4));
    QCOMPARE(d.columns[0].values, (std::vector<double>{0, 1, 3, 4}));
    QCOMPARE(d.columns[1].values[1], 0.5);
    QVERIFY(std::isnan(d.columns[1].values[2]));
    QCOMPARE(d.columns[1].values[3], 0.0625);
    QCOMPARE(d.columns[0].unit, std::string("s"));
    QCOMPARE(report.rows, std::size_t(4));
    QCOMPARE(report.missingCells, std::size_t(1));
    QCOMPARE(report.skippedRows.size(), std::size_t(2));
    QCOMPARE(report.skippedRows[0].line, std::size_t(4));
    QCOMPARE(report.skippedRows[0].column, std::size_t(1));
    QVERIFY(report.skippedRows[0].reason.find("found 'abc'") != std::string::npos);
    QCOMPARE(report.skippedRows[1].line, std::size_t(5));
    QCOMPARE(report.skippedRows[1].column, std::size_t(3));
    QVERIFY(report.skippedRows[1].reason.find("found 3") != std::string::npos);
  }

  void nothingButBadRowsIsStillAnError() {
    ImportOptions options;
    options.skipBadRows = true;
    try {
      readDelimitedText("x,y\na,b\nc,d\n", "junk.csv", options);
      QFAIL("no row left must be an error");
    } catch (const hf::Error& e) {
      // Which row, and why: the first bad one (not only "nothing left").
      QVERIFY2(
          std::string(e.what()).find("no data row can be read; the first bad one: column 'x'") != std::string::npos,
          e.what());
      QCOMPARE(e.location().line, 2);
    }
  }
};

QTEST_APPLESS_MAIN(SkipBadRowsTest)
#include "SkipBadRowsTest.moc"
