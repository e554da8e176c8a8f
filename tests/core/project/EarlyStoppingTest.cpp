// Early stopping on a validation split (issue 12): an overfitting network
// on noisy data; the parameters kept are those of the iteration with the
// lowest held-out error, which beats the fit run to the end.
#include "SummaryCompare.h"
#include "common/Error.h"
#include "ml/SeededUniform.h"
#include "project/DataPoints.h"
#include "project/EarlyStopping.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"
#include "project/SummaryJson.h"

#include <QtTest>
#include <cmath>

using namespace hf;

namespace {

// y = sin(3 x) + noise (sd 0.15) at 40 points; a 1-8-8-1 tanh network
// (97 weights, a negligible weight penalty) can follow the noise.
project::Project noisyProject(double fraction) {
  nlohmann::json x = nlohmann::json::array(), y = nlohmann::json::array();
  ml::SeededUniform random(5);
  for (int i = 0; i < 40; ++i) {
    const double xv = 2.0 * i / 39.0;
    x.push_back(xv);
    y.push_back(std::sin(3 * xv) + 0.15 * std::sqrt(3.0) * random.symmetric(1.0));
  }
  nlohmann::json doc = nlohmann::json::parse(R"json({"schemaVersion": 3, "name": "noisy",
    "datasets": [{"name": "d", "columns": []}],
    "model": {"kind": "algebraic", "formula": "NN(x)", "response": "y",
      "learned": [{"name": "NN", "type": "mlp", "inputs": 1, "hidden": [8, 8], "activation": "tanh", "l2": 1e-9,
                   "seed": 2, "inputOffset": [1.0]}]},
    "parameters": [], "solver": {"maxIterations": 2000}})json");
  doc["datasets"][0]["columns"] = {{{"name", "x"}, {"values", x}}, {{"name", "y"}, {"values", y}}};
  doc["solver"]["validationFraction"] = fraction;
  doc["solver"]["earlyStoppingPatience"] = 40;
  return project::projectFromJson(doc, ".", "noisy.hfproj");
}

// The held-out points' sum of squares at the summary's parameters, on the
// same split as fitWithEarlyStopping (seeded random hold-out).
double heldOutSquares(const project::Project& p, double fraction, const fit::FitSummary& s) {
  const project::DataPoints pts = project::collectPoints(p);
  project::ValidationOptions o;
  o.folds = 1;
  o.holdOutFraction = fraction;
  const std::vector<int> fold = project::foldsOf(pts, o, 1);
  const project::Project held = project::withPoints(p, pts, [&](std::size_t i) { return fold[i] == 0; });
  return project::residualSums(held, s).squares;
}

}  // namespace

class EarlyStoppingTest : public QObject {
  Q_OBJECT
 private slots:
  void keepsTheParametersOfTheLowestHeldOutError() {
    const project::Project p = noisyProject(0.25);
    fit::FitSummary s;
    try {
      s = project::fitProject(p);  // fitProject routes to early stopping
    } catch (const Error& e) {
      QFAIL(e.what());
    }
    QCOMPARE(s.validationPoints, std::size_t(10));
    QCOMPARE(s.pointCount, std::size_t(30));
    QVERIFY2(s.strategy.find("early stopping on 10 held-out values") != std::string::npos, s.strategy.c_str());
    QVERIFY(s.bestValidationIteration >= 0);
    // Every iteration has its held-out error; the kept one is the lowest.
    double lowest = std::numeric_limits<double>::infinity();
    int at = -1;
    for (const fit::IterationRecord& r : s.history) {
      QVERIFY(std::isfinite(r.validation));
      if (r.validation < lowest) lowest = r.validation, at = r.iteration;
    }
    QCOMPARE(s.validationRss, lowest);
    QCOMPARE(s.bestValidationIteration, at);
    // ... and it is that of the parameters kept.
    const double held = heldOutSquares(p, 0.25, s);
    QVERIFY2(std::fabs(held - lowest) <= 1e-12 * lowest, qPrintable(QString("%1 vs %2").arg(held).arg(lowest)));
    QVERIFY(std::isnan(s.parameters[0].standardError));
    qInfo("%s; best iteration %d of %d, held-out rss %g", s.message.c_str(), s.bestValidationIteration,
          s.history.back().iteration, lowest);

    // The same training points fitted to the end overfit: their held-out
    // error is higher than the early stop's.
    project::Project full = p;
    full.solver.validationFraction = 0;
    full.solver.multistart = 0;
    const project::DataPoints pts = project::collectPoints(p);
    project::ValidationOptions o;
    o.folds = 1;
    o.holdOutFraction = 0.25;
    const std::vector<int> fold = project::foldsOf(pts, o, 1);
    const project::Project train = project::withPoints(full, pts, [&](std::size_t i) { return fold[i] != 0; });
    const fit::FitSummary end = project::fitProject(train);
    const double overfit = heldOutSquares(p, 0.25, end);
    qInfo("run to the end: %d iterations, training rss %g, held-out rss %g", end.iterations, end.rss, overfit);
    QVERIFY2(lowest < overfit, qPrintable(QString("%1 vs %2").arg(lowest).arg(overfit)));
    QVERIFY(end.rss < s.rss);  // ... while fitting the training points closer

    // Saved and loaded, the summary keeps the validation column.
    fit::FitSummary back = project::summaryFromJson(project::summaryToJson(s), "", "test");
    test::compareSummaries(s, back);
  }

  void settingsAreChecked() {
    project::Project p = noisyProject(0.25);
    p.solver.validationFraction = 0.6;
    QVERIFY(!p.solver.validate().empty());
    nlohmann::json doc = project::projectToJson(noisyProject(0.25));
    doc["solver"]["validationFraction"] = 0.7;
    QVERIFY_THROWS_EXCEPTION(Error, project::projectFromJson(doc, ".", "x"));
    QCOMPARE(project::projectToJson(noisyProject(0.3))["solver"]["validationFraction"].get<double>(), 0.3);
  }
};

QTEST_APPLESS_MAIN(EarlyStoppingTest)
#include "EarlyStoppingTest.moc"
