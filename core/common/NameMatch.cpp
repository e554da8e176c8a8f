#include "common/NameMatch.h"

#include <algorithm>
#include <cctype>

namespace hf {

std::size_t editDistance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic-programming table suffice for transpositions.
  std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[b.size()];
}

std::string closestName(std::string_view name, const std::vector<std::string>& candidates) {
  const auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  std::string best;
  // One- and two-letter names (a, k, Vm) are parameters by habit: only a
  // different case counts as a typo there.
  std::size_t bestDistance = name.size() >= 6 ? 2 : (name.size() >= 3 ? 1 : 0);
  for (const std::string& c : candidates) {
    if (c == name) return {};
    const std::size_t d = lower(c) == lower(name) ? 0 : editDistance(name, c);
    if (d <= bestDistance && (best.empty() || d < bestDistance)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

}  // namespace hf
