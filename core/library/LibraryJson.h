#pragma once
// Reading the entries both equation libraries share (parameters, symbols),
// failing with the JSON pointer of the bad field.

#include "common/JsonAccess.h"
#include "library/EquationLibrary.h"

namespace hf::library {

/// {name, start, lower, upper, unit, description, logScale}: bounds null or
/// absent = none; the start must lie within them (and be positive on a
/// log scale).
LibraryParameter readLibraryParameter(const json::Node& p);
/// {name, unit, description} and, for a constant, its value.
Symbol readLibrarySymbol(const json::Node& n, bool isConstant);

}  // namespace hf::library
