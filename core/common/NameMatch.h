#pragma once
// Suggesting the name a user probably meant ("cnoc" -> "conc").

#include <string>
#include <string_view>
#include <vector>

namespace hf {

/// Optimal string alignment distance (Levenshtein with transpositions).
std::size_t editDistance(std::string_view a, std::string_view b);

/// The candidate closest to `name` when it is close enough to be a likely
/// typo: equal ignoring case, or at distance 1 (from three characters) or 2
/// (from six); empty otherwise or when `name` is itself a candidate.
std::string closestName(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace hf
