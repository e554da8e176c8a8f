// Theory-guided penalties of ODE models (issue 12): each a block of its
// own, solved at its collocation times with sensitivities; conservation
// moves a source term to zero; the penalty Jacobians are exact.
#include "ModelFixtures.h"
#include "OdeFixtures.h"
#include "common/Error.h"
#include "fit/Calibrator.h"
#include "model/OdeModel.h"

#include <QtTest>
#include <cmath>

using namespace hf;

namespace {

// A -> B -> C with rates k1 = 1, k2 = 0.5 from A = 1: A + B + C = 1. The
// data of C drift upwards by 0.04 t, which a source s in dB/dt can absorb.
data::Dataset chainData() {
  std::vector<double> t, a, b, c;
  for (int i = 1; i <= 20; ++i) {
    const double x = 0.25 * i;
    t.push_back(x);
    a.push_back(std::exp(-x));
    b.push_back(2 * (std::exp(-0.5 * x) - std::exp(-x)));
    c.push_back(1 - a.back() - b.back() + 0.04 * x);
  }
  return test::makeData({{"t", t}, {"A", a}, {"B", b}, {"C", c}});
}

model::OdeModelSpec chainSpec() {
  model::OdeModelSpec spec;
  spec.equations = {{"A", "B", "C"}, {"-k1*A", "k1*A - k2*B + s", "k2*B"}, {}};
  spec.initial = {"1", "0", "0"};
  spec.parameters = {"k1", "k2", "s"};
  spec.observables = {{"A", "A", ""}, {"B", "B", ""}, {"C", "C", ""}};
  spec.integrator.rtol = 1e-10;
  spec.integrator.atol = 1e-12;
  return spec;
}

}  // namespace

class OdePenaltyTest : public QObject {
  Q_OBJECT
 private slots:
  // Without the penalty the source s takes up the drift of C; with
  // "A + B + C conserved" (weight 1e4, 50 times by default) s goes to zero
  // and the total holds at every collocation time.
  void conservationRemovesTheSource() {
    const data::Dataset d = chainData();
    const std::vector<fit::ParameterSetting> starts{{"k1", 0.8}, {"k2", 0.6}, {"s", 0.0}};
    const fit::FitSummary free = fit::Calibrator(model::OdeModel(chainSpec(), {{"chain", &d}}), starts).run();
    QVERIFY2(free.converged(), free.message.c_str());
    QVERIFY2(free.parameters[2].value > 0.01, qPrintable(QString::number(free.parameters[2].value)));

    model::OdeModelSpec spec = chainSpec();
    model::PenaltySpec total;
    total.kind = model::PenaltyKind::Conservation;
    total.expression = "A + B + C";
    total.weight = 1e4;
    spec.penalties = {total};
    const model::OdeModel m(spec, {{"chain", &d}});
    QCOMPARE(m.blockCount(), std::size_t(2));
    QCOMPARE(m.blockSize(1), 49);  // 50 times from t0 = 0 to 5
    QCOMPARE(m.blockTerm(1), std::string("A + B + C conserved"));
    const fit::FitSummary r = fit::Calibrator(m, starts).run();
    QVERIFY2(r.converged(), r.message.c_str());
    const double s = r.parameters[2].value;
    QVERIFY2(std::fabs(s) < 0.02 * free.parameters[2].value, qPrintable(QString::number(s)));
    std::vector<double> p = {r.parameters[0].value, r.parameters[1].value, s}, times;
    for (int k = 0; k <= 50; ++k) times.push_back(0.1 * k);
    const ode::Solution sol = m.simulate(0, p, times);
    for (std::size_t k = 0; k < times.size(); ++k)
      QVERIFY(std::fabs(sol.state(k, 0) + sol.state(k, 1) + sol.state(k, 2) - 1) < 1e-3);
    QCOMPARE(r.penaltyTerms.size(), std::size_t(1));
    QVERIFY(r.rss > free.rss);
  }

  // Every kind of penalty in a hybrid Lotka-Volterra model: the Jacobian of
  // each block (sensitivities at the collocation times, through the
  // network) against central differences of whole solves.
  void penaltyJacobiansAreExact() {
    const data::Dataset d = test::lotkaVolterraData(0.05, 3);
    model::OdeModelSpec spec;
    spec.equations = {{"x", "y"}, {"a*x + U(x, y)[1]", "-d*y + U(x, y)[2]"}, {}};
    spec.initial = {"0.44249296", "4.6280594"};
    spec.parameters = {"a", "d"};
    spec.observables = {{"x", "x", ""}, {"y", "y", ""}};
    spec.integrator.rtol = 1e-11;
    spec.integrator.atol = 1e-13;
    ml::LearnedSpec u;
    u.name = "U";
    u.inputs = 2;
    u.outputs = 2;
    u.hidden = {3};
    u.inputScale = {2.0, 2.0};
    spec.learned = {u};
    model::PenaltySpec positive, rising, law, kept;
    positive.expression = "U(x, y)[2]";
    positive.lower = 0;
    positive.grid = {{"t", 0.0, 3.0, 12}};
    rising.kind = model::PenaltyKind::Monotone;
    rising.expression = "x*y";
    rising.along = "t";
    rising.weight = 2;
    law.kind = model::PenaltyKind::Equation;
    law.expression = "U(x, y)[1] + 0.9*x*y";
    law.weight = 0.3;
    kept.kind = model::PenaltyKind::Conservation;
    kept.expression = "0.8*x - log(x) + 0.9*y - a*log(y)";
    kept.grid = {{"t", 0.5, 2.5, 9}};
    spec.penalties = {positive, rising, law, kept};
    const model::OdeModel m(spec, {{"lv", &d}});
    QCOMPARE(m.blockCount(), std::size_t(5));
    QCOMPARE(m.blockSize(1), 12);
    QCOMPARE(m.blockSize(2), 49);
    QCOMPARE(m.blockSize(4), 8);
    std::vector<double> p = m.defaultStarts();
    p[0] = 1.2;
    p[1] = 1.7;
    std::vector<double> r;
    QVERIFY(fit::evaluateModel(m, p, r, nullptr));
    std::size_t active = 0;
    for (std::size_t i = 62; i < 62 + 12 + 49; ++i) active += r[i] != 0;
    QVERIFY2(active > 3, qPrintable(QString::number(active)));
    const QString mismatch = test::jacobianMismatch(m, p, 1.0, 1e-5);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
  }

  // Two experiments, a rate local to each, a learned term with its L2
  // block, and penalties in one experiment and in both: the blocks come in
  // order (data, L2, penalties), each penalty sees its experiment's local
  // rate, and every Jacobian entry matches central differences.
  void severalExperimentsAndLocalParameters() {
    const data::Dataset d1 = chainData();
    data::Dataset d2 = chainData();
    for (std::size_t c = 1; c < d2.columns.size(); ++c)
      for (double& v : d2.columns[c].values) v *= 0.8;
    model::OdeModelSpec spec = chainSpec();
    spec.equations.rates[1] = "k1*A - k2*B + s + G(B)";
    spec.localParameters = {"k1"};
    ml::LearnedSpec g;
    g.name = "G";
    g.hidden = {3};
    g.l2 = 0.01;
    spec.learned = {g};
    model::PenaltySpec total, rising;
    total.kind = model::PenaltyKind::Conservation;
    total.expression = "A + B + C";
    total.weight = 3;
    total.grid = {{"t", 0.0, 4.0, 9}};
    total.experiment = "second";
    rising.kind = model::PenaltyKind::Monotone;
    rising.expression = "C - k1";
    rising.along = "t";
    rising.grid = {{"t", 0.0, 5.0, 11}};
    spec.penalties = {total, rising};
    const model::OdeModel m(spec, {{"first", &d1}, {"second", &d2}});
    QCOMPARE(m.blockCount(), std::size_t(2 + 1 + 1 + 2));
    QCOMPARE(m.blockTerm(2), std::string("G weights (L2)"));
    QCOMPARE(m.blockTerm(3), std::string("A + B + C conserved"));
    QCOMPARE(m.blockSize(3), 8);
    QCOMPARE(m.blockTerm(4), std::string("C - k1 rising in t"));
    QCOMPARE(m.blockTerm(5), m.blockTerm(4));  // one block per experiment
    QCOMPARE(m.blockSize(5), 10);
    std::vector<double> p = m.defaultStarts();
    for (std::size_t j = 0; j < m.parameterCount(); ++j)
      if (std::isnan(p[j])) p[j] = 0.6 + 0.1 * static_cast<double>(j);
    const QString mismatch = test::jacobianMismatch(m, p, 1.0, 1e-5);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    // The conservation block sees only the second experiment's k1.
    std::vector<double> r, jac;
    QVERIFY(fit::evaluateModel(m, p, r, &jac));
    const auto names = m.parameterNames();
    const auto k1first = static_cast<std::size_t>(std::find(names.begin(), names.end(), "k1[first]") - names.begin());
    std::size_t row = 0;
    for (std::size_t b = 0; b < 3; ++b) row += static_cast<std::size_t>(m.blockSize(b));
    for (int i = 0; i < m.blockSize(3); ++i) QCOMPARE(jac[(row + std::size_t(i)) * p.size() + k1first], 0.0);
  }

  void mistakesAreNamed_data() {
    QTest::addColumn<QString>("axis");
    QTest::addColumn<QString>("along");
    QTest::addColumn<QString>("experiment");
    QTest::addColumn<QString>("expected");
    QTest::newRow("axis not time") << "A"
                                   << ""
                                   << ""
                                   << "are times";
    QTest::newRow("monotone in a state") << ""
                                         << "A"
                                         << ""
                                         << "in time ('t') only";
    QTest::newRow("no such experiment") << ""
                                        << ""
                                        << "other"
                                        << "no experiment called 'other'";
    QTest::newRow("before t0") << "t"
                               << ""
                               << ""
                               << "before the initial time";
  }
  void mistakesAreNamed() {
    QFETCH(QString, axis);
    QFETCH(QString, along);
    QFETCH(QString, experiment);
    QFETCH(QString, expected);
    const data::Dataset d = chainData();
    model::OdeModelSpec spec = chainSpec();
    model::PenaltySpec s;
    s.kind = along.isEmpty() ? model::PenaltyKind::Bounds : model::PenaltyKind::Monotone;
    s.expression = "A";
    s.lower = 0;
    s.along = along.toStdString();
    s.experiment = experiment.toStdString();
    if (!axis.isEmpty()) s.grid = {{axis.toStdString(), -1.0, 1.0, 5}};
    spec.penalties = {s};
    try {
      model::OdeModel m(spec, {{"chain", &d}});
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY2(e.message().find("penalty 'A") != std::string::npos, e.message().c_str());
      QVERIFY2(e.message().find(expected.toStdString()) != std::string::npos, e.message().c_str());
    }
  }
};

QTEST_APPLESS_MAIN(OdePenaltyTest)
#include "OdePenaltyTest.moc"
