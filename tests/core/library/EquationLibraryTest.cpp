// Tests for hf::library::EquationLibrary: the built-in library loads and is
// complete, every entry's parameters can be recovered by a fit of its own
// noise-free synthetic data, and malformed library documents are rejected
// with the JSON pointer of the bad field.
#include "common/Error.h"
#include "data/Dataset.h"
#include "expr/Expression.h"
#include "fit/Calibrator.h"
#include "library/EquationLibrary.h"
#include "model/AlgebraicModel.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

using namespace hf;
using library::Equation;
using library::EquationLibrary;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

const EquationLibrary& lib() { return EquationLibrary::builtIn(); }

// Typical variable values ("example") of each entry, from the library
// document itself (not exposed by the C++ API).
std::map<std::string, double> exampleValues(const std::string& id) {
  static const nlohmann::json doc = nlohmann::json::parse(library::embeddedEquationsJson());
  std::map<std::string, double> out;
  for (const auto& e : doc.at("equations"))
    if (e.at("id") == id && e.contains("example"))
      for (const auto& [k, v] : e.at("example").items()) out[k] = v.get<double>();
  return out;
}

// "True" parameter values: 10 % above the library start, kept inside the
// bounds; a start of 0 becomes a small offset of 0.1 (inside the bounds).
std::vector<double> trueValues(const Equation& e) {
  std::vector<double> out;
  for (const auto& p : e.parameters) {
    double v = p.start == 0.0 ? 0.1 : 1.1 * p.start;
    if (v > p.upper) v = 0.5 * (p.start + p.upper);
    if (v < p.lower) v = 0.5 * (p.start + p.lower);
    out.push_back(v);
  }
  return out;
}

// Grid of each variable: 0.5 to 2 times its typical value. One variable:
// 40 points; two or more: 8 per variable, full factorial.
//
// Exception, an experimental-design choice rather than a weaker check:
// Vogel-Fulcher-Tammann describes liquids well above T0 (true T0 = 143 K);
// at 0.5 x 300 K = 150 K the response would be exp(2200/7) ~ 1e136 times A
// and the data would span 130 decades, which no unweighted least-squares
// fit can handle. Its grid is 1 to 2 times the typical value (300-600 K).
std::pair<double, double> gridFactors(const std::string& id) {
  if (id == "vogel_fulcher_tammann") return {1.0, 2.0};
  return {0.5, 2.0};
}

std::vector<std::vector<double>> variableGrid(const Equation& e) {
  const auto example = exampleValues(e.id);
  const auto [lo, hi] = gridFactors(e.id);
  const std::size_t nv = e.variables.size();
  const int per = nv == 1 ? 40 : 8;
  std::vector<std::vector<double>> axes;
  for (const auto& v : e.variables) {
    const auto it = example.find(v.name);
    const double x = it == example.end() ? 1.0 : it->second;
    std::vector<double> axis;
    for (int i = 0; i < per; ++i) axis.push_back(x * (lo + (hi - lo) * i / (per - 1)));
    axes.push_back(axis);
  }
  std::vector<std::vector<double>> rows(1);
  for (const auto& axis : axes) {
    std::vector<std::vector<double>> next;
    for (const auto& r : rows)
      for (double x : axis) {
        auto n = r;
        n.push_back(x);
        next.push_back(n);
      }
    rows = std::move(next);
  }
  return rows;
}

struct Synthetic {
  data::Dataset data;
  std::vector<double> truth;
  bool finite = true;
};

// Evaluates the entry's formula at the true values on the grid.
Synthetic synthesize(const Equation& e) {
  Synthetic s;
  std::vector<std::string> vars, params;
  for (const auto& v : e.variables) vars.push_back(v.name);
  for (const auto& p : e.parameters) params.push_back(p.name);
  for (const auto& c : e.constants) params.push_back(c.name);
  const expr::Expression f = expr::Expression::compile(e.formula, vars, params);
  s.truth = trueValues(e);
  std::vector<double> p = s.truth;
  for (const auto& c : e.constants) p.push_back(c.value);
  for (const auto& v : e.variables) s.data.columns.push_back({v.name, v.name, v.unit, {}});
  s.data.columns.push_back({"yobs", "yobs", e.response.unit, {}});
  for (const auto& row : variableGrid(e)) {
    const double y = f.evaluate(row, p);
    if (!std::isfinite(y)) s.finite = false;
    for (std::size_t i = 0; i < row.size(); ++i) s.data.columns[i].values.push_back(row[i]);
    s.data.columns.back().values.push_back(y);
  }
  return s;
}

// A small valid library document for the error cases.
nlohmann::json smallLibrary() {
  return nlohmann::json::parse(R"({
    "schemaVersion": 1,
    "equations": [
      {"id": "line", "name": "Line", "category": "Empirical", "formula": "a*x+b",
       "response": {"name": "y", "unit": "1"},
       "variables": [{"name": "x", "unit": "1"}],
       "parameters": [{"name": "a", "start": 1, "lower": 0, "upper": 10, "unit": "1"},
                      {"name": "b", "start": 0, "unit": "1"}],
       "reference": "none"},
      {"id": "decay", "name": "Decay", "category": "Empirical", "formula": "A*exp(-t/tau)*c0",
       "response": {"name": "y", "unit": "1"},
       "variables": [{"name": "t", "unit": "s"}],
       "parameters": [{"name": "A", "start": 1, "unit": "1"}, {"name": "tau", "start": 2, "lower": 0, "unit": "s"}],
       "constants": [{"name": "c0", "value": 1.5, "unit": "1"}],
       "reference": "none"}
    ]})");
}

}  // namespace

class EquationLibraryTest : public QObject {
  Q_OBJECT
private:
  static void allEntries() {
    QTest::addColumn<QString>("id");
    for (const Equation& e : lib().equations()) QTest::newRow(e.id.c_str()) << QString::fromStdString(e.id);
  }

private slots:
  void builtInLoads() {
    const auto& eqs = lib().equations();
    QVERIFY2(eqs.size() >= 20, qPrintable(QString::number(eqs.size())));
    std::set<std::string> ids;
    for (const Equation& e : eqs) QVERIFY2(ids.insert(e.id).second, e.id.c_str());
    for (const char* id : {"arrhenius", "michaelis_menten", "langmuir", "gaussian_peak", "newton_cooling"}) {
      const Equation* e = lib().find(id);
      QVERIFY2(e, id);
      QCOMPARE(e->id, std::string(id));
    }
    QVERIFY(!lib().find("no_such_equation"));
    QVERIFY(!lib().find(""));
    // Same object every time (parsed once).
    QCOMPARE(&EquationLibrary::builtIn(), &lib());
    // Categories: each entry's category listed once, in first-seen order.
    const auto cats = lib().categories();
    QCOMPARE(std::set<std::string>(cats.begin(), cats.end()).size(), cats.size());
    for (const Equation& e : eqs) QVERIFY(std::find(cats.begin(), cats.end(), e.category) != cats.end());
    QCOMPARE(cats.front(), eqs.front().category);
  }

  void entryComplete_data() { allEntries(); }
  void entryComplete() {
    QFETCH(QString, id);
    const Equation& e = *lib().find(id.toStdString());
    QVERIFY(!e.name.empty());
    QVERIFY(!e.category.empty());
    QVERIFY(!e.formula.empty());
    QVERIFY2(!e.reference.empty(), "no reference");
    QVERIFY(!e.response.name.empty());
    QVERIFY2(!e.response.unit.empty(), "response without unit");
    QVERIFY(!e.variables.empty());
    QVERIFY(!e.parameters.empty());
    std::set<std::string> names;
    for (const auto& v : e.variables) {
      QVERIFY2(!v.unit.empty(), v.name.c_str());
      QVERIFY2(names.insert(v.name).second, v.name.c_str());
    }
    for (const auto& p : e.parameters) {
      QVERIFY2(!p.unit.empty(), qPrintable("parameter without unit: " + QString::fromStdString(p.name)));
      QVERIFY2(p.lower <= p.start && p.start <= p.upper, p.name.c_str());
      QVERIFY2(p.lower < p.upper, p.name.c_str());
      QVERIFY2(std::isfinite(p.start), p.name.c_str());
      QVERIFY2(names.insert(p.name).second, p.name.c_str());
    }
    for (const auto& c : e.constants) {
      QVERIFY2(!c.unit.empty(), c.name.c_str());
      QVERIFY2(std::isfinite(c.value), c.name.c_str());
      QVERIFY2(names.insert(c.name).second, c.name.c_str());
    }
    // Every parameter and constant actually appears in the formula.
    std::vector<std::string> vars, params;
    for (const auto& v : e.variables) vars.push_back(v.name);
    for (const auto& p : e.parameters) params.push_back(p.name);
    for (const auto& c : e.constants) params.push_back(c.name);
    const expr::Expression f = expr::Expression::compile(e.formula, vars, params);
    for (std::size_t i = 0; i < params.size(); ++i) QVERIFY2(f.usesParameter()[i], params[i].c_str());
    // Finite at the starts and the typical variable values.
    const auto example = exampleValues(e.id);
    std::vector<double> x, p;
    for (const auto& v : e.variables) {
      QVERIFY2(example.count(v.name), qPrintable("no example value for " + QString::fromStdString(v.name)));
      x.push_back(example.at(v.name));
    }
    for (const auto& q : e.parameters) p.push_back(q.start);
    for (const auto& c : e.constants) p.push_back(c.value);
    QVERIFY(std::isfinite(f.evaluate(x, p)));
  }

  // At most 3 entries may be skipped by recoversParameters for non-finite
  // synthetic data.
  void syntheticDataFinite() {
    QStringList skipped;
    for (const Equation& e : lib().equations())
      if (!synthesize(e).finite) skipped << QString::fromStdString(e.id);
    QVERIFY2(skipped.size() <= 3, qPrintable(skipped.join(", ")));
  }

  // Noise-free synthetic data generated from each entry's formula at known
  // parameter values, fitted from the library's starts and bounds, must give
  // back those values. Zero residual at the truth makes the optimum exact;
  // 1e-4 relative leaves room for a condition number up to ~1e8 on the
  // 1e-12-ish accuracy the solver reaches, and is far below anything a
  // wrong formula, a wrong derivative or a stuck solver would produce.
  void recoversParameters_data() { allEntries(); }
  void recoversParameters() {
    QFETCH(QString, id);
    const Equation& e = *lib().find(id.toStdString());
    const Synthetic s = synthesize(e);
    if (!s.finite) QSKIP("synthetic data not finite on the grid");
    model::AlgebraicModelSpec spec;
    spec.formula = e.formula;
    spec.response = "yobs";
    std::vector<fit::ParameterSetting> settings;
    for (const auto& p : e.parameters) {
      spec.parameters.push_back(p.name);
      settings.push_back({p.name, p.start, p.lower, p.upper, false, p.unit});
    }
    for (const auto& c : e.constants) {
      spec.parameters.push_back(c.name);
      settings.push_back({c.name, c.value, -kInf, kInf, true, c.unit});
    }
    const model::AlgebraicModel m(s.data, spec);
    QCOMPARE(m.pointCount(), s.data.rowCount());
    fit::Calibrator cal(m, settings);
    const fit::FitSummary sum = cal.run();
    QString detail;
    double worst = 0;
    for (std::size_t i = 0; i < e.parameters.size(); ++i) {
      const double rel = std::fabs(sum.parameters[i].value - s.truth[i]) / std::fabs(s.truth[i]);
      worst = std::max(worst, rel);
      detail += QString(" %1=%2 (true %3, rel %4)")
                    .arg(QString::fromStdString(e.parameters[i].name))
                    .arg(sum.parameters[i].value, 0, 'g', 12)
                    .arg(s.truth[i], 0, 'g', 12)
                    .arg(rel, 0, 'g', 2);
    }
    detail += QString(" | %1, %2 iterations, cond %3").arg(QString::fromStdString(sum.message)).arg(sum.iterations).arg(sum.conditionNumber, 0, 'g', 3);
    QVERIFY2(sum.converged(), qPrintable(detail));
    QVERIFY2(worst <= 1e-4, qPrintable(detail));
    // Constants stay at their values.
    for (std::size_t i = 0; i < e.constants.size(); ++i)
      QCOMPARE(sum.parameters[e.parameters.size() + i].value, e.constants[i].value);
  }

  void fromJsonValid() {
    const EquationLibrary l = EquationLibrary::fromJson(smallLibrary().dump(), "small.json");
    QCOMPARE(l.equations().size(), std::size_t(2));
    const Equation* d = l.find("decay");
    QVERIFY(d);
    QCOMPARE(d->constants.size(), std::size_t(1));
    QCOMPARE(d->constants[0].value, 1.5);
    QCOMPARE(d->parameters[1].lower, 0.0);
    QCOMPARE(d->parameters[1].upper, kInf);
    QCOMPARE(d->parameters[0].lower, -kInf);
    QCOMPARE(l.find("line")->parameters[0].upper, 10.0);
  }

  void fromJsonErrors_data() {
    QTest::addColumn<QString>("pointer");   // field to change
    QTest::addColumn<QString>("value");     // JSON text
    QTest::addColumn<QString>("expected");  // pointer the error must report
    QTest::newRow("duplicate id") << "/equations/1/id" << "\"line\"" << "/equations/1/id";
    QTest::newRow("undeclared symbol in formula") << "/equations/0/formula" << "\"a*x+b+q\"" << "/equations/0/formula";
    QTest::newRow("formula syntax error") << "/equations/1/formula" << "\"A*exp(-t/tau\"" << "/equations/1/formula";
    QTest::newRow("start above upper bound") << "/equations/0/parameters/0/start" << "11" << "/equations/0/parameters/0/start";
    QTest::newRow("start below lower bound") << "/equations/1/parameters/1/start" << "-1" << "/equations/1/parameters/1/start";
    QTest::newRow("start is text") << "/equations/0/parameters/1/start" << "\"0\"" << "/equations/0/parameters/1/start";
    QTest::newRow("constant without number") << "/equations/1/constants/0/value" << "null" << "/equations/1/constants/0/value";
    QTest::newRow("variables not an array") << "/equations/0/variables" << "\"x\"" << "/equations/0/variables";
    QTest::newRow("unsupported version") << "/schemaVersion" << "2" << "/schemaVersion";
  }
  void fromJsonErrors() {
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    nlohmann::json doc = smallLibrary();
    doc[nlohmann::json::json_pointer(pointer.toStdString())] = nlohmann::json::parse(value.toStdString());
    try {
      EquationLibrary::fromJson(doc.dump(), "lib.json");
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QCOMPARE(QString::fromStdString(e.location().jsonPointer), expected);
      QCOMPARE(e.location().file, std::string("lib.json"));
    }
  }

  void fromJsonNotJson() {
    try {
      EquationLibrary::fromJson("{\"schemaVersion\": 1,\n \"equations\": [}", "lib.json");
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QCOMPARE(e.location().file, std::string("lib.json"));
      QCOMPARE(e.location().line, 2);
    }
  }
};

QTEST_APPLESS_MAIN(EquationLibraryTest)
#include "EquationLibraryTest.moc"
