#include "data/Dataset.h"

#include <cctype>

namespace hf::data {

int Dataset::findColumn(std::string_view nameOrLabel) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == nameOrLabel) return static_cast<int>(i);
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].label == nameOrLabel) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> Dataset::columnNames() const {
  std::vector<std::string> names;
  names.reserve(columns.size());
  for (const Column& c : columns) names.push_back(c.name);
  return names;
}

std::string toIdentifier(std::string_view text) {
  std::string id;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '_')
      id += c;
    else if (!id.empty() && id.back() != '_')
      id += '_';
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (id.empty()) return "col";
  if (std::isdigit(static_cast<unsigned char>(id.front()))) id.insert(id.begin(), '_');
  return id;
}

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}
}  // namespace

void splitUnit(std::string_view header, std::string& label, std::string& unit) {
  const std::string_view h = trim(header);
  label = std::string(h);
  unit.clear();
  if (h.size() < 3) return;
  const char close = h.back();
  const char open = close == ']' ? '[' : (close == ')' ? '(' : '\0');
  if (!open) return;
  // Find the matching opening bracket, allowing nested parentheses in units
  // such as "J/(mol K)" inside square brackets.
  int depth = 0;
  for (std::size_t i = h.size(); i-- > 0;) {
    if (h[i] == close)
      ++depth;
    else if (h[i] == open && --depth == 0) {
      const std::string_view name = trim(h.substr(0, i));
      const std::string_view u = trim(h.substr(i + 1, h.size() - i - 2));
      if (name.empty() || u.empty()) return;
      label = std::string(name);
      unit = std::string(u);
      return;
    }
  }
}

}  // namespace hf::data
