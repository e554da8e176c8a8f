// Cross-validation (issue 12): fold assignment (random, blocked, hold-out),
// metrics that do not flatter, AIC/AICc/BIC with the weights counted, and
// leave-one-experiment-out on an ODE project.
#include "ProjectFixtures.h"
#include "common/Error.h"
#include "ml/SeededUniform.h"
#include "project/CrossValidation.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"

#include <QtTest>
#include <atomic>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

using namespace hf;
using hf::test::documentedExample;
using project::SplitKind;
using project::ValidationOptions;

namespace {

// y = sin(2x) + noise (sd 0.05) at 40 points, fitted by `formula` with an
// optional learned polynomial P of the given degree.
project::Project sineProject(const std::string& formula, int degree) {
  nlohmann::json x = nlohmann::json::array(), y = nlohmann::json::array();
  ml::SeededUniform r(3);
  for (int i = 0; i < 40; ++i) {
    const double xv = 3.0 * i / 39.0;
    x.push_back(xv);
    y.push_back(std::sin(2 * xv) + 0.05 * std::sqrt(3.0) * r.symmetric(1.0));
  }
  nlohmann::json doc = {
      {"schemaVersion", 3},
      {"name", formula},
      {"datasets", {{{"name", "d"}, {"columns", {{{"name", "x"}, {"values", x}}, {{"name", "y"}, {"values", y}}}}}}},
      {"model", {{"kind", "algebraic"}, {"formula", formula}, {"response", "y"}}},
      {"parameters", nlohmann::json::array()}};
  // Parameters a (start 1) and b (start 1.8) where the formula has them.
  if (formula.find('a') != std::string::npos) doc["parameters"].push_back({{"name", "a"}, {"start", 1.0}});
  if (formula.find('b') != std::string::npos) doc["parameters"].push_back({{"name", "b"}, {"start", 1.8}});
  if (degree >= 0)
    doc["model"]["learned"] = {
        {{"name", "P"}, {"type", "polynomial"}, {"degree", degree}, {"inputOffset", {1.5}}, {"inputScale", {1.5}}}};
  return project::projectFromJson(doc, ".", "sine.hfproj");
}

}  // namespace

class CrossValidationTest : public QObject {
  Q_OBJECT
 private slots:
  void randomFoldsAreBalancedAndSeeded() {
    ValidationOptions o;
    o.folds = 5;
    const std::vector<int> f = project::assignFolds(23, o);
    std::map<int, int> size;
    for (int v : f) ++size[v];
    QCOMPARE(size.size(), std::size_t(5));
    for (const auto& [fold, n] : size) QVERIFY(fold >= 0 && fold < 5 && (n == 4 || n == 5));
    QCOMPARE(project::assignFolds(23, o), f);
    o.seed = 2;
    QVERIFY(project::assignFolds(23, o) != f);
    o.folds = 1;  // hold out 20 %
    int held = 0;
    for (int v : project::assignFolds(23, o)) held += v == 0 ? 1 : 0;
    QCOMPARE(held, 5);
  }

  // Blocked folds: each fold is one contiguous run, so neighbours sit on
  // both sides only at the K - 1 block boundaries.
  void blockedFoldsAreContiguous() {
    for (int k : {2, 3, 4, 7}) {
      ValidationOptions o;
      o.kind = SplitKind::Blocked;
      o.folds = k;
      const std::vector<int> f = project::assignFolds(31, o);
      int changes = 0;
      for (std::size_t i = 1; i < f.size(); ++i) {
        QVERIFY(f[i] >= f[i - 1]);
        changes += f[i] != f[i - 1] ? 1 : 0;
      }
      QCOMPARE(changes, k - 1);
      QCOMPARE(f.front(), 0);
      QCOMPARE(f.back(), k - 1);
    }
    ValidationOptions o;
    o.kind = SplitKind::Blocked;
    o.folds = 1;
    const std::vector<int> f = project::assignFolds(10, o);
    QCOMPARE(f, (std::vector<int>{-1, -1, -1, -1, -1, -1, -1, -1, 0, 0}));  // the last 20 %
  }

  // A degree-8 polynomial term fits the training points better than the
  // noise allows and predicts held-out points worse; the exact model
  // a*sin(b*x) validates at the noise level. AIC uses n ln(RSS/n) + 2k
  // with every coefficient counted.
  void validationDoesNotFlatter() {
    ValidationOptions o;
    o.folds = 5;
    const project::ValidationReport wiggly = project::crossValidate(sineProject("P(x)", 8), o);
    QCOMPARE(wiggly.parameterCount, std::size_t(9));
    QVERIFY2(wiggly.validation.rmse > wiggly.training.rmse,
             qPrintable(QString("%1 vs %2").arg(wiggly.validation.rmse).arg(wiggly.training.rmse)));
    QCOMPARE(wiggly.validation.points, std::size_t(40));  // every point held out once
    const project::Project physics = sineProject("a*sin(b*x)", -1);
    const project::ValidationReport exact = project::crossValidate(physics, o);
    QVERIFY(exact.validation.rmse < 0.08 && exact.training.rmse < 0.06);
    const fit::FitSummary all = project::fitProject(physics);
    const double n = 40, k = 2;
    QVERIFY(std::fabs(exact.aic - (n * std::log(all.rss / n) + 2 * k)) < 1e-9 * std::fabs(exact.aic));
    QVERIFY(std::fabs(exact.bic - (n * std::log(all.rss / n) + k * std::log(n))) < 1e-9 * std::fabs(exact.bic));
    QVERIFY(std::fabs(exact.aicc - exact.aic - 2 * k * (k + 1) / (n - k - 1)) < 1e-9);
    QVERIFY(exact.aic < wiggly.aic);
  }

  // Two experiments: each is predicted by a fit to the other. With A0 local
  // to each experiment the held-out one cannot be predicted: said.
  void leaveOneExperimentOut() {
    nlohmann::json doc = documentedExample();
    ValidationOptions o;
    o.kind = SplitKind::Experiments;
    const project::Project local = project::projectFromJson(doc, HF_SOURCE_DIR "/docs", "doc.hfproj");
    try {
      project::crossValidate(local, o);
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("was not fitted"), e.what());
    }
    doc["model"]["ode"]["localParameters"] = nlohmann::json::array();
    doc["parameters"] = nlohmann::json::array({{{"name", "k1"}, {"start", 0.3}, {"lower", 0}},
                                               {{"name", "k2"}, {"start", 0.1}, {"lower", 0}},
                                               {{"name", "A0"}, {"start", 1}, {"lower", 0}}});
    // A penalty of one experiment goes with it when that one is left out.
    doc["model"]["penalties"] = nlohmann::json::parse(
        R"json([{"kind": "bounds", "expression": "A + B + C", "upper": 100, "experiment": "run2"}])json");
    const project::Project shared = project::projectFromJson(doc, HF_SOURCE_DIR "/docs", "doc.hfproj");
    const project::ValidationReport r = project::crossValidate(shared, o);
    QCOMPARE(r.folds.size(), std::size_t(2));
    QCOMPARE(r.validation.points, r.fit.points);  // every observation held out once
    QVERIFY(r.folds[0].validation.points > 0 && r.folds[1].validation.points > 0);
  }

  void badOptionsAreRefused() {
    ValidationOptions o;
    o.folds = 0;
    QVERIFY_THROWS_EXCEPTION(Error, project::crossValidate(sineProject("a*x", -1), o));
    o.folds = 50;  // more folds than points
    QVERIFY_THROWS_EXCEPTION(Error, project::crossValidate(sineProject("a*x", -1), o));
    o.kind = SplitKind::Experiments;  // an algebraic model has no experiments
    QVERIFY_THROWS_EXCEPTION(Error, project::crossValidate(sineProject("a*x", -1), o));
  }

  // As the workbench's comparison runs it: on a worker thread, progress
  // heard there, cancelled from this thread. A cancelled run is an error
  // ("cancelled"), never a report of a cut-short fit; progress counts
  // fits done out of folds + 1 and never goes back.
  void cancelledFromAnotherThread() {
    const project::Project p = project::loadProject(test::exampleProject("universal-lv"));  // seconds per fold
    ValidationOptions o;
    o.kind = SplitKind::Blocked;
    o.folds = 5;
    std::atomic<bool> cancel{false};
    std::atomic<int> last{0}, total{0};
    std::atomic<bool> backwards{false}, cancelled{false}, reported{false};
    std::thread worker([&] {
      try {
        project::crossValidate(p, o, &cancel, [&](int done, int all) {
          if (done < last) backwards = true;
          last = done;
          total = all;
        });
        reported = true;
      } catch (const Error& e) {
        cancelled = e.message() == "cancelled";
      }
    });
    QTest::qWait(300);
    cancel = true;
    worker.join();
    QVERIFY(!reported);
    QVERIFY(cancelled);
    QVERIFY(!backwards);
    QVERIFY(last < 6);
    // Not cancelled: every fit reported, the last as (6, 6).
    const project::Project fast =
        project::loadProject(std::string(HF_SOURCE_DIR) + "/projects/universal-lv/candidate-lotka-volterra.hfproj");
    std::vector<std::pair<int, int>> heard;
    std::thread whole(
        [&] { project::crossValidate(fast, o, nullptr, [&](int done, int all) { heard.emplace_back(done, all); }); });
    whole.join();
    QCOMPARE(heard.size(), std::size_t(6));
    for (std::size_t k = 0; k < heard.size(); ++k) QCOMPARE(heard[k], std::make_pair(int(k) + 1, 6));
  }
};

QTEST_APPLESS_MAIN(CrossValidationTest)
#include "CrossValidationTest.moc"
