#include "fit/FitSummary.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace hf::fit {

std::string toString(Termination t) {
  switch (t) {
    case Termination::Converged:
      return "converged";
    case Termination::NoConvergence:
      return "no_convergence";
    case Termination::Cancelled:
      return "cancelled";
    case Termination::Failed:
      return "failed";
  }
  return "failed";
}

bool parseTermination(const std::string& text, Termination& out) {
  for (Termination t :
       {Termination::Converged, Termination::NoConvergence, Termination::Cancelled, Termination::Failed})
    if (toString(t) == text) {
      out = t;
      return true;
    }
  return false;
}

namespace {

// "NAME.wK": a learned component's weight (parameter names of the model
// itself are identifiers, with "[experiment]" for local ones, never a dot).
bool isLearnedWeight(const std::string& name, std::string* component) {
  const std::size_t dot = name.rfind(".w");
  if (dot == std::string::npos || dot == 0 || dot + 2 >= name.size()) return false;
  for (std::size_t k = dot + 2; k < name.size(); ++k)
    if (!std::isdigit(static_cast<unsigned char>(name[k]))) return false;
  for (std::size_t k = 0; k < dot; ++k)
    if (!(std::isalnum(static_cast<unsigned char>(name[k])) || name[k] == '_')) return false;
  if (component) *component = name.substr(0, dot);
  return true;
}

}  // namespace

std::string FitSummary::briefReport() const {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "%s after %d iterations (%s) in %.3g s: %s\n%s %.10g, residual SD %.6g, %zu points, %zu free "
                "parameters, %ld degrees of freedom, R^2 %.6f",
                toString(termination).c_str(), iterations, strategy.c_str(), solveSeconds, message.c_str(),
                weighted ? "weighted RSS (chi-square)" : "RSS", rss, residualSd, pointCount, freeParameterCount,
                degreesOfFreedom, std::fabs(rSquared) < 5e-7 ? 0.0 : rSquared);  // never "-0.000000"
  std::string out = buf;
  if (penalty > 0 || !penaltyTerms.empty()) {
    std::snprintf(buf, sizeof buf, ", penalty %.6g", penalty);
    out += buf;
  }
  for (const LossTerm& t : penaltyTerms) {
    std::snprintf(buf, sizeof buf, "\n  penalty %-24s %.6g", t.name.c_str(), t.value);
    out += buf;
  }
  // Learned weights: one line per component (all values: the JSON output).
  std::vector<std::string> components;
  std::vector<std::vector<double>> weights;
  for (const ParameterEstimate& p : parameters) {
    std::string c;
    if (!isLearnedWeight(p.name, &c)) continue;
    const auto it = std::find(components.begin(), components.end(), c);
    if (it == components.end()) {
      components.push_back(c);
      weights.emplace_back();
    }
    weights[static_cast<std::size_t>(std::find(components.begin(), components.end(), c) - components.begin())]
        .push_back(p.value);
  }
  for (const ParameterEstimate& p : parameters) {
    if (isLearnedWeight(p.name, nullptr)) continue;
    std::snprintf(buf, sizeof buf, "\n  %-12s = %-22.12g", p.name.c_str(), p.value);
    out += buf;
    if (p.fixed)
      out += " (fixed)";
    else if (p.atBound)
      out += " (held at a bound: no standard error)";
    else if (!p.identifiable)
      out += " (not identifiable)";
    else if (!std::isfinite(p.standardError))
      out += termination == Termination::Cancelled ? " (no standard error: fit cancelled)" : " (no standard error)";
    else {
      std::snprintf(buf, sizeof buf, " +/- %.6g (95%% CI +/- %.6g)", p.standardError, p.ci95);
      out += buf;
    }
    if (!p.unit.empty()) out += " [" + p.unit + "]";
  }
  for (std::size_t c = 0; c < components.size(); ++c) {
    double largest = 0, squares = 0;
    for (double w : weights[c]) {
      largest = std::max(largest, std::fabs(w));
      squares += w * w;
    }
    std::snprintf(buf, sizeof buf, "\n  %-12s : %zu learned weights, largest |w| %.4g, RMS %.4g", components[c].c_str(),
                  weights[c].size(), largest, std::sqrt(squares / static_cast<double>(weights[c].size())));
    out += buf;
  }
  if (!nonIdentifiable.empty()) {
    // Physics parameters by name; a component's weights as one count.
    out += "\nNot identifiable from these data:";
    std::vector<std::size_t> counts(components.size(), 0);
    for (const auto& n : nonIdentifiable) {
      std::string c;
      if (!isLearnedWeight(n, &c)) {
        out += " " + n;
        continue;
      }
      const auto it = std::find(components.begin(), components.end(), c);
      if (it == components.end())
        out += " " + n;
      else
        ++counts[static_cast<std::size_t>(it - components.begin())];
    }
    for (std::size_t c = 0; c < components.size(); ++c)
      if (counts[c] > 0)
        out += " " + components[c] + " (" + std::to_string(counts[c]) + " of " + std::to_string(weights[c].size()) +
               " weights)";
  }
  out += correlationTable();
  for (const std::string& w : warnings) out += "\nWarning: " + w;
  return out;
}

std::string FitSummary::correlationTable() const {
  const std::size_t p = parameters.size();
  if (correlation.size() != p * p) return {};
  std::vector<std::size_t> shown;  // parameters with a correlation (free, identifiable)
  for (std::size_t i = 0; i < p; ++i)
    if (std::isfinite(correlation[i * p + i]) && !isLearnedWeight(parameters[i].name, nullptr)) shown.push_back(i);
  if (shown.size() < 2) return {};
  std::size_t width = 6;
  for (std::size_t i : shown) width = std::max(width, parameters[i].name.size());
  const int w = static_cast<int>(width);
  char buf[256];
  std::string out = "\nCorrelations:\n  " + std::string(width, ' ');
  for (std::size_t i : shown) {
    std::snprintf(buf, sizeof buf, " %*s", w, parameters[i].name.c_str());
    out += buf;
  }
  for (std::size_t r : shown) {
    std::snprintf(buf, sizeof buf, "\n  %-*s", w, parameters[r].name.c_str());
    out += buf;
    for (std::size_t c : shown) {
      if (c > r) break;  // lower triangle
      std::snprintf(buf, sizeof buf, " %*.3f", w, correlation[r * p + c]);
      out += buf;
    }
  }
  return out;
}

}  // namespace hf::fit
