#include "common/Error.h"

namespace hf {

Error::Error(std::string message, ErrorLocation where)
    : std::runtime_error(format(message, where)), m_message(std::move(message)), m_where(std::move(where)) {}

std::string Error::format(const std::string& message, const ErrorLocation& where) {
  std::string prefix;
  auto part = [&prefix](const char* separator, const char* label, const std::string& value) {
    if (!prefix.empty())
      prefix.append(separator);
    else
      prefix.append(label);
    prefix.append(value);
  };
  if (!where.file.empty()) prefix.append(where.file);
  if (where.line > 0) part(":", "line ", std::to_string(where.line));
  if (where.column > 0) part(":", "column ", std::to_string(where.column));
  if (!where.jsonPointer.empty()) part(" at ", "at ", where.jsonPointer);
  if (where.position >= 0) part(" at position ", "at position ", std::to_string(where.position + 1));
  if (prefix.empty()) return message;
  prefix.append(": ");
  prefix.append(message);
  return prefix;
}

}  // namespace hf
