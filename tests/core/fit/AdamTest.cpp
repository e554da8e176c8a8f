// Adam as an optimiser option (issue 12): it reaches the least-squares
// optimum of a small problem, far more slowly than Levenberg-Marquardt;
// its settings are checked and stored.
#include "ModelFixtures.h"
#include "fit/Calibrator.h"
#include "project/ProjectFile.h"

#include <QtTest>
#include <cmath>

using namespace hf;

class AdamTest : public QObject {
  Q_OBJECT
 private slots:
  // y = 2 exp(-0.7 x) + 0.5 with a deterministic wobble: both optimisers
  // end at the same minimum; Adam needs hundreds of iterations where LM
  // needs a handful.
  void reachesTheLeastSquaresOptimum() {
    std::vector<double> x, y;
    for (int i = 0; i < 40; ++i) {
      x.push_back(0.1 * i);
      y.push_back(2 * std::exp(-0.7 * x.back()) + 0.5 + 0.01 * std::sin(7.0 * i));
    }
    const auto d = test::makeData({{"x", x}, {"y", y}});
    const model::AlgebraicModel m(d, test::spec("a*exp(-b*x) + c", "y", {"a", "b", "c"}));
    const std::vector<fit::ParameterSetting> starts{{"a", 1.0}, {"b", 1.0}, {"c", 0.0}};
    const fit::FitSummary lm = fit::Calibrator(m, starts).run();
    QVERIFY(lm.converged());
    fit::CalibrationOptions o;
    o.optimizer = fit::Optimizer::Adam;
    o.learningRate = 0.02;
    o.maxIterations = 20000;
    o.plateauWindow = 200;
    o.plateauTolerance = 1e-10;
    o.multistart = 0;
    const fit::FitSummary adam = fit::Calibrator(m, starts, o).run();
    qInfo("LM: %d iterations, cost %.10g; Adam: %d iterations, cost %.10g (%s)", lm.iterations, lm.finalCost,
          adam.iterations, adam.finalCost, adam.message.c_str());
    QVERIFY2(adam.strategy.find("Adam") != std::string::npos, adam.strategy.c_str());
    QVERIFY2(adam.finalCost <= lm.finalCost * (1 + 1e-4), qPrintable(QString::number(adam.finalCost)));
    for (int j = 0; j < 3; ++j) QVERIFY(std::fabs(adam.parameters[j].value - lm.parameters[j].value) < 1e-3);
    QVERIFY(adam.iterations > 20 * lm.iterations);
    // The history never rises (the lowest cost so far is recorded).
    for (std::size_t i = 1; i < adam.history.size(); ++i) QVERIFY(adam.history[i].cost <= adam.history[i - 1].cost);
  }

  void settingsAreCheckedAndStored() {
    fit::CalibrationOptions o;
    o.optimizer = fit::Optimizer::Adam;
    QVERIFY(o.validate().empty());
    o.loss = fit::LossKind::Huber;
    QVERIFY(o.validate().find("Adam") != std::string::npos);
    o.loss = fit::LossKind::None;
    o.learningRate = 0;
    QVERIFY(!o.validate().empty());
    fit::Optimizer parsed;
    QVERIFY(fit::parseOptimizer("adam", parsed) && parsed == fit::Optimizer::Adam);
    QVERIFY(!fit::parseOptimizer("sgd", parsed));
    project::Project p;
    p.name = "p";
    p.datasets.push_back({test::makeData({{"x", {1, 2, 3}}, {"y", {1, 2, 3}}}), ""});
    p.model.dataset = "test";
    p.model.spec = test::spec("a*x", "y", {"a"});
    p.parameters = {{"a", 1.0}};
    p.solver.optimizer = fit::Optimizer::Adam;
    p.solver.learningRate = 0.05;
    const project::Project back = project::projectFromJson(project::projectToJson(p), ".", "p");
    QVERIFY(back.solver.optimizer == fit::Optimizer::Adam);
    QCOMPARE(back.solver.learningRate, 0.05);
  }
};

QTEST_APPLESS_MAIN(AdamTest)
#include "AdamTest.moc"
