// Tests for hf::data::Dataset, toIdentifier and splitUnit.
#include "data/Dataset.h"

#include <QtTest>
#include <cmath>
#include <limits>
#include <regex>

using namespace hf::data;

namespace {
bool isIdentifier(const std::string& s) {
  static const std::regex id("[A-Za-z_][A-Za-z0-9_]*");
  return std::regex_match(s, id);
}
}  // namespace

class DatasetTest : public QObject {
  Q_OBJECT
private slots:
  void toIdentifier_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");  // empty: only the identifier properties are checked
    QTest::newRow("already an identifier") << "T" << "T";
    QTest::newRow("underscores kept") << "k_obs_2" << "k_obs_2";
    QTest::newRow("space") << "log density" << "log_density";
    QTest::newRow("run of separators") << "a -- b" << "a_b";
    QTest::newRow("surrounding blanks") << "  x  " << "x";
    QTest::newRow("punctuation") << "conc.(A)" << "conc_A";
    QTest::newRow("case kept") << "Temperature" << "Temperature";
    QTest::newRow("leading digit") << "2theta" << "";
    QTest::newRow("only digits") << "1" << "";
    QTest::newRow("reciprocal") << "1/T" << "";
    QTest::newRow("empty") << "" << "";
    QTest::newRow("only symbols") << "%/%" << "";
    QTest::newRow("non-ascii letter") << QString::fromUtf8("\xC2\xB5") << "";
    QTest::newRow("non-ascii inside") << QString::fromUtf8("T\xC2\xB0" "C") << "";
  }
  void toIdentifier() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const std::string in = text.toStdString();
    const std::string id = hf::data::toIdentifier(in);
    QVERIFY2(isIdentifier(id), id.c_str());
    if (!expected.isEmpty()) QCOMPARE(QString::fromStdString(id), expected);
    // Idempotent: an identifier maps to itself.
    QCOMPARE(hf::data::toIdentifier(id), id);
    // The ASCII letters and digits of the input survive in order.
    std::string alnum;
    for (char c : in)
      if (std::isalnum(static_cast<unsigned char>(c))) alnum += c;
    std::string kept;
    for (char c : id)
      if (std::isalnum(static_cast<unsigned char>(c))) kept += c;
    if (!alnum.empty()) QCOMPARE(kept, alnum);
  }

  void splitUnit_data() {
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("unit");
    QTest::newRow("square brackets") << "T [K]" << "T" << "K";
    QTest::newRow("parentheses") << "T (K)" << "T" << "K";
    QTest::newRow("no space") << "T[K]" << "T" << "K";
    QTest::newRow("nested in brackets") << "p [J/(mol K)]" << "p" << "J/(mol K)";
    QTest::newRow("nested in parentheses") << "E (J/(mol K))" << "E" << "J/(mol K)";
    QTest::newRow("label with spaces") << "log density [g/cm^3]" << "log density" << "g/cm^3";
    QTest::newRow("blanks trimmed") << "  T  [ K ]  " << "T" << "K";
    QTest::newRow("no unit") << "Temperature" << "Temperature" << "";
    QTest::newRow("no unit, trimmed") << "  x " << "x" << "";
    QTest::newRow("unit only") << "[K]" << "[K]" << "";
    QTest::newRow("unclosed") << "T [K" << "T [K" << "";
    QTest::newRow("mismatched brackets") << "T [K)" << "T [K)" << "";
    QTest::newRow("empty") << "" << "" << "";
  }
  void splitUnit() {
    QFETCH(QString, header);
    QFETCH(QString, label);
    QFETCH(QString, unit);
    std::string l = "stale label", u = "stale unit";  // outputs are overwritten, not appended to
    hf::data::splitUnit(header.toStdString(), l, u);
    QCOMPARE(QString::fromStdString(l), label);
    QCOMPARE(QString::fromStdString(u), unit);
  }

  void findColumn_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("index");
    QTest::newRow("by name") << "T" << 0;
    QTest::newRow("by label") << "Temperature" << 0;
    QTest::newRow("by name with underscore") << "log_density" << 1;
    QTest::newRow("by label with space") << "log density" << 1;
    QTest::newRow("name wins over another column's label") << "b" << 3;
    QTest::newRow("label of the other") << "a" << 2;  // "a" is column 3's label but column 2's name
    QTest::newRow("case sensitive") << "t" << -1;
    QTest::newRow("unit is not a name") << "K" << -1;
    QTest::newRow("absent") << "pressure" << -1;
    QTest::newRow("empty") << "" << -1;
  }
  void findColumn() {
    QFETCH(QString, key);
    QFETCH(int, index);
    Dataset d;
    d.columns.push_back({"T", "Temperature", "K", {300, 310}});
    d.columns.push_back({"log_density", "log density", "", {1, 2}});
    d.columns.push_back({"a", "b", "", {3, 4}});
    d.columns.push_back({"b", "a", "", {5, 6}});
    QCOMPARE(d.findColumn(key.toStdString()), index);
  }

  void basics() {
    Dataset d;
    QCOMPARE(d.rowCount(), std::size_t(0));
    QCOMPARE(d.columnCount(), std::size_t(0));
    QVERIFY(d.columnNames().empty());
    d.columns.push_back({"x", "x", "", {1, 2, 3}});
    d.columns.push_back({"y", "Y", "m", {4, std::numeric_limits<double>::quiet_NaN(), 6}});
    QCOMPARE(d.rowCount(), std::size_t(3));
    QCOMPARE(d.columnCount(), std::size_t(2));
    QCOMPARE(d.columnNames(), (std::vector<std::string>{"x", "y"}));
    QVERIFY(Dataset::isMissing(d.columns[1].values[1]));
    QVERIFY(!Dataset::isMissing(d.columns[1].values[0]));
    QVERIFY(!Dataset::isMissing(0.0));
  }
};

QTEST_APPLESS_MAIN(DatasetTest)
#include "DatasetTest.moc"
