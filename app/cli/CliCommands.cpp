#include "CliCommands.h"

#include "CliArguments.h"
#include "QuickProject.h"
#include "common/Error.h"
#include "common/JsonAccess.h"
#include "data/DelimitedReader.h"
#include "library/EquationLibrary.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"
#include "project/SummaryJson.h"

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <set>

namespace hf::cli {
namespace {

std::string formatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

int fitCommand(const CliArguments& a, std::ostream& out, std::ostream& err) {
  project::Project p = a.projectPath.empty() ? quickProject(a, err) : project::loadProject(a.projectPath);
  const fit::FitSummary summary = project::fitProject(p);
  // Say which starts were chosen from the data (parameters given no start).
  std::string guessed;
  for (const fit::ParameterSetting& s : p.parameters)
    if (s.autoStart && !s.fixed)
      for (const fit::ParameterEstimate& e : summary.parameters)
        if (e.name == s.name) guessed += (guessed.empty() ? "" : ", ") + s.name + "=" + formatNumber(e.start);
  if (!guessed.empty()) err << "hybridfit-cli: note: start values chosen from the data: " << guessed << "\n";
  for (const std::string& w : summary.warnings) err << "hybridfit-cli: warning: " << w << "\n";
  const nlohmann::json result = project::summaryToJson(summary);
  // Write the file first: if it cannot be written, nothing was printed.
  if (!a.outPath.empty()) project::writeFileAtomically(a.outPath, result.dump(1) + "\n");
  if (a.json)
    out << result.dump() << "\n";
  else
    out << summary.briefReport() << "\n";
  if (a.save) {
    p.lastResult = summary;
    project::saveProject(p, a.projectPath);
  }
  if (!summary.converged()) {
    err << "hybridfit-cli: the fit did not converge: " << summary.message << "\n";
    return kNotConverged;
  }
  return kOk;
}

int equationsCommand(const CliArguments& a, std::ostream& out) {
  const auto& lib = library::EquationLibrary::builtIn();
  if (a.json) {
    nlohmann::json list = nlohmann::json::array();
    for (const library::Equation& e : lib.equations()) {
      nlohmann::json params = nlohmann::json::array();
      for (const auto& p : e.parameters)
        params.push_back({{"name", p.name},
                          {"start", p.start},
                          {"lower", json::numberOrNull(p.lower)},
                          {"upper", json::numberOrNull(p.upper)},
                          {"unit", p.unit},
                          {"description", p.description}});
      nlohmann::json vars = nlohmann::json::array();
      for (const auto& v : e.variables)
        vars.push_back({{"name", v.name}, {"unit", v.unit}, {"description", v.description}});
      nlohmann::json consts = nlohmann::json::array();
      for (const auto& c : e.constants) consts.push_back({{"name", c.name}, {"value", c.value}, {"unit", c.unit}});
      list.push_back({{"id", e.id},
                      {"name", e.name},
                      {"category", e.category},
                      {"description", e.description},
                      {"formula", e.formula},
                      {"response", {{"name", e.response.name}, {"unit", e.response.unit}}},
                      {"variables", vars},
                      {"parameters", params},
                      {"constants", consts},
                      {"reference", e.reference}});
    }
    out << list.dump() << "\n";
    return kOk;
  }
  for (const std::string& cat : lib.categories()) {
    out << cat << "\n";
    for (const library::Equation& e : lib.equations()) {
      if (e.category != cat) continue;
      out << "  " << std::left << std::setw(26) << e.id << e.response.name << " = " << e.formula << "\n";
    }
  }
  return kOk;
}

}  // namespace

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    const CliArguments a = parseArguments(args);
    switch (a.command) {
      case Command::Help:
        out << usage();
        return kOk;
      case Command::Version:
        out << "hybridfit-cli " << HF_VERSION << "\n";
        return kOk;
      case Command::Equations:
        return equationsCommand(a, out);
      case Command::Fit:
        return fitCommand(a, out, err);
      case Command::Simulate:
        return simulateCommand(a, out, err);
      case Command::Validate:
        return validateCommand(a, out, err);
    }
  } catch (const Error& e) {
    std::string line = e.what();
    for (char& c : line)
      if (c == '\n') c = ' ';  // the contract is one line on stderr
    err << "hybridfit-cli: " << line << "\n";
    return kBadInput;
  } catch (const std::exception& e) {
    err << "hybridfit-cli: internal error: " << e.what() << "\n";
    return kInternal;
  }
  return kInternal;
}

}  // namespace hf::cli
