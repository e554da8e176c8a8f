// Theory-guided penalties of algebraic models (issue 12): each kind moves
// the fit the expected way and is honoured at its collocation points; the
// penalty blocks' Jacobians are exact; the loss breakdown names each term.
#include "ModelFixtures.h"
#include "OdeFixtures.h"
#include "common/Error.h"
#include "fit/Calibrator.h"
#include "model/AlgebraicModel.h"

#include <QtTest>
#include <cmath>

using namespace hf;
using hf::test::makeData;
using hf::test::spec;

namespace {

data::Dataset sampled(const std::function<double(double)>& f, int n, double hi = 1.0) {
  std::vector<double> x, y;
  for (int i = 0; i < n; ++i) {
    x.push_back(hi * i / (n - 1));
    y.push_back(f(x.back()));
  }
  return makeData({{"x", x}, {"y", y}});
}

std::vector<double> values(const fit::FitSummary& r) {
  std::vector<double> p;
  for (const auto& e : r.parameters) p.push_back(e.value);
  return p;
}

model::PenaltySpec penalty(model::PenaltyKind kind, std::string expression, double weight) {
  model::PenaltySpec s;
  s.kind = kind;
  s.expression = std::move(expression);
  s.weight = weight;
  return s;
}

const char* kCubic = "c0 + c1*x + c2*x^2 + c3*x^3";

}  // namespace

class PenaltyTest : public QObject {
  Q_OBJECT
 private slots:
  // y = 1.5 x - 0.3 on [0, 1] with the straight line a x + b kept >= 0
  // on the data's range: the penalised fit approaches the constrained
  // least-squares solution b = 0, a = sum(x y) / sum(x^2).
  void boundsHoldAtTheCollocationPoints() {
    const auto d = sampled([](double x) { return 1.5 * x - 0.3; }, 21);
    auto sp = spec("a*x + b", "y", {"a", "b"});
    model::PenaltySpec positive = penalty(model::PenaltyKind::Bounds, "", 1e4);
    positive.lower = 0;
    sp.penalties = {positive};
    const model::AlgebraicModel m(d, sp);
    QCOMPARE(m.blockCount(), m.dataBlockCount() + 1);
    QCOMPARE(m.blockSize(m.dataBlockCount()), 200);  // the default grid of one input
    QCOMPARE(m.penaltyGrid(0).values[0].front(), 0.0);
    QCOMPARE(m.penaltyGrid(0).values[0].back(), 1.0);
    QCOMPARE(m.blockTerm(m.dataBlockCount()), std::string("the model >= 0"));
    const fit::FitSummary r = fit::Calibrator(m, {{"a", 1.0}, {"b", 0.0}}).run();
    QVERIFY2(r.converged(), r.message.c_str());
    double sxy = 0, sxx = 0;
    for (std::size_t i = 0; i < d.rowCount(); ++i) {
      sxy += d.columns[0].values[i] * d.columns[1].values[i];
      sxx += d.columns[0].values[i] * d.columns[0].values[i];
    }
    const double a = r.parameters[0].value, b = r.parameters[1].value;
    QVERIFY2(std::fabs(a - sxy / sxx) < 1e-3 && std::fabs(b) < 1e-3,
             qPrintable(QString("a = %1 (%2), b = %3").arg(a).arg(sxy / sxx).arg(b)));
    for (double x : m.penaltyGrid(0).values[0]) QVERIFY2(a * x + b > -1e-3, qPrintable(QString::number(x)));
    // The breakdown: one term, the whole penalty.
    QCOMPARE(r.penaltyTerms.size(), std::size_t(1));
    QCOMPARE(r.penaltyTerms[0].name, std::string("the model >= 0"));
    QCOMPARE(r.penaltyTerms[0].value, r.penalty);
    QVERIFY2(r.penalty > 0 && r.penalty < 1e-3, qPrintable(QString::number(r.penalty)));
    QVERIFY2(r.briefReport().find("penalty the model >= 0") != std::string::npos, r.briefReport().c_str());
    // The history records the term at every iteration: from the start's
    // violation (b = 0 there: none) to the end's.
    for (const fit::IterationRecord& rec : r.history) QCOMPARE(rec.terms.size(), std::size_t(1));
    QCOMPARE(r.history.back().terms[0], r.penaltyTerms[0].value);
  }

  // The observer sees the penalty terms of each accepted point; the data's
  // share of the cost is the rest.
  void observerSeesTheTerms() {
    struct Watch final : fit::FitObserver {
      std::vector<double> data, bounds;
      fit::FitControl onIteration(const fit::IterationProgress& p) override {
        if (p.terms.size() != 1 || p.terms[0].name != "y0 >= 1") return fit::FitControl::Abort;
        bounds.push_back(p.terms[0].value);
        data.push_back(2 * p.cost - p.terms[0].value);
        return fit::FitControl::Continue;
      }
    } watch;
    const auto d = sampled([](double x) { return 0.5 * std::exp(-x); }, 15);
    auto sp = spec("y0*exp(-k*x)", "y", {"y0", "k"});
    model::PenaltySpec floor = penalty(model::PenaltyKind::Bounds, "y0", 1.0);
    floor.name = "y0 >= 1";
    floor.lower = 1;
    sp.penalties = {floor};
    const model::AlgebraicModel m(d, sp);
    fit::Calibrator c(m, {{"y0", 2.0}, {"k", 1.0}});
    c.setObserver(&watch);
    const fit::FitSummary r = c.run();
    QVERIFY2(r.termination != fit::Termination::Failed, r.message.c_str());
    QVERIFY(watch.bounds.size() >= 3);
    QCOMPARE(watch.bounds.front(), 0.0);  // y0 = 2 at the start
    QVERIFY(watch.bounds.back() > 0);     // the data pull y0 below 1
    QVERIFY(watch.data.back() < watch.data.front());
  }

  // A cubic through y = x + 0.5 sin(6 x) falls in places; with the penalty
  // "rising in x" it rises from each collocation point to the next, at the
  // price of a larger misfit.
  void monotoneMakesTheCurveRise() {
    const auto d = sampled([](double x) { return x + 0.5 * std::sin(6 * x); }, 30);
    const std::vector<fit::ParameterSetting> starts{{"c0", 0.0}, {"c1", 1.0}, {"c2", 0.0}, {"c3", 0.0}};
    const auto largestFall = [](const fit::FitSummary& r) {
      const std::vector<double> c = values(r);
      double fall = 0;
      for (int i = 0; i < 100; ++i) {
        const double x0 = i / 100.0, x1 = (i + 1) / 100.0;
        const auto f = [&](double x) { return c[0] + x * (c[1] + x * (c[2] + x * c[3])); };
        fall = std::max(fall, f(x0) - f(x1));
      }
      return fall;
    };
    const fit::FitSummary free =
        fit::Calibrator(model::AlgebraicModel(d, spec(kCubic, "y", {"c0", "c1", "c2", "c3"})), starts).run();
    QVERIFY(free.converged());
    QVERIFY2(largestFall(free) > 1e-2, qPrintable(QString::number(largestFall(free))));

    auto sp = spec(kCubic, "y", {"c0", "c1", "c2", "c3"});
    model::PenaltySpec rising = penalty(model::PenaltyKind::Monotone, "", 1e6);
    rising.along = "x";
    rising.grid = {{"x", 0.0, 1.0, 101}};
    sp.penalties = {rising};
    const model::AlgebraicModel m(d, sp);
    QCOMPARE(m.blockSize(m.dataBlockCount()), 100);  // one residual per neighbouring pair
    const fit::FitSummary r = fit::Calibrator(m, starts).run();
    QVERIFY2(r.converged(), r.message.c_str());
    QVERIFY2(largestFall(r) < 1e-4, qPrintable(QString::number(largestFall(r))));
    QVERIFY(r.rss > free.rss);
  }

  // A polynomial P(x) learns y = 2 x + 0.05 sin(20 x) on [0, 1]; beyond
  // the data it drifts. The governing equation P(x) = 2 x, stated at
  // collocation points on [0, 3], holds the extrapolation to it.
  void equationGuidesTheExtrapolation() {
    const auto d = sampled([](double x) { return 2 * x + 0.05 * std::sin(20 * x); }, 40);
    ml::LearnedSpec poly;
    poly.name = "P";
    poly.kind = ml::LearnedKind::Polynomial;
    poly.degree = 3;
    auto sp = spec("P(x)", "y", {});
    sp.learned = {poly};
    const auto at3 = [](const model::AlgebraicModel& m, const fit::FitSummary& r) {
      const std::vector<double> w = values(r);
      std::vector<double> out(1), scratch(m.learned().bindings()[0].function->scratchSize());
      const double x = 3;
      m.learned().bindings()[0].function->evaluate(&x, w.data(), out.data(), scratch.data());
      return out[0];
    };
    const model::AlgebraicModel free(d, sp);
    const fit::FitSummary rf = fit::Calibrator(free, {}).run();
    QVERIFY2(std::fabs(at3(free, rf) - 6) > 0.1, qPrintable(QString::number(at3(free, rf))));

    model::PenaltySpec law = penalty(model::PenaltyKind::Equation, "P(x) - 2*x", 10);
    law.grid = {{"x", 0.0, 3.0, 61}};
    sp.penalties = {law};
    const model::AlgebraicModel m(d, sp);
    const fit::FitSummary r = fit::Calibrator(m, {}).run();
    QVERIFY2(r.converged(), r.message.c_str());
    QVERIFY2(std::fabs(at3(m, r) - 6) < 0.02, qPrintable(QString::number(at3(m, r))));
    QCOMPARE(r.penaltyTerms.at(0).name, std::string("P(x) - 2*x = 0"));
  }

  // Conservation along a grid: g = a + b x is constant at every point only
  // when b = 0; with a large weight, b is driven there.
  void conservationHoldsTheExpressionConstant() {
    const auto d = sampled([](double x) { return 1 + 0.5 * x; }, 11);
    auto sp = spec("a + b*x", "y", {"a", "b"});
    model::PenaltySpec flat = penalty(model::PenaltyKind::Conservation, "a + b*x", 1e8);
    flat.grid = {{"x", 0.0, 1.0, 5}};
    sp.penalties = {flat};
    const model::AlgebraicModel m(d, sp);
    QCOMPARE(m.blockSize(m.dataBlockCount()), 4);
    const fit::FitSummary r = fit::Calibrator(m, {{"a", 1.0}, {"b", 1.0}}).run();
    QVERIFY(std::fabs(r.parameters[1].value) < 1e-6);
    QVERIFY(std::fabs(r.parameters[0].value - 1.25) < 1e-6);  // the data's mean
  }

  // The Jacobian of every kind of penalty block (over two inputs, through a
  // network) against central differences.
  void penaltyJacobiansAreExact() {
    std::vector<double> x, z, y;
    for (int i = 0; i < 30; ++i) {
      x.push_back(i / 29.0);
      z.push_back(std::cos(i));
      y.push_back(std::sin(3 * x.back()) + z.back());
    }
    const auto d = makeData({{"x", x}, {"z", z}, {"y", y}});
    ml::LearnedSpec nn;
    nn.name = "NN";
    nn.inputs = 2;
    nn.hidden = {4};
    nn.seed = 3;
    auto sp = spec("a*x + NN(x, z)", "y", {"a"});
    sp.learned = {nn};
    model::PenaltySpec bounds = penalty(model::PenaltyKind::Bounds, "NN(x, z)", 3);
    bounds.lower = -0.05;
    bounds.upper = 0.05;
    model::PenaltySpec rising = penalty(model::PenaltyKind::Monotone, "", 2);
    rising.along = "z";
    rising.grid = {{"x", 0.0, 1.0, 4}, {"z", -1.0, 1.0, 5}};
    model::PenaltySpec law = penalty(model::PenaltyKind::Equation, "NN(x, z) - a*z", 0.5);
    model::PenaltySpec same = penalty(model::PenaltyKind::Conservation, "NN(x, 0.5)*a", 0.7);
    sp.penalties = {bounds, rising, law, same};
    const model::AlgebraicModel m(d, sp);
    QCOMPARE(m.blockSize(m.dataBlockCount() + 1), 4 * 4);  // 4 lines of 5 points in z: 4 pairs each
    QCOMPARE(m.blockSize(m.dataBlockCount() + 2), 14 * 14);
    QCOMPARE(m.blockSize(m.dataBlockCount() + 3), 199);
    std::vector<double> p = m.defaultStarts();
    p[0] = 0.7;
    std::vector<double> r;
    QVERIFY(fit::evaluateModel(m, p, r, nullptr));
    std::size_t active = 0;  // the hinge penalties are active somewhere
    for (std::size_t i = m.dataResidualCount(); i < m.dataResidualCount() + 196 + 16; ++i) active += r[i] != 0;
    QVERIFY(active > 10);
    const QString mismatch = test::jacobianMismatch(m, p, 1.0, 1e-6);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
  }

  void mistakesAreNamed_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("along");
    QTest::addColumn<QString>("axis");
    QTest::addColumn<double>("weight");
    QTest::addColumn<QString>("expected");
    const int bounds = int(model::PenaltyKind::Bounds), mono = int(model::PenaltyKind::Monotone);
    QTest::newRow("no bound") << int(model::PenaltyKind::Bounds) << "a"
                              << ""
                              << "" << 1.0 << "lower or an upper";
    QTest::newRow("weight") << mono << ""
                            << "x"
                            << "" << -1.0 << "weight must be a positive";
    QTest::newRow("along unread") << mono << "a*x"
                                  << "z"
                                  << "" << 1.0 << "does not depend on 'z'";
    QTest::newRow("axis unread") << int(model::PenaltyKind::Equation) << "a*x"
                                 << ""
                                 << "z" << 1.0 << "axis 'z' is not an input";
    QTest::newRow("unknown name") << int(model::PenaltyKind::Equation) << "a*q"
                                  << ""
                                  << "" << 1.0 << "q";
    (void)bounds;
  }
  void mistakesAreNamed() {
    QFETCH(int, kind);
    QFETCH(QString, expression);
    QFETCH(QString, along);
    QFETCH(QString, axis);
    QFETCH(double, weight);
    QFETCH(QString, expected);
    const auto d = makeData({{"x", {0, 1, 2}}, {"z", {1, 2, 3}}, {"y", {1, 2, 3}}});
    auto sp = spec("a*x", "y", {"a"});
    model::PenaltySpec s = penalty(model::PenaltyKind(kind), expression.toStdString(), weight);
    s.along = along.toStdString();
    if (!axis.isEmpty()) s.grid = {{axis.toStdString(), 0.0, 1.0, 3}};
    sp.penalties = {s};
    try {
      model::AlgebraicModel m(d, sp);
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY2(e.message().find("penalty '") != std::string::npos, e.message().c_str());
      QVERIFY2(e.message().find(expected.toStdString()) != std::string::npos, e.message().c_str());
    }
    // Two penalties of one label.
    model::PenaltySpec twice = penalty(model::PenaltyKind::Equation, "a - 1", 1);
    sp.penalties = {twice, twice};
    QVERIFY_THROWS_EXCEPTION(Error, model::AlgebraicModel(d, sp));
    // Nor may one take a weight penalty's name (the terms would merge).
    ml::LearnedSpec nn;
    nn.name = "NN";
    nn.hidden = {2};
    nn.l2 = 1e-3;
    sp.learned = {nn};
    sp.formula = "a*x + NN(x)";
    twice.name = "NN weights (L2)";
    sp.penalties = {twice};
    QVERIFY_THROWS_EXCEPTION(Error, model::AlgebraicModel(d, sp));
  }
};

QTEST_APPLESS_MAIN(PenaltyTest)
#include "PenaltyTest.moc"
