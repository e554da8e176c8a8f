// hybridfit-cli validate: cross-validation of a project's model
// (project/CrossValidation.h), printed as a table or as JSON.
#include "CliArguments.h"
#include "CliCommands.h"
#include "project/CrossValidation.h"
#include "project/ProjectFile.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace hf::cli {
namespace {

nlohmann::json metricsJson(const project::Metrics& m) {
  const auto num = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
  return {{"points", m.points}, {"rmse", num(m.rmse)}, {"mae", num(m.mae)}, {"r_squared", num(m.rSquared)}};
}

std::string row(const char* label, const project::Metrics& m) {
  char line[160];
  std::snprintf(line, sizeof line, "%-22s %7zu %14.6g %14.6g %10.6f\n", label, m.points, m.rmse, m.mae, m.rSquared);
  return line;
}

}  // namespace

int validateCommand(const CliArguments& a, std::ostream& out, std::ostream& err) {
  const project::Project p = project::loadProject(a.projectPath);
  project::ValidationOptions o;
  o.kind = a.leaveExperimentOut ? project::SplitKind::Experiments
           : a.blocked          ? project::SplitKind::Blocked
                                : project::SplitKind::Random;
  o.folds = a.folds;
  o.holdOutFraction = a.holdOut;
  o.seed = static_cast<std::uint64_t>(a.seed);
  const project::ValidationReport r = project::crossValidate(p, o);
  const char* split = a.leaveExperimentOut ? "leave one experiment out" : a.blocked ? "blocked" : "random";
  nlohmann::json folds = nlohmann::json::array();
  for (const project::FoldResult& f : r.folds)
    folds.push_back(
        {{"converged", f.converged}, {"training", metricsJson(f.training)}, {"validation", metricsJson(f.validation)}});
  const auto num = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
  const nlohmann::json j = {{"model", r.model},
                            {"split", split},
                            {"folds", static_cast<int>(r.folds.size())},
                            {"parameters", r.parameterCount},
                            {"fit", metricsJson(r.fit)},
                            {"aic", num(r.aic)},
                            {"aicc", num(r.aicc)},
                            {"bic", num(r.bic)},
                            {"training", metricsJson(r.training)},
                            {"validation", metricsJson(r.validation)},
                            {"per_fold", folds}};
  if (!a.outPath.empty()) project::writeFileAtomically(a.outPath, j.dump(1) + "\n");
  if (a.json) {
    out << j.dump() << "\n";
  } else {
    out << "model " << r.model << ": " << r.parameterCount << " free parameters (learned weights included), "
        << r.folds.size() << " folds, " << split << "\n";
    out << "                        points           RMSE            MAE         R^2\n";
    out << row("fit on all points", r.fit);
    out << row("training (folds)", r.training);
    out << row("validation (held out)", r.validation);
    char line[160];
    std::snprintf(line, sizeof line, "AIC %.6g, AICc %.6g, BIC %.6g (of the fit on all points)\n", r.aic, r.aicc,
                  r.bic);
    out << line;
  }
  int failed = 0;
  for (const project::FoldResult& f : r.folds) failed += f.converged ? 0 : 1;
  if (failed)
    err << "hybridfit-cli: warning: the fit did not converge in " << failed << " of " << r.folds.size() << " folds\n";
  return kOk;
}

}  // namespace hf::cli
