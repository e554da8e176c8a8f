#pragma once
// JSON form of a FitSummary, shared by project files and `hybridfit-cli
// --json`: {"parameters":[{"name","value","stderr",...}], "rss",
// "converged", "iterations", "termination", "fit_time_s", ...}. NaN and
// infinity are written as null.

#include "fit/FitSummary.h"

#include <nlohmann/json.hpp>
#include <string>

namespace hf::project {

nlohmann::json summaryToJson(const fit::FitSummary& summary);
/// Throws hf::Error with the JSON pointer (prefixed by `pointer`) of a bad field.
fit::FitSummary summaryFromJson(const nlohmann::json& doc, const std::string& pointer, const std::string& sourceName);

}  // namespace hf::project
