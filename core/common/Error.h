#pragma once
// The single exception type for bad input: unreadable or malformed files,
// invalid formulas, inconsistent models and bad project files. Programming
// errors are assertions, and fit outcomes are values (see fit/FitSummary.h),
// never exceptions.

#include <stdexcept>
#include <string>

namespace hf {

/// Where a problem was found. Every field is optional; empty/zero = unknown.
struct ErrorLocation {
  std::string file;         ///< file path as the user gave it
  int line = 0;             ///< 1-based line in the file
  int column = 0;           ///< 1-based column (field number in tables)
  int position = -1;        ///< 0-based character offset inside a formula
  std::string jsonPointer;  ///< RFC 6901 pointer inside a JSON document
};

class Error : public std::runtime_error {
 public:
  /// @param message user-facing text saying what is wrong and what was expected.
  explicit Error(std::string message, ErrorLocation where = {});

  /// The message without the location prefix.
  const std::string& message() const { return m_message; }
  const ErrorLocation& location() const { return m_where; }

  /// "file:line:column: message" (or the parts that are known).
  static std::string format(const std::string& message, const ErrorLocation& where);

 private:
  std::string m_message;
  ErrorLocation m_where;
};

}  // namespace hf
