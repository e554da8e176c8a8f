#include "ode/detail/OneStep.h"

namespace hf::ode::detail {

OneStep::OneStep(const SolveRequest& request, const IntegratorSettings& settings, std::size_t n, std::size_t ns,
                 Solution& out)
    : m_request(request), m_out(out), m_n(n), m_ns(ns), m_rtol(settings.rtol), m_atol(n * (1 + ns), settings.atol) {
  const std::size_t nt = request.times.size();
  out.stateCount = n;
  out.sensitivityCount = ns;
  out.tReached = request.t0;
  out.states.assign(nt * n, 0.0);
  out.sensitivities.assign(nt * n * ns, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < ns; ++j) {
      const double scale = j < request.parameterScales.size() ? std::fabs(request.parameterScales[j]) : 1.0;
      m_atol[n + i * ns + j] = settings.atol / (std::isfinite(scale) && scale > 0 ? scale : 1.0);
    }
}

std::vector<double> OneStep::start() const {
  std::vector<double> z(size(), 0.0);
  std::copy(m_request.y0.begin(), m_request.y0.end(), z.begin());
  if (!m_request.s0.empty())
    std::copy(m_request.s0.begin(), m_request.s0.end(), z.begin() + static_cast<std::ptrdiff_t>(m_n));
  return z;
}

void OneStep::store(std::size_t k, const std::vector<double>& z) const {
  std::copy_n(z.begin(), m_n, m_out.states.begin() + static_cast<std::ptrdiff_t>(k * m_n));
  std::copy_n(z.begin() + static_cast<std::ptrdiff_t>(m_n), m_n * m_ns,
              m_out.sensitivities.begin() + static_cast<std::ptrdiff_t>(k * m_n * m_ns));
}

double OneStep::norm(const std::vector<double>& v, const std::vector<double>& a, const std::vector<double>& b) const {
  double total = 0;
  for (std::size_t i = 0; i < size(); ++i) {
    const double w =
        std::max(m_atol[i] + m_rtol * std::max(std::fabs(a[i]), std::fabs(b[i])), std::numeric_limits<double>::min());
    total += (v[i] / w) * (v[i] / w);
  }
  return std::sqrt(total / static_cast<double>(size()));
}

}  // namespace hf::ode::detail
