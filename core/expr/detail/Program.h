#pragma once
// The compiled tape. Instruction i writes slot i; operands refer to earlier
// slots, so one forward loop evaluates and one backward loop differentiates.

#include <cstdint>
#include <string>
#include <vector>

namespace hf::expr::detail {

enum class Op : std::uint8_t {
  Const,      ///< c
  Variable,   ///< variables[index]
  Parameter,  ///< parameters[index]
  Add,
  Sub,
  Mul,
  Div,
  Neg,
  Square,    ///< a*a
  PowInt,    ///< a^n, n = index (small integer exponent, may be negative)
  PowConst,  ///< a^c, c constant
  Pow,       ///< a^b
  Call1,     ///< functionTable()[index](a)
  Call2,     ///< functionTable()[index](a, b)
};

/// Operands an op reads: 0 (leaves), 1 (a) or 2 (a and b). Operand fields
/// an op does not read hold 0.
constexpr int operandCount(Op op) {
  switch (op) {
    case Op::Const:
    case Op::Variable:
    case Op::Parameter:
      return 0;
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Pow:
    case Op::Call2:
      return 2;
    default:
      return 1;
  }
}

struct Instruction {
  Op op = Op::Const;
  std::int32_t a = 0;
  std::int32_t b = 0;
  std::int32_t index = 0;
  double c = 0.0;
};

struct Program {
  std::string text;
  std::size_t variableCount = 0;
  std::size_t parameterCount = 0;
  std::vector<bool> usesParameter;
  std::vector<Instruction> code;
  int result = 0;  ///< slot holding the formula's value
  /// Slots [0, leafCount) are the leaves (Const, Variable, Parameter); every
  /// slot after them is an operation.
  std::size_t leafCount = 0;
  /// Per slot: the value depends on a parameter (only such slots carry
  /// adjoints in a reverse sweep over parameters).
  std::vector<bool> dependsOnParameter;
  /// Per slot: the value depends on a variable (other slots are the same
  /// for every data row and are computed once per sweep).
  std::vector<bool> dependsOnVariable;
  /// The two flags above as bits (kOnParameter, kOnVariable) of one byte
  /// per slot: the scalar reverse sweep tests them for every slot.
  std::vector<std::uint8_t> dependencyBits;
};

constexpr std::uint8_t kOnParameter = 1, kOnVariable = 2;

}  // namespace hf::expr::detail
