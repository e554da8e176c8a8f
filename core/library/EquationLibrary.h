#pragma once
// The equation library: algebraic laws with their parameters (default start,
// bounds, units), variables, constants and a reference. The data lives in
// resources/equations.json (embedded in the binary at build time); adding an
// equation never needs C++.

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace hf::library {

struct Symbol {
  std::string name;
  std::string unit;
  std::string description;
  double value = 0.0;  ///< constants only
};

struct LibraryParameter {
  std::string name;
  double start = 1.0;
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  std::string unit;
  std::string description;
  bool logScale = false;  ///< fitted as log(value) by default (ODE library)
};

struct Equation {
  std::string id;
  std::string name;
  std::string category;
  std::string description;
  std::string formula;
  Symbol response;
  std::vector<Symbol> variables;
  std::vector<LibraryParameter> parameters;
  std::vector<Symbol> constants;  ///< fixed in fits, shown with their values
  std::string reference;
};

class EquationLibrary {
 public:
  /// The library shipped with the program (parsed once, thread-safe).
  static const EquationLibrary& builtIn();
  /// Parses and validates a library document: every formula must compile
  /// with its declared names and every start must lie within its bounds.
  /// Throws hf::Error with the JSON pointer of the bad field.
  static EquationLibrary fromJson(const std::string& text, const std::string& sourceName);

  const std::vector<Equation>& equations() const { return m_equations; }
  const Equation* find(std::string_view id) const;
  std::vector<std::string> categories() const;

 private:
  std::vector<Equation> m_equations;
};

/// The embedded text of resources/equations.json (generated source).
std::string_view embeddedEquationsJson();

}  // namespace hf::library
