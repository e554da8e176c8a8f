#include "library/OdeLibrary.h"

#include "common/Error.h"
#include "common/JsonAccess.h"
#include "library/LibraryJson.h"

#include <algorithm>
#include <set>

namespace hf::library {

model::OdeModelSpec OdeEquation::spec() const {
  model::OdeModelSpec s;
  s.equations.timeName = time.name;
  for (const OdeStateEntry& st : states) {
    s.equations.states.push_back(st.name);
    s.equations.rates.push_back(st.rate);
    s.initial.push_back(st.initial);
  }
  if (observables.empty()) {
    for (const OdeStateEntry& st : states) s.observables.push_back({st.name, st.name, ""});
  } else {
    for (const OdeObservableEntry& o : observables) s.observables.push_back({o.column, o.expression, ""});
  }
  for (const LibraryParameter& p : parameters) s.parameters.push_back(p.name);
  for (const Symbol& c : constants) s.parameters.push_back(c.name);
  return s;
}

std::vector<double> OdeEquation::startValues() const {
  std::vector<double> v;
  for (const LibraryParameter& p : parameters) v.push_back(p.start);
  for (const Symbol& c : constants) v.push_back(c.value);
  return v;
}

std::string OdeEquation::equationsText(const char* separator) const {
  std::string out;
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (i > 0) out += separator;
    out += "d" + states[i].name + "/d" + time.name + " = " + states[i].rate;
  }
  return out;
}

namespace {

Symbol readSymbol(const json::Node& n, bool isConstant) {
  n.allowOnly({"name", "unit", "description", "value"});
  return readLibrarySymbol(n, isConstant);
}

// The declared names must be exactly those the texts use.
void checkNames(const OdeEquation& q, const json::Node& e) {
  model::OdeModelSpec s = q.spec();
  std::vector<std::string> used;
  try {
    used = model::OdeModel::parameterNamesIn(s);
    ode::OdeSystem system(s.equations, used);
  } catch (const Error& err) {
    e.at("states").fail(err.what());
  }
  std::set<std::string> declared(s.parameters.begin(), s.parameters.end());
  if (declared.size() != s.parameters.size()) e.at("parameters").fail("a parameter or constant is declared twice");
  for (const std::string& u : used)
    if (!declared.count(u)) e.at("parameters").fail("'" + u + "' is used but not declared");
  for (const std::string& d : declared)
    if (std::find(used.begin(), used.end(), d) == used.end())
      e.at("parameters").fail("'" + d + "' is declared but not used");
}

}  // namespace

OdeLibrary OdeLibrary::fromJson(const std::string& text, const std::string& sourceName) {
  const json::Json doc = json::parse(text, sourceName);
  const json::Node root(doc, "", sourceName);
  if (root.at("schemaVersion").integer() != 1) root.at("schemaVersion").fail("unsupported library version");
  const json::Node list = root.at("equations");
  OdeLibrary lib;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json::Node e = list.at(i);
    e.allowOnly({"id", "name", "category", "description", "time", "states", "observables", "parameters", "constants",
                 "reference", "tEnd"});
    OdeEquation q;
    q.id = e.at("id").string();
    if (!ids.insert(q.id).second) e.at("id").fail("duplicate equation id '" + q.id + "'");
    q.name = e.at("name").string();
    q.category = e.at("category").string();
    q.description = e.string("description", "");
    q.reference = e.string("reference", "");
    q.time = readSymbol(e.at("time"), false);
    q.tEnd = e.number("tEnd", q.tEnd);
    if (!(q.tEnd > 0)) e.at("tEnd").fail("must be positive");
    const json::Node states = e.at("states");
    if (states.size() == 0) states.fail("an ODE model needs at least one state");
    for (std::size_t k = 0; k < states.size(); ++k) {
      const json::Node st = states.at(k);
      st.allowOnly({"name", "rate", "initial", "unit", "description"});
      q.states.push_back({st.at("name").string(), st.at("rate").string(), st.at("initial").string(),
                          st.string("unit", ""), st.string("description", "")});
    }
    if (e.has("observables")) {
      const json::Node obs = e.at("observables");
      for (std::size_t k = 0; k < obs.size(); ++k) {
        const json::Node o = obs.at(k);
        o.allowOnly({"column", "expression", "unit", "description"});
        q.observables.push_back(
            {o.at("column").string(), o.at("expression").string(), o.string("unit", ""), o.string("description", "")});
      }
    }
    const json::Node ps = e.at("parameters");
    for (std::size_t k = 0; k < ps.size(); ++k) {
      const json::Node p = ps.at(k);
      p.allowOnly({"name", "start", "lower", "upper", "unit", "description", "logScale"});
      q.parameters.push_back(readLibraryParameter(p));
    }
    if (e.has("constants")) {
      const json::Node cs = e.at("constants");
      for (std::size_t k = 0; k < cs.size(); ++k) q.constants.push_back(readSymbol(cs.at(k), true));
    }
    checkNames(q, e);
    lib.m_equations.push_back(std::move(q));
  }
  return lib;
}

const OdeLibrary& OdeLibrary::builtIn() {
  static const OdeLibrary lib = fromJson(std::string(embeddedOdeEquationsJson()), "resources/ode_equations.json");
  return lib;
}

const OdeEquation* OdeLibrary::find(std::string_view id) const {
  for (const OdeEquation& e : m_equations)
    if (e.id == id) return &e;
  return nullptr;
}

}  // namespace hf::library
