#pragma once
// Recursive-descent parser for the expression language.
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary)*
//   unary   := ('-' | '+') unary | power
//   power   := primary (('^' | '**') unary)?      right-associative;
//              binds tighter than unary minus: -a^2 = -(a^2), a^-2 = a^(-2)
//   primary := number | name | name '(' expr (',' expr)* ')' ('[' integer ']')?
//            | '(' expr ')'
// A call of a name that is not a built-in function is a learned component
// (Node::function = -1, resolved by the compiler); [k] picks its output k.
// Throws hf::Error with the character position on any syntax error. The
// input length and nesting depth are bounded so hostile files cannot
// exhaust the stack.

#include "expr/detail/Ast.h"

#include <string_view>

namespace hf::expr::detail {

constexpr std::size_t kMaxFormulaLength = 20000;  ///< characters
constexpr int kMaxNestingDepth = 100;             ///< parentheses, calls and unary chains

NodePtr parse(std::string_view text);

}  // namespace hf::expr::detail
