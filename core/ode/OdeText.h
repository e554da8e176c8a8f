#pragma once
// The text forms of ODE models used on the command line:
//   equations  "dA/dt = -k1*A; dB/dt = k1*A - k2*B"  (';' or new lines between)
//   assignments "A=1, B=B0"  (name = expression; ',' ';' or new lines between,
//               commas inside parentheses belong to the expression)
// Errors are hf::Error with the 0-based character position of the fault.

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

}  // namespace hf::ode
