#pragma once
// Reads CSV, TSV, semicolon- and whitespace-separated text into a Dataset.
// Detects the delimiter and whether the first row is a header; skips lines
// starting with the comment character; keeps empty, NA and NaN cells as
// missing (NaN). Anything malformed throws hf::Error naming file, line and
// column and saying what was expected; nothing is silently dropped.

#include "data/Dataset.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hf::data {

struct ImportOptions {
  /// ',', '\t', ';' or ' ' (any run of spaces/tabs). 0 = detect from the
  /// first lines, preferring tab, comma, semicolon, then whitespace.
  char delimiter = 0;
  /// Whether the first non-comment line is a header. Unset = detect: it is
  /// a header when any of its cells is neither a number nor a missing marker.
  std::optional<bool> header;
  /// Decimal separator of numbers: '.' or ','. 0 = detect: ',' when the
  /// delimiter is not a comma and numbers such as "76,5" occur while none
  /// has a decimal point.
  char decimal = 0;
  /// Lines whose first non-blank character is this are skipped. 0 = none.
  char comment = '#';
  /// Rows with text where a number belongs, or with the wrong number of
  /// fields, are left out (and listed in ImportReport::skippedRows) instead
  /// of failing the import. The header and the file's structure (encoding,
  /// unclosed quotes) must still be right.
  bool skipBadRows = false;
  /// Refuse files larger than this many bytes (guards against mistakes
  /// such as opening a video file). Default 2 GiB.
  std::size_t maxBytes = std::size_t(2) << 30;
};

/// What the import found; shown in the import preview.
struct ImportReport {
  char delimiter = ',';
  char decimal = '.';  ///< decimal separator used
  bool header = true;
  std::size_t rows = 0;
  std::size_t commentLines = 0;
  std::size_t blankLines = 0;
  std::size_t missingCells = 0;
  std::vector<std::string> warnings;  ///< e.g. renamed duplicate columns
  std::vector<std::string> notes;     ///< e.g. the formula name of a header with spaces
  /// Rows left out with ImportOptions::skipBadRows: where and why.
  struct SkippedRow {
    std::size_t line = 0;
    std::size_t column = 0;  ///< 1-based field that made it bad
    std::string reason;
  };
  std::vector<SkippedRow> skippedRows;
};

/// Reads a file. Throws hf::Error (file, line, column) on any problem.
Dataset readDelimitedFile(const std::string& path, const ImportOptions& options = {}, ImportReport* report = nullptr);

/// Reads text already in memory; `sourceName` is used in error messages.
Dataset readDelimitedText(std::string_view text, const std::string& sourceName, const ImportOptions& options = {},
                          ImportReport* report = nullptr);

/// Writes a dataset as CSV with a "name [unit]" header; NaN as empty cells
/// (as "NaN" in a one-column row, which would otherwise be a blank line).
std::string toCsv(const Dataset& data);

}  // namespace hf::data
