#include "data/detail/RowParser.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace hf::data::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
inline bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
  return s;
}

bool equalsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool isMissingMarker(std::string_view cell) {
  return cell.empty() || equalsNoCase(cell, "na") || equalsNoCase(cell, "nan") || equalsNoCase(cell, "n/a") ||
         equalsNoCase(cell, "null") || equalsNoCase(cell, "-nan");
}

// A plain decimal number starts with a digit, '.', or '-' followed by more;
// from_chars would also take "inf" and "nan" spellings, which are not data.
inline bool startsNumber(const char* first, const char* last) {
  return first < last && (isDigit(*first) || *first == '.' || (*first == '-' && first + 1 < last));
}

// Reads a number at [first, last) that must end at `end` (the cell's end
// after trimming). With ',' as decimal separator the token is copied with
// '.' in its place (from_chars knows only '.').
bool readNumber(const char* first, const char* end, char decimal, double& out) {
  if (first < end && *first == '+') ++first;
  if (!startsNumber(first, end)) return false;
  std::from_chars_result res;
  if (decimal == ',') {
    char buf[64];
    const auto n = static_cast<std::size_t>(end - first);
    if (n >= sizeof buf) return false;
    for (std::size_t i = 0; i < n; ++i) {
      if (first[i] == '.') return false;  // a '.' in a decimal-comma file is not a number
      buf[i] = first[i] == ',' ? '.' : first[i];
    }
    res = std::from_chars(buf, buf + n, out);
    if (res.ptr != buf + n) return false;
  } else {
    res = std::from_chars(first, end, out);
    if (res.ptr != end) return false;
  }
  return res.ec == std::errc() && std::isfinite(out);
}

}  // namespace

CellKind parseCell(std::string_view cell, char decimal, double& out) {
  if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = trim(cell.substr(1, cell.size() - 2));
  if (isMissingMarker(cell)) {
    out = kNaN;
    return CellKind::Missing;
  }
  return readNumber(cell.data(), cell.data() + cell.size(), decimal, out) ? CellKind::Number : CellKind::Text;
}

bool parseNumberLine(std::string_view line, char delim, char decimal, std::size_t ncols, double* out,
                     std::size_t& missing) {
  const char* p = line.data();
  const char* const end = p + line.size();
  std::size_t found = 0;
  if (delim == ' ') {
    while (true) {
      while (p < end && isBlank(*p)) ++p;
      if (p == end) break;
      const char* q = p;
      while (q < end && !isBlank(*q)) ++q;
      if (found == ncols || !readNumber(p, q, decimal, out[found])) return false;
      ++found;
      p = q;
    }
    return found == ncols;
  }
  std::size_t empties = 0;
  while (true) {
    while (p < end && isBlank(*p)) ++p;
    const char* q = p;
    while (q < end && *q != delim) ++q;  // quotes never reach here: '"' fails readNumber
    const char* cellEnd = q;
    while (cellEnd > p && isBlank(cellEnd[-1])) --cellEnd;
    if (found == ncols) return false;
    if (cellEnd == p) {
      out[found] = kNaN;
      ++empties;
    } else if (!readNumber(p, cellEnd, decimal, out[found])) {
      return false;
    }
    ++found;
    if (q == end) break;
    p = q + 1;
  }
  if (found != ncols) return false;
  missing += empties;
  return true;
}

}  // namespace hf::data::detail
