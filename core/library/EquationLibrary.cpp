#include "library/EquationLibrary.h"

#include "common/JsonAccess.h"
#include "expr/Expression.h"
#include "library/LibraryJson.h"

#include <set>

namespace hf::library {

EquationLibrary EquationLibrary::fromJson(const std::string& text, const std::string& sourceName) {
  const json::Json doc = json::parse(text, sourceName);
  const json::Node root(doc, "", sourceName);
  if (root.at("schemaVersion").integer() != 1) root.at("schemaVersion").fail("unsupported library version");
  const json::Node list = root.at("equations");
  EquationLibrary lib;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json::Node e = list.at(i);
    Equation q;
    q.id = e.at("id").string();
    if (!ids.insert(q.id).second) e.at("id").fail("duplicate equation id '" + q.id + "'");
    q.name = e.at("name").string();
    q.category = e.at("category").string();
    q.description = e.string("description", "");
    q.formula = e.at("formula").string();
    q.response = readLibrarySymbol(e.at("response"), false);
    q.reference = e.string("reference", "");
    const json::Node vars = e.at("variables");
    for (std::size_t k = 0; k < vars.size(); ++k) q.variables.push_back(readLibrarySymbol(vars.at(k), false));
    if (e.has("constants")) {
      const json::Node cs = e.at("constants");
      for (std::size_t k = 0; k < cs.size(); ++k) q.constants.push_back(readLibrarySymbol(cs.at(k), true));
    }
    const json::Node ps = e.at("parameters");
    for (std::size_t k = 0; k < ps.size(); ++k) {
      const json::Node p = ps.at(k);
      q.parameters.push_back(readLibraryParameter(p));
    }
    std::vector<std::string> varNames, paramNames;
    for (const Symbol& v : q.variables) varNames.push_back(v.name);
    for (const LibraryParameter& p : q.parameters) paramNames.push_back(p.name);
    for (const Symbol& c : q.constants) paramNames.push_back(c.name);
    try {
      expr::Expression::compile(q.formula, varNames, paramNames);
    } catch (const Error& err) {
      e.at("formula").fail(err.what());
    }
    lib.m_equations.push_back(std::move(q));
  }
  return lib;
}

const EquationLibrary& EquationLibrary::builtIn() {
  static const EquationLibrary lib = fromJson(std::string(embeddedEquationsJson()), "resources/equations.json");
  return lib;
}

const Equation* EquationLibrary::find(std::string_view id) const {
  for (const Equation& e : m_equations)
    if (e.id == id) return &e;
  return nullptr;
}

std::vector<std::string> EquationLibrary::categories() const {
  std::vector<std::string> out;
  for (const Equation& e : m_equations)
    if (std::find(out.begin(), out.end(), e.category) == out.end()) out.push_back(e.category);
  return out;
}

}  // namespace hf::library
