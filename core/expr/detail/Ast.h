#pragma once
// Syntax tree of a formula, produced by Parser and consumed by Compiler.
// Internal to core/expr: other modules use Expression.

#include <memory>
#include <string>
#include <vector>

namespace hf::expr::detail {

struct Node {
  enum class Kind { Number, Name, Negate, Add, Sub, Mul, Div, Pow, Call, Chain };
  Kind kind = Kind::Number;
  double number = 0.0;  ///< Kind::Number
  std::string name;     ///< Kind::Name and Kind::Call (function name)
  int function = -1;    ///< Kind::Call: index into functionTable(), or -1 for a learned component
  int output = 0;       ///< Kind::Call of a learned component: output k (1-based) from NAME(...)[k]; 0 = none given
  int position = 0;     ///< 0-based offset of the token in the source text
  std::vector<std::unique_ptr<Node>> children;
  /// Kind::Chain: a left-associative run "c0 op0 c1 op1 c2 ..." of + and -
  /// (or * and /), kept flat so long sums do not make a deep tree;
  /// ops[i] (Add, Sub, Mul or Div) joins children[i] and children[i + 1].
  std::vector<Kind> ops;
};

using NodePtr = std::unique_ptr<Node>;

}  // namespace hf::expr::detail
