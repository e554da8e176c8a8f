// A physics-informed network (issue 12): projects/pinn-lv fits N(t) =
// (prey, predators) to the Lotka-Volterra data plus the ODE's residuals
// dN/dt - f(N; a, b, c, d) at collocation times, the rates fitted too.
// Checked: the residual Jacobian (through the network's exact second
// derivatives) against central differences; the fitted rates against the
// integrated ODE's own fit on the same data (within its 95 % intervals);
// the network against the ODE solved at the fitted rates from N(0) and
// against the noise-free truth; the ODE the project's penalties state
// (project/StatedOde.h), solved for the workbench's plot, is that ODE.
#include "OdeFixtures.h"
#include "ProjectFixtures.h"
#include "fit/Calibrator.h"
#include "model/AlgebraicModel.h"
#include "model/OdeSimulation.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"
#include "project/StatedOde.h"

#include <QtTest>
#include <cmath>

using namespace hf;

namespace {

// RMS of (a - b) over rows, relative to the RMS of b, for state k.
double relativeRms(const std::vector<double>& a, const std::vector<double>& b) {
  double e = 0, s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    e += (a[i] - b[i]) * (a[i] - b[i]);
    s += b[i] * b[i];
  }
  return std::sqrt(e / s);
}

}  // namespace

class PinnTest : public QObject {
  Q_OBJECT

 private slots:
  void residualJacobianIsExact() {
    const project::Project p = project::loadProject(test::exampleProject("pinn-lv"));
    const model::AlgebraicModel m(p.modelDataset(), p.model.spec);
    QCOMPARE(m.blockCount(), m.dataBlockCount() + 2);  // the two ODE residuals
    std::vector<double> at = m.defaultStarts();
    for (std::size_t k = 0; k < 4; ++k) at[k] = 1.0 + 0.2 * static_cast<double>(k);
    const QString mismatch = test::jacobianMismatch(m, at, 1e-2, 1e-6);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
  }

  void initTestCase() {
    m_project = project::loadProject(test::exampleProject("pinn-lv"));
    m_project.lastResult = project::fitProject(m_project);
  }

  void networkFollowsTheOdeAtTheFittedRates() {
    const project::Project& p = m_project;
    const fit::FitSummary& r = *p.lastResult;
    QVERIFY2(r.converged(), r.message.c_str());
    // The same data fitted by integrating the ODE (the textbook candidate).
    const project::Project ode =
        project::loadProject(std::string(HF_SOURCE_DIR) + "/projects/universal-lv/candidate-lotka-volterra.hfproj");
    const fit::FitSummary o = project::fitProject(ode);
    QVERIFY(o.converged());
    std::vector<double> rates;
    for (std::size_t k = 0; k < 4; ++k) {
      const auto& pinn = r.parameters[k];
      const auto& integrated = o.parameters[k];
      QCOMPARE(pinn.name, integrated.name);
      qInfo("%s: PINN %.4f, integrated ODE %.4f +/- %.4f (95 %%)", pinn.name.c_str(), pinn.value, integrated.value,
            integrated.ci95);
      QVERIFY2(std::fabs(pinn.value - integrated.value) < integrated.ci95, pinn.name.c_str());
      rates.push_back(pinn.value);
    }
    // The network and the ODE solved at the fitted rates from N(0).
    const model::AlgebraicModel m(p.modelDataset(), p.model.spec);
    const expr::LearnedBinding& n = m.learned().bindings()[0];
    std::vector<double> w;
    for (const auto& e : r.parameters) w.push_back(e.value);
    std::vector<double> scratch(n.function->scratchSize()), times;
    std::vector<double> net[2], solved[2], truth[2];
    const data::Dataset exact = test::lotkaVolterraData(0.0, 0);
    for (int i = 0; i <= 30; ++i) {
      const double t = 0.1 * i;
      double out[2] = {0, 0};
      times.push_back(t);
      n.function->evaluate(&t, w.data() + n.firstWeight, out, scratch.data());
      for (int k = 0; k < 2; ++k) {
        net[k].push_back(out[k]);
        truth[k].push_back(exact.columns[std::size_t(k + 1)].values[std::size_t(i)]);
      }
    }
    const model::OdeModelSpec& spec = ode.model.ode.spec;
    QCOMPARE(spec.parameters, (std::vector<std::string>{"a", "b", "c", "d"}));
    const auto exactText = [](double v) { return QString::number(v, 'g', 17).toStdString(); };
    const model::Simulation s =
        model::simulateOde(spec, rates, {exactText(net[0][0]), exactText(net[1][0])}, nullptr, 0.0, times);
    QVERIFY(s.solution.ok());
    for (std::size_t i = 0; i < times.size(); ++i)
      for (int k = 0; k < 2; ++k) solved[k].push_back(s.values[i * s.columns.size() + std::size_t(k + 1)]);
    for (int k = 0; k < 2; ++k) {
      const double vsOde = relativeRms(net[k], solved[k]), vsTruth = relativeRms(net[k], truth[k]);
      qInfo("state %d: network vs ODE at the fitted rates %.2f %%, vs the noise-free truth %.2f %%", k + 1, 100 * vsOde,
            100 * vsTruth);
      QVERIFY(vsOde < 0.01);
      QVERIFY(vsTruth < 0.02);
    }
    // The brief report counts the weights instead of naming each.
    const std::string brief = r.briefReport();
    QVERIFY2(brief.find("Not identifiable from these data: N (") != std::string::npos, brief.c_str());
    QVERIFY2(brief.find("N.w1 ") == std::string::npos, brief.c_str());
    m_times = times;
    m_solved[0] = solved[0];
    m_solved[1] = solved[1];
  }

  // The ODE read from the penalties is the Lotka-Volterra system: its solve
  // from N(0) at the fitted rates equals simulateOde's of the textbook
  // model (which integrates at rtol 1e-6: within 1e-5 relative);
  // the same with one residual written the other way round and halved.
  void statedOdeIsTheSystem_data() {
    QTest::addColumn<QString>("predator");
    QTest::newRow("as in the project") << QString();
    QTest::newRow("reversed and halved") << "(c*N(t)[1]*N(t)[2] - d*N(t)[2] - diff(N(t)[2], t))/2";
  }
  void statedOdeIsTheSystem() {
    QFETCH(QString, predator);
    QVERIFY(!m_times.empty());
    project::Project p = m_project;
    if (!predator.isEmpty()) p.model.spec.penalties[1].expression = predator.toStdString();
    const project::StatedOde ode = project::solveStatedOde(p, "N", m_times);
    QVERIFY2(ode.problem.empty(), ode.problem.c_str());
    QCOMPARE(ode.time, std::string("t"));
    double worst = 0;
    for (std::size_t i = 0; i < m_times.size(); ++i)
      for (std::size_t k = 0; k < 2; ++k)
        worst = std::max(worst, std::fabs(ode.states[i * 2 + k] - m_solved[k][i]) / std::fabs(m_solved[k][i]));
    QVERIFY2(worst < 1e-5, qPrintable(QString::number(worst)));
  }

  void noStatedOdeIsNamed() {
    project::Project p = m_project;
    p.model.spec.penalties.pop_back();
    const project::StatedOde one = project::solveStatedOde(p, "N", m_times);
    QVERIFY2(one.problem.find("derivatives of 1 of 'N''s 2 outputs") != std::string::npos, one.problem.c_str());
    QVERIFY(one.states.empty());
    QVERIFY(!project::solveStatedOde(p, "M", m_times).problem.empty());
  }

 private:
  project::Project m_project;
  std::vector<double> m_times, m_solved[2];
};

QTEST_GUILESS_MAIN(PinnTest)
#include "PinnTest.moc"
