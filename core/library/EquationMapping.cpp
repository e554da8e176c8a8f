#include "library/EquationMapping.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <regex>

namespace hf::library {
namespace {

std::string unitOf(const data::Dataset& data, const std::string& column) {
  const int c = data.findColumn(column);
  return c < 0 ? std::string() : data.columns[static_cast<std::size_t>(c)].unit;
}

bool dimensionless(const std::string& unit) { return unit.empty() || unit == "1" || unit == "-"; }

const std::string* mappedColumn(const InputMapping& mapping, const std::string& input) {
  for (const auto& [in, col] : mapping)
    if (in == input) return &col;
  return nullptr;
}

}  // namespace

InputMapping mapInputs(const Equation& eq, const data::Dataset& data, const std::string& response,
                       const std::string& weightColumn, const InputMapping& given) {
  InputMapping out;
  std::vector<std::string> taken{response, weightColumn};
  for (const auto& entry : given) {
    // Named, not a structured binding: clang 14 (the fuzz build) cannot
    // capture those in a lambda.
    const std::string& input = entry.first;
    const std::string& column = entry.second;
    const bool isInput =
        std::any_of(eq.variables.begin(), eq.variables.end(), [&](const Symbol& v) { return v.name == input; });
    if (!isInput) {
      std::string inputs;
      for (const Symbol& v : eq.variables) inputs += (inputs.empty() ? "" : ", ") + v.name;
      throw Error("'" + input + "' is not an input of equation '" + eq.id + "' (its inputs are: " + inputs + ")");
    }
    if (data.findColumn(column) < 0) {
      std::string columns;
      for (const std::string& c : data.columnNames()) columns += (columns.empty() ? "" : ", ") + c;
      throw Error("'" + column + "' is not a data column (the columns are: " + columns + ")");
    }
    out.emplace_back(input, column);
    taken.push_back(column);
  }
  std::vector<const Symbol*> open;
  for (const Symbol& v : eq.variables) {
    if (mappedColumn(out, v.name)) continue;
    if (data.findColumn(v.name) >= 0 && std::find(taken.begin(), taken.end(), v.name) == taken.end()) {
      out.emplace_back(v.name, v.name);
      taken.push_back(v.name);
    } else {
      open.push_back(&v);
    }
  }
  std::size_t next = 0;
  const std::vector<std::string> columns = data.columnNames();
  for (const Symbol* v : open) {
    while (next < columns.size() && std::find(taken.begin(), taken.end(), columns[next]) != taken.end()) ++next;
    if (next >= columns.size()) break;  // nothing left: the model check will say what is missing
    out.emplace_back(v->name, columns[next]);
    taken.push_back(columns[next]);
  }
  return out;
}

std::string renameInputs(const std::string& formula, const InputMapping& mapping) {
  // Two passes through placeholders, so that swapping names (x -> y, y -> x)
  // never renames a name twice.
  std::string out = formula;
  for (std::size_t i = 0; i < mapping.size(); ++i) {
    if (mapping[i].first == mapping[i].second) continue;
    const std::regex name("(^|[^A-Za-z0-9_])" + mapping[i].first + "(?![A-Za-z0-9_])");
    out = std::regex_replace(out, name, "$1\x01" + std::to_string(i) + "\x02");
  }
  for (std::size_t i = 0; i < mapping.size(); ++i) {
    const std::string token = "\x01" + std::to_string(i) + "\x02";
    for (std::size_t pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos))
      out.replace(pos, token.size(), mapping[i].second);
  }
  return out;
}

std::string parameterUnit(const Equation& eq, const LibraryParameter& p, const data::Dataset& data,
                          const std::string& response, const InputMapping& mapping) {
  if (dimensionless(p.unit)) return p.unit;
  if (p.unit == eq.response.unit) return unitOf(data, response);
  for (const Symbol& v : eq.variables) {
    const std::string* col = mappedColumn(mapping, v.name);
    if (!col) continue;
    if (p.unit == v.unit) return unitOf(data, *col);
    // A reciprocal of an input's unit (a rate constant in 1/s for t in s).
    if (p.unit == "1/" + v.unit || p.unit == "1/(" + v.unit + ")") {
      const std::string u = unitOf(data, *col);
      if (u.empty()) return {};
      const bool compound = u.find_first_of(" */^") != std::string::npos;
      return compound ? "1/(" + u + ")" : "1/" + u;
    }
  }
  // Any other derived unit (1/s, mmol/L/s): right only where the data are in the
  // library's units.
  if (unitOf(data, response) != eq.response.unit) return {};
  for (const Symbol& v : eq.variables) {
    const std::string* col = mappedColumn(mapping, v.name);
    if (!col || unitOf(data, *col) != v.unit) return {};
  }
  return p.unit;
}

std::vector<fit::ParameterSetting> parameterSettings(const Equation& eq, const data::Dataset& data,
                                                     const std::string& response, const InputMapping& mapping) {
  std::vector<fit::ParameterSetting> out;
  for (const LibraryParameter& lp : eq.parameters)
    out.push_back({lp.name, lp.start, lp.lower, lp.upper, false, parameterUnit(eq, lp, data, response, mapping)});
  for (const Symbol& c : eq.constants) out.push_back({c.name, c.value, -INFINITY, INFINITY, true, c.unit});
  return out;
}

}  // namespace hf::library
