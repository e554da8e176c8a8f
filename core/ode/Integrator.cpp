#include "ode/Integrator.h"

#include "common/AllFinite.h"
#include "common/Error.h"

#include <algorithm>
#include <cmath>

namespace hf::ode {

bool RightHandSide::sensitivityRates(double t, const double* y, const double* s, double* f, double* ds) {
  const std::size_t n = stateCount(), ns = sensitivityCount();
  m_jy.resize(n * n);
  m_jp.resize(n * ns);
  if (!jacobians(t, y, f, m_jy.data(), m_jp.data())) return false;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < ns; ++j) {
      double v = m_jp[i * ns + j];
      for (std::size_t k = 0; k < n; ++k) v += m_jy[i * n + k] * s[k * ns + j];
      ds[i * ns + j] = v;
    }
  return allFinite(ds, n * ns);
}

std::string methodName(IntegratorSettings::Method method) {
  switch (method) {
    case IntegratorSettings::Method::Auto:
      return "auto";
    case IntegratorSettings::Method::Bdf:
      return "bdf";
    case IntegratorSettings::Method::Adams:
      return "adams";
    case IntegratorSettings::Method::Dopri5:
      return "dopri5";
    case IntegratorSettings::Method::Rodas4:
      return "rodas4";
  }
  return "auto";
}

IntegratorSettings::Method parseMethod(const std::string& name) {
  for (auto m : {IntegratorSettings::Method::Auto, IntegratorSettings::Method::Bdf, IntegratorSettings::Method::Adams,
                 IntegratorSettings::Method::Dopri5, IntegratorSettings::Method::Rodas4})
    if (methodName(m) == name) return m;
  throw Error("unknown integration method '" + name + "' (expected auto, bdf, adams, dopri5 or rodas4)");
}

IntegratorSettings::Method stiffMethod(std::size_t stateCount) {
  return stateCount <= kSmallSystemStates ? IntegratorSettings::Method::Rodas4 : IntegratorSettings::Method::Bdf;
}

Solution integrate(RightHandSide& rhs, const SolveRequest& request, const IntegratorSettings& settings,
                   const std::atomic<bool>* cancel) {
  const std::size_t n = rhs.stateCount(), ns = rhs.sensitivityCount();
  if (request.y0.size() != n)
    throw Error("integrate: " + std::to_string(request.y0.size()) + " initial values for " + std::to_string(n) +
                " states");
  if (!request.s0.empty() && request.s0.size() != n * ns) throw Error("integrate: wrong size of initial sensitivities");
  double last = request.t0;
  for (double t : request.times) {
    if (!(t >= last)) throw Error("integrate: output times must be finite, sorted and not before the initial time");
    last = t;
  }
  if (!(settings.rtol > 0) || !(settings.atol >= 0) || settings.maxSteps <= 0)
    throw Error("integrate: tolerances must be positive and the step budget at least 1");
  Solution out;
  for (double y : request.y0)
    if (!std::isfinite(y)) {
      out.status = Solution::Status::Failed;
      out.reason = "an initial value is not a finite number";
      out.tReached = request.t0;
      return out;
    }
  switch (settings.method) {
    case IntegratorSettings::Method::Bdf:
    case IntegratorSettings::Method::Adams:
      return detail::integrateCvodes(rhs, request, settings, cancel);
    case IntegratorSettings::Method::Dopri5:
      return detail::integrateDopri5(rhs, request, settings, cancel, false);
    case IntegratorSettings::Method::Rodas4:
      return detail::integrateRodas4(rhs, request, settings, cancel);
    case IntegratorSettings::Method::Auto:
      break;
  }
  out = detail::integrateDopri5(rhs, request, settings, cancel, true);
  if (out.status != Solution::Status::Failed) return out;
  // Stiff (or explicit steps collapsed): the stiff method from the start.
  IntegratorSettings stiff = settings;
  stiff.method = stiffMethod(n);
  stiff.maxSteps = std::max(1L, settings.maxSteps - out.steps);
  const Solution explicitAttempt = out;
  out = stiff.method == IntegratorSettings::Method::Rodas4 ? detail::integrateRodas4(rhs, request, stiff, cancel)
                                                           : detail::integrateCvodes(rhs, request, stiff, cancel);
  out.steps += explicitAttempt.steps;
  // When both fail and the explicit method did not stop for stiffness, its
  // reason (a blow-up, a value that is not finite) says more than the stiff method's
  // running out of steps near the same time.
  if (out.status == Solution::Status::Failed && explicitAttempt.reason != "stiff") {
    out.reason = explicitAttempt.reason;
    out.tReached = std::max(out.tReached, explicitAttempt.tReached);
  }
  return out;
}

}  // namespace hf::ode
