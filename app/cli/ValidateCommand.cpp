// hybridfit-cli validate: cross-validation of a project's model
// (project/CrossValidation.h), printed as a table or as JSON. With more
// than one project: candidate models (pure physics, pure ML, hybrid) on the
// same split, one row each, training and validation error side by side.
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

nlohmann::json reportJson(const project::ValidationReport& r, const char* split) {
  nlohmann::json folds = nlohmann::json::array();
  for (const project::FoldResult& f : r.folds)
    folds.push_back(
        {{"converged", f.converged}, {"training", metricsJson(f.training)}, {"validation", metricsJson(f.validation)}});
  const auto num = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
  return {{"model", r.model},
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
}

int failedFolds(const project::ValidationReport& r) {
  int failed = 0;
  for (const project::FoldResult& f : r.folds) failed += f.converged ? 0 : 1;
  return failed;
}

// Several candidates: one row each.
int compareCandidates(const CliArguments& a, const project::ValidationOptions& o, const char* split, std::ostream& out,
                      std::ostream& err) {
  std::vector<std::string> paths{a.projectPath};
  paths.insert(paths.end(), a.candidates.begin(), a.candidates.end());
  std::vector<project::ValidationReport> reports;
  for (const std::string& path : paths) reports.push_back(project::crossValidate(project::loadProject(path), o));
  nlohmann::json list = nlohmann::json::array();
  for (const project::ValidationReport& r : reports) list.push_back(reportJson(r, split));
  const nlohmann::json j = {{"split", split}, {"candidates", list}};
  if (!a.outPath.empty()) project::writeFileAtomically(a.outPath, j.dump(1) + "\n");
  if (a.json) {
    out << j.dump() << "\n";
  } else {
    out << reports.size() << " candidate models, " << reports.front().folds.size() << " folds, " << split
        << " (RMSE of the held-out points under validation)\n";
    char line[256];
    std::snprintf(line, sizeof line, "%-24s %6s %12s %12s %12s %10s %12s %12s %12s\n", "model", "params", "train RMSE",
                  "valid. RMSE", "valid. MAE", "valid. R^2", "AIC", "AICc", "BIC");
    out << line;
    std::size_t best = 0;
    for (std::size_t k = 0; k < reports.size(); ++k) {
      const project::ValidationReport& r = reports[k];
      if (std::isfinite(r.validation.rmse) &&
          !(r.validation.rmse >= reports[best].validation.rmse && std::isfinite(reports[best].validation.rmse)))
        best = k;
      std::snprintf(line, sizeof line, "%-24s %6zu %12.6g %12.6g %12.6g %10.6f %12.6g %12.6g %12.6g\n",
                    r.model.substr(0, 24).c_str(), r.parameterCount, r.training.rmse, r.validation.rmse,
                    r.validation.mae, r.validation.rSquared, r.aic, r.aicc, r.bic);
      out << line;
    }
    if (std::isfinite(reports[best].validation.rmse))
      out << "lowest validation RMSE: " << reports[best].model << "\n";
    else
      out << "no candidate could be validated\n";
  }
  for (std::size_t k = 0; k < reports.size(); ++k) {
    if (reports[k].validation.points != reports.front().validation.points)
      err << "hybridfit-cli: warning: " << paths[k] << " holds out " << reports[k].validation.points
          << " values, the first project " << reports.front().validation.points
          << ": the candidates are not compared on the same data\n";
    if (const int failed = failedFolds(reports[k]))
      err << "hybridfit-cli: warning: " << reports[k].model << ": the fit did not converge in " << failed << " of "
          << reports[k].folds.size() << " folds\n";
  }
  return kOk;
}

}  // namespace

int validateCommand(const CliArguments& a, std::ostream& out, std::ostream& err) {
  project::ValidationOptions o;
  o.kind = a.leaveExperimentOut ? project::SplitKind::Experiments
           : a.blocked          ? project::SplitKind::Blocked
                                : project::SplitKind::Random;
  o.folds = a.folds;
  o.holdOutFraction = a.holdOut;
  o.seed = static_cast<std::uint64_t>(a.seed);
  const char* split = a.leaveExperimentOut ? "leave one experiment out" : a.blocked ? "blocked" : "random";
  if (!a.candidates.empty()) return compareCandidates(a, o, split, out, err);
  const project::ValidationReport r = project::crossValidate(project::loadProject(a.projectPath), o);
  const nlohmann::json j = reportJson(r, split);
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
  if (const int failed = failedFolds(r))
    err << "hybridfit-cli: warning: the fit did not converge in " << failed << " of " << r.folds.size() << " folds\n";
  return kOk;
}

}  // namespace hf::cli
