#pragma once
// The built-in functions of the expression language. Adding a function is
// one entry in FunctionTable.cpp: its name, arity, value and partial
// derivatives. The evaluator and the reverse-mode sweep use nothing else.

#include <span>
#include <string_view>

namespace hf::expr {

struct FunctionInfo {
  const char* name;
  int arity;  ///< 1 or 2
  /// Value at args[0..arity).
  double (*value)(const double* args);
  /// Partial derivatives d value / d args[k] into out[k]; `value` is the
  /// already computed function value (saves recomputing exp, pow, ...).
  void (*partials)(const double* args, double value, double* out);
  const char* description;  ///< one line for help texts
};

/// All built-in functions, in a fixed order (indices are stable for the
/// lifetime of the program, not across versions: never store them in files).
std::span<const FunctionInfo> functionTable();

/// Index into functionTable() or -1 when `name` is not a function.
int findFunction(std::string_view name);

/// Named constants: pi and e. Returns false when `name` is not a constant.
bool findConstant(std::string_view name, double& value);

}  // namespace hf::expr
