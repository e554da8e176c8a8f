#pragma once
// Turns a syntax tree into a Program: resolves names, folds constants,
// merges identical subexpressions and specialises integer powers.

#include "expr/LearnedBinding.h"
#include "expr/detail/Ast.h"
#include "expr/detail/Program.h"

#include <string>
#include <vector>

namespace hf::expr::detail {

Program compileTree(const Node& root, std::string text, const std::vector<std::string>& variables,
                    const std::vector<std::string>& parameters, const std::vector<LearnedBinding>& learned = {});

/// Several formulas on one tape, sharing common subexpressions; results[k]
/// gets the slot of roots[k].
Program compileTrees(const std::vector<const Node*>& roots, std::string text, const std::vector<std::string>& variables,
                     const std::vector<std::string>& parameters, std::vector<int>& results,
                     const std::vector<LearnedBinding>& learned = {});

}  // namespace hf::expr::detail
