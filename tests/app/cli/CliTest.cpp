// Tests for hybridfit-cli, run in-process through hf::cli::runCli: quick
// fits against a NIST certified result, project fits with --out and --save,
// the equation list, exit codes, and that every bad input gives exactly one
// "hybridfit-cli:" line on stderr and nothing on stdout.
#include "CliArguments.h"
#include "CliCommands.h"
#include "CliRun.h"
#include "TextFiles.h"
#include "common/Error.h"
#include "data/DelimitedReader.h"
#include "library/EquationLibrary.h"
#include "project/ProjectFile.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace hf;
using hf::test::readText;
using hf::test::writeText;
namespace fs = std::filesystem;

namespace {

using Run = hf::test::CliRun;
using hf::test::describe;
Run run(const std::vector<std::string>& args) { return hf::test::runCli(args); }

std::string nistDir() { return std::string(HF_TEST_DATA_DIR) + "/nist"; }
std::string misraCsv() { return nistDir() + "/Misra1a.csv"; }

nlohmann::json misraReference() {
  std::ifstream in(nistDir() + "/Misra1a.json");
  return nlohmann::json::parse(in);
}

int lineCount(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

// y = 3 exp(0.5 x), noise free.
constexpr double kA = 3.0, kB = 0.5;
std::string writeExponential(const fs::path& path) {
  std::string text = "x,y\n";
  for (int i = 0; i <= 20; ++i) {
    const double x = 0.25 * i;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g,%.17g\n", x, kA * std::exp(kB * x));
    text += buf;
  }
  writeText(path, text);
  return path.string();
}

// A project with a file-referenced dataset next to it.
std::string writeProject(const fs::path& dir) {
  const std::string csv = writeExponential(dir / "exp.csv");
  project::Project p;
  p.name = "cli project";
  project::ProjectDataset d;
  d.data = data::readDelimitedFile(csv);
  d.relativePath = "exp.csv";
  p.datasets.push_back(d);
  p.model.dataset = d.data.name;
  p.model.spec = {"a*exp(b*x)", "y", {"a", "b"}, model::WeightKind::None, ""};
  p.parameters = {{"a", 1.0, 0.0, 100.0, false, ""}, {"b", 0.1}};
  const std::string path = (dir / "p.hfproj").string();
  project::saveProject(p, path);
  return path;
}

void checkRequiredKeys(const nlohmann::json& j) {
  QVERIFY(j.is_object());
  for (const char* key : {"parameters", "rss", "converged", "iterations", "termination", "fit_time_s"})
    QVERIFY2(j.contains(key), key);
  QVERIFY(j["parameters"].is_array());
  for (const auto& p : j["parameters"])
    for (const char* key : {"name", "value", "stderr"}) QVERIFY2(p.contains(key), key);
}

double parameter(const nlohmann::json& j, const std::string& name) {
  for (const auto& p : j["parameters"])
    if (p["name"] == name) return p["value"].get<double>();
  return NAN;
}

}  // namespace

class CliTest : public QObject {
  Q_OBJECT
 private slots:
  void misra1aQuickFit() {
    const Run r = run({"fit", "--data", misraCsv(), "--model", "b1*(1-exp(-b2*x))", "--y", "y", "--start",
                       "b1=500,b2=1e-4", "--json"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY2(r.err.empty(), r.err.c_str());
    const nlohmann::json j = nlohmann::json::parse(r.out);
    checkRequiredKeys(j);
    QCOMPARE(j["converged"].get<bool>(), true);
    QCOMPARE(j["termination"].get<std::string>(), fit::toString(fit::Termination::Converged));
    QCOMPARE(j["parameters"].size(), std::size_t(2));
    // NIST certified values have 11 significant digits: relative 1e-8 is
    // well inside them and well above the solver's accuracy (LRE >= 9 on
    // this problem in NistTest).
    const nlohmann::json ref = misraReference();
    const auto cert = ref["certified_values"].get<std::vector<double>>();
    QVERIFY(std::fabs(parameter(j, "b1") - 238.94212918) <= 1e-8 * 238.94212918);
    QVERIFY(std::fabs(parameter(j, "b1") - cert[0]) <= 1e-8 * cert[0]);
    QVERIFY(std::fabs(parameter(j, "b2") - cert[1]) <= 1e-8 * cert[1]);
    const double rss = ref["certified_rss"].get<double>();
    QVERIFY(std::fabs(j["rss"].get<double>() - rss) <= 1e-8 * rss);
    const auto sd = ref["certified_std_devs"].get<std::vector<double>>();
    QVERIFY(std::fabs(j["parameters"][0]["stderr"].get<double>() - sd[0]) <= 1e-2 * sd[0]);
  }

  void textOutput() {
    const Run r =
        run({"fit", "--data", misraCsv(), "--model", "b1*(1-exp(-b2*x))", "--y", "y", "--start", "b1=500,b2=1e-4"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(r.err.empty());
    QVERIFY(r.out.find("b1") != std::string::npos);
    QVERIFY(r.out.find("238.942129") != std::string::npos);
    QVERIFY(r.out.find("\nRSS ") != std::string::npos);  // unweighted
    QVERIFY(!nlohmann::json::accept(r.out));
    // A weighted fit (sigma column) reports its RSS as a chi-square.
    const Run w = run({"fit", std::string(HF_SOURCE_DIR) + "/projects/arrhenius/arrhenius.hfproj"});
    QVERIFY2(w.code == 0, qPrintable(describe(w)));
    QVERIFY2(w.out.find("\nweighted RSS (chi-square) ") != std::string::npos, qPrintable(describe(w)));
  }

  void responseExpression() {
    QTemporaryDir tmp;
    const std::string csv = writeExponential(fs::path(tmp.path().toStdString()) / "exp.csv");
    // log(y) = log(a) + b x: a linear fit in log space.
    const Run r = run({"fit", "--data", csv, "--model", "log(a)+b*x", "--y", "log(y)", "--start", "a=1,b=0.1",
                       "--lower", "a=1e-3", "--json"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    const nlohmann::json j = nlohmann::json::parse(r.out);
    checkRequiredKeys(j);
    QVERIFY(std::fabs(parameter(j, "a") - kA) <= 1e-8 * kA);
    QVERIFY(std::fabs(parameter(j, "b") - kB) <= 1e-8 * kB);
  }

  void skipBadRows() {
    QTemporaryDir tmp;
    const fs::path path = fs::path(tmp.path().toStdString()) / "exp.csv";
    writeExponential(path);
    writeText(path, readText(path) + "abc,7\n");  // a junk row at the end (line 23)
    const std::vector<std::string> args = {"fit", "--data", path.string(), "--model",  "a*exp(b*x)",
                                           "--y", "y",      "--start",     "a=1,b=0.1"};
    const Run refused = run(args);
    QVERIFY2(refused.code == 2 && refused.err.find(":23:1") != std::string::npos, qPrintable(describe(refused)));
    std::vector<std::string> skipping = args;
    skipping.push_back("--skip-bad-rows");
    skipping.push_back("--json");
    const Run r = run(skipping);
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY2(r.err.find(":23: row skipped: column 'x'") != std::string::npos, qPrintable(describe(r)));
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QVERIFY(std::fabs(parameter(j, "a") - kA) <= 1e-8 * kA);
    QCOMPARE(j.at("points").get<int>(), 21);
  }

  void fixedParameter() {
    QTemporaryDir tmp;
    const std::string csv = writeExponential(fs::path(tmp.path().toStdString()) / "exp.csv");
    const Run r = run(
        {"fit", "--data", csv, "--model", "a*exp(b*x)", "--y", "y", "--start", "b=0.1", "--fixed", "a=3", "--json"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QCOMPARE(parameter(j, "a"), kA);
    QVERIFY(j["parameters"][0]["stderr"].is_null());  // fixed: no standard error
    QVERIFY(std::fabs(parameter(j, "b") - kB) <= 1e-8 * kB);
  }

  void projectFitWithOut() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const std::string project = writeProject(dir);
    const std::string before = readText(project);
    const std::string outPath = (dir / "result.json").string();
    const Run r = run({"fit", project, "--json", "--out", outPath});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(r.err.empty());
    const nlohmann::json stdoutJson = nlohmann::json::parse(r.out);
    checkRequiredKeys(stdoutJson);
    QVERIFY(fs::exists(outPath));
    const nlohmann::json fileJson = nlohmann::json::parse(readText(outPath));
    QCOMPARE(fileJson, stdoutJson);
    QVERIFY(std::fabs(parameter(fileJson, "a") - kA) <= 1e-8 * kA);
    QCOMPARE(readText(project), before);  // without --save the project is untouched
  }

  void projectFitSave() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const std::string project = writeProject(dir);
    QVERIFY(!project::loadProject(project).lastResult);
    const Run r = run({"fit", project, "--save", "--json"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    const nlohmann::json j = nlohmann::json::parse(r.out);
    const project::Project p = project::loadProject(project);
    QVERIFY(p.lastResult.has_value());
    QVERIFY(p.lastResult->converged());
    QCOMPARE(p.lastResult->parameters.size(), std::size_t(2));
    QCOMPARE(p.lastResult->parameters[0].value, parameter(j, "a"));
    QCOMPARE(p.lastResult->parameters[1].value, parameter(j, "b"));
    QCOMPARE(p.datasets[0].relativePath, std::string("exp.csv"));  // still relative after saving
    QCOMPARE(p.name, std::string("cli project"));
  }

  void equationsJson() {
    const Run r = run({"equations", "--json"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    QVERIFY(r.err.empty());
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QVERIFY(j.is_array());
    QVERIFY(j.size() >= 20);
    QCOMPARE(j.size(), library::EquationLibrary::builtIn().equations().size());
    for (const auto& e : j) {
      QVERIFY(e.contains("id") && e.contains("formula") && e.contains("parameters"));
      QVERIFY(library::EquationLibrary::builtIn().find(e["id"].get<std::string>()));
    }
  }

  void equationsText() {
    const Run r = run({"equations"});
    QCOMPARE(r.code, 0);
    for (const auto& e : library::EquationLibrary::builtIn().equations())
      QVERIFY2(r.out.find(e.id) != std::string::npos, e.id.c_str());
  }

  void helpAndVersion() {
    const Run h = run({"--help"});
    QCOMPARE(h.code, 0);
    QVERIFY(h.out.find("usage") != std::string::npos);
    QVERIFY(h.err.empty());
    const Run v = run({"--version"});
    QCOMPARE(v.code, 0);
    QVERIFY(v.out.starts_with("hybridfit-cli "));
    QCOMPARE(lineCount(v.out), 1);
  }

  void libraryEquation() {
    // --equation takes formula, starts, bounds and constants from the
    // library: Arrhenius with its gas constant R, no --start needed.
    QTemporaryDir tmp;
    const fs::path csv = fs::path(tmp.path().toStdString()) / "rates.csv";
    std::string text = "T [K],k [1/s]\n";
    for (int i = 0; i <= 10; ++i) {
      const double T = 300.0 + 10.0 * i;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g,%.17g\n", T, 2.0e8 * std::exp(-45000.0 / (8.314462618 * T)));
      text += buf;
    }
    writeText(csv, text);
    const Run r = run({"fit", "--data", csv.string(), "--equation", "arrhenius", "--y", "k", "--json"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QVERIFY(std::fabs(parameter(j, "Ea") - 45000.0) <= 1e-6 * 45000.0);
    QVERIFY(std::fabs(parameter(j, "A") - 2.0e8) <= 1e-6 * 2.0e8);
    QCOMPARE(parameter(j, "R"), 8.314462618);  // the constant, held fixed
    // With no column left for an input, the input is named with --map.
    writeText(csv, "k,s\n1,1\n2,1\n");
    const Run bad = run({"fit", "--data", csv.string(), "--equation", "arrhenius", "--y", "k", "--sigma", "s"});
    QCOMPARE(bad.code, int(cli::kBadInput));
    QVERIFY2(bad.err.find("'T'") != std::string::npos && bad.err.find("--map T=") != std::string::npos,
             bad.err.c_str());
    // A library id given as a formula gets a hint.
    const Run hint = run({"fit", "--data", csv.string(), "--model", "arrhenius", "--y", "k", "--start", "a=1"});
    QVERIFY2(hint.err.find("--equation arrhenius") != std::string::npos, hint.err.c_str());
  }

  // An equation's input is mapped to a column of another name: by --map,
  // or to the first free column with a note saying so (issue 10, fault 8).
  void equationInputsMapToColumns() {
    QTemporaryDir tmp;
    const fs::path csv = fs::path(tmp.path().toStdString()) / "puromycin.csv";
    writeText(csv,
              "rate [counts/min],conc [ppm],tube\n76,0.02,1\n47,0.02,2\n97,0.06,3\n107,0.06,4\n123,0.11,5\n"
              "139,0.11,6\n159,0.22,7\n152,0.22,8\n191,0.56,9\n201,0.56,10\n207,1.10,11\n200,1.10,12\n");
    const Run mapped = run(
        {"fit", "--data", csv.string(), "--equation", "michaelis_menten", "--y", "rate", "--map", "S=conc", "--json"});
    QVERIFY2(mapped.code == 0, qPrintable(describe(mapped)));
    QVERIFY2(mapped.err.find("input 'S'") == std::string::npos, mapped.err.c_str());
    const nlohmann::json j = nlohmann::json::parse(mapped.out);
    // Puromycin (treated), published optimum Vm 212.68, K 0.06412.
    QVERIFY(std::fabs(parameter(j, "Vmax") - 212.68) < 0.01);
    QVERIFY(std::fabs(parameter(j, "Km") - 0.06412) < 1e-5);
    // Units follow the mapped columns, never the library's mmol/L (fault 3).
    for (const auto& p : j["parameters"]) {
      if (p["name"] == "Km") QCOMPARE(p["unit"].get<std::string>(), std::string("ppm"));
      if (p["name"] == "Vmax") QCOMPARE(p["unit"].get<std::string>(), std::string("counts/min"));
    }
    // Without --map the first free column is taken, and the note says so.
    const Run guessed = run({"fit", "--data", csv.string(), "--equation", "michaelis_menten", "--y", "rate"});
    QVERIFY2(guessed.code == 0, qPrintable(describe(guessed)));
    QVERIFY2(guessed.err.find("input 'S' of michaelis_menten is data column 'conc'") != std::string::npos,
             guessed.err.c_str());
    QVERIFY2(guessed.err.find("--map S=COLUMN") != std::string::npos, guessed.err.c_str());
    // A wrong --map is bad input that names what exists.
    const Run wrong = run(
        {"fit", "--data", csv.string(), "--equation", "michaelis_menten", "--y", "rate", "--map", "S=concentration"});
    QCOMPARE(wrong.code, int(cli::kBadInput));
    QVERIFY2(wrong.err.find("conc") != std::string::npos, wrong.err.c_str());
    const Run notInput =
        run({"fit", "--data", csv.string(), "--equation", "michaelis_menten", "--y", "rate", "--map", "X=conc"});
    QCOMPARE(notInput.code, int(cli::kBadInput));
    QVERIFY2(notInput.err.find("inputs are: S") != std::string::npos, notInput.err.c_str());
  }

  // A parameter without --start gets one chosen from the data, and the
  // note says which (issue 10, fault 9): a typed Michaelis-Menten formula
  // on the Puromycin data reaches the published optimum, not a pole.
  void missingStartsAreChosenFromTheData() {
    QTemporaryDir tmp;
    const fs::path csv = fs::path(tmp.path().toStdString()) / "puromycin.csv";
    writeText(csv,
              "conc,rate\n0.02,76\n0.02,47\n0.06,97\n0.06,107\n0.11,123\n0.11,139\n0.22,159\n0.22,152\n"
              "0.56,191\n0.56,201\n1.10,207\n1.10,200\n");
    const Run r = run({"fit", "--data", csv.string(), "--model", "Vm*conc/(K+conc)", "--y", "rate", "--json"});
    QVERIFY2(r.code == 0, qPrintable(describe(r)));
    const nlohmann::json j = nlohmann::json::parse(r.out);
    QVERIFY(std::fabs(parameter(j, "Vm") - 212.68) < 0.01);
    QVERIFY(std::fabs(parameter(j, "K") - 0.06412) < 1e-5);
    QVERIFY2(r.err.find("start values chosen from the data: Vm=") != std::string::npos, r.err.c_str());
    QVERIFY2(r.err.find("warning") == std::string::npos, r.err.c_str());
    // A given start is used as given; only the others are chosen.
    const Run partly =
        run({"fit", "--data", misraCsv(), "--model", "b1*(1-exp(-b2*x))", "--y", "y", "--start", "b1=500"});
    QVERIFY2(partly.code == 0, qPrintable(describe(partly)));
    QVERIFY2(partly.err.find("chosen from the data: b2=") != std::string::npos, partly.err.c_str());
    // A fit that ends on a pole inside the data range says so (exit 0:
    // it converged, but the curve is no fit of the data).
    const Run pole = run({"fit", "--data", csv.string(), "--model", "Vm*conc/(K+conc)", "--y", "rate", "--start",
                          "Vm=1,K=-0.5", "--upper", "K=-0.3"});
    QVERIFY2(pole.err.find("warning: R^2 is") != std::string::npos, pole.err.c_str());
    QVERIFY2(pole.err.find("pole between conc =") != std::string::npos, pole.err.c_str());
  }

  // Fewer points than free parameters is refused as bad input (fault 2).
  void tooFewPointsIsBadInput() {
    QTemporaryDir tmp;
    const fs::path csv = fs::path(tmp.path().toStdString()) / "one.csv";
    writeText(csv, "x,y\n1,2\n");
    const Run r = run({"fit", "--data", csv.string(), "--model", "a*x+c", "--y", "y", "--start", "a=1,c=1"});
    QCOMPARE(r.code, int(cli::kBadInput));
    QVERIFY2(r.err.find("too few data points: 1 point for 2 free parameters") != std::string::npos, r.err.c_str());
    // One fixed parameter makes it a fit of one parameter to one point.
    const Run ok =
        run({"fit", "--data", csv.string(), "--model", "a*x+c", "--y", "y", "--start", "a=1", "--fixed", "c=0"});
    QVERIFY2(ok.code == 0, qPrintable(describe(ok)));
  }

  // Decimal commas are detected, or forced with --decimal-comma (fault 6).
  void decimalCommas() {
    QTemporaryDir tmp;
    const fs::path csv = fs::path(tmp.path().toStdString()) / "dc.csv";
    writeText(csv, "x;y\n0,5;1,5\n1,0;2,5\n1,5;3,5\n2,0;4,5\n");
    for (const bool force : {false, true}) {
      std::vector<std::string> args{"fit", "--data", csv.string(), "--model", "a*x+c",
                                    "--y", "y",      "--start",    "a=1,c=0", "--json"};
      if (force) args.push_back("--decimal-comma");
      const Run r = run(args);
      QVERIFY2(r.code == 0, qPrintable(describe(r)));
      const nlohmann::json j = nlohmann::json::parse(r.out);
      QVERIFY(std::fabs(parameter(j, "a") - 2.0) < 1e-9);
      QVERIFY(std::fabs(parameter(j, "c") - 0.5) < 1e-9);
    }
  }

  void badInput_data() {
    QTest::addColumn<QStringList>("args");  // {misra}, {dir} are replaced
    QTest::addColumn<QString>("fragment");  // expected in the message
    const QString model = "b1*(1-exp(-b2*x))";
    const QString start = "b1=500,b2=1e-4";
    QTest::newRow("no arguments") << QStringList{} << "command";
    QTest::newRow("unknown command") << QStringList{"fitt"} << "fitt";
    QTest::newRow("missing --y") << QStringList{"fit", "--data", "{misra}", "--model", model, "--start", start}
                                 << "--y";
    QTest::newRow("unknown option") << QStringList{"fit", "--data", "{misra}", "--model", model,
                                                   "--y", "y",      "--start", start,     "--frobnicate"}
                                    << "--frobnicate";
    QTest::newRow("option without value")
        << QStringList{"fit", "--data", "{misra}", "--model", model, "--y", "y", "--start"} << "--start";
    QTest::newRow("bad start number") << QStringList{"fit", "--data", "{misra}", "--model",       model,
                                                     "--y", "y",      "--start", "b1=abc,b2=1e-4"}
                                      << "abc";
    QTest::newRow("start name not a parameter")
        << QStringList{"fit", "--data", "{misra}", "--model", model, "--y", "y", "--start", "b1=500,b2=1e-4,b3=1"}
        << "b3";
    QTest::newRow("start for a data column")
        << QStringList{"fit", "--data", "{misra}", "--model", model, "--y", "y", "--start", "b1=500,b2=1e-4,x=1"}
        << "'x'";
    QTest::newRow("start given twice") << QStringList{"fit",     "--data",  "{misra}",
                                                      "--model", model,     "--y",
                                                      "y",       "--start", "b1=500,b2=1e-4,b1=3"}
                                       << "twice";
    QTest::newRow("start outside bounds")
        << QStringList{"fit", "--data", "{misra}", "--model", model, "--y", "y", "--start", start, "--lower", "b1=600"}
        << "outside";
    QTest::newRow("nonexistent data file")
        << QStringList{"fit", "--data", "{dir}/nope.csv", "--model", model, "--y", "y", "--start", start} << "nope.csv";
    QTest::newRow("bad formula") << QStringList{"fit", "--data", "{misra}", "--model", "b1*(",
                                                "--y", "y",      "--start", "b1=1"}
                                 << "position";
    QTest::newRow("unknown response column")
        << QStringList{"fit", "--data", "{misra}", "--model", model, "--y", "q", "--start", start} << "'q'";
    QTest::newRow("model without parameters")
        << QStringList{"fit", "--data", "{misra}", "--model", "2*x", "--y", "y", "--start", "b1=1"} << "no parameters";
    QTest::newRow("data file with a text cell")
        << QStringList{"fit", "--data", "{dir}/text.csv", "--model", model, "--y", "y", "--start", start} << "abc";
    QTest::newRow("project not JSON") << QStringList{"fit", "{dir}/bad.hfproj"} << "JSON";
    QTest::newRow("project missing") << QStringList{"fit", "{dir}/none.hfproj"} << "none.hfproj";
    QTest::newRow("data file as project") << QStringList{"fit", "{misra}"} << "project";
    QTest::newRow("project and --data") << QStringList{"fit", "{dir}/bad.hfproj", "--data", "{misra}"} << "either";
    QTest::newRow("sigma and weight") << QStringList{"fit",     "--data", "{misra}", "--model", model,      "--y", "y",
                                                     "--start", start,    "--sigma", "x",       "--weight", "x"}
                                      << "--sigma";
    QTest::newRow("unknown sigma column")
        << QStringList{"fit", "--data", "{misra}", "--model", model, "--y", "y", "--start", start, "--sigma", "s"}
        << "'s'";
    QTest::newRow("unknown loss") << QStringList{"fit", "--data",  "{misra}", "--model", model, "--y",
                                                 "y",   "--start", start,     "--loss",  "l3"}
                                  << "l3";
    QTest::newRow("zero loss scale") << QStringList{"fit", "--data",  "{misra}", "--model", model,   "--y",
                                                    "y",   "--start", start,     "--loss",  "huber", "--loss-scale",
                                                    "0"}
                                     << "lossScale";
    QTest::newRow("max-iterations not whole")
        << QStringList{"fit", "--data",  "{misra}", "--model",          model, "--y",
                       "y",   "--start", start,     "--max-iterations", "2.5"}
        << "--max-iterations";
    QTest::newRow("equations with option") << QStringList{"equations", "--all"} << "--all";
    QTest::newRow("project with two bad solver options") << QStringList{"fit", "{dir}/solver.hfproj"} << "solver";
    QTest::newRow("--save without a project")
        << QStringList{"fit", "--data", "{misra}", "--model", model, "--y", "y", "--start", start, "--save"}
        << "--save";
    QTest::newRow("project with --fixed") << QStringList{"fit", "{dir}/p.hfproj", "--fixed", "a=2"} << "project";
    QTest::newRow("project with --max-iterations")
        << QStringList{"fit", "{dir}/p.hfproj", "--max-iterations", "5"} << "project";
    QTest::newRow("--out is a folder") << QStringList{"fit", "{dir}/p.hfproj", "--out", "{dir}"} << "directory";
    QTest::newRow("project formula syntax") << QStringList{"fit", "{dir}/badformula.hfproj"} << "/model/formula";
    QTest::newRow("project misspelt key") << QStringList{"fit", "{dir}/misspelt.hfproj"} << "/parameters/0/uper";
    QTest::newRow("project unknown dataset") << QStringList{"fit", "{dir}/nodataset.hfproj"} << "/model/dataset";
    QTest::newRow("project number overflow") << QStringList{"fit", "{dir}/overflow.hfproj"} << "overflow";
  }
  void badInput() {
    QFETCH(QStringList, args);
    QFETCH(QString, fragment);
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    writeText(dir / "text.csv", "x,y\n1,2\n2,abc\n3,4\n");
    writeText(dir / "bad.hfproj", "this is not JSON\n");
    {
      // A valid project except for two solver options.
      const std::string p = writeProject(dir);
      nlohmann::json doc = nlohmann::json::parse(readText(p));
      doc["solver"]["maxIterations"] = 0;
      doc["solver"]["threads"] = 0;
      writeText(dir / "solver.hfproj", doc.dump());
      doc = nlohmann::json::parse(readText(p));
      doc["model"]["formula"] = "a*exp(b*x)+";
      writeText(dir / "badformula.hfproj", doc.dump());
      doc = nlohmann::json::parse(readText(p));
      doc["parameters"][0]["uper"] = 5;
      writeText(dir / "misspelt.hfproj", doc.dump());
      doc = nlohmann::json::parse(readText(p));
      doc["model"]["dataset"] = "nope";
      writeText(dir / "nodataset.hfproj", doc.dump());
      std::string text = readText(p);
      const auto at = text.find("\"start\": ");
      QVERIFY(at != std::string::npos);
      text.insert(at + 9, "1e400, \"x\": ");
      writeText(dir / "overflow.hfproj", text);
    }
    std::vector<std::string> argv;
    for (QString a : args) {
      a.replace("{misra}", QString::fromStdString(misraCsv()));
      a.replace("{dir}", tmp.path());
      argv.push_back(a.toStdString());
    }
    const Run r = run(argv);
    QVERIFY2(r.code == cli::kBadInput, qPrintable(describe(r)));
    QVERIFY2(r.out.empty(), qPrintable(describe(r)));
    QVERIFY2(r.err.starts_with("hybridfit-cli:"), qPrintable(describe(r)));
    QVERIFY2(lineCount(r.err) == 1 && r.err.back() == '\n', qPrintable(describe(r)));
    QVERIFY2(QString::fromStdString(r.err).contains(fragment), qPrintable(describe(r)));
  }

  void notConverged() {
    const Run r = run({"fit", "--data", misraCsv(), "--model", "b1*(1-exp(-b2*x))", "--y", "y", "--start",
                       "b1=500,b2=1e-4", "--max-iterations", "1", "--json"});
    QVERIFY2(r.code == cli::kNotConverged, qPrintable(describe(r)));
    QCOMPARE(r.code, 3);
    // The result is still printed, and flagged as not converged.
    const nlohmann::json j = nlohmann::json::parse(r.out);
    checkRequiredKeys(j);
    QCOMPARE(j["converged"].get<bool>(), false);
    QVERIFY(j["termination"].get<std::string>() != fit::toString(fit::Termination::Converged));
    QVERIFY(r.err.starts_with("hybridfit-cli:"));
    QCOMPARE(lineCount(r.err), 1);
  }

  void parseAssignments_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QList<double>>("values");
    QTest::newRow("two") << "a=1,b=2.5e-3" << QStringList{"a", "b"} << QList<double>{1, 2.5e-3};
    QTest::newRow("blanks") << " a = 1 ,  b=-2 " << QStringList{"a", "b"} << QList<double>{1, -2};
    QTest::newRow("plus sign") << "k=+0.5" << QStringList{"k"} << QList<double>{0.5};
    QTest::newRow("trailing comma") << "a=1," << QStringList{"a"} << QList<double>{1};
  }
  void parseAssignments() {
    QFETCH(QString, text);
    QFETCH(QStringList, names);
    QFETCH(QList<double>, values);
    const auto got = cli::parseAssignments(text.toStdString(), "--start");
    QCOMPARE(int(got.size()), names.size());
    for (int i = 0; i < names.size(); ++i) {
      QCOMPARE(QString::fromStdString(got[i].first), names[i]);
      QCOMPARE(got[i].second, values[i]);
    }
  }

  void parseAssignmentsErrors_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("no equals") << "a";
    QTest::newRow("no name") << "=1";
    QTest::newRow("no value") << "a=";
    QTest::newRow("text value") << "a=abc";
    QTest::newRow("number with unit") << "a=1kg";
    QTest::newRow("infinite") << "a=inf";
    QTest::newRow("nan") << "a=nan";
    QTest::newRow("empty entry") << "a=1,,b=2";
    QTest::newRow("twice") << "a=1,a=2";
  }
  void parseAssignmentsErrors() {
    QFETCH(QString, text);
    try {
      cli::parseAssignments(text.toStdString(), "--start");
      QFAIL("no hf::Error thrown");
    } catch (const Error& e) {
      QVERIFY2(e.message().starts_with("--start"), e.what());
    }
  }
};

QTEST_APPLESS_MAIN(CliTest)
#include "CliTest.moc"
