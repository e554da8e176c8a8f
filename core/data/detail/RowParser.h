#pragma once
// Internal to core/data: turning one text cell or one whole data line into
// numbers. The line parser is the fast path of the import (no cell list,
// numbers read in place with std::from_chars); it gives up on anything
// unusual (quotes, missing-value markers, text), and the caller then takes
// the careful cell-by-cell path that can explain what is wrong.

#include <cstddef>
#include <string_view>

namespace hf::data::detail {

enum class CellKind { Number, Missing, Text };

/// Parses one trimmed cell: a plain decimal number (with `decimal` as the
/// decimal separator, '.' or ','), a missing marker (empty, NA, NaN, N/A,
/// null) or anything else (Text). Quotes around a number are tolerated.
CellKind parseCell(std::string_view cell, char decimal, double& out);

/// Parses a line of exactly `ncols` numbers or empty cells separated by
/// `delim` (' ' = runs of blanks), blanks around cells allowed. Returns
/// false, with `out` unspecified, on anything else. Empty cells are NaN and
/// counted in `missing`.
bool parseNumberLine(std::string_view line, char delim, char decimal, std::size_t ncols, double* out,
                     std::size_t& missing);

}  // namespace hf::data::detail
