// libFuzzer harness: the ODE quick-form texts of hybridfit-cli (issue 11,
// rule of issue 16: new loaders come with their harness). The first byte
// chooses the parser: 0 mod 3 -> equations ("dA/dt = ..."), 1 -> name =
// expression lists (--init, --observe, --sigma), 2 -> the workbench's input
// list ("u, T: hold"). Properties: what parses is
// written back in canonical form and parses to the same thing; equations
// that parse compile as an OdeSystem whenever their names are consistent
// (only hf::Error may escape); nothing but hf::Error escapes.
#include "common/Error.h"
#include "model/OdeModel.h"
#include "ode/OdeText.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void failure(const char* what, std::string_view input) {
  std::fprintf(stderr, "%s for input '%.*s'\n", what, static_cast<int>(input.size()), input.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size == 0) return 0;
  const bool equations = bytes[0] % 3 == 0;
  const std::string_view text(reinterpret_cast<const char*>(bytes) + 1, size - 1);
  if (bytes[0] % 3 == 2) {
    std::vector<hf::ode::InputDeclaration> inputs;
    try {
      inputs = hf::ode::parseInputList(text);
    } catch (const hf::Error&) {
      return 0;
    }
    try {
      if (hf::ode::parseInputList(hf::ode::formatInputList(inputs)) != inputs)
        failure("the written input list parses differently", text);
    } catch (const hf::Error&) {
      failure("the written input list does not parse", text);
    }
    return 0;
  }
  if (equations) {
    hf::ode::OdeEquations eq;
    try {
      eq = hf::ode::parseOdeEquations(text);
    } catch (const hf::Error&) {
      return 0;
    }
    std::string canonical;
    for (std::size_t i = 0; i < eq.states.size(); ++i)
      canonical += "d" + eq.states[i] + "/d" + eq.timeName + " = " + eq.rates[i] + "\n";
    hf::ode::OdeEquations again;
    try {
      again = hf::ode::parseOdeEquations(canonical);
    } catch (const hf::Error&) {
      failure("the canonical form does not parse", text);
    }
    if (again.states != eq.states || again.rates != eq.rates || again.timeName != eq.timeName)
      failure("the canonical form parses differently", text);
    try {  // the rest of the quick-form path: parameters, then the system
      hf::model::OdeModelSpec spec;
      spec.equations = eq;
      spec.initial.assign(eq.states.size(), "0");
      const auto names = hf::model::OdeModel::parameterNamesIn(spec);
      const hf::ode::OdeSystem system(eq, names);
      (void)system;
    } catch (const hf::Error&) {
    }
    return 0;
  }
  std::vector<std::pair<std::string, std::string>> list;
  try {
    list = hf::ode::parseNamedExpressions(text, "--init");
  } catch (const hf::Error&) {
    return 0;
  }
  std::string canonical;
  for (const auto& [name, value] : list) canonical += name + " = " + value + ",\n";
  try {
    if (hf::ode::parseNamedExpressions(canonical, "--init") != list)
      failure("the canonical form parses differently", text);
  } catch (const hf::Error&) {
    failure("the canonical form does not parse", text);
  }
  return 0;
}
