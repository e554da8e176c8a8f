#pragma once
// Putting a library equation onto a dataset: which data column stands for
// each of the equation's inputs, the formula written in those columns, and
// the parameters' settings with units that follow from the data. Shared by
// the workbench ("Use this equation") and hybridfit-cli --equation/--map.

#include "data/Dataset.h"
#include "fit/CalibrationOptions.h"
#include "library/EquationLibrary.h"

#include <string>
#include <utility>
#include <vector>

namespace hf::library {

/// input name -> data column name, one entry per equation input.
using InputMapping = std::vector<std::pair<std::string, std::string>>;

/// Maps every input of `eq`: first as `given` says (throws hf::Error when
/// a name there is not an input of the equation or not a column), then an
/// input that is a column's own name to that column, then the remaining
/// inputs to the remaining columns in column order (never the response or
/// weight column). Inputs left without a column are absent from the result.
InputMapping mapInputs(const Equation& eq, const data::Dataset& data, const std::string& response,
                       const std::string& weightColumn, const InputMapping& given = {});

/// `formula` with each mapped input renamed to its column (whole names
/// only: `t` never touches `sqrt` or `t0`).
std::string renameInputs(const std::string& formula, const InputMapping& mapping);

/// The unit a library parameter takes on these data: the data's unit where
/// the parameter has the unit of the response or of an input (Km of a
/// Michaelis-Menten fit on substrate in ppm is in ppm); the library's unit
/// where every mapped column has the library's unit; otherwise blank
/// (never a unit that may be wrong). Dimensionless parameters keep theirs.
std::string parameterUnit(const Equation& eq, const LibraryParameter& p, const data::Dataset& data,
                          const std::string& response, const InputMapping& mapping);

/// Settings of all of eq's parameters (library start and bounds, unit from
/// parameterUnit) followed by its constants (fixed).
std::vector<fit::ParameterSetting> parameterSettings(const Equation& eq, const data::Dataset& data,
                                                     const std::string& response, const InputMapping& mapping);

}  // namespace hf::library
