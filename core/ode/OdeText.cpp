#include "ode/OdeText.h"

#include "common/Error.h"
#include "expr/Expression.h"

#include <algorithm>
#include <cctype>

namespace hf::ode {
namespace {

struct Piece {
  std::string_view text;
  std::size_t offset;  // of text in the whole input
};

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool isIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

Piece trim(Piece p) {
  std::size_t b = 0, e = p.text.size();
  while (b < e && isSpace(p.text[b])) ++b;
  while (e > b && isSpace(p.text[e - 1])) --e;
  return {p.text.substr(b, e - b), p.offset + b};
}

/// Splits at top-level separators (outside parentheses and brackets).
std::vector<Piece> split(std::string_view text, std::string_view separators) {
  std::vector<Piece> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : '\0';
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) --depth;
    if (i == text.size() || (depth == 0 && separators.find(c) != std::string_view::npos)) {
      const Piece p = trim({text.substr(start, i - start), start});
      if (!p.text.empty()) out.push_back(p);
      start = i + 1;
    }
  }
  return out;
}

[[noreturn]] void fail(const std::string& message, std::size_t position) {
  ErrorLocation where;
  where.position = static_cast<int>(position);
  throw Error(message, where);
}

/// Reads an identifier at `i` (after spaces); empty if none.
std::string_view identifier(std::string_view s, std::size_t& i) {
  while (i < s.size() && isSpace(s[i])) ++i;
  const std::size_t b = i;
  if (i < s.size() && isIdentStart(s[i]))
    while (i < s.size() && isIdentChar(s[i])) ++i;
  return s.substr(b, i - b);
}

/// Checks the syntax of an expression, with positions in the whole input.
void checkExpression(const Piece& e, const std::string& what) {
  if (e.text.empty()) fail(what + ": the expression is empty", e.offset);
  try {
    expr::Expression::freeNames(e.text);
  } catch (const Error& err) {
    fail(what + ": " + err.message(), e.offset + static_cast<std::size_t>(std::max(0, err.location().position)));
  }
}

}  // namespace

OdeEquations parseOdeEquations(std::string_view text) {
  OdeEquations out;
  out.timeName.clear();
  const auto pieces = split(text, ";\n\r");
  if (pieces.empty()) fail("no equation given; expected e.g. \"dA/dt = -k*A\"", 0);
  for (const Piece& piece : pieces) {
    const std::string_view s = piece.text;
    const std::size_t eq = s.find('=');
    if (eq == std::string_view::npos) fail("expected 'dX/dt = expression' in \"" + std::string(s) + "\"", piece.offset);
    // Left side: d<state>/d<time>
    std::size_t i = 0;
    const std::string_view left = s.substr(0, eq);
    while (i < left.size() && isSpace(left[i])) ++i;
    if (i >= left.size() || left[i] != 'd')
      fail("the left side must read dX/dt (X a state, t the time)", piece.offset + i);
    ++i;
    const std::string_view state = identifier(left, i);
    while (i < left.size() && isSpace(left[i])) ++i;
    if (state.empty() || i >= left.size() || left[i] != '/')
      fail("the left side must read dX/dt (X a state, t the time)", piece.offset + i);
    ++i;
    while (i < left.size() && isSpace(left[i])) ++i;
    if (i >= left.size() || left[i] != 'd') fail("expected d<time> after '/'", piece.offset + i);
    ++i;
    const std::string_view time = identifier(left, i);
    while (i < left.size() && isSpace(left[i])) ++i;
    if (time.empty() || i != left.size()) fail("expected d<time> after '/', then '='", piece.offset + i);
    if (out.timeName.empty())
      out.timeName = time;
    else if (out.timeName != time)
      fail("all equations must use the same time: d/d" + out.timeName + " and d/d" + std::string(time),
           piece.offset + i - time.size());
    const std::string name(state);
    if (std::find(out.states.begin(), out.states.end(), name) != out.states.end())
      fail("state '" + name + "' has two equations", piece.offset);
    const Piece rate = trim({s.substr(eq + 1), piece.offset + eq + 1});
    checkExpression(rate, "d" + name + "/d" + out.timeName);
    out.states.push_back(name);
    out.rates.emplace_back(rate.text);
  }
  if (std::find(out.states.begin(), out.states.end(), out.timeName) != out.states.end())
    fail("'" + out.timeName + "' is both the time and a state", 0);
  return out;
}

std::vector<std::pair<std::string, std::string>> parseNamedExpressions(std::string_view text, std::string_view option) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string opt(option);
  for (const Piece& piece : split(text, ",;\n\r")) {
    const std::string_view s = piece.text;
    std::size_t i = 0;
    const std::string_view name = identifier(s, i);
    while (i < s.size() && isSpace(s[i])) ++i;
    if (name.empty() || i >= s.size() || s[i] != '=')
      fail(opt + ": expected name=expression in \"" + std::string(s) + "\"", piece.offset + i);
    for (const auto& [earlier, e] : out)
      if (earlier == name) fail(opt + ": '" + std::string(name) + "' is given twice", piece.offset);
    const Piece value = trim({s.substr(i + 1), piece.offset + i + 1});
    checkExpression(value, opt + " " + std::string(name));
    out.emplace_back(std::string(name), std::string(value.text));
  }
  return out;
}

std::vector<InputDeclaration> parseInputList(std::string_view text) {
  std::vector<InputDeclaration> out;
  std::string item;
  auto finish = [&] {
    const auto trim = [](std::string v) {
      const auto a = v.find_first_not_of(" \t\r"), b = v.find_last_not_of(" \t\r");
      return a == std::string::npos ? std::string() : v.substr(a, b - a + 1);
    };
    std::string entry = trim(item);
    item.clear();
    if (entry.empty()) return;
    InputDeclaration d;
    const auto colon = entry.find(':');
    d.name = trim(entry.substr(0, colon));
    if (colon != std::string::npos) {
      const std::string how = trim(entry.substr(colon + 1));
      try {
        d.how = parseInterpolation(how);
      } catch (const Error&) {
        throw Error("input '" + d.name + "': '" + how + "' is not linear or hold");
      }
    }
    const bool identifier = !d.name.empty() &&
                            (std::isalpha(static_cast<unsigned char>(d.name[0])) || d.name[0] == '_') &&
                            std::all_of(d.name.begin(), d.name.end(),
                                        [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
    if (!identifier) throw Error("'" + entry + "' is not an input name (optionally followed by ': hold')");
    for (const InputDeclaration& e : out)
      if (e.name == d.name) throw Error("input '" + d.name + "' is declared twice");
    out.push_back(std::move(d));
  };
  for (char c : text) {
    if (c == ',' || c == ';' || c == '\n')
      finish();
    else
      item += c;
  }
  finish();
  return out;
}

std::string formatInputList(const std::vector<InputDeclaration>& inputs) {
  std::string out;
  for (const InputDeclaration& d : inputs) {
    if (!out.empty()) out += ", ";
    out += d.name;
    if (d.how == Interpolation::Hold) out += ": hold";
  }
  return out;
}

}  // namespace hf::ode
