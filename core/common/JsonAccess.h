#pragma once
// Checked access to JSON documents from untrusted files: every failure
// throws hf::Error carrying the JSON pointer of the offending field and what
// was expected there, never a nlohmann exception or a crash.

#include "common/Error.h"

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hf::json {

using Json = nlohmann::json;

/// A JSON value with its pointer inside the document and the file it came from.
class Node {
 public:
  Node(const Json& value, std::string pointer, std::string file)
      : m_v(value), m_ptr(std::move(pointer)), m_file(std::move(file)) {}

  const Json& raw() const { return m_v; }
  const std::string& pointer() const { return m_ptr; }
  bool has(const std::string& key) const { return m_v.is_object() && m_v.contains(key); }
  bool isNull() const { return m_v.is_null(); }

  Node at(const std::string& key) const;  ///< required member
  Node at(std::size_t index) const;       ///< required element
  std::size_t size() const;               ///< array length (requires an array)

  std::string string() const;
  double number() const;                     ///< any finite number
  double numberOrNull(double ifNull) const;  ///< number, or null -> ifNull
  long integer() const;
  bool boolean() const;
  void requireObject() const;
  void requireArray() const;
  /// Fails at the first member whose key is not in `known`: a misspelt
  /// key ("uper") must not be silently ignored.
  void allowOnly(std::initializer_list<const char*> known) const;

  // Optional members with defaults; present but wrong type is an error.
  std::string string(const std::string& key, const std::string& fallback) const;
  double number(const std::string& key, double fallback) const;
  bool boolean(const std::string& key, bool fallback) const;
  long integer(const std::string& key, long fallback) const;

  [[noreturn]] void fail(const std::string& message) const;

 private:
  const Json& m_v;
  std::string m_ptr;
  std::string m_file;
};

/// Parses text; a syntax error becomes hf::Error with line/column when known.
Json parse(const std::string& text, const std::string& file);

/// JSON cannot hold NaN or infinity: these map to null.
Json numberOrNull(double v);

}  // namespace hf::json
