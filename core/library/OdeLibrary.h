#pragma once
// The ODE equation library: dynamic models (states with their rates and
// initial values, parameters with start, bounds and units, optional
// observables and fixed constants) with a reference each. The data lives in
// resources/ode_equations.json, embedded at build time; adding a model
// never needs C++.

#include "library/EquationLibrary.h"
#include "model/OdeModel.h"

#include <string>
#include <string_view>
#include <vector>

namespace hf::library {

struct OdeStateEntry {
  std::string name;
  std::string rate;     ///< right-hand side
  std::string initial;  ///< number or expression of parameters
  std::string unit;
  std::string description;
};

struct OdeObservableEntry {
  std::string column;
  std::string expression;
  std::string unit;
  std::string description;
};

struct OdeEquation {
  std::string id;
  std::string name;
  std::string category;
  std::string description;
  Symbol time;  ///< name and unit of time
  std::vector<OdeStateEntry> states;
  /// Without any, every state is observed under its own name.
  std::vector<OdeObservableEntry> observables;
  std::vector<LibraryParameter> parameters;
  std::vector<Symbol> constants;  ///< fixed in fits, shown with their values
  std::string reference;
  double tEnd = 10;  ///< a horizon that shows the typical behaviour

  /// The model specification: rates, initial values, observables (every
  /// state when none are listed) and the parameter names in the order
  /// parameters then constants.
  model::OdeModelSpec spec() const;
  /// Start values in spec().parameters order (constants at their values).
  std::vector<double> startValues() const;
  /// The equations as text, "dA/dt = -k*A; ..." (one line per state with "\n").
  std::string equationsText(const char* separator = "\n") const;
};

class OdeLibrary {
 public:
  /// The library shipped with the program (parsed once, thread-safe).
  static const OdeLibrary& builtIn();
  /// Parses and validates a library document: the rates, initial values
  /// and observables must compile, the names they use must be exactly the
  /// declared parameters and constants, and every start must lie within
  /// its bounds. Throws hf::Error with the JSON pointer of the bad field.
  static OdeLibrary fromJson(const std::string& text, const std::string& sourceName);

  const std::vector<OdeEquation>& equations() const { return m_equations; }
  const OdeEquation* find(std::string_view id) const;

 private:
  std::vector<OdeEquation> m_equations;
};

/// The embedded text of resources/ode_equations.json (generated source).
std::string_view embeddedOdeEquationsJson();

}  // namespace hf::library
