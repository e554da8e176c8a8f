// Learned components and theory-guided penalties in project files (schema
// 3): documents round-trip exactly (stored weights to the last bit), bad
// fields are named by pointer, a hybrid project fits (with its penalties),
// and fitted weights adopted as starts are what the next fit starts from.
#include "ProjectFixtures.h"
#include "common/Error.h"
#include "model/LearnedTerms.h"
#include "project/LearnedJson.h"
#include "project/LearnedTermSamples.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"

#include <QtTest>
#include <cmath>

using namespace hf;

namespace {

// y = 2 x + 0.3 z^2 - 0.5 z; the model knows a*x and learns the rest.
nlohmann::json hybridDocument() {
  nlohmann::json x = nlohmann::json::array(), z = nlohmann::json::array(), y = nlohmann::json::array();
  for (int i = 0; i < 40; ++i) {
    const double xv = 0.05 * i, zv = std::sin(1.7 * i);
    x.push_back(xv);
    z.push_back(zv);
    y.push_back(2 * xv + 0.3 * zv * zv - 0.5 * zv);
  }
  nlohmann::json doc = nlohmann::json::parse(R"json({"schemaVersion": 3, "name": "hybrid",
    "datasets": [{"name": "d", "columns": []}],
    "model": {"kind": "algebraic", "formula": "a*x + P(z) + 0*NN(z)", "response": "y",
      "learned": [
        {"name": "P", "type": "polynomial", "inputs": 1, "degree": 2},
        {"name": "NN", "type": "mlp", "inputs": 1, "hidden": [3], "activation": "swish", "seed": 4,
         "inputScale": [2.0], "l2": 0.001}]},
    "parameters": [{"name": "a", "start": 1}]})json");
  doc["datasets"][0]["columns"] = {
      {{"name", "x"}, {"values", x}}, {{"name", "z"}, {"values", z}}, {{"name", "y"}, {"values", y}}};
  return doc;
}

QString errorPointer(const nlohmann::json& doc, QString* message) {
  try {
    project::projectFromJson(doc, ".", "test.hfproj");
  } catch (const Error& e) {
    *message = e.what();
    return QString::fromStdString(e.location().jsonPointer);
  }
  return {};
}

}  // namespace

class LearnedProjectTest : public QObject {
  Q_OBJECT
 private slots:
  void roundTripsExactly() {
    nlohmann::json doc = hybridDocument();
    doc["model"]["learned"][0]["weights"] = {0.1, 1.0 / 3.0, -2.5e-17};
    doc["model"]["learned"][1]["seed"] = 1099511627776;  // 2^40
    const project::Project p = project::projectFromJson(doc, ".", "h.hfproj");
    const auto& learned = p.model.learned();
    QCOMPARE(learned.size(), std::size_t(2));
    QCOMPARE(learned[1].activation, ml::Activation::Swish);
    QCOMPARE(learned[1].hidden, (std::vector<std::size_t>{3}));
    QCOMPARE(learned[0].weights[1], 1.0 / 3.0);
    QCOMPARE(learned[1].seed, std::uint64_t(1099511627776));
    const nlohmann::json first = project::projectToJson(p);
    const nlohmann::json second = project::projectToJson(project::projectFromJson(first, ".", "again"));
    QCOMPARE(QString::fromStdString(second.dump(1)), QString::fromStdString(first.dump(1)));
    QCOMPARE(first["schemaVersion"].get<int>(), 3);
  }

  // Penalties: every field survives a save and a load; absent ones keep
  // the defaults (no "from"/"to": the data's range).
  void penaltiesRoundTrip() {
    nlohmann::json doc = hybridDocument();
    doc["model"]["penalties"] = nlohmann::json::parse(R"json([
      {"kind": "bounds", "expression": "P(z)", "lower": -1, "weight": 100,
       "grid": [{"variable": "z", "from": -2, "to": 2, "count": 41}]},
      {"name": "rising", "kind": "monotone", "along": "x", "decreasing": true, "weight": 0.5},
      {"kind": "equation", "expression": "P(z) - z", "grid": [{"variable": "z", "count": 7}]},
      {"kind": "conservation", "expression": "a*x", "experiment": "e1"}])json");
    const project::Project p = project::projectFromJson(doc, ".", "h.hfproj");
    const auto& penalties = p.model.penalties();
    QCOMPARE(penalties.size(), std::size_t(4));
    QCOMPARE(penalties[0].lower, -1.0);
    QVERIFY(std::isinf(penalties[0].upper));
    QCOMPARE(penalties[0].grid[0], (model::CollocationAxis{"z", -2.0, 2.0, 41}));
    QCOMPARE(penalties[1].kind, model::PenaltyKind::Monotone);
    QVERIFY(penalties[1].decreasing);
    QCOMPARE(penalties[1].label(), std::string("rising"));
    QVERIFY(std::isnan(penalties[2].grid[0].lower));
    QCOMPARE(penalties[2].grid[0].count, 7);
    QCOMPARE(penalties[3].experiment, std::string("e1"));
    const nlohmann::json first = project::projectToJson(p);
    const project::Project again = project::projectFromJson(first, ".", "again");
    QCOMPARE(QString::fromStdString(project::projectToJson(again).dump(1)), QString::fromStdString(first.dump(1)));
    QVERIFY(again.model.penalties() == penalties);
  }

  // A project's penalty is part of its fit: the loss breakdown names it.
  void projectFitsWithItsPenalty() {
    nlohmann::json doc = hybridDocument();
    doc["model"]["penalties"] = nlohmann::json::parse(
        R"json([{"name": "P small", "kind": "bounds", "expression": "P(z)", "upper": 0.1, "weight": 10}])json");
    const project::Project p = project::projectFromJson(doc, ".", "h.hfproj");
    const fit::FitSummary r = project::fitProject(p);
    QCOMPARE(r.penaltyTerms.size(), std::size_t(2));  // NN's L2 block, then the bounds
    QCOMPARE(r.penaltyTerms[0].name, std::string("NN weights (L2)"));
    QCOMPARE(r.penaltyTerms[1].name, std::string("P small"));
    QVERIFY(r.penaltyTerms[1].value > 0);
    QVERIFY(std::fabs(r.penaltyTerms[0].value + r.penaltyTerms[1].value - r.penalty) <= 1e-12 * r.penalty);
    // ... and the saved result keeps the breakdown.
    project::Project fitted = p;
    fitted.lastResult = r;
    const project::Project loaded = project::projectFromJson(project::projectToJson(fitted), ".", "r");
    QVERIFY(loaded.lastResult.has_value());
    QVERIFY(loaded.lastResult->penaltyTerms == r.penaltyTerms);
  }

  void badFieldsAreNamedByPointer_data() {
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("words");
    QTest::newRow("type") << "/model/learned/1/type"
                          << "\"lstm\""
                          << "/model/learned/1/type"
                          << "mlp, rbf or polynomial";
    QTest::newRow("activation") << "/model/learned/1/activation"
                                << "\"relu\""
                                << "/model/learned/1/activation"
                                << "tanh, softplus";
    QTest::newRow("width") << "/model/learned/1/hidden/0"
                           << "0"
                           << "/model/learned/1/hidden/0"
                           << "from 1 to 256";
    QTest::newRow("weights") << "/model/learned/0/weights"
                             << "[1, 2]"
                             << "/model/learned/0/weights"
                             << "2 stored weights, but it has 3";
    QTest::newRow("twice") << "/model/learned/1/name"
                           << "\"P\""
                           << "/model/learned/1/name"
                           << "declared twice";
    QTest::newRow("unknown key") << "/model/learned/0/widths"
                                 << "[2]"
                                 << "/model/learned/0/widths"
                                 << "widths";
    QTest::newRow("scale size") << "/model/learned/1/inputScale"
                                << "[1, 2]"
                                << "/model/learned/1"
                                << "inputScale has 2 values";
    QTest::newRow("penalty kind") << "/model/penalties"
                                  << "[{\"kind\": \"convex\"}]"
                                  << "/model/penalties/0/kind"
                                  << "bounds, monotone";
    QTest::newRow("penalty without bound") << "/model/penalties"
                                           << "[{\"kind\": \"bounds\", \"expression\": \"P(z)\"}]"
                                           << "/model/penalties/0"
                                           << "lower or an upper";
    QTest::newRow("penalty count") << "/model/penalties"
                                   << "[{\"kind\": \"equation\", \"expression\": \"P(z)\", \"grid\": "
                                      "[{\"variable\": \"z\", \"count\": 1}]}]"
                                   << "/model/penalties/0/grid/0/count"
                                   << "from 2 to 100000";
    QTest::newRow("penalty syntax") << "/model/penalties"
                                    << "[{\"kind\": \"equation\", \"expression\": \"P(z\"}]"
                                    << "/model/penalties/0/expression"
                                    << "";
  }
  void badFieldsAreNamedByPointer() {
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QFETCH(QString, words);
    nlohmann::json doc = hybridDocument();
    doc[nlohmann::json::json_pointer(pointer.toStdString())] = nlohmann::json::parse(value.toStdString());
    QString message;
    QCOMPARE(errorPointer(doc, &message), expected);
    QVERIFY2(message.contains(words), qPrintable(message));
  }

  // The project fits (the polynomial recovers the missing term exactly);
  // adopting the fitted weights makes them the next fit's start.
  void fitsAndAdoptsWeights() {
    project::Project p = project::projectFromJson(hybridDocument(), ".", "h.hfproj");
    const fit::FitSummary r = project::fitProject(p);
    QVERIFY2(r.converged(), r.message.c_str());
    QCOMPARE(r.parameters[0].name, std::string("a"));
    QVERIFY(std::fabs(r.parameters[0].value - 2.0) < 1e-8);
    QCOMPARE(r.parameters[1].name, std::string("P.w1"));
    QVERIFY(std::fabs(r.parameters[3].value - 0.3) < 1e-8);
    QVERIFY(project::adoptFittedWeights(p.model.learned(), r));
    QCOMPARE(p.model.learned()[0].weights.size(), std::size_t(3));
    QCOMPARE(p.model.learned()[0].weights[2], r.parameters[3].value);
    const model::AlgebraicModel m(p.modelDataset(), p.model.spec);
    QCOMPARE(m.defaultStarts()[3], r.parameters[3].value);
    // A summary without the weights changes nothing.
    fit::FitSummary partial = r;
    partial.parameters.pop_back();
    std::vector<ml::LearnedSpec> copy = p.model.learned();
    QVERIFY(!project::adoptFittedWeights(copy, partial));
    QCOMPARE(copy[0].weights, p.model.learned()[0].weights);
    // Nor does one of another shape (a weight beyond the component's last).
    fit::FitSummary bigger = r;
    bigger.parameters.push_back({"P.w4", "", 1.0});
    QVERIFY(!project::adoptFittedWeights(copy, bigger));
    QCOMPARE(copy[0].weights, p.model.learned()[0].weights);
  }

  // The learned term for plots: after the fit, P(z) over the data's range
  // of z is the missing term 0.3 z^2 - 0.5 z; at the data rows too.
  void learnedTermIsSampledOverTheDataRange() {
    project::Project p = project::projectFromJson(hybridDocument(), ".", "h.hfproj");
    QCOMPARE(project::learnedOutputs(p), (std::vector<std::string>{"P", "NN"}));
    const project::LearnedTermSamples before = project::sampleLearnedTerm(p, "P", 1);
    QVERIFY(!before.fitted);
    p.lastResult = project::fitProject(p);
    const project::LearnedTermSamples s = project::sampleLearnedTerm(p, "P", 1);
    QVERIFY(s.fitted);
    QCOMPARE(s.inputs, std::vector<std::string>{"z"});
    QCOMPARE(s.grid.size(), std::size_t(1));
    QCOMPARE(s.grid[0].size(), s.values.size());
    const std::vector<double>& z = p.modelDataset().columns[1].values;
    QCOMPARE(s.grid[0].front(), *std::min_element(z.begin(), z.end()));
    QCOMPARE(s.grid[0].back(), *std::max_element(z.begin(), z.end()));
    for (std::size_t k = 0; k < s.values.size(); k += 17) {
      const double v = s.grid[0][k];
      QVERIFY(std::fabs(s.values[k] - (0.3 * v * v - 0.5 * v)) < 1e-7);
    }
    QCOMPARE(s.dataInputs.at(0), z);
    QCOMPARE(s.dataValues.size(), z.size());
    QVERIFY_THROWS_EXCEPTION(Error, project::sampleLearnedTerm(p, "Q", 1));
    QVERIFY_THROWS_EXCEPTION(Error, project::sampleLearnedTerm(p, "P", 2));
  }

  // Two inputs of an ODE model, called with the states: the grid spans the
  // observed states, one data point per observation time.
  void learnedTermOfAnOdeModel() {
    const project::Project p = project::loadProject(test::exampleProject("universal-lv"));
    QCOMPARE(project::learnedOutputs(p), (std::vector<std::string>{"U[1]", "U[2]"}));
    const project::LearnedTermSamples s = project::sampleLearnedTerm(p, "U", 2);
    QCOMPARE(s.inputs, (std::vector<std::string>{"x", "y"}));
    QCOMPARE(s.grid.size(), std::size_t(2));
    QCOMPARE(s.values.size(), s.grid[0].size() * s.grid[1].size());
    QCOMPARE(s.dataInputs.at(1).size(), std::size_t(31));
    QCOMPARE(s.dataInputs[0].front(), p.datasets[0].data.columns[1].values.front());
    QCOMPARE(s.grid[1].back(), *std::max_element(s.dataInputs[1].begin(), s.dataInputs[1].end()));
  }

  void versionTwoStillLoads() {
    nlohmann::json doc = hybridDocument();
    doc["schemaVersion"] = 2;
    doc["model"].erase("learned");
    doc["model"]["formula"] = "a*x";
    const project::Project p = project::projectFromJson(doc, ".", "old.hfproj");
    QVERIFY(p.model.learned().empty());
    QCOMPARE(project::projectToJson(p)["schemaVersion"].get<int>(), 3);
    QVERIFY(!project::projectToJson(p)["model"].contains("learned"));
  }
};

QTEST_APPLESS_MAIN(LearnedProjectTest)
#include "LearnedProjectTest.moc"
