// OdeModel: exact Jacobians of the residuals (against central differences),
// recovery of known parameters from synthetic data (one experiment with
// noise, several experiments with shared and local parameters), and failed
// solves as rejected steps with a message at the start.
#include "OdeFixtures.h"
#include "common/Error.h"
#include "fit/Calibrator.h"
#include "model/OdeModel.h"
#include "ode/BoundSystem.h"

#include <QtTest>
#include <cmath>
#include <random>

using namespace hf;
using hf::test::lotkaVolterraData;

namespace {

model::OdeModelSpec lotkaVolterraSpec() {
  model::OdeModelSpec spec;
  spec.equations = {{"x", "y"}, {"a*x - b*x*y", "c*x*y - d*y"}, {}};
  spec.initial = {"0.44249296", "4.6280594"};
  spec.parameters = {"a", "b", "c", "d"};
  spec.observables = {{"x", "x", ""}, {"y", "y", ""}};
  return spec;
}

}  // namespace

class OdeModelTest : public QObject {
  Q_OBJECT
 private slots:
  // The residual Jacobian (sensitivities chained through the observables,
  // a scale factor and a fitted initial value) against central differences.
  void jacobianMatchesCentralDifferences() {
    const data::Dataset d = lotkaVolterraData(0.05, 7);
    model::OdeModelSpec spec = lotkaVolterraSpec();
    spec.parameters.push_back("s");
    spec.parameters.push_back("x0");
    spec.initial[0] = "x0";
    spec.observables[1].expression = "s*y";
    spec.integrator.rtol = 1e-12;
    spec.integrator.atol = 1e-14;
    const model::OdeModel m(spec, {{"lv", &d}});
    QCOMPARE(m.residualCount(), std::size_t(62));
    const std::vector<double> p{1.1, 0.8, 0.9, 1.6, 1.2, 0.5};
    const QString mismatch = test::jacobianMismatch(m, p, 0.0, 1e-6);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
  }

  // The benchmark problem: 5 % noise, start (1, 0.5, 0.5, 1). The
  // fit must reach the optimum (zero gradient) near the truth; the same
  // optimum from a second start confirms it is not a local stop.
  void lotkaVolterraRecoversTheTruth() {
    const data::Dataset d = lotkaVolterraData(0.05, 11);
    const model::OdeModel m(lotkaVolterraSpec(), {{"lv", &d}});
    fit::Calibrator c(m, {{"a", 1.0}, {"b", 0.5}, {"c", 0.5}, {"d", 1.0}});
    const auto r = c.run();
    QVERIFY2(r.converged(), r.message.c_str());
    const double truth[] = {1.3, 0.9, 0.8, 1.8};
    for (int j = 0; j < 4; ++j) {
      const auto& e = r.parameters[static_cast<std::size_t>(j)];
      qInfo("%s = %g +/- %g", e.name.c_str(), e.value, e.standardError);
      QVERIFY2(std::fabs(e.value - truth[j]) < 4 * e.standardError && e.standardError < 0.5 * truth[j],
               qPrintable(QString("%1 = %2 +/- %3").arg(e.name.c_str()).arg(e.value).arg(e.standardError)));
    }
    fit::Calibrator again(m, {{"a", 2.0}, {"b", 1.5}, {"c", 1.2}, {"d", 2.5}});
    const auto r2 = again.run();
    QVERIFY2(r2.converged(), r2.message.c_str());
    for (int j = 0; j < 4; ++j)
      QVERIFY(std::fabs(r2.parameters[static_cast<std::size_t>(j)].value -
                        r.parameters[static_cast<std::size_t>(j)].value) <=
              1e-6 * std::fabs(r.parameters[static_cast<std::size_t>(j)].value));
  }

  // Three experiments of A -> B -> (k1, k2 shared), each with its own
  // initial amount A0 (local): exact data, so the fit must return the truth.
  void sharedAndLocalParameters() {
    const double k1 = 0.7, k2 = 0.3, a0[] = {1.0, 2.0, 0.5};
    std::vector<data::Dataset> sets(3);
    std::vector<model::OdeExperiment> experiments;
    for (int e = 0; e < 3; ++e) {
      std::vector<double> t, a, b;
      for (int i = 1; i <= 12; ++i) {
        const double ti = 0.5 * i;
        t.push_back(ti);
        a.push_back(a0[e] * std::exp(-k1 * ti));
        b.push_back(a0[e] * k1 / (k2 - k1) * (std::exp(-k1 * ti) - std::exp(-k2 * ti)));
      }
      sets[static_cast<std::size_t>(e)].columns = {{"t", "t", "", t}, {"A", "A", "", a}, {"B", "B", "", b}};
      experiments.push_back({"dose " + std::to_string(e + 1), &sets[static_cast<std::size_t>(e)]});
    }
    model::OdeModelSpec spec;
    spec.equations = {{"A", "B"}, {"-k1*A", "k1*A - k2*B"}, {}};
    spec.initial = {"A0", "0"};
    spec.parameters = {"k1", "k2", "A0"};
    spec.localParameters = {"A0"};
    spec.observables = {{"A", "A", ""}, {"B", "B", ""}};
    const model::OdeModel m(spec, experiments);
    const std::vector<std::string> expected{"k1", "k2", "A0[dose 1]", "A0[dose 2]", "A0[dose 3]"};
    QCOMPARE(m.parameterNames(), expected);
    QCOMPARE(m.experimentOf(0), -1);
    QCOMPARE(m.experimentOf(3), 1);
    QCOMPARE(m.blockCount(), std::size_t(3));
    fit::Calibrator c(m, {{"k1", 0.2}, {"k2", 0.1}, {"A0[dose 1]", 1.5}, {"A0[dose 2]", 1.5}, {"A0[dose 3]", 1.5}});
    const auto r = c.run();
    QVERIFY2(r.converged(), r.message.c_str());
    const double truth[] = {k1, k2, a0[0], a0[1], a0[2]};
    for (std::size_t j = 0; j < 5; ++j)
      QVERIFY2(std::fabs(r.parameters[j].value - truth[j]) < 1e-6 * truth[j],
               qPrintable(QString("%1 = %2").arg(r.parameters[j].name.c_str()).arg(r.parameters[j].value, 0, 'g', 12)));
  }

  // dy/dt = k y^2 blows up at t = 1/(k y0): at the start the fit fails with
  // a message naming the experiment and the time reached.
  void failureAtTheStartNamesExperimentAndTime() {
    data::Dataset d;
    d.columns = {{"t", "t", "", {0.5, 1.0, 2.0, 3.0}}, {"y", "y", "", {1.1, 1.2, 1.4, 1.6}}};
    model::OdeModelSpec spec;
    spec.equations = {{"y"}, {"k*y^2"}, {}};
    spec.initial = {"1"};
    spec.parameters = {"k"};
    spec.observables = {{"y", "y", ""}};
    const model::OdeModel m(spec, {{"batch A", &d}});
    fit::Calibrator c(m, {{"k", 1.0}});  // blows up at t = 1
    const auto r = c.run();
    QVERIFY(r.termination == fit::Termination::Failed);
    QVERIFY2(QString::fromStdString(r.message).contains("experiment 'batch A'") &&
                 (QString::fromStdString(r.message).contains("stopped at t = 0.99") ||
                  QString::fromStdString(r.message).contains("stopped at t = 1:")),
             r.message.c_str());
    // From a start that solves, a step into the blow-up is only rejected.
    fit::Calibrator ok(m, {{"k", 0.01}});
    const auto r2 = ok.run();
    QVERIFY2(r2.converged(), r2.message.c_str());
    QVERIFY(r2.parameters[0].value > 0 && r2.parameters[0].value < 0.33);
  }

  void badSpecificationsNameWhatIsWrong() {
    data::Dataset d;
    d.columns = {{"t", "t", "", {1, 2}}, {"A", "A", "", {1, 2}}};
    model::OdeModelSpec spec;
    spec.equations = {{"A"}, {"-k*A"}, {}};
    spec.initial = {"1"};
    spec.parameters = {"k"};
    spec.observables = {{"B", "A", ""}};
    auto message = [&](const model::OdeModelSpec& s, const std::vector<model::OdeExperiment>& e) {
      try {
        model::OdeModel m(s, e);
      } catch (const Error& err) {
        return QString(err.what());
      }
      return QString();
    };
    QVERIFY(message(spec, {{"run 1", &d}}).contains("no column 'B'"));
    spec.observables = {{"A", "A*q", ""}};
    QVERIFY(message(spec, {{"run 1", &d}}).contains("observable 'A'"));
    spec.observables = {{"A", "A", ""}};
    spec.initial = {"A0"};
    QVERIFY(message(spec, {{"run 1", &d}}).contains("initial value of A"));
    spec.initial = {"1"};
    QVERIFY(message(spec, {{"run 1", &d}, {"run 1", &d}}).contains("two experiments"));
    d.columns[0].values = {-1, 2};
    QVERIFY(message(spec, {{"run 1", &d}}).contains("before the initial time"));
  }
};

QTEST_APPLESS_MAIN(OdeModelTest)
#include "OdeModelTest.moc"
