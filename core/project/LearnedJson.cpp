#include "project/LearnedJson.h"

#include "ml/LearnedFunction.h"
#include "model/LearnedTerms.h"

#include <cmath>
#include <limits>
#include <map>

namespace hf::project {
namespace {

std::vector<double> numbers(const json::Node& n) {
  std::vector<double> out;
  for (std::size_t i = 0; i < n.size(); ++i) out.push_back(n.at(i).number());
  return out;
}

std::size_t count(const json::Node& n, long lo, long hi) {
  const long v = n.integer();
  if (v < lo || v > hi) n.fail("expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return static_cast<std::size_t>(v);
}

}  // namespace

nlohmann::json learnedToJson(const std::vector<ml::LearnedSpec>& learned) {
  nlohmann::json list = nlohmann::json::array();
  for (const ml::LearnedSpec& s : learned) {
    nlohmann::json j = {{"name", s.name},     {"type", ml::kindName(s.kind)},
                        {"inputs", s.inputs}, {"outputs", s.outputs},
                        {"seed", s.seed},     {"l2", s.l2}};
    switch (s.kind) {
      case ml::LearnedKind::Mlp:
        j["hidden"] = s.hidden;
        j["activation"] = ml::activationName(s.activation);
        break;
      case ml::LearnedKind::Rbf:
        j["centres"] = s.centres;
        break;
      case ml::LearnedKind::Polynomial:
        j["degree"] = s.degree;
        break;
    }
    if (!s.inputOffset.empty()) j["inputOffset"] = s.inputOffset;
    if (!s.inputScale.empty()) j["inputScale"] = s.inputScale;
    if (!s.outputScale.empty()) j["outputScale"] = s.outputScale;
    if (!s.outputOffset.empty()) j["outputOffset"] = s.outputOffset;
    if (!s.weights.empty()) j["weights"] = s.weights;  // doubles print round-trip exact
    list.push_back(j);
  }
  return list;
}

std::vector<ml::LearnedSpec> learnedFromJson(const json::Node& list) {
  std::vector<ml::LearnedSpec> out;
  list.requireArray();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json::Node n = list.at(i);
    n.allowOnly({"name", "type", "inputs", "outputs", "hidden", "activation", "centres", "degree", "seed",
                 "inputOffset", "inputScale", "outputScale", "outputOffset", "l2", "weights"});
    ml::LearnedSpec s;
    s.name = n.at("name").string();
    if (n.has("type")) {
      try {
        s.kind = ml::parseKind(n.at("type").string());
      } catch (const Error& e) {
        n.at("type").fail(e.message());
      }
    }
    if (n.has("activation")) {
      try {
        s.activation = ml::parseActivation(n.at("activation").string());
      } catch (const Error& e) {
        n.at("activation").fail(e.message());
      }
    }
    if (n.has("inputs")) s.inputs = count(n.at("inputs"), 1, 16);
    if (n.has("outputs")) s.outputs = count(n.at("outputs"), 1, 16);
    if (n.has("hidden")) {
      const json::Node h = n.at("hidden");
      s.hidden.clear();
      for (std::size_t k = 0; k < h.size(); ++k) s.hidden.push_back(count(h.at(k), 1, 256));
    }
    if (n.has("centres")) s.centres = count(n.at("centres"), 1, 256);
    if (n.has("degree")) s.degree = static_cast<int>(count(n.at("degree"), 0, 8));
    if (n.has("seed")) s.seed = count(n.at("seed"), 0, std::numeric_limits<long>::max());
    for (const auto& [key, field] : {std::pair{"inputOffset", &s.inputOffset}, std::pair{"inputScale", &s.inputScale},
                                     std::pair{"outputScale", &s.outputScale},
                                     std::pair{"outputOffset", &s.outputOffset}, std::pair{"weights", &s.weights}})
      if (n.has(key)) *field = numbers(n.at(key));
    s.l2 = n.number("l2", 0.0);
    if (const std::string problem = s.validate(); !problem.empty()) n.fail(problem);
    try {
      ml::LearnedFunction::create(s);  // the stored weights' count
    } catch (const Error& e) {
      (n.has("weights") ? n.at("weights") : n).fail(e.message());
    }
    for (const ml::LearnedSpec& before : out)
      if (before.name == s.name) n.at("name").fail("learned component '" + s.name + "' is declared twice");
    out.push_back(std::move(s));
  }
  return out;
}

bool adoptFittedWeights(std::vector<ml::LearnedSpec>& learned, const fit::FitSummary& summary) {
  std::map<std::string, double> value;
  for (const fit::ParameterEstimate& e : summary.parameters) value[e.name] = e.value;
  std::vector<std::vector<double>> adopted;
  for (const ml::LearnedSpec& s : learned) {
    const std::size_t nw = ml::LearnedFunction::create(s)->weightCount();
    // A summary of another shape of this component (its hidden layers
    // changed since) has a weight beyond the last one: not adopted.
    if (value.count(model::LearnedTerms::weightName(s.name, nw))) return false;
    std::vector<double> w;
    for (std::size_t k = 0; k < nw; ++k) {
      const auto it = value.find(model::LearnedTerms::weightName(s.name, k));
      if (it == value.end() || !std::isfinite(it->second)) return false;
      w.push_back(it->second);
    }
    adopted.push_back(std::move(w));
  }
  for (std::size_t i = 0; i < learned.size(); ++i) learned[i].weights = std::move(adopted[i]);
  return true;
}

}  // namespace hf::project
