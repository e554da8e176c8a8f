#include "QuickProject.h"

#include "common/Error.h"
#include "common/NameMatch.h"
#include "data/DelimitedReader.h"
#include "library/EquationLibrary.h"
#include "library/EquationMapping.h"
#include "model/AlgebraicModel.h"

#include <algorithm>
#include <set>

namespace hf::cli {
namespace {

using Assignments = std::vector<std::pair<std::string, double>>;

bool lookup(const Assignments& list, const std::string& name, double& v) {
  for (const auto& [n, x] : list)
    if (n == name) {
      v = x;
      return true;
    }
  return false;
}

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace

project::ProjectDataset readQuickData(const CliArguments& a, std::ostream& warnings) {
  project::ProjectDataset d;
  data::ImportReport report;
  data::ImportOptions options;
  options.skipBadRows = a.skipBadRows;
  if (a.decimalComma) options.decimal = ',';
  d.data = data::readDelimitedFile(a.dataPath, options, &report);
  for (const std::string& w : report.warnings)
    warnings << "hybridfit-cli: warning: " << a.dataPath << ": " << w << "\n";
  for (const std::string& n : report.notes) warnings << "hybridfit-cli: note: " << a.dataPath << ": " << n << "\n";
  for (const data::ImportReport::SkippedRow& r : report.skippedRows)
    warnings << "hybridfit-cli: warning: " << a.dataPath << ":" << r.line << ": row skipped: " << r.reason << "\n";
  return d;
}

std::vector<fit::ParameterSetting> parameterSettings(const std::vector<std::string>& names, const CliArguments& a,
                                                     const std::vector<fit::ParameterSetting>& defaults) {
  std::vector<fit::ParameterSetting> out;
  for (const std::string& name : names) {
    fit::ParameterSetting s;
    s.name = name;
    for (const fit::ParameterSetting& def : defaults)
      if (def.name == name) {
        s = def;
      }
    double v = 0;
    if (lookup(a.fixed, name, v)) {
      s.start = v;
      s.fixed = true;
    } else if (lookup(a.starts, name, v)) {
      s.start = v;
      s.fixed = false;
    } else if (!s.fixed) {
      s.autoStart = true;  // chosen from the data before the fit (a library start is one candidate)
    }
    if (std::find(a.logScale.begin(), a.logScale.end(), name) != a.logScale.end()) s.logScale = true;
    lookup(a.lowers, name, s.lower);
    lookup(a.uppers, name, s.upper);
    if (s.autoStart) s.start = std::clamp(s.start, s.lower, s.upper);
    out.push_back(s);
  }
  return out;
}

void applySolverOptions(const CliArguments& a, project::Project& p) {
  if (!a.loss.empty() && !fit::parseLossKind(a.loss, p.solver.loss))
    throw Error("--loss: unknown loss '" + a.loss + "'; expected none, huber, cauchy or soft_l1");
  p.solver.lossScale = a.lossScale;
  if (a.maxIterations > 0) p.solver.maxIterations = a.maxIterations;
  if (a.multistart >= 0) p.solver.multistart = a.multistart;
}

project::Project quickProject(const CliArguments& a, std::ostream& warnings) {
  if (!a.ode.empty()) return quickOdeProject(a, warnings);
  project::Project p;
  p.datasets.push_back(readQuickData(a, warnings));
  p.model.dataset = p.datasets.front().data.name;
  const data::Dataset& data = p.datasets.front().data;
  const std::string columns = joined(data.columnNames());

  // Defaults from a library equation, if one was named.
  std::vector<fit::ParameterSetting> defaults;
  if (!a.equation.empty()) {
    const library::Equation* eq = library::EquationLibrary::builtIn().find(a.equation);
    if (!eq) throw Error("--equation: no equation '" + a.equation + "' in the library (see: hybridfit-cli equations)");
    const std::string weightColumn = !a.sigmaColumn.empty() ? a.sigmaColumn : a.weightColumn;
    const library::InputMapping mapping = library::mapInputs(*eq, data, a.response, weightColumn, a.inputMap);
    for (const library::Symbol& v : eq->variables) {
      const auto it = std::find_if(mapping.begin(), mapping.end(), [&](const auto& m) { return m.first == v.name; });
      if (it == mapping.end())
        throw Error("equation '" + eq->id + "' needs a data column for its input '" + v.name + "' (" + v.description +
                    "); map one with --map " + v.name + "=COLUMN (the columns are: " + columns + ")");
      const bool asked =
          std::any_of(a.inputMap.begin(), a.inputMap.end(), [&](const auto& m) { return m.first == v.name; });
      if (it->second != v.name && !asked)
        warnings << "hybridfit-cli: note: input '" << v.name << "' of " << eq->id << " is data column '" << it->second
                 << "' (choose another with --map " << v.name << "=COLUMN)\n";
    }
    p.model.equationId = eq->id;
    p.model.spec.formula = library::renameInputs(eq->formula, mapping);
    defaults = library::parameterSettings(*eq, data, a.response, mapping);
  } else {
    p.model.spec.formula = a.model;
    if (library::EquationLibrary::builtIn().find(a.model) && data.findColumn(a.model) < 0)
      throw Error("'" + a.model + "' is the name of a library equation: use --equation " + a.model +
                  " (or write its formula in --model)");
  }
  p.model.spec.response = a.response;
  if (!a.sigmaColumn.empty()) {
    p.model.spec.weightKind = model::WeightKind::Sigma;
    p.model.spec.weightColumn = a.sigmaColumn;
  } else if (!a.weightColumn.empty()) {
    p.model.spec.weightKind = model::WeightKind::Weight;
    p.model.spec.weightColumn = a.weightColumn;
  }

  const std::vector<std::string> names = model::AlgebraicModel::parameterNamesIn(p.model.spec.formula, data);
  if (names.empty())
    throw Error("the model '" + p.model.spec.formula +
                "' has no parameters: every name in it is a data column (columns: " + columns + ")");
  // A name that is neither a column nor meant as a parameter is most often
  // a misspelt column: say which names became parameters when one of them
  // is close to a column name (issue 10, fault 10).
  for (const std::string& n : names)
    if (const std::string col = closestName(n, data.columnNames()); !col.empty() && a.equation.empty())
      warnings << "hybridfit-cli: warning: '" << n
               << "' is not a data column, so it is a parameter (the parameters are: " << joined(names)
               << "); did you mean the column '" << col << "'?\n";
  const std::set<std::string> known(names.begin(), names.end());
  for (const auto* list : {&a.starts, &a.lowers, &a.uppers, &a.fixed})
    for (const auto& [n, v] : *list)
      if (!known.count(n))
        throw Error("'" + n + "' is not a parameter of the model (its parameters are: " + joined(names) +
                    (data.findColumn(n) >= 0 ? "; '" + n + "' is a data column" : std::string()) + ")");
  for (const std::string& n : a.logScale)
    if (!known.count(n))
      throw Error("--log: '" + n + "' is not a parameter of the model (its parameters are: " + joined(names) + ")");
  p.parameters = parameterSettings(names, a, defaults);
  p.model.spec.parameters = names;
  applySolverOptions(a, p);
  return p;
}

}  // namespace hf::cli
