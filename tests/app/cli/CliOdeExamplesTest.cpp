// The ODE example projects (projects/, written by
// projects/tools/make_ode_examples.py from known true values with noise):
// `hybridfit-cli fit` converges on each and recovers the truth within four
// standard errors (each below half the value), and `simulate` runs on each project.
#include "CliRun.h"
#include "ProjectFixtures.h"

#include <QtTest>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

using namespace hf;
using hf::test::describe;

class CliOdeExamplesTest : public QObject {
  Q_OBJECT
 private slots:
  void examplesFitToTheTruth_data() {
    QTest::addColumn<QString>("project");
    QTest::addColumn<QString>("truth");  // name=value,...
    QTest::newRow("predator-prey") << "predator-prey"
                                   << "a=1.3,b=0.9,c=1.8,d=0.8,prey0=0.44,pred0=4.6";
    QTest::newRow("stiff-kinetics") << "stiff-kinetics"
                                    << "k1=0.04,k2=3e7,k3=1e4";
    QTest::newRow("pharmacokinetics") << "pharmacokinetics"
                                      << "CL=5,V1=20,Q=3,V2=40,ka[100 mg]=1.2,ka[200 mg]=0.9,ka[400 mg]=1.5";
    QTest::newRow("enzyme-kinetics") << "enzyme-kinetics"
                                     << "Vmax=0.12,Km=1.5";
  }

  void examplesFitToTheTruth() {
    QFETCH(QString, project);
    QFETCH(QString, truth);
    const auto r = test::runCli({"fit", test::exampleProject(project.toStdString()), "--json"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QVERIFY2(j.at("converged").get<bool>(), qPrintable(describe(r)));
    std::map<std::string, std::pair<double, double>> got;
    for (const auto& p : j.at("parameters"))
      got[p.at("name").get<std::string>()] = {p.at("value").get<double>(), p.at("stderr").get<double>()};
    for (const QString& item : truth.split(',')) {
      const auto kv = item.split('=');
      const std::string name = kv[0].toStdString();
      const double want = kv[1].toDouble();
      QVERIFY2(got.count(name), name.c_str());
      const auto [value, se] = got[name];
      QVERIFY2(std::fabs(value - want) <= 4 * se && se <= 0.5 * want,
               qPrintable(QString("%1 = %2 +/- %3, truth %4").arg(name.c_str()).arg(value).arg(se).arg(want)));
    }
  }

  void examplesSimulate() {
    for (const char* name : {"predator-prey", "stiff-kinetics", "pharmacokinetics", "enzyme-kinetics"}) {
      const auto r = test::runCli({"simulate", test::exampleProject(name), "--t-end", "10"});
      QVERIFY2(r.code == 0, qPrintable(describe(r)));
      QVERIFY(r.out.rfind("t,", 0) == 0);
      QCOMPARE(std::count(r.out.begin(), r.out.end(), '\n'), 102L);  // header and 101 rows
    }
  }
};

QTEST_APPLESS_MAIN(CliOdeExamplesTest)
#include "CliOdeExamplesTest.moc"
