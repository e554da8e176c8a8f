#pragma once
// A table of named numeric columns. Missing cells are NaN and are excluded
// from fits. Column names are identifiers so formulas can refer to them;
// `label` keeps the header text as the user wrote it.

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace hf::data {

struct Column {
  std::string name;   ///< identifier used in formulas, e.g. "T"
  std::string label;  ///< header text without the unit, e.g. "Temperature"
  std::string unit;   ///< e.g. "K"; empty when unknown
  std::vector<double> values;
};

class Dataset {
 public:
  std::string name;        ///< shown in the UI, e.g. the file's base name
  std::string sourcePath;  ///< where it was read from; empty when embedded
  std::vector<Column> columns;

  std::size_t rowCount() const { return columns.empty() ? 0 : columns.front().values.size(); }
  std::size_t columnCount() const { return columns.size(); }

  /// Index of the column with this name (or label), or -1.
  int findColumn(std::string_view nameOrLabel) const;
  std::vector<std::string> columnNames() const;

  static bool isMissing(double v) { return std::isnan(v); }
};

/// Turns header text into a formula identifier: letters, digits and '_',
/// not starting with a digit ("log density" -> "log_density").
std::string toIdentifier(std::string_view text);

/// Splits "T [K]" or "T (K)" into name "T" and unit "K".
void splitUnit(std::string_view header, std::string& label, std::string& unit);

}  // namespace hf::data
