#include "fit/FitSummary.h"

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

std::string FitSummary::briefReport() const {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "%s after %d iterations (%s) in %.3g s: %s\nRSS %.10g, residual SD %.6g, %zu points, %zu free "
                "parameters, %ld degrees of freedom, R^2 %.6f",
                toString(termination).c_str(), iterations, strategy.c_str(), solveSeconds, message.c_str(), rss,
                residualSd, pointCount, freeParameterCount, degreesOfFreedom, rSquared);
  std::string out = buf;
  for (const ParameterEstimate& p : parameters) {
    std::snprintf(buf, sizeof buf, "\n  %-12s = %-22.12g", p.name.c_str(), p.value);
    out += buf;
    if (p.fixed)
      out += " (fixed)";
    else if (p.atBound)
      out += " (held at a bound: no standard error)";
    else if (!p.identifiable)
      out += " (not identifiable)";
    else {
      std::snprintf(buf, sizeof buf, " +/- %.6g (95%% CI +/- %.6g)", p.standardError, p.ci95);
      out += buf;
    }
    if (!p.unit.empty()) out += " [" + p.unit + "]";
  }
  if (!nonIdentifiable.empty()) {
    out += "\nNot identifiable from these data:";
    for (const auto& n : nonIdentifiable) out += " " + n;
  }
  return out;
}

}  // namespace hf::fit
