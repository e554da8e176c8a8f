#include "expr/detail/Compiler.h"

#include "common/Error.h"
#include "expr/FunctionTable.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <tuple>

namespace hf::expr::detail {
namespace {

class CompilerImpl {
 public:
  CompilerImpl(const std::vector<std::string>& variables, const std::vector<std::string>& parameters,
               const std::vector<LearnedBinding>& learned)
      : m_variables(variables), m_parameters(parameters), m_learned(learned) {
    for (const LearnedBinding& b : learned)
      if (!b.function || b.firstWeight + b.function->weightCount() > parameters.size())
        throw Error("learned component '" + b.name + "': its weights are not all among the parameters");
  }

  Program run(const Node& root, std::string text) {
    Program p;
    p.text = std::move(text);
    p.variableCount = m_variables.size();
    p.parameterCount = m_parameters.size();
    p.usesParameter.assign(m_parameters.size(), false);
    p.result = compile(root);
    eliminateDeadCode(p.result);
    p.result = hoistLeaves()[m_code.size() - 1];
    finish(p);
    return p;
  }

  /// Several formulas on one tape with shared subexpressions; results[k]
  /// is the slot of formula k (p.result is the last of them).
  Program runMany(const std::vector<const Node*>& roots, std::string text, std::vector<int>& results) {
    Program p;
    p.text = std::move(text);
    p.variableCount = m_variables.size();
    p.parameterCount = m_parameters.size();
    p.usesParameter.assign(m_parameters.size(), false);
    results.clear();
    for (const Node* root : roots) results.push_back(compile(*root));
    const std::vector<int> newIndex = eliminateDeadCode(results);
    const std::vector<int> hoisted = hoistLeaves();
    for (int& r : results) r = hoisted[static_cast<std::size_t>(newIndex[static_cast<std::size_t>(r)])];
    p.result = *std::max_element(results.begin(), results.end());
    finish(p);
    return p;
  }

 private:
  // Leaf count, used parameters, dependencies, and the learned groups'
  // memory and first uses, once the tape's order is final.
  void finish(Program& p) {
    p.leafCount = leafCount();
    for (const Instruction& ins : m_code) {
      if (ins.op == Op::Parameter) p.usesParameter[static_cast<std::size_t>(ins.index)] = true;
      if (ins.op == Op::Learned) {
        const LearnedGroup& g = groupOf(ins);
        for (std::size_t k = 0; k < g.function->weightCount(); ++k) p.usesParameter[g.firstWeight + k] = true;
      }
    }
    markDependencies(p);
    std::vector<bool> seen(m_groups.size(), false);
    for (const Instruction& ins : m_code) {
      if (ins.op != Op::Learned) continue;
      LearnedUse& use = m_uses[static_cast<std::size_t>(ins.index)];
      use.first = !seen[static_cast<std::size_t>(use.group)];
      seen[static_cast<std::size_t>(use.group)] = true;
    }
    p.learnedSize = 0;
    for (LearnedGroup& g : m_groups) {
      g.offset = p.learnedSize;
      p.learnedSize += g.size();
    }
    p.code = std::move(m_code);
    p.learned = std::move(m_groups);
    p.learnedUses = std::move(m_uses);
  }

  const LearnedGroup& groupOf(const Instruction& ins) const {
    return m_groups[static_cast<std::size_t>(m_uses[static_cast<std::size_t>(ins.index)].group)];
  }

  // Drops instructions the result does not depend on (left behind by
  // constant folding) and renumbers operands; the result ends up last.
  void eliminateDeadCode(int result) { eliminateDeadCode(std::vector<int>{result}); }

  // The same for several results; returns the new index of every old slot
  // (-1 for dropped ones).
  std::vector<int> eliminateDeadCode(const std::vector<int>& results) {
    std::vector<bool> live(m_code.size(), false);
    int last = 0;
    for (int r : results) {
      live[static_cast<std::size_t>(r)] = true;
      last = std::max(last, r);
    }
    const int result = last;
    for (std::size_t i = static_cast<std::size_t>(result) + 1; i-- > 0;) {
      if (!live[i]) continue;
      const Instruction& ins = m_code[i];
      const int operands = operandCount(ins.op);
      if (operands >= 1) live[static_cast<std::size_t>(ins.a)] = true;
      if (operands >= 2) live[static_cast<std::size_t>(ins.b)] = true;
      if (ins.op == Op::Learned)
        for (int input : groupOf(ins).inputs) live[static_cast<std::size_t>(input)] = true;
    }
    std::vector<int> newIndex(m_code.size(), -1);
    std::vector<Instruction> kept;
    for (std::size_t i = 0; i <= static_cast<std::size_t>(result); ++i) {
      if (!live[i]) continue;
      Instruction ins = m_code[i];
      // Only the operands the op reads are slots; the others are 0.
      const int operands = operandCount(ins.op);
      ins.a = operands >= 1 ? newIndex[static_cast<std::size_t>(ins.a)] : 0;
      ins.b = operands >= 2 ? newIndex[static_cast<std::size_t>(ins.b)] : 0;
      newIndex[i] = static_cast<int>(kept.size());
      kept.push_back(ins);
    }
    m_code = std::move(kept);
    keepLiveLearned(newIndex);
    return newIndex;
  }

  // After dead-code elimination: only the groups and uses that live
  // instructions read, with their inputs renumbered.
  void keepLiveLearned(const std::vector<int>& newIndex) {
    std::vector<LearnedGroup> groups;
    std::vector<LearnedUse> uses;
    std::vector<int> groupMap(m_groups.size(), -1), useMap(m_uses.size(), -1);
    for (Instruction& ins : m_code) {
      if (ins.op != Op::Learned) continue;
      const auto u = static_cast<std::size_t>(ins.index);
      if (useMap[u] < 0) {
        LearnedUse use = m_uses[u];
        const auto g = static_cast<std::size_t>(use.group);
        if (groupMap[g] < 0) {
          LearnedGroup group = m_groups[g];
          for (int& input : group.inputs) input = newIndex[static_cast<std::size_t>(input)];
          groupMap[g] = static_cast<int>(groups.size());
          groups.push_back(std::move(group));
        }
        use.group = groupMap[g];
        useMap[u] = static_cast<int>(uses.size());
        uses.push_back(use);
      }
      ins.index = useMap[u];
    }
    m_groups = std::move(groups);
    m_uses = std::move(uses);
  }

  // Moves the leaves (constants, variables, parameters: no operands) to the
  // front, keeping the order within leaves and within the rest, and
  // renumbers operands; returns the new index of every old slot. Sweeps
  // then set up leaves in a loop of their own and dispatch only on the
  // operations that follow.
  std::vector<int> hoistLeaves() {
    std::vector<int> newIndex(m_code.size(), -1);
    std::vector<Instruction> ordered;
    ordered.reserve(m_code.size());
    for (int pass = 0; pass < 2; ++pass)
      for (std::size_t i = 0; i < m_code.size(); ++i) {
        if (isLeaf(m_code[i].op) != (pass == 0)) continue;
        Instruction ins = m_code[i];
        const int operands = operandCount(ins.op);
        if (operands >= 1) ins.a = newIndex[static_cast<std::size_t>(ins.a)];
        if (operands >= 2) ins.b = newIndex[static_cast<std::size_t>(ins.b)];
        newIndex[i] = static_cast<int>(ordered.size());
        ordered.push_back(ins);
      }
    m_code = std::move(ordered);
    for (LearnedGroup& g : m_groups)
      for (int& input : g.inputs) input = newIndex[static_cast<std::size_t>(input)];
    return newIndex;
  }

  std::size_t leafCount() const {
    return static_cast<std::size_t>(
        std::count_if(m_code.begin(), m_code.end(), [](const Instruction& i) { return isLeaf(i.op); }));
  }

  // Operands precede their instruction, so one forward pass propagates
  // "depends on a parameter / variable" from the leaves.
  void markDependencies(Program& p) const {
    const std::size_t n = m_code.size();
    p.dependsOnParameter.assign(n, false);
    p.dependsOnVariable.assign(n, false);
    for (std::size_t i = 0; i < n; ++i) {
      const Instruction& ins = m_code[i];
      p.dependsOnVariable[i] = ins.op == Op::Variable;
      p.dependsOnParameter[i] = ins.op == Op::Parameter;
      int remaining = operandCount(ins.op);
      for (const int operand : {ins.a, ins.b}) {
        if (remaining-- <= 0) break;
        p.dependsOnParameter[i] = p.dependsOnParameter[i] || p.dependsOnParameter[static_cast<std::size_t>(operand)];
        p.dependsOnVariable[i] = p.dependsOnVariable[i] || p.dependsOnVariable[static_cast<std::size_t>(operand)];
      }
      if (ins.op == Op::Learned) {
        p.dependsOnParameter[i] = true;  // its weights
        for (int input : groupOf(ins).inputs)
          p.dependsOnVariable[i] = p.dependsOnVariable[i] || p.dependsOnVariable[static_cast<std::size_t>(input)];
      }
    }
    p.dependencyBits.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      p.dependencyBits[i] = static_cast<std::uint8_t>((p.dependsOnParameter[i] ? kOnParameter : 0) |
                                                      (p.dependsOnVariable[i] ? kOnVariable : 0));
  }

  using Key = std::tuple<int, int, int, int, std::uint64_t>;

  int emit(Instruction ins) {
    const Key key{static_cast<int>(ins.op), ins.a, ins.b, ins.index, std::bit_cast<std::uint64_t>(ins.c)};
    if (auto it = m_seen.find(key); it != m_seen.end()) return it->second;
    m_code.push_back(ins);
    const int slot = static_cast<int>(m_code.size()) - 1;
    m_seen.emplace(key, slot);
    return slot;
  }
  int constant(double v) { return emit({Op::Const, 0, 0, 0, v}); }
  bool isConst(int slot, double& v) const {
    if (m_code[static_cast<std::size_t>(slot)].op != Op::Const) return false;
    v = m_code[static_cast<std::size_t>(slot)].c;
    return true;
  }

  [[noreturn]] static void fail(const std::string& msg, int pos) {
    ErrorLocation where;
    where.position = pos;
    throw Error(msg, where);
  }

  int name(const Node& n) {
    for (std::size_t i = 0; i < m_variables.size(); ++i)
      if (m_variables[i] == n.name) return emit({Op::Variable, 0, 0, static_cast<int>(i), 0.0});
    for (std::size_t i = 0; i < m_parameters.size(); ++i)
      if (m_parameters[i] == n.name) return emit({Op::Parameter, 0, 0, static_cast<int>(i), 0.0});
    double value = 0.0;
    if (findConstant(n.name, value)) return constant(value);
    if (findFunction(n.name) >= 0) fail("'" + n.name + "' is a function; call it as " + n.name + "(...)", n.position);
    fail("unknown name '" + n.name + "'; expected a data column, a parameter or a constant (pi, e)", n.position);
  }

  int binary(Op op, int a, int b) {
    double x = 0, y = 0;
    const bool ca = isConst(a, x), cb = isConst(b, y);
    if (ca && cb) {
      switch (op) {
        case Op::Add:
          return constant(x + y);
        case Op::Sub:
          return constant(x - y);
        case Op::Mul:
          return constant(x * y);
        case Op::Div:
          return constant(x / y);
        default:
          break;
      }
    }
    // Canonical operand order for commutative ops lets CSE see a*b == b*a.
    if ((op == Op::Add || op == Op::Mul) && a > b) std::swap(a, b);
    return emit({op, a, b, 0, 0.0});
  }

  int power(int base, int exponent) {
    double e = 0, bv = 0;
    if (isConst(exponent, e)) {
      if (isConst(base, bv)) return constant(std::pow(bv, e));
      if (e == 1.0) return base;
      if (e == 2.0) return emit({Op::Square, base, 0, 0, 0.0});
      if (e == std::floor(e) && std::fabs(e) <= 64) return emit({Op::PowInt, base, 0, static_cast<int>(e), 0.0});
      return emit({Op::PowConst, base, 0, 0, e});
    }
    return emit({Op::Pow, base, exponent, 0, 0.0});
  }

  int compile(const Node& n) {
    switch (n.kind) {
      case Node::Kind::Number:
        return constant(n.number);
      case Node::Kind::Name:
        return name(n);
      case Node::Kind::Negate: {
        const int a = compile(*n.children[0]);
        double v = 0;
        if (isConst(a, v)) return constant(-v);
        return emit({Op::Neg, a, 0, 0, 0.0});
      }
      case Node::Kind::Chain: {
        int slot = compile(*n.children[0]);
        for (std::size_t i = 0; i < n.ops.size(); ++i) {
          const Op op = n.ops[i] == Node::Kind::Add   ? Op::Add
                        : n.ops[i] == Node::Kind::Sub ? Op::Sub
                        : n.ops[i] == Node::Kind::Mul ? Op::Mul
                                                      : Op::Div;
          slot = binary(op, slot, compile(*n.children[i + 1]));
        }
        return slot;
      }
      case Node::Kind::Add:
        return binary(Op::Add, compile(*n.children[0]), compile(*n.children[1]));
      case Node::Kind::Sub:
        return binary(Op::Sub, compile(*n.children[0]), compile(*n.children[1]));
      case Node::Kind::Mul:
        return binary(Op::Mul, compile(*n.children[0]), compile(*n.children[1]));
      case Node::Kind::Div:
        return binary(Op::Div, compile(*n.children[0]), compile(*n.children[1]));
      case Node::Kind::Pow:
        return power(compile(*n.children[0]), compile(*n.children[1]));
      case Node::Kind::Call: {
        if (n.function < 0) return n.name == "diff" && !findBinding("diff") ? derivativeCall(n) : learnedCall(n);
        const FunctionInfo& f = functionTable()[static_cast<std::size_t>(n.function)];
        if (std::string_view(f.name) == "pow") return power(compile(*n.children[0]), compile(*n.children[1]));
        if (f.arity == 1) {
          const int a = compile(*n.children[0]);
          double v = 0;
          if (isConst(a, v)) return constant(f.value(&v));
          return emit({Op::Call1, a, 0, n.function, 0.0});
        }
        const int a = compile(*n.children[0]);
        const int b = compile(*n.children[1]);
        double args[2];
        if (isConst(a, args[0]) && isConst(b, args[1])) return constant(f.value(args));
        return emit({Op::Call2, a, b, n.function, 0.0});
      }
    }
    fail("internal error: unknown syntax node", n.position);
  }

  // NAME(inputs...)[k]: one group per (component, input slots), one use
  // per output read, so that CSE merges repeated calls and outputs of one
  // call share one evaluation.
  int learnedCall(const Node& n) {
    const LearnedBinding& b = binding(n);
    const int output = outputOf(n, b);
    std::vector<int> inputs;
    for (const auto& child : n.children) inputs.push_back(compile(*child));
    return learnedUse(b, inputs, output, -1);
  }

  // diff(NAME(inputs...)[k], x): the exact derivative of a learned output in
  // a data column x (a physics-informed residual such as dNN/dt - f). Each
  // input must be x itself or not depend on x (the chain rule through an
  // expression of x is not taken); inputs equal to x add up.
  int derivativeCall(const Node& n) {
    const std::string usage = "; write diff(NAME(...)[k], x) with NAME a learned component and x a data column";
    if (n.children.size() != 2)
      fail("diff takes 2 arguments, got " + std::to_string(n.children.size()) + usage, n.position);
    if (n.output != 0) fail("diff has one value; pick the output inside it: diff(NAME(...)[k], x)", n.position);
    const Node& call = *n.children[0];
    const Node& x = *n.children[1];
    if (call.kind != Node::Kind::Call || call.function >= 0 || call.name == "diff" || !findBinding(call.name))
      fail("diff differentiates a learned component's output" + usage, call.position);
    if (x.kind != Node::Kind::Name || std::find(m_variables.begin(), m_variables.end(), x.name) == m_variables.end())
      fail("diff differentiates in a data column" + usage, x.position);
    const LearnedBinding& b = binding(call);
    const int output = outputOf(call, b);
    std::vector<int> inputs, wrt;
    for (std::size_t j = 0; j < call.children.size(); ++j) {
      const Node& input = *call.children[j];
      if (input.kind == Node::Kind::Name && input.name == x.name)
        wrt.push_back(static_cast<int>(j));
      else if (mentions(input, x.name))
        fail("diff: input " + std::to_string(j + 1) + " of '" + call.name + "' must be '" + x.name +
                 "' itself or not depend on it",
             input.position);
      inputs.push_back(compile(input));
    }
    int slot = constant(0.0);
    for (int j : wrt) slot = binary(Op::Add, slot, learnedUse(b, inputs, output, j));
    return slot;
  }

  static bool mentions(const Node& n, const std::string& name) {
    if (n.kind == Node::Kind::Name && n.name == name) return true;
    return std::any_of(n.children.begin(), n.children.end(), [&](const auto& c) { return mentions(*c, name); });
  }

  const LearnedBinding* findBinding(const std::string& name) const {
    for (const LearnedBinding& candidate : m_learned)
      if (candidate.name == name) return &candidate;
    return nullptr;
  }

  const LearnedBinding& binding(const Node& n) {
    const LearnedBinding* b = findBinding(n.name);
    if (!b) fail("unknown function '" + n.name + "'", n.position);
    return *b;
  }

  // The 0-based output a call reads; checks the call's input count.
  int outputOf(const Node& n, const LearnedBinding& b) {
    const ml::LearnedFunction& f = *b.function;
    if (n.children.size() != f.inputCount())
      fail("learned component '" + n.name + "' takes " + std::to_string(f.inputCount()) + " input" +
               (f.inputCount() == 1 ? "" : "s") + ", got " + std::to_string(n.children.size()),
           n.position);
    if (n.output == 0) {
      if (f.outputCount() != 1)
        fail("learned component '" + n.name + "' has " + std::to_string(f.outputCount()) + " outputs; pick one as " +
                 n.name + "(...)[1] to [" + std::to_string(f.outputCount()) + "]",
             n.position);
      return 0;
    }
    if (static_cast<std::size_t>(n.output) > f.outputCount())
      fail("learned component '" + n.name + "' has " + std::to_string(f.outputCount()) + " output" +
               (f.outputCount() == 1 ? "" : "s") + "; [" + std::to_string(n.output) + "] is out of range",
           n.position);
    return n.output - 1;
  }

  // The Learned instruction for output `output` of the group (component,
  // input slots, derivative input or -1), made on first use.
  int learnedUse(const LearnedBinding& b, const std::vector<int>& inputs, int output, int derivative) {
    int group = -1;
    for (std::size_t g = 0; g < m_groups.size() && group < 0; ++g)
      if (m_groups[g].function == b.function && m_groups[g].firstWeight == b.firstWeight &&
          m_groups[g].inputs == inputs && m_groups[g].derivative == derivative)
        group = static_cast<int>(g);
    if (group < 0) {
      m_groups.push_back({b.function, b.firstWeight, inputs, derivative, 0});
      group = static_cast<int>(m_groups.size()) - 1;
    }
    int use = -1;
    for (std::size_t u = 0; u < m_uses.size() && use < 0; ++u)
      if (m_uses[u].group == group && m_uses[u].output == output) use = static_cast<int>(u);
    if (use < 0) {
      m_uses.push_back({group, output, false});
      use = static_cast<int>(m_uses.size()) - 1;
    }
    return emit({Op::Learned, 0, 0, use, 0.0});
  }

  const std::vector<std::string>& m_variables;
  const std::vector<std::string>& m_parameters;
  const std::vector<LearnedBinding>& m_learned;
  std::vector<LearnedGroup> m_groups;
  std::vector<LearnedUse> m_uses;
  std::vector<Instruction> m_code;
  std::map<Key, int> m_seen;
};

}  // namespace

Program compileTree(const Node& root, std::string text, const std::vector<std::string>& variables,
                    const std::vector<std::string>& parameters, const std::vector<LearnedBinding>& learned) {
  CompilerImpl c(variables, parameters, learned);
  return c.run(root, std::move(text));
}

Program compileTrees(const std::vector<const Node*>& roots, std::string text, const std::vector<std::string>& variables,
                     const std::vector<std::string>& parameters, std::vector<int>& results,
                     const std::vector<LearnedBinding>& learned) {
  CompilerImpl c(variables, parameters, learned);
  return c.runMany(roots, std::move(text), results);
}

}  // namespace hf::expr::detail
