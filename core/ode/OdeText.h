#pragma once
// The text forms of ODE models used on the command line:
//   equations  "dA/dt = -k1*A; dB/dt = k1*A - k2*B"  (';' or new lines between)
//   assignments "A=1, B=B0"  (name = expression; ',' ';' or new lines between,
//               commas inside parentheses belong to the expression)
//   inputs      "u, T: hold"  (known inputs and how each is interpolated)
// Errors are hf::Error with the 0-based character position of the fault.

#include "ode/InputSeries.h"
#include "ode/OdeSystem.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hf::ode {

/// States in order of appearance, their rates and the time name (the
/// denominator of dX/dT, the same in every equation).
OdeEquations parseOdeEquations(std::string_view text);

/// Name = expression pairs in order. `option` names the source in messages
/// ("--init"). Names must be identifiers and appear once.
std::vector<std::pair<std::string, std::string>> parseNamedExpressions(std::string_view text, std::string_view option);

/// A known input of an ODE system and its interpolation between samples.
struct InputDeclaration {
  std::string name;
  Interpolation how = Interpolation::Linear;
  bool operator==(const InputDeclaration&) const = default;
};
/// "u, T: hold": names (identifiers, each once), each optionally followed
/// by ": linear" (the default) or ": hold"; ',' ';' or new lines between.
/// An empty text declares no input. Throws hf::Error naming the entry.
std::vector<InputDeclaration> parseInputList(std::string_view text);
/// The text parseInputList reads back ("u, T: hold").
std::string formatInputList(const std::vector<InputDeclaration>& inputs);

}  // namespace hf::ode
