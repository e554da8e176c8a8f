#pragma once
// How a formula reaches a learned component: NAME(inputs...)[k] calls
// `function`, whose weights are the parameters [firstWeight, firstWeight +
// weightCount) of the formula's parameter list (the model names them and
// fits them with the physics parameters).

#include "ml/LearnedFunction.h"

#include <memory>
#include <string>

namespace hf::expr {

struct LearnedBinding {
  std::string name;  ///< as formulas call it (the function's spec name)
  std::shared_ptr<const ml::LearnedFunction> function;
  std::size_t firstWeight = 0;  ///< index of weight 0 in the parameter list
};

}  // namespace hf::expr
