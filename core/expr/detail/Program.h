#pragma once
// The compiled tape. Instruction i writes slot i; operands refer to earlier
// slots, so one forward loop evaluates and one backward loop differentiates.

#include "ml/LearnedFunction.h"

#include <cstdint>
#include <memory>
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
  Learned,   ///< output of a learned component: Program::learnedUses[index]
};

/// Operands an op reads in its a and b fields: 0 (leaves, and Learned,
/// whose inputs are in its LearnedGroup), 1 (a) or 2 (a and b). Operand
/// fields an op does not read hold 0.
constexpr int operandCount(Op op) {
  switch (op) {
    case Op::Const:
    case Op::Variable:
    case Op::Parameter:
    case Op::Learned:
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

constexpr bool isLeaf(Op op) { return op == Op::Const || op == Op::Variable || op == Op::Parameter; }

struct Instruction {
  Op op = Op::Const;
  std::int32_t a = 0;
  std::int32_t b = 0;
  std::int32_t index = 0;
  double c = 0.0;
};

/// One evaluation of a learned component at one set of input slots; every
/// output used is a Learned instruction (a LearnedUse) that reads it.
struct LearnedGroup {
  std::shared_ptr<const ml::LearnedFunction> function;
  std::size_t firstWeight = 0;  ///< parameter index of weight 0
  std::vector<int> inputs;      ///< slots
  /// -1: the group's values are the component's outputs; j >= 0: their
  /// derivatives in input j (diff(NAME(...)[k], x)), differentiated again
  /// exactly by LearnedFunction::tangentReverse.
  int derivative = -1;
  /// Offset of this group's memory in the learned area of a point:
  /// [x: inputs][y: outputs][ybar: outputs][xbar: inputs][wbar: weights][scratch].
  std::size_t offset = 0;
  std::size_t size() const {
    return 2 * (function->inputCount() + function->outputCount()) + function->weightCount() + function->scratchSize();
  }
};

struct LearnedUse {
  int group = 0;
  int output = 0;      ///< 0-based
  bool first = false;  ///< the first use on the tape evaluates the group
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
  std::vector<LearnedGroup> learned;
  std::vector<LearnedUse> learnedUses;
  /// Doubles of learned-component memory per point, after the code.size()
  /// slot values (per row in row sweeps: after code.size() x rows).
  std::size_t learnedSize = 0;
  /// Values a scalar sweep's v holds: slots, then the learned area.
  std::size_t valueCount() const { return code.size() + learnedSize; }
};

constexpr std::uint8_t kOnParameter = 1, kOnVariable = 2;

}  // namespace hf::expr::detail
