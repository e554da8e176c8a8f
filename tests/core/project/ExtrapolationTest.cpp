// A fitted model carried beyond its data (project/Extrapolation.h): a line
// is the line past the data; an ODE model's first observable follows its
// data where there are data and reaches the widened end; what cannot be
// drawn is named.
#include "ProjectFixtures.h"
#include "project/Extrapolation.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"

#include <QtTest>
#include <cmath>

using namespace hf;

namespace {
std::vector<fit::ParameterEstimate> values(const std::vector<std::pair<std::string, double>>& named) {
  std::vector<fit::ParameterEstimate> out;
  for (const auto& [name, v] : named) {
    fit::ParameterEstimate e;
    e.name = name;
    e.value = v;
    out.push_back(e);
  }
  return out;
}
}  // namespace

class ExtrapolationTest : public QObject {
  Q_OBJECT
 private slots:
  void lineBeyondItsData() {
    nlohmann::json doc = nlohmann::json::parse(R"json({"schemaVersion": 3, "name": "line",
      "datasets": [{"name": "d", "columns": [{"name": "x", "values": [0, 0.5, 1, 2]},
                                             {"name": "y", "values": [1.1, 1.9, 3.1, 4.9]}]}],
      "model": {"kind": "algebraic", "formula": "a*x + b", "response": "y"},
      "parameters": [{"name": "a", "start": 1}, {"name": "b", "start": 0}]})json");
    const project::Project p = project::projectFromJson(doc, ".", "line.hfproj");
    const project::Extrapolation e = project::extrapolate(p, values({{"a", 2.0}, {"b", 1.0}}), 0.5);
    QVERIFY2(e.problem.empty(), e.problem.c_str());
    QCOMPARE(e.xName, std::string("x"));
    QCOMPARE(e.yName, std::string("y"));
    QCOMPARE(e.dataEnd, 2.0);
    QCOMPARE(e.x.front(), 0.0);
    QCOMPARE(e.x.back(), 3.0);
    QCOMPARE(e.dataX.size(), std::size_t(4));
    for (std::size_t k = 0; k < e.x.size(); ++k) QVERIFY(std::fabs(e.y[k] - (2 * e.x[k] + 1)) < 1e-12);
    // A parameter without a value is named.
    QVERIFY(project::extrapolate(p, values({{"a", 2.0}})).problem.find("'b'") != std::string::npos);
  }

  void odeBeyondItsLastObservation() {
    const project::Project p =
        project::loadProject(std::string(HF_SOURCE_DIR) + "/projects/universal-lv/candidate-lotka-volterra.hfproj");
    const fit::FitSummary s = project::fitProject(p);
    const project::Extrapolation e = project::extrapolate(p, s.parameters, 0.5);
    QVERIFY2(e.problem.empty(), e.problem.c_str());
    QCOMPARE(e.xName, std::string("t"));
    QCOMPARE(e.yName, std::string("x"));
    QCOMPARE(e.dataEnd, 3.0);
    QVERIFY(std::fabs(e.x.back() - 4.5) < 1e-12);
    // At the data the curve is the fit: its RMS difference from the prey
    // counts is the fit's noise level (5 % of the mean, about 0.05-0.1).
    double squares = 0;
    for (std::size_t i = 0; i < e.dataX.size(); ++i) {
      const auto k = static_cast<std::size_t>(std::lround(e.dataX[i] / 4.5 * (e.x.size() - 1)));
      const double slope = (e.y[std::min(k + 1, e.y.size() - 1)] - e.y[k > 0 ? k - 1 : 0]) /
                           (e.x[std::min(k + 1, e.x.size() - 1)] - e.x[k > 0 ? k - 1 : 0]);
      const double at = e.y[k] + slope * (e.dataX[i] - e.x[k]);
      squares += (at - e.dataY[i]) * (at - e.dataY[i]);
    }
    QVERIFY2(std::sqrt(squares / e.dataX.size()) < 0.15, qPrintable(QString::number(std::sqrt(squares / 31))));
    for (double y : e.y) QVERIFY(std::isfinite(y) && y > 0);
  }

  void whatCannotBeDrawnIsNamed() {
    const project::Project p = project::loadProject(test::exampleProject("pinn-lv"));  // inputs s and t
    const project::Extrapolation e = project::extrapolate(p, {});
    QVERIFY2(e.problem.find("2 inputs") != std::string::npos, e.problem.c_str());
    QVERIFY(e.x.empty() && e.y.empty());
  }
};

QTEST_APPLESS_MAIN(ExtrapolationTest)
#include "ExtrapolationTest.moc"
