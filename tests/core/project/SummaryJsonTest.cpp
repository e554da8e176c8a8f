// Tests for hf::project::summaryToJson / summaryFromJson: lossless round trip
// (NaN -> null -> NaN), the keys the CLI documents, and errors with JSON
// pointers.
#include "SummaryCompare.h"
#include "common/Error.h"
#include "project/SummaryJson.h"

#include <QtTest>
#include <cmath>
#include <limits>

using namespace hf;
using fit::FitSummary;
using fit::Termination;
using hf::test::compareSummaries;
using hf::test::same;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Equal, or both NaN.

FitSummary makeSummary(Termination t) {
  FitSummary s;
  s.termination = t;
  s.message = "relative cost change below 1e-20 \"tol\"";
  s.strategy = "levenberg_marquardt";
  s.iterations = 17;
  s.initialCost = 1234.5678901234567;
  s.finalCost = 1.0 / 3.0 * 1e-9;
  s.history = {{0, 1234.5678901234567, 99.5, 0.0, 0.0001},
               {1, 17.25, 3.0e-2, 1.5, 0.00123456789},
               {2, 1.0 / 3.0 * 1e-9, kNaN, 2.0e-7, 0.0025}};
  s.solveSeconds = 0.0123456789;
  s.pointCount = 20;
  s.freeParameterCount = 2;
  s.degreesOfFreedom = 18;
  s.rss = 2.0 / 3.0 * 1e-9;
  s.weighted = t == Termination::Converged;  // both values round-trip
  s.residualSd = std::sqrt(s.rss / 18);
  s.rSquared = 0.99999999987654321;
  fit::ParameterEstimate a{"A", "a.u.", 5.000000000123, 4.0, 1.1e-9, false, false, true};
  fit::ParameterEstimate k{"k", "1/s", 0.3, 0.2, 2.5e-11, false, true, true};
  fit::ParameterEstimate c{"c", "a.u.", 0.5, 0.5, kNaN, true, false, true};   // fixed: no standard error
  fit::ParameterEstimate d{"d", "", 1e-300, 1.0, kNaN, false, false, false};  // not identifiable
  s.parameters = {a, k, c, d};
  s.correlation.assign(16, kNaN);
  s.correlation[0] = 1.0;
  s.correlation[1] = s.correlation[4] = -0.987654321;
  s.correlation[5] = 1.0;
  s.conditionNumber = 12345.678;
  s.nonIdentifiable = {"d"};
  return s;
}

}  // namespace

class SummaryJsonTest : public QObject {
  Q_OBJECT
 private slots:
  void roundTrip_data() {
    QTest::addColumn<int>("termination");
    QTest::newRow("converged") << int(Termination::Converged);
    QTest::newRow("no_convergence") << int(Termination::NoConvergence);
    QTest::newRow("cancelled") << int(Termination::Cancelled);
    QTest::newRow("failed") << int(Termination::Failed);
  }
  void roundTrip() {
    QFETCH(int, termination);
    const FitSummary s = makeSummary(Termination(termination));
    const nlohmann::json j = project::summaryToJson(s);
    // Through text, as in a file.
    const nlohmann::json parsed = nlohmann::json::parse(j.dump());
    const FitSummary back = project::summaryFromJson(parsed, "/lastResult", "test.hfproj");
    compareSummaries(s, back);
  }

  // Correlation is empty when it was not computed (computeCovariance off, no
  // free parameter, or a failed fit); the summary must still round-trip.
  void roundTripWithoutCorrelation() {
    FitSummary s = makeSummary(Termination::Failed);
    s.correlation.clear();
    s.conditionNumber = 0.0;
    const nlohmann::json j = project::summaryToJson(s);
    // Known bug (see the report): summaryFromJson demands p*p entries even
    // for the empty array summaryToJson writes.
    QVERIFY_THROWS_NO_EXCEPTION(project::summaryFromJson(j, "/lastResult", "p.hfproj"));
    compareSummaries(s, project::summaryFromJson(j, "/lastResult", "p.hfproj"));
  }

  void emptySummaryRoundTrip() {
    const FitSummary s;  // defaults: failed, no parameters, no history, no correlation
    const FitSummary back = project::summaryFromJson(project::summaryToJson(s), "", "mem");
    compareSummaries(s, back);
  }

  // Keys the CLI documents for --json output.
  void requiredKeys() {
    const FitSummary s = makeSummary(Termination::Converged);
    const nlohmann::json j = project::summaryToJson(s);
    QVERIFY(j.is_object());
    for (const char* key : {"parameters", "rss", "converged", "iterations", "termination", "fit_time_s"})
      QVERIFY2(j.contains(key), key);
    QVERIFY(j["parameters"].is_array());
    QCOMPARE(j["parameters"].size(), s.parameters.size());
    for (std::size_t i = 0; i < s.parameters.size(); ++i) {
      const nlohmann::json& p = j["parameters"][i];
      for (const char* key : {"name", "value", "stderr"}) QVERIFY2(p.contains(key), key);
      QCOMPARE(p["name"].get<std::string>(), s.parameters[i].name);
      QCOMPARE(p["value"].get<double>(), s.parameters[i].value);
      if (std::isnan(s.parameters[i].standardError))
        QVERIFY(p["stderr"].is_null());
      else
        QCOMPARE(p["stderr"].get<double>(), s.parameters[i].standardError);
    }
    QVERIFY(j["converged"].is_boolean());
    QCOMPARE(j["converged"].get<bool>(), true);
    QCOMPARE(j["termination"].get<std::string>(), fit::toString(Termination::Converged));
    QCOMPARE(j["iterations"].get<int>(), s.iterations);
    QCOMPARE(j["rss"].get<double>(), s.rss);
    QCOMPARE(j["fit_time_s"].get<double>(), s.solveSeconds);
    QCOMPARE(project::summaryToJson(makeSummary(Termination::NoConvergence))["converged"].get<bool>(), false);
  }

  // JSON has no NaN or infinity: both become null; null reads back as NaN.
  void nonFiniteBecomesNull() {
    FitSummary s = makeSummary(Termination::Converged);
    s.conditionNumber = kInf;
    s.rSquared = -kInf;
    s.rss = kNaN;
    const nlohmann::json j = project::summaryToJson(s);
    QVERIFY(j["condition_number"].is_null());
    QVERIFY(j["r_squared"].is_null());
    QVERIFY(j["rss"].is_null());
    const std::string text = j.dump();
    QVERIFY(text.find("NaN") == std::string::npos && text.find("nan") == std::string::npos);
    QVERIFY(text.find("inf") == std::string::npos && text.find("Infinity") == std::string::npos);
    const FitSummary back = project::summaryFromJson(j, "", "mem");
    QVERIFY(std::isnan(back.conditionNumber));
    QVERIFY(std::isnan(back.rSquared));
    QVERIFY(std::isnan(back.rss));
    QVERIFY(std::isnan(back.parameters[2].standardError));
  }

  void badDocument_data() {
    QTest::addColumn<QString>("pointer");   // field to change, relative to the summary
    QTest::addColumn<QString>("value");     // JSON text; empty = remove the field
    QTest::addColumn<QString>("expected");  // pointer reported, relative to the summary
    QTest::newRow("unknown termination") << "/termination"
                                         << "\"done\""
                                         << "/termination";
    QTest::newRow("termination not a string") << "/termination"
                                              << "1"
                                              << "/termination";
    QTest::newRow("parameter value is text") << "/parameters/1/value"
                                             << "\"0.3\""
                                             << "/parameters/1/value";
    QTest::newRow("parameter name not a string") << "/parameters/0/name"
                                                 << "5"
                                                 << "/parameters/0/name";
    QTest::newRow("parameters not an array") << "/parameters"
                                             << "{}"
                                             << "/parameters";
    QTest::newRow("rss is text") << "/rss"
                                 << "\"small\""
                                 << "/rss";
    QTest::newRow("iterations not an integer") << "/iterations"
                                               << "1.5"
                                               << "/iterations";
    QTest::newRow("correlation wrong size") << "/correlation"
                                            << "[1, 0, 0, 1]"
                                            << "/correlation";
    QTest::newRow("history row too short") << "/history/1"
                                           << "[1, 2.0]"
                                           << "/history/1";
    QTest::newRow("history cost is text") << "/history/0/1"
                                          << "\"x\""
                                          << "/history/0/1";
    QTest::newRow("missing termination") << "/termination"
                                         << ""
                                         << "/termination";
    QTest::newRow("missing parameter value") << "/parameters/0/value"
                                             << ""
                                             << "/parameters/0/value";
    QTest::newRow("non_identifiable holds a number") << "/non_identifiable/0"
                                                     << "3"
                                                     << "/non_identifiable/0";
  }
  void badDocument() {
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    nlohmann::json j = project::summaryToJson(makeSummary(Termination::Converged));
    const nlohmann::json::json_pointer ptr(pointer.toStdString());
    if (value.isEmpty())
      j[ptr.parent_pointer()].erase(ptr.back());
    else
      j[ptr] = nlohmann::json::parse(value.toStdString());
    try {
      project::summaryFromJson(j, "/lastResult", "p.hfproj");
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      // Known bug (see the report): a missing member is reported at its
      // parent's pointer (json::Node::at fails on the parent node).
      QCOMPARE(QString::fromStdString(e.location().jsonPointer), "/lastResult" + expected);
      QVERIFY2(!e.message().empty(), e.what());
      QCOMPARE(e.location().file, std::string("p.hfproj"));
    }
  }

  void terminationNames() {
    for (Termination t :
         {Termination::Converged, Termination::NoConvergence, Termination::Cancelled, Termination::Failed}) {
      Termination back = t == Termination::Failed ? Termination::Converged : Termination::Failed;
      QVERIFY(fit::parseTermination(fit::toString(t), back));
      QCOMPARE(int(back), int(t));
    }
    Termination x = Termination::Cancelled;
    QVERIFY(!fit::parseTermination("Converged ", x));
    QCOMPARE(int(x), int(Termination::Cancelled));
  }
};

QTEST_APPLESS_MAIN(SummaryJsonTest)
#include "SummaryJsonTest.moc"
