// Tests for hf::project::saveProject / loadProject / migrate: a full round
// trip (embedded and file-referenced datasets, bounds, fixed parameters,
// solver options, a real fit result), relative data paths, atomic saving,
// malformed files reported with their JSON pointer, and every example
// project through load -> fit -> save -> load.
#include "SummaryCompare.h"
#include "TextFiles.h"
#include "common/Error.h"
#include "data/DelimitedReader.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"

#include <QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

using namespace hf;
using hf::test::compareSummaries;
using hf::test::readText;
using hf::test::same;
using hf::test::writeText;
using project::Project;
using project::ProjectDataset;
namespace fs = std::filesystem;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// True parameters of the generated decay data.
constexpr double kA = 5.0, kK = 0.3, kC = 0.5;

std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

// y = A exp(-k t) + c, noise free, with sigma column and one missing y.
data::Dataset decayDataset() {
  data::Dataset d;
  d.name = "decay";
  d.columns.push_back({"t", "t", "s", {}});
  d.columns.push_back({"y", "signal y", "a.u.", {}});
  d.columns.push_back({"sy", "sy", "a.u.", {}});
  for (int i = 0; i < 20; ++i) {
    const double t = 0.5 * i;
    d.columns[0].values.push_back(t);
    d.columns[1].values.push_back(kA * std::exp(-kK * t) + kC);
    d.columns[2].values.push_back(0.01);
  }
  d.columns[1].values[3] = kNaN;
  return d;
}

// A file-referenced dataset written to dir/relative.
data::Dataset writeReferenced(const fs::path& dir, const std::string& relative) {
  data::Dataset d;
  d.columns.push_back({"x", "x", "mm", {1.5, 2.5, 3.5}});
  d.columns.push_back({"z", "z value", "", {0.1, kNaN, -7e-12}});
  fs::create_directories((dir / relative).parent_path());
  writeText(dir / relative, data::toCsv(d));
  data::Dataset back = data::readDelimitedFile((dir / relative).string());
  back.name = "reference";
  return back;
}

Project makeProject(const fs::path& dir) {
  Project p;
  p.name = "Decay \"test\" project";
  p.description = "Line one\nline two with unicode: \xC2\xB5m, \xE2\x84\x83";
  p.datasets.push_back({decayDataset(), ""});
  p.datasets.push_back({writeReferenced(dir, "data/ref.csv"), "data/ref.csv"});
  p.model.equationId = "exponential_decay";
  p.model.dataset = "decay";
  p.model.spec.formula = "A*exp(-k*t)+c";
  p.model.spec.response = "y";
  p.model.spec.parameters = {"A", "k", "c"};
  p.model.spec.weightKind = model::WeightKind::Sigma;
  p.model.spec.weightColumn = "sy";
  p.parameters.push_back({"A", 4.0, 0.0, kInf, false, "a.u."});
  p.parameters.push_back({"k", 0.2, 1e-6, 10.0, false, "1/s"});
  p.parameters.push_back({"c", kC, -kInf, kInf, true, "a.u."});
  fit::CalibrationOptions& o = p.solver;
  o.maxIterations = 321;
  o.functionTolerance = 1e-18;
  o.gradientTolerance = 1e-19;
  o.parameterTolerance = 1e-15;
  o.polishRestarts = 2;
  o.tryAlternativeStrategies = false;
  o.loss = fit::LossKind::Huber;
  o.lossScale = 2.5;
  o.maxSeconds = 123.5;
  o.threads = 2;
  o.computeCovariance = true;
  return p;
}

void compareDatasets(const data::Dataset& a, const data::Dataset& b) {
  QCOMPARE(b.name, a.name);
  QCOMPARE(b.columnCount(), a.columnCount());
  for (std::size_t c = 0; c < a.columnCount(); ++c) {
    QCOMPARE(b.columns[c].name, a.columns[c].name);
    QCOMPARE(b.columns[c].label, a.columns[c].label);
    QCOMPARE(b.columns[c].unit, a.columns[c].unit);
    QCOMPARE(b.columns[c].values.size(), a.columns[c].values.size());
    for (std::size_t r = 0; r < a.columns[c].values.size(); ++r)
      QVERIFY2(same(b.columns[c].values[r], a.columns[c].values[r]),
               qPrintable(QString("column %1 row %2").arg(QString::fromStdString(a.columns[c].name)).arg(r)));
  }
}

void compareProjects(const Project& a, const Project& b) {
  QCOMPARE(b.name, a.name);
  QCOMPARE(b.description, a.description);
  QCOMPARE(b.datasets.size(), a.datasets.size());
  for (std::size_t i = 0; i < a.datasets.size(); ++i) {
    QCOMPARE(b.datasets[i].relativePath, a.datasets[i].relativePath);
    QCOMPARE(b.datasets[i].embedded(), a.datasets[i].embedded());
    compareDatasets(a.datasets[i].data, b.datasets[i].data);
    if (QTest::currentTestFailed()) return;
  }
  QCOMPARE(b.model.kind, a.model.kind);
  QCOMPARE(b.model.equationId, a.model.equationId);
  QCOMPARE(b.model.dataset, a.model.dataset);
  QCOMPARE(b.model.spec.formula, a.model.spec.formula);
  QCOMPARE(b.model.spec.response, a.model.spec.response);
  QCOMPARE(b.model.spec.parameters, a.model.spec.parameters);
  QCOMPARE(int(b.model.spec.weightKind), int(a.model.spec.weightKind));
  QCOMPARE(b.model.spec.weightColumn, a.model.spec.weightColumn);
  QCOMPARE(b.parameters.size(), a.parameters.size());
  for (std::size_t i = 0; i < a.parameters.size(); ++i) {
    QCOMPARE(b.parameters[i].name, a.parameters[i].name);
    QCOMPARE(b.parameters[i].start, a.parameters[i].start);
    QCOMPARE(b.parameters[i].lower, a.parameters[i].lower);
    QCOMPARE(b.parameters[i].upper, a.parameters[i].upper);
    QCOMPARE(b.parameters[i].fixed, a.parameters[i].fixed);
    QCOMPARE(b.parameters[i].unit, a.parameters[i].unit);
  }
  const fit::CalibrationOptions &o = a.solver, &q = b.solver;
  QCOMPARE(q.maxIterations, o.maxIterations);
  QCOMPARE(q.functionTolerance, o.functionTolerance);
  QCOMPARE(q.gradientTolerance, o.gradientTolerance);
  QCOMPARE(q.parameterTolerance, o.parameterTolerance);
  QCOMPARE(q.polishRestarts, o.polishRestarts);
  QCOMPARE(q.tryAlternativeStrategies, o.tryAlternativeStrategies);
  QCOMPARE(int(q.loss), int(o.loss));
  QCOMPARE(q.lossScale, o.lossScale);
  QCOMPARE(q.maxSeconds, o.maxSeconds);
  QCOMPARE(q.threads, o.threads);
  QCOMPARE(q.computeCovariance, o.computeCovariance);
  QCOMPARE(b.lastResult.has_value(), a.lastResult.has_value());
  if (a.lastResult) compareSummaries(*a.lastResult, *b.lastResult);
}

// A small valid project document with everything embedded, used as the
// base for the malformed-file cases.
nlohmann::json baseDocument() {
  Project p;
  p.name = "base";
  data::Dataset d;
  d.name = "d";
  d.columns.push_back({"x", "x", "", {1, 2, 3}});
  d.columns.push_back({"y", "y", "", {2, 4, 6}});
  p.datasets.push_back({d, ""});
  p.model.spec = {"a*x", "y", {"a"}, model::WeightKind::None, ""};
  p.parameters.push_back({"a", 1.0, 0.0, 100.0, false, ""});
  fit::FitSummary s;
  s.termination = fit::Termination::Converged;
  s.parameters.push_back({"a", "", 2.0, 1.0, 0.0, false, false, true});
  s.correlation = {1.0};
  p.lastResult = s;
  return project::projectToJson(p);
}

}  // namespace

class ProjectFileTest : public QObject {
  Q_OBJECT
 private slots:
  void roundTrip() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path dir = tmp.path().toStdString();
    Project p = makeProject(dir);
    const fit::FitSummary result = project::fitProject(p);
    QVERIFY2(result.converged(), result.message.c_str());
    QCOMPARE(result.pointCount, std::size_t(19));  // the NaN row is left out
    QVERIFY(std::fabs(result.parameters[0].value - kA) <= 1e-8 * kA);
    QVERIFY(std::fabs(result.parameters[1].value - kK) <= 1e-8 * kK);
    QVERIFY(std::isnan(result.parameters[2].standardError));  // fixed: exercises NaN -> null -> NaN
    p.lastResult = result;

    const std::string path = (dir / "decay.hfproj").string();
    project::saveProject(p, path);
    const Project back = project::loadProject(path);
    compareProjects(p, back);
    // The loaded data file path points at the file that was written.
    QVERIFY(fs::equivalent(back.datasets[1].data.sourcePath, dir / "data/ref.csv"));
    // Saved again, the document is identical.
    project::saveProject(back, (dir / "again.hfproj").string());
    QCOMPARE(nlohmann::json::parse(readText(dir / "again.hfproj")), nlohmann::json::parse(readText(path)));
    // The loaded project fits to the same result.
    const fit::FitSummary again = project::fitProject(back);
    QVERIFY(again.converged());
    QCOMPARE(again.parameters[0].value, result.parameters[0].value);
    QCOMPARE(again.parameters[1].value, result.parameters[1].value);
  }

  void projectWithoutResult() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const Project p = makeProject(dir);
    const std::string path = (dir / "p.hfproj").string();
    project::saveProject(p, path);
    QVERIFY(!nlohmann::json::parse(readText(path)).contains("lastResult"));
    const Project back = project::loadProject(path);
    QVERIFY(!back.lastResult);
    compareProjects(p, back);
  }

  // A result without a correlation matrix (covariance not computed, or no
  // free parameter) must survive save -> load like any other.
  void resultWithoutCorrelation_data() {
    QTest::addColumn<bool>("computeCovariance");
    QTest::addColumn<bool>("allFixed");
    QTest::newRow("covariance off") << false << false;
    QTest::newRow("all parameters fixed") << true << true;
  }
  void resultWithoutCorrelation() {
    QFETCH(bool, computeCovariance);
    QFETCH(bool, allFixed);
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    Project p = makeProject(dir);
    p.solver.computeCovariance = computeCovariance;
    if (allFixed) {
      p.parameters[0] = {"A", kA, 0.0, kInf, true, ""};
      p.parameters[1] = {"k", kK, 0.0, kInf, true, ""};
    }
    p.lastResult = project::fitProject(p);
    QVERIFY(p.lastResult->correlation.empty());  // the situation this test is about
    QCOMPARE(p.lastResult->parameters.size(), std::size_t(3));
    const std::string path = (dir / "p.hfproj").string();
    project::saveProject(p, path);
    // Known bug (see the report): summaryFromJson requires p*p correlation
    // entries, but summaryToJson writes [] when none were computed, so the
    // saved project cannot be opened again.
    QVERIFY_THROWS_NO_EXCEPTION(project::loadProject(path));
    compareProjects(p, project::loadProject(path));
  }

  void relativeDataPath() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    const fs::path a = root / "A", b = root / "B";
    fs::create_directories(a / "data");
    data::Dataset d = decayDataset();
    writeText(a / "data/x.csv", data::toCsv(d));
    Project p;
    p.name = "relative";
    p.datasets.push_back({data::readDelimitedFile((a / "data/x.csv").string()), "data/x.csv"});
    p.model.spec = {"A*exp(-k*t)+c", "y", {"A", "k", "c"}, model::WeightKind::None, ""};
    p.parameters = {{"A", 4.0}, {"k", 0.2}, {"c", 0.0}};
    project::saveProject(p, (a / "p.hfproj").string());

    const nlohmann::json doc = nlohmann::json::parse(readText(a / "p.hfproj"));
    QCOMPARE(doc["datasets"][0]["path"].get<std::string>(), std::string("data/x.csv"));
    QVERIFY(!doc["datasets"][0].contains("columns"));                            // referenced, not embedded
    QVERIFY(readText(a / "p.hfproj").find(root.string()) == std::string::npos);  // no absolute path anywhere

    // Move the folder: the project still finds its data.
    fs::copy(a, b, fs::copy_options::recursive);
    fs::remove_all(a);
    const Project moved = project::loadProject((b / "p.hfproj").string());
    QCOMPARE(moved.datasets.size(), std::size_t(1));
    QCOMPARE(moved.datasets[0].relativePath, std::string("data/x.csv"));
    QVERIFY(fs::equivalent(moved.datasets[0].data.sourcePath, b / "data/x.csv"));
    compareDatasets(p.datasets[0].data, moved.datasets[0].data);

    // Saved into a subfolder, the path is rewritten relative to the new place.
    fs::create_directories(b / "sub");
    project::saveProject(moved, (b / "sub/q.hfproj").string());
    const nlohmann::json sub = nlohmann::json::parse(readText(b / "sub/q.hfproj"));
    QCOMPARE(sub["datasets"][0]["path"].get<std::string>(), std::string("../data/x.csv"));
    const Project fromSub = project::loadProject((b / "sub/q.hfproj").string());
    compareDatasets(p.datasets[0].data, fromSub.datasets[0].data);
  }

  void atomicSave() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    Project p = makeProject(dir);
    const std::string path = (dir / "p.hfproj").string();
    project::saveProject(p, path);
    const std::set<std::string> before = entries(dir);
    QCOMPARE(before, (std::set<std::string>{"data", "p.hfproj"}));
    p.name = "second version";
    project::saveProject(p, path);
    QCOMPARE(entries(dir), before);  // no temporary file left behind
    QCOMPARE(project::loadProject(path).name, p.name);
  }

  void saveIntoMissingFolder() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const Project p = makeProject(dir);
    const std::set<std::string> before = entries(dir);
    const std::string path = (dir / "missing" / "p.hfproj").string();
    try {
      project::saveProject(p, path);
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QCOMPARE(e.location().file, path);
    }
    QVERIFY(!fs::exists(dir / "missing"));
    QCOMPARE(entries(dir), before);
  }

  void saveOntoAFolderKeepsNoTemporary() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const Project p = makeProject(dir);
    fs::create_directories(dir / "taken.hfproj" / "inner");
    const std::set<std::string> before = entries(dir);
    QVERIFY_THROWS_EXCEPTION(Error, project::saveProject(p, (dir / "taken.hfproj").string()));
    QCOMPARE(entries(dir), before);
    QVERIFY(fs::is_directory(dir / "taken.hfproj" / "inner"));
  }

  void writeFileAtomicallyReplaces() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const std::string path = (dir / "out.json").string();
    project::writeFileAtomically(path, "first");
    project::writeFileAtomically(path, "second, longer text");
    QCOMPARE(readText(path), std::string("second, longer text"));
    project::writeFileAtomically(path, "");
    QCOMPARE(readText(path), std::string());
    QCOMPARE(entries(dir), (std::set<std::string>{"out.json"}));
  }

  void notJson_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");  // of the offending character, 1-based
    QTest::newRow("bare word") << QByteArray("{\n  \"schemaVersion\": 1,\n  \"name\": oops\n}\n") << 3 << 11;
    QTest::newRow("trailing comma") << QByteArray("{\"schemaVersion\": 1,}") << 1 << 21;
    QTest::newRow("closing bracket first") << QByteArray("\n\n]") << 3 << 1;
    QTest::newRow("markup") << QByteArray("<html>\n") << 1 << 1;
  }
  void notJson() {
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QTemporaryDir tmp;
    const std::string path = (fs::path(tmp.path().toStdString()) / "bad.hfproj").string();
    writeText(path, text.toStdString());
    try {
      project::loadProject(path);
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QCOMPARE(e.location().file, path);
      QCOMPARE(e.location().line, line);
      // Known bug (see the report): json::parse counts the offending
      // character itself, so the column is one too large.
      QCOMPARE(e.location().column, column);
      QVERIFY(e.location().jsonPointer.empty());
    }
  }

  void truncatedJson() {
    QTemporaryDir tmp;
    const std::string path = (fs::path(tmp.path().toStdString()) / "cut.hfproj").string();
    std::string text = baseDocument().dump(1);
    text.resize(text.size() / 2);
    writeText(path, text);
    try {
      project::loadProject(path);
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QCOMPARE(e.location().file, path);
      QVERIFY(e.location().line > 1);
      QVERIFY(e.location().column > 0);
    }
  }

  void badDocument_data() {
    QTest::addColumn<QString>("pointer");   // field to change ("" = whole document)
    QTest::addColumn<QString>("value");     // JSON text; empty = remove the field
    QTest::addColumn<QString>("expected");  // pointer the error must report
    QTest::addColumn<QString>("fragment");  // in the message
    QTest::newRow("missing schemaVersion") << "/schemaVersion"
                                           << ""
                                           << "/schemaVersion"
                                           << "schemaVersion";
    QTest::newRow("newer schemaVersion") << "/schemaVersion"
                                         << "99"
                                         << "/schemaVersion"
                                         << "99";
    QTest::newRow("schemaVersion 0") << "/schemaVersion"
                                     << "0"
                                     << "/schemaVersion"
                                     << "0";
    QTest::newRow("schemaVersion text") << "/schemaVersion"
                                        << "\"1\""
                                        << "/schemaVersion"
                                        << "integer";
    QTest::newRow("datasets not an array") << "/datasets"
                                           << "{\"a\": 1}"
                                           << "/datasets"
                                           << "array";
    QTest::newRow("dataset name missing") << "/datasets/0/name"
                                          << ""
                                          << "/datasets/0/name"
                                          << "name";
    QTest::newRow("column length mismatch") << "/datasets/0/columns/1/values"
                                            << "[2, 4]"
                                            << "/datasets/0/columns/1/values"
                                            << "expected 3";
    QTest::newRow("column value is text") << "/datasets/0/columns/0/values/1"
                                          << "\"2\""
                                          << "/datasets/0/columns/0/values/1"
                                          << "number";
    QTest::newRow("column name not an identifier") << "/datasets/0/columns/0/name"
                                                   << "\"x y\""
                                                   << "/datasets/0/columns/0/name"
                                                   << "identifier";
    QTest::newRow("duplicate column name") << "/datasets/0/columns/1/name"
                                           << "\"x\""
                                           << "/datasets/0/columns/1/name"
                                           << "duplicate";
    QTest::newRow("empty data path") << "/datasets/0"
                                     << "{\"name\": \"d\", \"path\": \"\"}"
                                     << "/datasets/0/path"
                                     << "empty";
    QTest::newRow("unknown model kind") << "/model/kind"
                                        << "\"pde\""
                                        << "/model/kind"
                                        << "pde";
    QTest::newRow("formula not a string") << "/model/formula"
                                          << "3"
                                          << "/model/formula"
                                          << "string";
    QTest::newRow("unknown weight kind") << "/model/weights/kind"
                                         << "\"poisson\""
                                         << "/model/weights/kind"
                                         << "poisson";
    QTest::newRow("parameters not an array") << "/parameters"
                                             << "\"a\""
                                             << "/parameters"
                                             << "array";
    QTest::newRow("parameter start is a string") << "/parameters/0/start"
                                                 << "\"1.5\""
                                                 << "/parameters/0/start"
                                                 << "number";
    QTest::newRow("parameter start outside bounds") << "/parameters/0/lower"
                                                    << "5"
                                                    << "/parameters/0/start"
                                                    << "bounds";
    QTest::newRow("parameter fixed not boolean") << "/parameters/0/fixed"
                                                 << "\"yes\""
                                                 << "/parameters/0/fixed"
                                                 << "true or false";
    QTest::newRow("unknown loss") << "/solver/loss"
                                  << "\"l3\""
                                  << "/solver/loss"
                                  << "loss";
    QTest::newRow("maxIterations fractional") << "/solver/maxIterations"
                                              << "2.5"
                                              << "/solver/maxIterations"
                                              << "integer";
    QTest::newRow("maxIterations zero") << "/solver/maxIterations"
                                        << "0"
                                        << "/solver/maxIterations"
                                        << "iteration";
    QTest::newRow("lastResult bad termination") << "/lastResult/termination"
                                                << "\"finished\""
                                                << "/lastResult/termination"
                                                << "termination";
    QTest::newRow("lastResult value is text") << "/lastResult/parameters/0/value"
                                              << "\"2\""
                                              << "/lastResult/parameters/0/value"
                                              << "number";
    QTest::newRow("document is an array") << ""
                                          << "[1, 2]"
                                          << ""
                                          << "object";
  }
  void badDocument() {
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QFETCH(QString, fragment);
    nlohmann::json doc = baseDocument();
    const nlohmann::json::json_pointer ptr(pointer.toStdString());
    if (value.isEmpty())
      doc[ptr.parent_pointer()].erase(ptr.back());
    else
      doc[ptr] = nlohmann::json::parse(value.toStdString());
    QTemporaryDir tmp;
    const std::string path = (fs::path(tmp.path().toStdString()) / "bad.hfproj").string();
    writeText(path, doc.dump(1));
    try {
      project::loadProject(path);
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QCOMPARE(e.location().file, path);
      // Known bugs (see the report): a missing member is reported at its
      // parent's pointer; the whole document is reported as "/" (which in
      // RFC 6901 names the member with the empty key) instead of "";
      // CalibrationOptions::validate() problems are reported at "/solver".
      QCOMPARE(QString::fromStdString(e.location().jsonPointer), expected);
      QVERIFY2(QString::fromStdString(e.message()).contains(fragment, Qt::CaseInsensitive), e.what());
    }
  }

  void missingDataFile() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const Project p = makeProject(dir);
    project::saveProject(p, (dir / "p.hfproj").string());
    fs::remove(dir / "data/ref.csv");
    try {
      project::loadProject((dir / "p.hfproj").string());
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QVERIFY2(e.location().file.ends_with("ref.csv"), e.what());
      QVERIFY(fs::path(e.location().file).lexically_normal() == (dir / "data/ref.csv").lexically_normal());
      QVERIFY2(std::string(e.what()).find("ref.csv") != std::string::npos, e.what());
    }
  }

  void badDataFile() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const Project p = makeProject(dir);
    project::saveProject(p, (dir / "p.hfproj").string());
    writeText(dir / "data/ref.csv", "x,z\n1,2\n3,abc\n");
    try {
      project::loadProject((dir / "p.hfproj").string());
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QVERIFY2(e.location().file.ends_with("ref.csv"), e.what());
      QCOMPARE(e.location().line, 3);
      QCOMPARE(e.location().column, 2);
    }
  }

  void missingProjectFile() {
    QTemporaryDir tmp;
    const std::string path = (fs::path(tmp.path().toStdString()) / "none.hfproj").string();
    try {
      project::loadProject(path);
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QCOMPARE(e.location().file, path);
    }
  }

  void migration() {
    nlohmann::json doc = baseDocument();
    doc["schemaVersion"] = 1;
    nlohmann::json before = doc;
    project::migrate(doc, "old.hfproj");
    QCOMPARE(doc["schemaVersion"].get<int>(), Project::kSchemaVersion);
    doc.erase("schemaVersion");
    before.erase("schemaVersion");
    QCOMPARE(doc, before);  // nothing else changed for a current document

    // A version-1 file loads.
    QTemporaryDir tmp;
    const std::string path = (fs::path(tmp.path().toStdString()) / "v1.hfproj").string();
    nlohmann::json v1 = baseDocument();
    v1["schemaVersion"] = 1;
    writeText(path, v1.dump());
    const Project p = project::loadProject(path);
    QCOMPARE(p.name, std::string("base"));
    QCOMPARE(p.parameters.size(), std::size_t(1));
    QVERIFY(p.lastResult.has_value());

    // Saving writes the current version.
    project::saveProject(p, path);
    QCOMPARE(nlohmann::json::parse(readText(path))["schemaVersion"].get<int>(), Project::kSchemaVersion);

    nlohmann::json newer = baseDocument();
    newer["schemaVersion"] = Project::kSchemaVersion + 1;
    QVERIFY_THROWS_EXCEPTION(Error, project::migrate(newer, "new.hfproj"));
  }

  void fitProjectErrors() {
    QTemporaryDir tmp;
    Project p = makeProject(tmp.path().toStdString());
    p.model.dataset = "no such dataset";
    QVERIFY_THROWS_EXCEPTION(Error, project::fitProject(p));
    p = makeProject(tmp.path().toStdString());
    p.model.spec.response = "missing_column";
    QVERIFY_THROWS_EXCEPTION(Error, project::fitProject(p));
    p = makeProject(tmp.path().toStdString());
    p.datasets.clear();
    QVERIFY_THROWS_EXCEPTION(Error, project::fitProject(p));
  }

  // STYLE.md: every example project gets a load -> fit -> save -> load test.
  void examples_data() {
    QTest::addColumn<QString>("path");
    int n = 0;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(HF_SOURCE_DIR) / "projects"))
      if (e.path().extension() == ".hfproj") {
        QTest::newRow(e.path().filename().string().c_str()) << QString::fromStdString(e.path().string());
        ++n;
      }
    if (n == 0) QTest::newRow("none found") << QString();
  }
  void examples() {
    QFETCH(QString, path);
    QVERIFY2(!path.isEmpty(), "no example projects under projects/");
    Project p = project::loadProject(path.toStdString());
    // One network per learned model (not 1 + 4 seeded ones): what is checked
    // here is the round trip, and the sanitizer builds run this test too.
    if (!p.model.learned().empty()) p.solver.multistart = 0;
    const fit::FitSummary s = project::fitProject(p);
    QVERIFY2(s.converged(), s.message.c_str());
    for (const auto& e : s.parameters) QVERIFY2(std::isfinite(e.value), e.name.c_str());
    p.lastResult = s;
    QTemporaryDir tmp;
    const std::string copy = (fs::path(tmp.path().toStdString()) / "copy.hfproj").string();
    project::saveProject(p, copy);
    const Project back = project::loadProject(copy);
    // Data paths were rewritten relative to the new folder; everything else is equal.
    for (std::size_t i = 0; i < p.datasets.size(); ++i) {
      if (p.datasets[i].embedded()) continue;
      QVERIFY(fs::equivalent(back.datasets[i].data.sourcePath, p.datasets[i].data.sourcePath));
      p.datasets[i].relativePath = back.datasets[i].relativePath;
    }
    compareProjects(p, back);
    const fit::FitSummary again = project::fitProject(back);
    QVERIFY(again.converged());
    for (std::size_t i = 0; i < s.parameters.size(); ++i) QCOMPARE(again.parameters[i].value, s.parameters[i].value);
  }
};

QTEST_APPLESS_MAIN(ProjectFileTest)
#include "ProjectFileTest.moc"
