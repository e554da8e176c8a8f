// EquationMapping: inputs to columns, formula renaming, units from the data.
#include "ModelFixtures.h"
#include "common/Error.h"
#include "library/EquationMapping.h"

#include <QtTest>

using namespace hf;

namespace {
library::Equation kinetics() {
  library::Equation eq;
  eq.id = "kin";
  eq.formula = "Vmax*S/(Km+S) + k*t";
  eq.response = {"v", "mmol/(L min)", ""};
  eq.variables = {{"S", "mmol/L", ""}, {"t", "s", ""}};
  eq.parameters = {{"Vmax", 1, 0, INFINITY, "mmol/(L min)", ""},
                   {"Km", 0.5, 0, INFINITY, "mmol/L", ""},
                   {"k", 1, -INFINITY, INFINITY, "1/s", ""},
                   {"q", 1, -INFINITY, INFINITY, "mmol/L/s", ""},
                   {"n", 1, 0, INFINITY, "1", ""}};
  return eq;
}

data::Dataset withUnits(const std::string& conc, const std::string& time, const std::string& rate) {
  data::Dataset d = hf::test::makeData({{"rate", {1, 2}}, {"conc", {1, 2}}, {"time", {1, 2}}});
  d.columns[0].unit = rate;
  d.columns[1].unit = conc;
  d.columns[2].unit = time;
  return d;
}

std::string unitOf(const std::vector<fit::ParameterSetting>& s, const std::string& name) {
  for (const auto& p : s)
    if (p.name == name) return p.unit;
  return "?";
}
}  // namespace

class EquationMappingTest : public QObject {
  Q_OBJECT
 private slots:
  void inputsTakeFreeColumnsInOrder() {
    const auto d = withUnits("ppm", "min", "counts");
    const library::InputMapping m = library::mapInputs(kinetics(), d, "rate", "");
    QCOMPARE(m, (library::InputMapping{{"S", "conc"}, {"t", "time"}}));
    QCOMPARE(library::renameInputs(kinetics().formula, m), std::string("Vmax*conc/(Km+conc) + k*time"));
    // An explicit mapping wins; the other input takes what is left.
    const library::InputMapping given = library::mapInputs(kinetics(), d, "rate", "", {{"S", "time"}});
    QCOMPARE(given, (library::InputMapping{{"S", "time"}, {"t", "conc"}}));
    QVERIFY_THROWS_EXCEPTION(Error, library::mapInputs(kinetics(), d, "rate", "", {{"X", "conc"}}));
    QVERIFY_THROWS_EXCEPTION(Error, library::mapInputs(kinetics(), d, "rate", "", {{"S", "nope"}}));
  }

  void renamingIsWholeNamesAndSwapSafe() {
    QCOMPARE(library::renameInputs("sqrt(t) + t0*t", {{"t", "time"}}), std::string("sqrt(time) + t0*time"));
    QCOMPARE(library::renameInputs("x - 2*y", {{"x", "y"}, {"y", "x"}}), std::string("y - 2*x"));
  }

  // Units follow the mapped columns; a derived unit is kept only where the
  // data are in the library's units; never a wrong unit (issue 10, fault 3).
  void unitsFollowTheData() {
    const auto eq = kinetics();
    const auto d = withUnits("ppm", "min", "counts/min");
    const auto s = library::parameterSettings(eq, d, "rate", library::mapInputs(eq, d, "rate", ""));
    QCOMPARE(unitOf(s, "Vmax"), std::string("counts/min"));
    QCOMPARE(unitOf(s, "Km"), std::string("ppm"));
    QCOMPARE(unitOf(s, "k"), std::string("1/min"));
    QCOMPARE(unitOf(s, "q"), std::string(""));  // mmol/L/s would be wrong here
    QCOMPARE(unitOf(s, "n"), std::string("1"));
    const auto same = withUnits("mmol/L", "s", "mmol/(L min)");
    const auto t = library::parameterSettings(eq, same, "rate", library::mapInputs(eq, same, "rate", ""));
    QCOMPARE(unitOf(t, "q"), std::string("mmol/L/s"));
    // Data without units: no unit is claimed.
    const auto none = withUnits("", "", "");
    const auto u = library::parameterSettings(eq, none, "rate", library::mapInputs(eq, none, "rate", ""));
    QCOMPARE(unitOf(u, "Km"), std::string(""));
    QCOMPARE(unitOf(u, "q"), std::string(""));
  }
};

QTEST_APPLESS_MAIN(EquationMappingTest)
#include "EquationMappingTest.moc"
