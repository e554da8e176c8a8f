// ODE models in project files (schema 2): the complete example of
// docs/project-format.md loads and fits, documents round-trip exactly,
// version 1 documents still load, and bad fields are named by pointer.
#include "ProjectFixtures.h"
#include "common/Error.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"
#include "project/ResultExport.h"

#include <QtTest>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

using namespace hf;
using hf::test::documentedExample;

namespace {

/// The pointer of the error that loading `doc` raises, or "" if it loads.
QString errorPointer(const nlohmann::json& doc, QString* message = nullptr) {
  try {
    project::projectFromJson(doc, ".", "test.hfproj");
  } catch (const Error& e) {
    if (message) *message = e.what();
    return QString::fromStdString(e.location().jsonPointer);
  }
  return {};
}

}  // namespace

class OdeProjectTest : public QObject {
  Q_OBJECT
 private slots:
  void documentedExampleLoadsAndFits() {
    const nlohmann::json doc = documentedExample();
    QVERIFY(!doc.is_null());
    const project::Project p = project::projectFromJson(doc, ".", "project-format.md");
    QVERIFY(p.model.isOde());
    QCOMPARE(p.model.ode.spec.equations.states.size(), std::size_t(3));
    const std::vector<std::string> params{"k1", "k2", "A0"};  // rates first, then initial values
    QCOMPARE(p.model.ode.spec.parameters, params);
    QCOMPARE(p.model.ode.experiments.size(), std::size_t(2));
    const fit::FitSummary r = project::fitProject(p);
    QVERIFY2(r.converged(), r.message.c_str());
    QVERIFY(r.weighted);
    std::map<std::string, double> v;
    for (const auto& e : r.parameters) v[e.name] = e.value;
    // The example's data are k1 = 0.7, k2 = 0.3, A0 = 1 and 2 rounded to 3 digits.
    QVERIFY2(std::fabs(v["k1"] - 0.7) < 0.02 * 0.7, qPrintable(QString::number(v["k1"])));
    QVERIFY2(std::fabs(v["k2"] - 0.3) < 0.03 * 0.3, qPrintable(QString::number(v["k2"])));
    QVERIFY2(std::fabs(v["A0[run1]"] - 1.0) < 0.02, qPrintable(QString::number(v["A0[run1]"])));
    QVERIFY2(std::fabs(v["A0[run2]"] - 2.0) < 0.04, qPrintable(QString::number(v["A0[run2]"])));
  }

  // The residual export of an ODE fit: one row per observed value; the
  // residuals' weighted sum of squares is the fit's RSS (chi-square).
  void predictionsExportOfAnOdeFit() {
    const project::Project p = project::projectFromJson(documentedExample(), ".", "example");
    const fit::FitSummary r = project::fitProject(p);
    QVERIFY(r.converged());
    const std::string csv = project::predictionsToCsv(p, r);
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    QCOMPARE(line, std::string("experiment,t,observable,observed,predicted,residual,weighted_residual"));
    double chi2 = 0;
    std::size_t rows = 0;
    while (std::getline(in, line)) {
      std::vector<std::string> f;
      std::stringstream ls(line);
      for (std::string c; std::getline(ls, c, ',');) f.push_back(c);
      QCOMPARE(f.size(), std::size_t(7));
      QVERIFY(std::fabs(std::stod(f[3]) - std::stod(f[4]) - std::stod(f[5])) <= 1e-12);
      chi2 += std::pow(std::stod(f[6]), 2);
      ++rows;
    }
    QCOMPARE(rows, r.pointCount);
    QVERIFY2(std::fabs(chi2 - r.rss) <= 1e-6 * r.rss, qPrintable(QString("%1 vs %2").arg(chi2).arg(r.rss)));
  }

  void writtenAndReadBackUnchanged() {
    project::Project p = project::projectFromJson(documentedExample(), ".", "example");
    // Exercise every field: an input held piecewise constant, an initial
    // value override, another method and t0.
    p.model.ode.spec.equations.inputs = {"u"};
    p.model.ode.inputInterpolation = {ode::Interpolation::Hold};
    p.model.ode.spec.equations.rates[0] = "-k1*A + u";
    for (auto& d : p.datasets) d.data.columns.push_back({"u", "u", "mM/min", {0, 0, 0.1, 0.1, 0}});
    for (auto& e : p.model.ode.experiments) e.inputColumns.resize(1);
    p.model.ode.experiments[1].initial[1] = "B0";
    p.model.ode.experiments[1].inputColumns[0] = "sB";
    p.model.ode.experiments[0].t0 = -0.5;
    p.model.ode.spec.integrator.method = ode::IntegratorSettings::Method::Bdf;
    p.model.ode.spec.integrator.rtol = 1e-9;
    const nlohmann::json first = project::projectToJson(p);
    const project::Project again = project::projectFromJson(first, ".", "again");
    const nlohmann::json second = project::projectToJson(again);
    QCOMPARE(QString::fromStdString(second.dump(1)), QString::fromStdString(first.dump(1)));
    QCOMPARE(again.model.ode.inputInterpolation.front(), ode::Interpolation::Hold);
    QCOMPARE(again.model.ode.experiments[1].initial[1], std::string("B0"));
    QVERIFY(std::find(again.model.ode.spec.parameters.begin(), again.model.ode.spec.parameters.end(), "B0") !=
            again.model.ode.spec.parameters.end());
    QCOMPARE(first["schemaVersion"].get<int>(), project::Project::kSchemaVersion);
  }

  void versionOneStillLoads() {
    const nlohmann::json v1 = nlohmann::json::parse(R"({"schemaVersion": 1, "name": "old",
      "datasets": [{"name": "d", "columns": [{"name": "x", "values": [1, 2, 3]}, {"name": "y", "values": [2, 4, 6]}]}],
      "model": {"formula": "a*x", "response": "y"}, "parameters": [{"name": "a", "start": 1}]})");
    const project::Project p = project::projectFromJson(v1, ".", "old.hfproj");
    QVERIFY(!p.model.isOde());
    QCOMPARE(project::projectToJson(p)["schemaVersion"].get<int>(), project::Project::kSchemaVersion);
  }

  void badFieldsAreNamedByPointer_data() {
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("words");
    QTest::newRow("rate syntax") << "/model/ode/states/1/rate"
                                 << "\"k1*A -\""
                                 << "/model/ode/states/1/rate"
                                 << "";
    QTest::newRow("state name") << "/model/ode/states/0/name"
                                << "\"2A\""
                                << "/model/ode/states/0/name"
                                << "name";
    QTest::newRow("state twice") << "/model/ode/states/1/name"
                                 << "\"A\""
                                 << "/model/ode/states/1/name"
                                 << "twice";
    QTest::newRow("no states") << "/model/ode/states"
                               << "[]"
                               << "/model/ode/states"
                               << "at least one state";
    QTest::newRow("method") << "/model/ode/integrator/method"
                            << "\"rk4\""
                            << "/model/ode/integrator/method"
                            << "rk4";
    QTest::newRow("rtol") << "/model/ode/integrator/rtol"
                          << "0"
                          << "/model/ode/integrator/rtol"
                          << "rtol";
    QTest::newRow("observed column") << "/model/ode/observables/0/column"
                                     << "\"Z\""
                                     << "/model/ode/observables/0/column"
                                     << "no column 'Z'";
    QTest::newRow("sigma column") << "/model/ode/observables/1/sigmaColumn"
                                  << "\"sZ\""
                                  << "/model/ode/observables/1/sigmaColumn"
                                  << "sZ";
    QTest::newRow("dataset") << "/model/experiments/1/dataset"
                             << "\"run9\""
                             << "/model/experiments/1/dataset"
                             << "run9";
    QTest::newRow("time column") << "/model/experiments/0/time"
                                 << "\"time\""
                                 << "/model/experiments/0/time"
                                 << "time";
    QTest::newRow("initial of a non-state") << "/model/experiments/0/initial"
                                            << "{\"Q\": \"1\"}"
                                            << "/model/experiments/0/initial/Q"
                                            << "not a state";
    QTest::newRow("local non-parameter") << "/model/ode/localParameters"
                                         << "[\"zz\"]"
                                         << "/model/ode/localParameters/0"
                                         << "zz";
    QTest::newRow("unknown key") << "/model/ode/stats"
                                 << "1"
                                 << "/model/ode/stats"
                                 << "";
    QTest::newRow("interpolation") << "/model/ode/inputs"
                                   << "[{\"name\": \"t\", \"interpolation\": \"cubic\"}]"
                                   << "/model/ode/inputs/0/interpolation"
                                   << "cubic";
    QTest::newRow("no experiments") << "/model/experiments"
                                    << "[]"
                                    << "/model/experiments"
                                    << "experiment";
  }

  void badFieldsAreNamedByPointer() {
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QFETCH(QString, words);
    nlohmann::json doc = documentedExample();
    doc[nlohmann::json::json_pointer(pointer.toStdString())] = nlohmann::json::parse(value.toStdString());
    QString message;
    QCOMPARE(errorPointer(doc, &message), expected);
    QVERIFY2(message.contains(words), qPrintable(message));
  }
};

QTEST_APPLESS_MAIN(OdeProjectTest)
#include "OdeProjectTest.moc"
