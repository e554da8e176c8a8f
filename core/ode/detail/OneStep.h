#pragma once
// What the one-step integrators on z = [y; S] (Dormand-Prince, Rodas4)
// share: the start vector, the tolerance of each component, the weighted
// error norm, Hairer's initial step and the storing of an output.
// S is row-major n x ns, so z has n (1 + ns) components.

#include "ode/Integrator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace hf::ode::detail {

class OneStep {
 public:
  /// Sizes `out` for the request's outputs (states, sensitivities).
  OneStep(const SolveRequest& request, const IntegratorSettings& settings, std::size_t n, std::size_t ns,
          Solution& out);

  std::size_t size() const { return m_atol.size(); }
  /// Absolute tolerance per component: states atol, sensitivity j atol / |p_j|.
  const std::vector<double>& atol() const { return m_atol; }
  /// z at the initial time.
  std::vector<double> start() const;
  /// z as output number k.
  void store(std::size_t k, const std::vector<double>& z) const;
  /// RMS of v with weights atol + rtol max(|a|, |b|) (never 0: with atol = 0
  /// a component at exactly 0 admits no error).
  double norm(const std::vector<double>& v, const std::vector<double>& a, const std::vector<double>& b) const;

  /// Hairer's initial step from the sizes of z, z' = f0 and an estimate of
  /// z'' by one evaluation `rates(t, z, dz)` (false: not finite), at most
  /// tEnd - t. `work` and `dz` are scratch of size().
  template <class Rates>
  double initialStep(Rates&& rates, double t, double tEnd, const std::vector<double>& z, const std::vector<double>& f0,
                     std::vector<double>& work, std::vector<double>& dz) const {
    const double norm0 = norm(z, z, z), norm1 = norm(f0, z, z);
    double h0 = (norm0 < 1e-5 || norm1 < 1e-5) ? 1e-6 : 0.01 * norm0 / norm1;
    h0 = std::min(h0, tEnd - t);
    if (!(h0 > 0)) return h0;
    for (std::size_t i = 0; i < size(); ++i) work[i] = z[i] + h0 * f0[i];
    if (!rates(t + h0, work.data(), dz.data())) return h0 * 1e-3;
    for (std::size_t i = 0; i < size(); ++i) dz[i] = (dz[i] - f0[i]) / h0;
    const double big = std::max(norm1, norm(dz, z, z));
    const double h1 = big <= 1e-15 ? std::max(1e-6, h0 * 1e-3) : std::pow(0.01 / big, 1.0 / 5);
    return std::min(100 * h0, h1);
  }

 private:
  const SolveRequest& m_request;
  Solution& m_out;
  std::size_t m_n, m_ns;
  double m_rtol;
  std::vector<double> m_atol;
};

}  // namespace hf::ode::detail
