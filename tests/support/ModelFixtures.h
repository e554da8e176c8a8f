#pragma once
// Small builders for model tests: a dataset from named columns, and an
// algebraic model spec.

#include "data/Dataset.h"
#include "model/AlgebraicModel.h"

#include <string>
#include <utility>
#include <vector>

namespace hf::test {

inline data::Dataset makeData(const std::vector<std::pair<std::string, std::vector<double>>>& cols) {
  data::Dataset d;
  d.name = "test";
  for (const auto& [name, values] : cols) d.columns.push_back({name, name, "", values});
  return d;
}

inline model::AlgebraicModelSpec spec(std::string formula, std::string response, std::vector<std::string> params) {
  model::AlgebraicModelSpec s;
  s.formula = std::move(formula);
  s.response = std::move(response);
  s.parameters = std::move(params);
  return s;
}

}  // namespace hf::test
