#include "common/JsonAccess.h"

#include <cmath>

namespace hf::json {

namespace {
std::string escapeToken(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}
const char* typeName(const Json& v) { return v.type_name(); }
}  // namespace

void Node::fail(const std::string& message) const {
  ErrorLocation where;
  where.file = m_file;
  where.jsonPointer = m_ptr;  // "" is the whole document (RFC 6901)
  throw Error(m_ptr.empty() ? "the document: " + message : message, where);
}

Node Node::at(const std::string& key) const {
  requireObject();
  if (!m_v.contains(key))
    Node(m_v, m_ptr + "/" + escapeToken(key), m_file).fail("missing required field \"" + key + "\"");
  return Node(m_v.at(key), m_ptr + "/" + escapeToken(key), m_file);
}

Node Node::at(std::size_t index) const {
  requireArray();
  if (index >= m_v.size()) fail("array has no element " + std::to_string(index));
  return Node(m_v.at(index), m_ptr + "/" + std::to_string(index), m_file);
}

void Node::allowOnly(std::initializer_list<const char*> known) const {
  requireObject();
  for (const auto& item : m_v.items()) {
    bool ok = false;
    for (const char* k : known) ok = ok || item.key() == k;
    if (ok) continue;
    std::string list;
    for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    Node(item.value(), m_ptr + "/" + escapeToken(item.key()), m_file)
        .fail("unknown field \"" + item.key() + "\"; expected one of: " + list);
  }
}

std::size_t Node::size() const {
  requireArray();
  return m_v.size();
}

void Node::requireObject() const {
  if (!m_v.is_object()) fail(std::string("expected an object, found ") + typeName(m_v));
}
void Node::requireArray() const {
  if (!m_v.is_array()) fail(std::string("expected an array, found ") + typeName(m_v));
}

std::string Node::string() const {
  if (!m_v.is_string()) fail(std::string("expected a string, found ") + typeName(m_v));
  return m_v.get<std::string>();
}

double Node::number() const {
  if (!m_v.is_number()) fail(std::string("expected a number, found ") + typeName(m_v));
  const double d = m_v.get<double>();
  if (!std::isfinite(d)) fail("expected a finite number");
  return d;
}

double Node::numberOrNull(double ifNull) const { return m_v.is_null() ? ifNull : number(); }

long Node::integer() const {
  if (!m_v.is_number_integer() && !m_v.is_number_unsigned())
    fail(std::string("expected an integer, found ") + typeName(m_v));
  return m_v.get<long>();
}

bool Node::boolean() const {
  if (!m_v.is_boolean()) fail(std::string("expected true or false, found ") + typeName(m_v));
  return m_v.get<bool>();
}

std::string Node::string(const std::string& key, const std::string& fallback) const {
  return has(key) ? at(key).string() : fallback;
}
double Node::number(const std::string& key, double fallback) const { return has(key) ? at(key).number() : fallback; }
bool Node::boolean(const std::string& key, bool fallback) const { return has(key) ? at(key).boolean() : fallback; }
long Node::integer(const std::string& key, long fallback) const { return has(key) ? at(key).integer() : fallback; }

Json parse(const std::string& text, const std::string& file) {
  // Refuse absurd nesting before parsing: building and destroying a deeply
  // nested document recurses, and a hostile file could exhaust the stack.
  constexpr int kMaxDepth = 256;
  int depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) {
        ErrorLocation where;
        where.file = file;
        throw Error("the JSON document is nested more than " + std::to_string(kMaxDepth) + " levels deep", where);
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // Translate the byte offset into line and column for the message.
    ErrorLocation where;
    where.file = file;
    int line = 1, col = 1;
    // e.byte is 1-based: the offending character is text[e.byte - 1].
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    where.line = line;
    where.column = col;
    std::string what = e.what();
    if (auto p = what.find("parse error"); p != std::string::npos) what = what.substr(p);
    throw Error("not valid JSON: " + what, where);
  } catch (const nlohmann::json::exception& e) {
    // e.g. out_of_range 406: a number such as 1e400 that overflows a double
    ErrorLocation where;
    where.file = file;
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    throw Error("not valid JSON: " + what, where);
  }
}

Json numberOrNull(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

}  // namespace hf::json
