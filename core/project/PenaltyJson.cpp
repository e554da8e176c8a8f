#include "project/PenaltyJson.h"

#include "common/Error.h"
#include "expr/Expression.h"

#include <cmath>

namespace hf::project {

nlohmann::json penaltiesToJson(const std::vector<model::PenaltySpec>& penalties) {
  nlohmann::json list = nlohmann::json::array();
  for (const model::PenaltySpec& s : penalties) {
    nlohmann::json j = {{"kind", model::penaltyKindName(s.kind)}, {"weight", s.weight}};
    if (!s.name.empty()) j["name"] = s.name;
    if (!s.expression.empty()) j["expression"] = s.expression;
    if (s.kind == model::PenaltyKind::Bounds) {
      if (std::isfinite(s.lower)) j["lower"] = s.lower;
      if (std::isfinite(s.upper)) j["upper"] = s.upper;
    }
    if (s.kind == model::PenaltyKind::Monotone) {
      j["along"] = s.along;
      j["decreasing"] = s.decreasing;
    }
    if (!s.grid.empty()) {
      nlohmann::json grid = nlohmann::json::array();
      for (const model::CollocationAxis& a : s.grid) {
        nlohmann::json axis = {{"variable", a.variable}};
        if (!std::isnan(a.lower)) axis["from"] = a.lower;
        if (!std::isnan(a.upper)) axis["to"] = a.upper;
        if (a.count > 0) axis["count"] = a.count;
        grid.push_back(axis);
      }
      j["grid"] = grid;
    }
    if (!s.experiment.empty()) j["experiment"] = s.experiment;
    list.push_back(j);
  }
  return list;
}

std::vector<model::PenaltySpec> penaltiesFromJson(const json::Node& list) {
  std::vector<model::PenaltySpec> out;
  list.requireArray();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json::Node n = list.at(i);
    n.allowOnly(
        {"name", "kind", "expression", "lower", "upper", "along", "decreasing", "weight", "grid", "experiment"});
    model::PenaltySpec s;
    try {
      s.kind = model::parsePenaltyKind(n.at("kind").string());
    } catch (const Error& e) {
      n.at("kind").fail(e.message());
    }
    s.name = n.string("name", "");
    s.expression = n.string("expression", "");
    if (!s.expression.empty()) {
      try {
        expr::Expression::freeNames(s.expression);
      } catch (const Error& e) {
        n.at("expression").fail(e.message());
      }
    }
    if (n.has("lower")) s.lower = n.at("lower").number();
    if (n.has("upper")) s.upper = n.at("upper").number();
    s.along = n.string("along", "");
    s.decreasing = n.boolean("decreasing", false);
    s.weight = n.number("weight", 1.0);
    s.experiment = n.string("experiment", "");
    if (n.has("grid")) {
      const json::Node grid = n.at("grid");
      grid.requireArray();
      for (std::size_t a = 0; a < grid.size(); ++a) {
        const json::Node g = grid.at(a);
        g.allowOnly({"variable", "from", "to", "count"});
        model::CollocationAxis axis;
        axis.variable = g.at("variable").string();
        if (g.has("from")) axis.lower = g.at("from").number();
        if (g.has("to")) axis.upper = g.at("to").number();
        if (g.has("count")) {
          const long c = g.at("count").integer();
          if (c < 2 || c > 100000) g.at("count").fail("expected a whole number from 2 to 100000");
          axis.count = static_cast<int>(c);
        }
        s.grid.push_back(axis);
      }
    }
    if (const std::string problem = s.validate(); !problem.empty()) n.fail(problem);
    for (const model::PenaltySpec& before : out)
      if (before.label() == s.label()) n.fail("two penalties are called '" + s.label() + "'; give them names apart");
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace hf::project
