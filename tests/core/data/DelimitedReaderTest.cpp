// Tests for hf::data::readDelimitedText / readDelimitedFile / toCsv: delimiter
// and header detection, units in headers, comments, missing values, line
// endings, identifiers, every kind of malformed input (which must name file,
// line and column), a bit-exact CSV round trip and a large file.
#include "common/Error.h"
#include "data/DelimitedReader.h"

#include <QtTest>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <set>

using namespace hf;
using hf::data::Dataset;
using hf::data::ImportReport;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
  const std::string path = dir.filePath(name).toStdString();
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.constData(), bytes.size());
  return path;
}

Dataset readText(const QByteArray& text, ImportReport* report = nullptr) {
  return data::readDelimitedText(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), "mem.csv",
                                 {}, report);
}

bool isIdentifier(const std::string& s) {
  static const std::regex id("[A-Za-z_][A-Za-z0-9_]*");
  return std::regex_match(s, id);
}

QString names(const Dataset& d) {
  QStringList out;
  for (const auto& c : d.columns) out << QString::fromStdString(c.name);
  return out.join('|');
}

bool sameBits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

}  // namespace

Q_DECLARE_METATYPE(std::vector<double>)

class DelimitedReaderTest : public QObject {
  Q_OBJECT
 private slots:
  // The same 3 x 3 table in every supported separator.
  void delimiterDetected_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<char>("delimiter");
    QTest::newRow("comma") << QByteArray("t,y,z\n1,2.5,-3\n2,3.5,-4e-3\n3,4.5,5\n") << ',';
    QTest::newRow("tab") << QByteArray("t\ty\tz\n1\t2.5\t-3\n2\t3.5\t-4e-3\n3\t4.5\t5\n") << '\t';
    QTest::newRow("semicolon") << QByteArray("t;y;z\n1;2.5;-3\n2;3.5;-4e-3\n3;4.5;5\n") << ';';
    QTest::newRow("spaces") << QByteArray("t y z\n1   2.5  -3\n 2 3.5 -4e-3\n3 4.5       5\n") << ' ';
    QTest::newRow("spaces and tabs mixed") << QByteArray("t y z\n1 \t 2.5\t-3\n2 3.5  -4e-3\n3\t4.5 5\n") << ' ';
    QTest::newRow("comma with spaces after") << QByteArray("t, y, z\n1, 2.5, -3\n2, 3.5, -4e-3\n3, 4.5, 5\n") << ',';
  }
  void delimiterDetected() {
    QFETCH(QByteArray, text);
    QFETCH(char, delimiter);
    ImportReport report;
    const Dataset d = readText(text, &report);
    QCOMPARE(report.delimiter, delimiter);
    QVERIFY(report.header);
    QCOMPARE(names(d), QString("t|y|z"));
    QCOMPARE(d.rowCount(), std::size_t(3));
    QCOMPARE(report.rows, std::size_t(3));
    QCOMPARE(d.columns[0].values, (std::vector<double>{1, 2, 3}));
    QCOMPARE(d.columns[1].values, (std::vector<double>{2.5, 3.5, 4.5}));
    QCOMPARE(d.columns[2].values, (std::vector<double>{-3, -4e-3, 5}));
    QVERIFY(report.warnings.empty());
  }

  // A forced delimiter overrides detection.
  void explicitDelimiter() {
    data::ImportOptions o;
    o.delimiter = ';';
    const std::string text = "a;b,c\n1;2\n3;4\n";  // the comma is inside a name
    ImportReport report;
    const Dataset d = data::readDelimitedText(text, "mem", o, &report);
    QCOMPARE(report.delimiter, ';');
    QCOMPARE(d.columnCount(), std::size_t(2));
    QCOMPARE(d.columns[1].label, std::string("b,c"));
    QVERIFY(isIdentifier(d.columns[1].name));
  }

  void headerDetection_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("header");
    QTest::addColumn<QString>("names");
    QTest::addColumn<int>("rows");
    QTest::addColumn<double>("firstValue");
    QTest::newRow("numeric first row") << QByteArray("1,2,3\n4,5,6\n") << false << "col1|col2|col3" << 2 << 1.0;
    QTest::newRow("numeric first row, whitespace")
        << QByteArray("1.5 2 3\n4 5 6\n7 8 9\n") << false << "col1|col2|col3" << 3 << 1.5;
    QTest::newRow("missing markers are not a header") << QByteArray("NA,2\n3,4\n") << false << "col1|col2" << 2 << kNaN;
    QTest::newRow("text first row") << QByteArray("x,y\n1,2\n") << true << "x|y" << 1 << 1.0;
    QTest::newRow("one text cell makes a header") << QByteArray("1,y\n1,2\n") << true << "_1|y" << 1 << 1.0;
  }
  void headerDetection() {
    QFETCH(QByteArray, text);
    QFETCH(bool, header);
    QFETCH(QString, names);
    QFETCH(int, rows);
    QFETCH(double, firstValue);
    ImportReport report;
    const Dataset d = readText(text, &report);
    QCOMPARE(report.header, header);
    QCOMPARE(::names(d), names);
    QCOMPARE(d.rowCount(), std::size_t(rows));
    if (std::isnan(firstValue))
      QVERIFY(std::isnan(d.columns[0].values[0]));
    else
      QCOMPARE(d.columns[0].values[0], firstValue);
  }

  void units_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QStringList>("units");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("csv square brackets") << QByteArray("T [K],y\n300,1\n") << QStringList{"T", "y"}
                                         << QStringList{"K", ""} << QStringList{"T", "y"};
    QTest::newRow("csv parentheses") << QByteArray("T (K),P (Pa)\n300,1\n") << QStringList{"T", "P"}
                                     << QStringList{"K", "Pa"} << QStringList{"T", "P"};
    QTest::newRow("csv nested unit") << QByteArray("p [J/(mol K)],T [K]\n1,2\n") << QStringList{"p", "T"}
                                     << QStringList{"J/(mol K)", "K"} << QStringList{"p", "T"};
    QTest::newRow("tsv with spaces in names") << QByteArray("Temperature [K]\tlog density [g/cm^3]\n1\t2\n3\t4\n")
                                              << QStringList{"Temperature", "log density"} << QStringList{"K", "g/cm^3"}
                                              << QStringList{"Temperature", "log_density"};
    QTest::newRow("whitespace brackets") << QByteArray("T [K]   P [Pa]\n300   101325\n310 101000\n")
                                         << QStringList{"T", "P"} << QStringList{"K", "Pa"} << QStringList{"T", "P"};
    QTest::newRow("whitespace parentheses") << QByteArray("T (K) P (Pa)\n300 101325\n310 101000\n")
                                            << QStringList{"T", "P"} << QStringList{"K", "Pa"} << QStringList{"T", "P"};
    QTest::newRow("whitespace unit glued") << QByteArray("T[K] P[Pa]\n300 101325\n310 101000\n")
                                           << QStringList{"T", "P"} << QStringList{"K", "Pa"} << QStringList{"T", "P"};
    QTest::newRow("whitespace nested unit with space")
        << QByteArray("p [J/(mol K)]  T [K]\n1 2\n3 4\n") << QStringList{"p", "T"} << QStringList{"J/(mol K)", "K"}
        << QStringList{"p", "T"};
    QTest::newRow("whitespace unit with space")
        << QByteArray("k [1/(mol s)]  c [mol L]\n1 2\n3 4\n") << QStringList{"k", "c"}
        << QStringList{"1/(mol s)", "mol L"} << QStringList{"k", "c"};
  }
  void units() {
    QFETCH(QByteArray, text);
    QFETCH(QStringList, labels);
    QFETCH(QStringList, units);
    QFETCH(QStringList, names);
    // Known bug (see the report): in whitespace-separated headers only a
    // token that starts with '[' or '(' is glued to the name before it, so
    // a unit containing a space ("[J/(mol K)]") splits into extra columns.
    Dataset d;
    QString error;
    try {
      d = readText(text);
    } catch (const Error& e) {
      error = e.what();
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(d.columnCount(), std::size_t(labels.size()));
    for (int i = 0; i < labels.size(); ++i) {
      QCOMPARE(QString::fromStdString(d.columns[i].label), labels[i]);
      QCOMPARE(QString::fromStdString(d.columns[i].unit), units[i]);
      QCOMPARE(QString::fromStdString(d.columns[i].name), names[i]);
    }
  }

  void commentsAndBlankLines() {
    const QByteArray text =
        "# exported by an instrument\n"
        "  # indented comment\n"
        "\n"
        "x,y\n"
        "1,2\n"
        "   \n"
        "# between rows\n"
        "3,4\n"
        "\t\n"
        "5,6\n";
    ImportReport report;
    const Dataset d = readText(text, &report);
    QCOMPARE(report.commentLines, std::size_t(3));
    QCOMPARE(report.blankLines, std::size_t(3));
    QCOMPARE(d.rowCount(), std::size_t(3));
    QCOMPARE(d.columns[0].values, (std::vector<double>{1, 3, 5}));
    QCOMPARE(d.columns[1].values, (std::vector<double>{2, 4, 6}));
  }

  void commentCharacterConfigurable() {
    data::ImportOptions o;
    o.comment = '%';
    ImportReport report;
    const Dataset d = data::readDelimitedText("% matlab style\nx,y\n1,2\n", "mem", o, &report);
    QCOMPARE(report.commentLines, std::size_t(1));
    QCOMPARE(d.rowCount(), std::size_t(1));
    // With '%' as comment character, '#' lines are data (and not numbers).
    QVERIFY_THROWS_EXCEPTION(Error, data::readDelimitedText("x,y\n# c\n1,2\n", "mem", o));
  }

  void missingCells() {
    const QByteArray text =
        "a,b,c\n"
        "1,,3\n"
        "NA,2,NaN\n"
        "nan,na,4\n"
        "5,6,\n";
    ImportReport report;
    const Dataset d = readText(text, &report);
    QCOMPARE(d.rowCount(), std::size_t(4));
    QCOMPARE(report.missingCells, std::size_t(6));
    std::size_t nans = 0;
    for (const auto& c : d.columns)
      for (double v : c.values) nans += std::isnan(v) ? 1 : 0;
    QCOMPARE(nans, report.missingCells);
    QVERIFY(std::isnan(d.columns[1].values[0]));
    QVERIFY(std::isnan(d.columns[0].values[1]));
    QVERIFY(std::isnan(d.columns[2].values[1]));
    QVERIFY(std::isnan(d.columns[2].values[3]));
    QCOMPARE(d.columns[0].values[3], 5.0);
    QCOMPARE(d.columns[2].values[2], 4.0);
    QVERIFY(Dataset::isMissing(d.columns[1].values[2]));
  }

  void crlfLineEndings() {
    const QByteArray lf = "x [s],y [m]\n1,2\n3,4\n";
    QByteArray crlf = lf;
    crlf.replace("\n", "\r\n");
    ImportReport rl, rc;
    const Dataset a = readText(lf, &rl);
    const Dataset b = readText(crlf, &rc);
    QCOMPARE(b.columnCount(), std::size_t(2));
    QCOMPARE(b.columns[1].unit, std::string("m"));  // no '\r' left in the last header cell
    QCOMPARE(b.columns[1].name, std::string("y"));
    QCOMPARE(b.columns[1].values, a.columns[1].values);
    QCOMPARE(b.columns[0].values, a.columns[0].values);
    QCOMPARE(rc.rows, rl.rows);
    // CRLF in a whitespace-separated file too.
    const Dataset w = readText("1 2\r\n3 4\r\n");
    QCOMPARE(w.columns[1].values, (std::vector<double>{2, 4}));
  }

  void utf8ByteOrderMark() {
    const QByteArray text = "\xEF\xBB\xBFx,y\n1,2\n";
    ImportReport report;
    const Dataset d = readText(text, &report);
    QVERIFY(report.header);
    QCOMPARE(d.columns[0].name, std::string("x"));
    QCOMPARE(d.columns[0].label, std::string("x"));
    // A BOM before a numeric first row must not turn it into a header.
    const Dataset n = readText(
        "\xEF\xBB\xBF"
        "1,2\n3,4\n",
        &report);
    QVERIFY(!report.header);
    QCOMPARE(n.columns[0].values, (std::vector<double>{1, 3}));
  }

  void quotedHeaderCells() {
    ImportReport report;
    const Dataset d = readText("\"Temperature, T [K]\",\"y\",\"a \"\"b\"\"\"\n1,2,3\n4,5,6\n", &report);
    QCOMPARE(report.delimiter, ',');
    QCOMPARE(d.columnCount(), std::size_t(3));
    QCOMPARE(d.columns[0].label, std::string("Temperature, T"));
    QCOMPARE(d.columns[0].unit, std::string("K"));
    QCOMPARE(d.columns[0].name, std::string("Temperature_T"));
    QCOMPARE(d.columns[1].name, std::string("y"));
    QCOMPARE(d.columns[2].label, std::string("a \"b\""));
    QVERIFY(isIdentifier(d.columns[2].name));
    QCOMPARE(d.columns[2].values, (std::vector<double>{3, 6}));
    // Quoted numbers are numbers.
    const Dataset q = readText("x,y\n\"1.5\",\"2\"\n");
    QCOMPARE(q.columns[0].values[0], 1.5);
  }

  // "0,02;76,5": semicolon-separated with decimal commas (detected, or
  // chosen); a file with decimal points is never read with commas
  // (issue 10, fault 6).
  void decimalCommas() {
    ImportReport report;
    const Dataset d = readText("conc;rate\n0,02;76,5\n0,06;97\n1,10;-1,5e2\n", &report);
    QCOMPARE(report.delimiter, ';');
    QCOMPARE(report.decimal, ',');
    QCOMPARE(d.columns[0].values, (std::vector<double>{0.02, 0.06, 1.10}));
    QCOMPARE(d.columns[1].values, (std::vector<double>{76.5, 97, -150}));
    const Dataset p = readText("conc;rate\n0.02;76.5\n0.06;97\n", &report);
    QCOMPARE(report.decimal, '.');
    QCOMPARE(p.columns[1].values[0], 76.5);
    // Chosen explicitly: a decimal-point cell then says what is wrong.
    data::ImportOptions o;
    o.decimal = ',';
    try {
      data::readDelimitedText("a;b\n0.5;1\n", "mem.csv", o);
      QFAIL("a decimal point was read as a number in a decimal-comma file");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("decimal point?") != std::string::npos, e.what());
    }
    // With commas as delimiter, "0,5" is two cells, not one number.
    const Dataset c = readText("x,y\n0,5\n1,6\n", &report);
    QCOMPARE(report.decimal, '.');
    QCOMPARE(c.columns[1].values[0], 5.0);
  }

  // A header with spaces is a column whose formula name has underscores:
  // said in the report (issue 10, fault 12).
  void spacedHeadersAreNoted() {
    ImportReport report;
    const Dataset d = readText("substrate conc [ppm],rate\n1,2\n", &report);
    QCOMPARE(d.columns[0].name, std::string("substrate_conc"));
    QCOMPARE(report.notes.size(), std::size_t(1));
    QVERIFY(report.notes[0].find("'substrate conc' is called substrate_conc") != std::string::npos);
  }

  // Large files are parsed on several threads: the result, and the first
  // bad row reported, are those of a sequential read.
  void largeFilesReadInParallelLikeSmallOnes() {
    QByteArray text = "x,y\n";
    for (int i = 0; i < 60000; ++i) text += QByteArray::number(i) + "," + QByteArray::number(i * 0.5, 'g', 17) + "\n";
    ImportReport report;
    const Dataset d = readText(text, &report);
    QCOMPARE(d.rowCount(), std::size_t(60000));
    for (std::size_t i = 0; i < d.rowCount(); i += 997) QCOMPARE(d.columns[1].values[i], 0.5 * static_cast<double>(i));
    QByteArray bad = text;
    bad.replace("40000,", "4o000,");
    bad.replace("50000,", "5o000,");
    try {
      readText(bad);
      QFAIL("a bad row was accepted");
    } catch (const Error& e) {
      QCOMPARE(e.location().line, 40002);  // the first in file order
    }
    data::ImportOptions skip;
    skip.skipBadRows = true;
    const Dataset s = data::readDelimitedText(std::string_view(bad.constData(), static_cast<std::size_t>(bad.size())),
                                              "mem.csv", skip, &report);
    QCOMPARE(s.rowCount(), std::size_t(59998));
    QCOMPARE(report.skippedRows.size(), std::size_t(2));
    QCOMPARE(report.skippedRows[0].line, std::size_t(40002));
    QCOMPARE(s.columns[0].values[40000], 40001.0);  // rows after a skipped one moved up in order
  }

  void duplicateColumnNames() {
    ImportReport report;
    const Dataset d = readText("x,x,y,x\n1,2,3,4\n", &report);
    QCOMPARE(d.columnCount(), std::size_t(4));
    std::set<std::string> unique;
    for (const auto& c : d.columns) {
      QVERIFY(isIdentifier(c.name));
      unique.insert(c.name);
    }
    QCOMPARE(unique.size(), std::size_t(4));
    QCOMPARE(d.columns[0].name, std::string("x"));
    QCOMPARE(d.columns[2].name, std::string("y"));
    QCOMPARE(d.columns[1].label, std::string("x"));  // the header text is kept
    QCOMPARE(report.warnings.size(), std::size_t(2));
    QVERIFY(report.warnings[0].find(d.columns[1].name) != std::string::npos);
    QVERIFY(report.warnings[1].find(d.columns[3].name) != std::string::npos);
    // Names that only collide after conversion to identifiers.
    const Dataset e = readText("log density,log-density\n1,2\n", &report);
    QVERIFY(e.columns[0].name != e.columns[1].name);
    QCOMPARE(report.warnings.size(), std::size_t(1));
  }

  void headerNamesBecomeIdentifiers_data() {
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("name");  // empty: only check it is an identifier
    QTest::newRow("space") << "log density"
                           << "log_density";
    QTest::newRow("hyphen") << "rate-constant"
                            << "rate_constant";
    QTest::newRow("dot") << "conc.A"
                         << "conc_A";
    QTest::newRow("leading digit") << "2theta"
                                   << "";
    QTest::newRow("slash") << "1/T"
                           << "";
    QTest::newRow("non-ascii") << "\xC2\xB5 [Pa s]"
                               << "";
    QTest::newRow("only symbols") << "%%%"
                                  << "";
  }
  void headerNamesBecomeIdentifiers() {
    QFETCH(QString, header);
    QFETCH(QString, name);
    const Dataset d = readText("t," + header.toUtf8() + "\n0,1\n");
    QCOMPARE(d.columnCount(), std::size_t(2));
    QVERIFY2(isIdentifier(d.columns[1].name), d.columns[1].name.c_str());
    QVERIFY(d.columns[1].name != "t");
    if (!name.isEmpty()) QCOMPARE(QString::fromStdString(d.columns[1].name), name);
  }

  // Malformed text: each must throw hf::Error naming file, line and column.
  void badInput_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("too many fields") << QByteArray("x,y\n1,2\n3,4,5\n6,7\n") << 3 << 3 << "expected 2";
    QTest::newRow("too few fields") << QByteArray("x,y,z\n1,2,3\n4,5,6\n7,8\n") << 4 << 3 << "expected 3";
    QTest::newRow("too few fields, no header") << QByteArray("1,2,3\n4,5\n") << 2 << 3 << "expected 3";
    QTest::newRow("whitespace too many fields") << QByteArray("x y\n1 2\n3 4\n5 6 7\n") << 4 << 3 << "expected 2";
    // One bad row among the first lines of a file that is not comma-separated.
    QTest::newRow("tsv too many fields") << QByteArray("x\ty\n1\t2\n3\t4\t5\n6\t7\n") << 3 << 3 << "expected 2";
    QTest::newRow("semicolon too few fields") << QByteArray("x;y;z\n1;2;3\n4;5\n6;7;8\n") << 3 << 3 << "expected 3";
    QTest::newRow("text cell") << QByteArray("x,y\n1,2\n3,abc\n") << 3 << 2 << "abc";
    QTest::newRow("text cell after comments and blanks")
        << QByteArray("# c\n\nx,y,z\n1,2,3\n\n# c\n4,5,abc\n") << 7 << 3 << "abc";
    QTest::newRow("text cell in first column") << QByteArray("x;y\n1;2\nabc;3\n") << 3 << 1 << "abc";
    QTest::newRow("decimal comma in csv") << QByteArray("x,y\n1,2\n3,\"4,5\"\n") << 3 << 2 << "4,5";
    QTest::newRow("inf is not data") << QByteArray("x,y\n1,inf\n") << 2 << 2 << "inf";
    QTest::newRow("hex is not data") << QByteArray("x,y\n1,0x1A\n") << 2 << 2 << "0x1A";
    QTest::newRow("trailing garbage") << QByteArray("x,y\n1,2.5kg\n") << 2 << 2 << "2.5kg";
    QTest::newRow("unclosed quote in data") << QByteArray("x,y\n1,2\n3,\"4\n5,6\n") << 3 << 2 << "quote";
    QTest::newRow("unclosed quote in header") << QByteArray("x,\"y\n1,2\n3,4\n") << 1 << 2 << "quote";
    QTest::newRow("empty file") << QByteArray("") << 0 << 0 << "no data";
    QTest::newRow("only blank lines") << QByteArray("\n  \n\r\n") << 0 << 0 << "no data";
    QTest::newRow("only comments") << QByteArray("# a\n# b\n") << 0 << 0 << "no data";
    QTest::newRow("header without data") << QByteArray("# c\nx,y\n\n# end\n") << 2 << 0 << "no data rows";
    static const char binary[] = "x,y\n1,2\n3\0,4\n";
    QTest::newRow("binary (NUL byte)") << QByteArray(binary, sizeof binary - 1) << 0 << 0 << "NUL";
  }
  void badInput() {
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, fragment);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = writeFile(dir, "bad.csv", text);
    try {
      data::readDelimitedFile(path);
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QCOMPARE(e.location().file, path);
      // Known bug (see the report): one row with a wrong field count among the
      // first 50 makes delimiter detection fall back to ',' for TSV,
      // semicolon and whitespace files, so the error names the wrong line.
      QCOMPARE(e.location().line, line);
      // Known gap (see the report): the column of an unclosed quote is not reported.
      QCOMPARE(e.location().column, column);
      QVERIFY2(QString::fromStdString(e.message()).contains(fragment, Qt::CaseInsensitive), e.what());
      // what() carries the location prefix.
      QVERIFY(std::string(e.what()).starts_with(path));
    }
  }

  void badPath_data() {
    QTest::addColumn<QString>("which");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("nonexistent file") << "missing"
                                      << "not found";
    QTest::newRow("directory") << "dir"
                               << "folder";
  }
  void badPath() {
    QFETCH(QString, which);
    QFETCH(QString, fragment);
    QTemporaryDir dir;
    const std::string path = which == "dir" ? dir.path().toStdString() : dir.filePath("nope.csv").toStdString();
    try {
      data::readDelimitedFile(path);
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QCOMPARE(e.location().file, path);
      QCOMPARE(e.location().line, 0);
      QCOMPARE(e.location().column, 0);
      QVERIFY2(QString::fromStdString(e.message()).contains(fragment, Qt::CaseInsensitive), e.what());
    }
  }

  void fileTooLarge() {
    QTemporaryDir dir;
    const std::string path = writeFile(dir, "big.csv", "x,y\n1,2\n3,4\n");
    data::ImportOptions o;
    o.maxBytes = 8;
    try {
      data::readDelimitedFile(path, o);
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QCOMPARE(e.location().file, path);
    }
  }

  void fileNameAndSource() {
    QTemporaryDir dir;
    const std::string path = writeFile(dir, "kinetics run 3.csv", "t,c\n0,1\n1,0.5\n");
    const Dataset d = data::readDelimitedFile(path);
    QCOMPARE(d.name, std::string("kinetics run 3"));
    QCOMPARE(d.sourcePath, path);
  }

  // write -> read gives the same names, units and bit-identical values.
  void csvRoundTrip() {
    Dataset d;
    d.columns.push_back({"T", "T", "K", {}});
    d.columns.push_back({"log_density", "log density", "g/cm^3", {}});
    d.columns.push_back({"a_b", "a, b", "J/(mol K)", {}});
    d.columns.push_back({"y", "y", "", {}});
    const std::vector<double> specials = {0.1,
                                          1.0 / 3.0,
                                          -0.0,
                                          2.0 / 3.0 * 1e-300,
                                          std::numeric_limits<double>::denorm_min(),
                                          std::numeric_limits<double>::min(),
                                          std::numeric_limits<double>::max(),
                                          -std::numeric_limits<double>::max(),
                                          123456789012345678.0,
                                          std::nextafter(1.0, 2.0),
                                          kNaN,
                                          -1e-7};
    for (std::size_t r = 0; r < specials.size(); ++r) {
      d.columns[0].values.push_back(300.0 + r * 0.1);
      d.columns[1].values.push_back(specials[r]);
      d.columns[2].values.push_back(r == 3 ? kNaN : std::exp(-double(r)) * 1e5);
      d.columns[3].values.push_back(std::sin(double(r)));
    }
    QTemporaryDir dir;
    const std::string path = writeFile(dir, "round.csv", QByteArray::fromStdString(data::toCsv(d)));
    ImportReport report;
    const Dataset back = data::readDelimitedFile(path, {}, &report);
    QVERIFY(report.header);
    QCOMPARE(report.missingCells, std::size_t(2));
    QCOMPARE(back.columnCount(), d.columnCount());
    QCOMPARE(back.rowCount(), d.rowCount());
    for (std::size_t c = 0; c < d.columnCount(); ++c) {
      QCOMPARE(back.columns[c].name, d.columns[c].name);
      QCOMPARE(back.columns[c].label, d.columns[c].label);
      QCOMPARE(back.columns[c].unit, d.columns[c].unit);
      for (std::size_t r = 0; r < d.rowCount(); ++r) {
        const double a = d.columns[c].values[r], b = back.columns[c].values[r];
        if (std::isnan(a))
          QVERIFY(std::isnan(b));
        else
          QVERIFY2(
              sameBits(a, b),
              qPrintable(
                  QString("column %1 row %2: wrote %3, read %4").arg(c).arg(r).arg(a, 0, 'g', 17).arg(b, 0, 'g', 17)));
      }
    }
  }

  void largeFile() {
    constexpr int n = 10000;
    auto value = [](int i) { return std::sin(i * 0.001) * 1e3 + i * 1e-9; };
    std::string text = "# generated\ni,v [mV],w\n";
    char buf[96];
    for (int i = 0; i < n; ++i) {
      std::snprintf(buf, sizeof buf, "%d,%.17g,%s\n", i, value(i), i % 1000 == 7 ? "NA" : "0.5");
      text += buf;
    }
    QTemporaryDir dir;
    const std::string path = writeFile(dir, "large.csv", QByteArray::fromStdString(text));
    ImportReport report;
    const Dataset d = data::readDelimitedFile(path, {}, &report);
    QCOMPARE(d.rowCount(), std::size_t(n));
    QCOMPARE(report.rows, std::size_t(n));
    QCOMPARE(report.commentLines, std::size_t(1));
    QCOMPARE(report.missingCells, std::size_t(n / 1000));
    QCOMPARE(d.columns[1].unit, std::string("mV"));
    for (int i : {0, 1, 7, 4999, n - 2, n - 1}) {
      QCOMPARE(d.columns[0].values[i], double(i));
      QVERIFY(sameBits(d.columns[1].values[i], value(i)));
      if (i % 1000 == 7)
        QVERIFY(std::isnan(d.columns[2].values[i]));
      else
        QCOMPARE(d.columns[2].values[i], 0.5);
    }
  }
};

QTEST_APPLESS_MAIN(DelimitedReaderTest)
#include "DelimitedReaderTest.moc"
