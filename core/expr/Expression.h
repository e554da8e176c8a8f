#pragma once
// A formula compiled once into a flat instruction list (a tape), evaluated on
// plain doubles or with exact derivatives by one reverse sweep over the tape.
//
// Names in a formula resolve, in this order, to: a variable (data column),
// a parameter, or a constant (pi, e). Anything else is an error that names
// the position. Evaluation does no allocation when given a Workspace and is
// safe to call concurrently from several threads with one Workspace each.

#include "expr/LearnedBinding.h"

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hf::expr {

namespace detail {
struct Program;
}

/// Scratch memory for evaluation; reuse one per thread to avoid allocation.
class Workspace {
 public:
  std::vector<double> values;
  std::vector<double> adjoints;
  std::vector<const double*> variablePointers;
  std::vector<const double*> tangentRows;  ///< per slot (ExpressionSet::tangents)
};

class Expression {
 public:
  Expression();
  ~Expression();
  Expression(const Expression&);
  Expression& operator=(const Expression&);
  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;

  /// Compiles `text`. Throws hf::Error (with ErrorLocation::position) on a
  /// syntax error or a name that is neither a variable, a parameter nor a
  /// constant.
  static Expression compile(std::string_view text, const std::vector<std::string>& variables,
                            const std::vector<std::string>& parameters,
                            const std::vector<LearnedBinding>& learned = {});

  /// The names a formula refers to, in order of first appearance, without
  /// function names; pi and e only when `includeConstants` (a data column
  /// may be called e). Throws hf::Error on a syntax error.
  static std::vector<std::string> freeNames(std::string_view text, bool includeConstants = false);
  /// The arguments of the first call of learned component `component` in
  /// `text`: each a plain name, or "" where it is an expression; empty when
  /// `text` does not call it. Throws hf::Error on a syntax error.
  static std::vector<std::string> learnedArguments(std::string_view text, const std::string& component);

  /// Value at the given variables and parameters (sizes as in compile()).
  double evaluate(std::span<const double> variables, std::span<const double> parameters, Workspace& ws) const;
  /// Convenience overload that allocates its own workspace.
  double evaluate(std::span<const double> variables, std::span<const double> parameters) const;

  /// Value and exact gradient. `dParameters` (size = parameter count) is
  /// overwritten with d value / d parameter; `dVariables` likewise when it is
  /// not empty.
  double gradient(std::span<const double> variables, std::span<const double> parameters, std::span<double> dParameters,
                  std::span<double> dVariables, Workspace& ws) const;

  /// Values at `rows` data rows at once (one tape sweep per instruction
  /// over all rows). variables[k] points at `rows` consecutive values of
  /// variable k; `values` receives `rows` results.
  void evaluateRows(std::span<const double* const> variables, std::size_t rows, std::span<const double> parameters,
                    std::span<double> values, Workspace& ws) const;
  /// Values and exact parameter gradients at `rows` data rows at once:
  /// dParameters is row-major rows x parameterCount(), overwritten (zero
  /// columns for unused parameters).
  void gradientRows(std::span<const double* const> variables, std::size_t rows, std::span<const double> parameters,
                    std::span<double> values, std::span<double> dParameters, Workspace& ws) const;

  const std::string& text() const;
  std::size_t variableCount() const;
  std::size_t parameterCount() const;
  /// Which parameters the formula actually uses (size = parameterCount()).
  const std::vector<bool>& usesParameter() const;
  /// Number of tape instructions after folding and common-subexpression merging.
  std::size_t instructionCount() const;
  bool isValid() const { return m_program != nullptr; }

 private:
  std::shared_ptr<const detail::Program> m_program;  // immutable, shared by copies
};

}  // namespace hf::expr
