#include "model/PenaltySpec.h"

#include "common/Error.h"

#include <cmath>
#include <sstream>

namespace hf::model {
namespace {

std::string number(double v) {
  std::ostringstream s;
  s.precision(6);
  s << v;
  return s.str();
}

}  // namespace

bool CollocationAxis::operator==(const CollocationAxis& o) const {
  const auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
  return variable == o.variable && same(lower, o.lower) && same(upper, o.upper) && count == o.count;
}

std::string penaltyKindName(PenaltyKind kind) {
  switch (kind) {
    case PenaltyKind::Bounds:
      return "bounds";
    case PenaltyKind::Monotone:
      return "monotone";
    case PenaltyKind::Equation:
      return "equation";
    case PenaltyKind::Conservation:
      return "conservation";
  }
  return "?";
}

PenaltyKind parsePenaltyKind(const std::string& text) {
  for (PenaltyKind k : {PenaltyKind::Bounds, PenaltyKind::Monotone, PenaltyKind::Equation, PenaltyKind::Conservation})
    if (text == penaltyKindName(k)) return k;
  throw Error("unknown penalty kind '" + text + "' (bounds, monotone, equation or conservation)");
}

std::string PenaltySpec::label() const {
  if (!name.empty()) return name;
  const std::string g = expression.empty() ? "the model" : expression;
  switch (kind) {
    case PenaltyKind::Bounds:
      if (std::isfinite(lower) && std::isfinite(upper)) return number(lower) + " <= " + g + " <= " + number(upper);
      if (std::isfinite(lower)) return g + " >= " + number(lower);
      return g + " <= " + number(upper);
    case PenaltyKind::Monotone:
      return g + (decreasing ? " falling in " : " rising in ") + along;
    case PenaltyKind::Equation:
      return g + " = 0";
    case PenaltyKind::Conservation:
      return g + " conserved";
  }
  return g;
}

std::string PenaltySpec::validate() const {
  if (!(weight > 0) || !std::isfinite(weight)) return "the weight must be a positive number";
  if (kind == PenaltyKind::Bounds) {
    if (std::isnan(lower) || std::isnan(upper)) return "a bound is not a number";
    if (!std::isfinite(lower) && !std::isfinite(upper)) return "a bounds penalty needs a lower or an upper bound";
    if (!(lower <= upper)) return "the lower bound is above the upper bound";
  }
  if (kind == PenaltyKind::Monotone && along.empty()) return "a monotone penalty needs the input it is monotone in";
  if ((kind == PenaltyKind::Equation || kind == PenaltyKind::Conservation) && expression.empty())
    return "an " + penaltyKindName(kind) + " penalty needs an expression";
  for (std::size_t a = 0; a < grid.size(); ++a) {
    const CollocationAxis& x = grid[a];
    const std::string who = "collocation axis '" + x.variable + "'";
    if (x.variable.empty()) return "collocation axis " + std::to_string(a + 1) + " names no input";
    for (std::size_t b = 0; b < a; ++b)
      if (grid[b].variable == x.variable) return who + " is given twice";
    if (x.count < 0 || x.count == 1 || x.count > 100000) return who + ": the count must be 2 to 100000 (0: default)";
    if (std::isinf(x.lower) || std::isinf(x.upper)) return who + ": the range must be finite";
    if (std::isnan(x.lower) != std::isnan(x.upper)) return who + ": give both ends of the range or neither";
    if (!std::isnan(x.lower) && !(x.lower < x.upper)) return who + ": the lower end must be below the upper end";
  }
  return {};
}

int defaultAxisCount(std::size_t axes) {
  if (axes == 0) return 1;
  const int n = static_cast<int>(std::floor(std::pow(200.0, 1.0 / static_cast<double>(axes)) + 1e-9));
  return n < 2 ? 2 : n;
}

}  // namespace hf::model
