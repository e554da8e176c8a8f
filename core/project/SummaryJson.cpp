#include "project/SummaryJson.h"

#include "common/JsonAccess.h"

#include <cmath>
#include <limits>

namespace hf::project {

using json::numberOrNull;

nlohmann::json summaryToJson(const fit::FitSummary& s) {
  nlohmann::json params = nlohmann::json::array();
  for (const fit::ParameterEstimate& p : s.parameters) {
    params.push_back({{"name", p.name},
                      {"value", numberOrNull(p.value)},
                      {"stderr", numberOrNull(p.standardError)},
                      {"ci95", numberOrNull(p.ci95)},
                      {"start", numberOrNull(p.start)},
                      {"unit", p.unit},
                      {"fixed", p.fixed},
                      {"at_bound", p.atBound},
                      {"identifiable", p.identifiable}});
    if (!p.experiment.empty()) params.back()["experiment"] = p.experiment;  // local parameters of ODE models
  }
  nlohmann::json history = nlohmann::json::array();
  for (const fit::IterationRecord& r : s.history) {
    nlohmann::json row = {r.iteration, numberOrNull(r.cost), numberOrNull(r.gradientNorm), numberOrNull(r.stepNorm),
                          r.seconds};
    for (std::size_t k = 0; k < s.penaltyTerms.size(); ++k)  // the penalty terms' columns
      row.push_back(numberOrNull(k < r.terms.size() ? r.terms[k] : std::numeric_limits<double>::quiet_NaN()));
    if (s.validationPoints > 0) row.push_back(numberOrNull(r.validation));
    history.push_back(row);
  }
  nlohmann::json columns = {"iteration", "cost", "gradient_norm", "step_norm", "seconds"};
  for (const fit::LossTerm& t : s.penaltyTerms) columns.push_back("penalty: " + t.name);
  if (s.validationPoints > 0) columns.push_back("validation");
  nlohmann::json terms = nlohmann::json::array();
  for (const fit::LossTerm& t : s.penaltyTerms) terms.push_back({{"name", t.name}, {"value", numberOrNull(t.value)}});
  nlohmann::json corr = nlohmann::json::array();
  for (double c : s.correlation) corr.push_back(numberOrNull(c));
  return {{"parameters", params},
          {"rss", numberOrNull(s.rss)},
          {"penalty", numberOrNull(s.penalty)},
          {"penalty_terms", terms},
          {"validation_points", s.validationPoints},
          {"validation_rss", numberOrNull(s.validationRss)},
          {"best_validation_iteration", s.bestValidationIteration},
          {"weighted", s.weighted},
          {"converged", s.converged()},
          {"iterations", s.iterations},
          {"termination", fit::toString(s.termination)},
          {"message", s.message},
          {"strategy", s.strategy},
          {"fit_time_s", s.solveSeconds},
          {"initial_cost", numberOrNull(s.initialCost)},
          {"final_cost", numberOrNull(s.finalCost)},
          {"points", s.pointCount},
          {"free_parameters", s.freeParameterCount},
          {"dof", s.degreesOfFreedom},
          {"residual_sd", numberOrNull(s.residualSd)},
          {"r_squared", numberOrNull(s.rSquared)},
          {"condition_number", numberOrNull(s.conditionNumber)},
          {"non_identifiable", s.nonIdentifiable},
          {"warnings", s.warnings},
          {"correlation", corr},
          {"history_columns", columns},
          {"history", history}};
}

fit::FitSummary summaryFromJson(const nlohmann::json& doc, const std::string& pointer, const std::string& sourceName) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const json::Node n(doc, pointer, sourceName);
  fit::FitSummary s;
  if (!fit::parseTermination(n.at("termination").string(), s.termination))
    n.at("termination").fail("unknown termination; expected converged, no_convergence, cancelled or failed");
  s.message = n.string("message", "");
  s.strategy = n.string("strategy", "");
  s.iterations = static_cast<int>(n.integer("iterations", 0));
  s.rss = n.at("rss").numberOrNull(kNaN);
  s.penalty = n.has("penalty") ? n.at("penalty").numberOrNull(kNaN) : 0.0;
  if (n.has("penalty_terms")) {
    const json::Node terms = n.at("penalty_terms");
    for (std::size_t i = 0; i < terms.size(); ++i)
      s.penaltyTerms.push_back({terms.at(i).at("name").string(), terms.at(i).at("value").numberOrNull(kNaN)});
  }
  s.validationPoints = static_cast<std::size_t>(n.integer("validation_points", 0));
  s.validationRss = n.has("validation_rss") ? n.at("validation_rss").numberOrNull(kNaN) : kNaN;
  s.bestValidationIteration = static_cast<int>(n.integer("best_validation_iteration", -1));
  s.weighted = n.boolean("weighted", false);
  s.solveSeconds = n.number("fit_time_s", 0.0);
  s.initialCost = n.has("initial_cost") ? n.at("initial_cost").numberOrNull(kNaN) : kNaN;
  s.finalCost = n.has("final_cost") ? n.at("final_cost").numberOrNull(kNaN) : kNaN;
  s.pointCount = static_cast<std::size_t>(n.integer("points", 0));
  s.freeParameterCount = static_cast<std::size_t>(n.integer("free_parameters", 0));
  s.degreesOfFreedom = n.integer("dof", 0);
  s.residualSd = n.has("residual_sd") ? n.at("residual_sd").numberOrNull(kNaN) : kNaN;
  s.rSquared = n.has("r_squared") ? n.at("r_squared").numberOrNull(kNaN) : kNaN;
  s.conditionNumber = n.has("condition_number") ? n.at("condition_number").numberOrNull(kNaN) : kNaN;
  const json::Node params = n.at("parameters");
  for (std::size_t i = 0; i < params.size(); ++i) {
    const json::Node p = params.at(i);
    fit::ParameterEstimate e;
    e.name = p.at("name").string();
    e.value = p.at("value").numberOrNull(kNaN);
    e.standardError = p.at("stderr").numberOrNull(kNaN);
    e.ci95 = p.has("ci95") ? p.at("ci95").numberOrNull(kNaN) : kNaN;
    e.start = p.has("start") ? p.at("start").numberOrNull(kNaN) : kNaN;
    e.unit = p.string("unit", "");
    e.experiment = p.string("experiment", "");
    e.fixed = p.boolean("fixed", false);
    e.atBound = p.boolean("at_bound", false);
    e.identifiable = p.boolean("identifiable", true);
    s.parameters.push_back(e);
  }
  if (n.has("non_identifiable")) {
    const json::Node ni = n.at("non_identifiable");
    for (std::size_t i = 0; i < ni.size(); ++i) s.nonIdentifiable.push_back(ni.at(i).string());
  }
  if (n.has("warnings")) {
    const json::Node w = n.at("warnings");
    for (std::size_t i = 0; i < w.size(); ++i) s.warnings.push_back(w.at(i).string());
  }
  if (n.has("correlation")) {
    const json::Node c = n.at("correlation");
    for (std::size_t i = 0; i < c.size(); ++i) s.correlation.push_back(c.at(i).numberOrNull(kNaN));
    // Empty when no covariance was computed; otherwise p x p.
    if (!s.correlation.empty() && s.correlation.size() != s.parameters.size() * s.parameters.size())
      c.fail("expected " + std::to_string(s.parameters.size() * s.parameters.size()) + " correlation entries");
  }
  if (n.has("history")) {
    const json::Node h = n.at("history");
    for (std::size_t i = 0; i < h.size(); ++i) {
      const json::Node r = h.at(i);
      // Fits with penalties have one more column per penalty term.
      const std::size_t extra = s.penaltyTerms.size() + (s.validationPoints > 0 ? 1 : 0);
      if (r.size() != 5 && r.size() != 5 + extra)
        r.fail(
            "expected [iteration, cost, gradient_norm, step_norm, seconds], one value per penalty term and "
            "the validation error of early stopping");
      fit::IterationRecord rec;
      rec.iteration = static_cast<int>(r.at(0).integer());
      rec.cost = r.at(1).numberOrNull(kNaN);
      rec.gradientNorm = r.at(2).numberOrNull(kNaN);
      rec.stepNorm = r.at(3).numberOrNull(kNaN);
      rec.seconds = r.at(4).number();
      for (std::size_t k = 5; k < 5 + s.penaltyTerms.size() && k < r.size(); ++k)
        rec.terms.push_back(r.at(k).numberOrNull(kNaN));
      if (s.validationPoints > 0 && r.size() == 5 + extra) rec.validation = r.at(r.size() - 1).numberOrNull(kNaN);
      s.history.push_back(rec);
    }
  }
  return s;
}

}  // namespace hf::project
