#include "ml/detail/RbfExpansion.h"

#include "ml/SeededUniform.h"

#include <algorithm>
#include <cmath>

namespace hf::ml::detail {

// Scratch: r2 (centres), phi (centres), inverse squared widths (centres),
// phiBar (centres, reverse), dphi (centres, tangent: kept by reverse()).
RbfExpansion::RbfExpansion(const LearnedSpec& spec)
    : LearnedFunction(spec, spec.centres * (spec.inputs + 1) + spec.outputs * (spec.centres + 1), 5 * spec.centres),
      m_in(spec.inputs),
      m_out(spec.outputs),
      m_m(spec.centres),
      m_rho(spec.centres * spec.inputs),
      m_a(spec.centres * (spec.inputs + 1)),
      m_b(spec.centres * (spec.inputs + 1) + spec.outputs * spec.centres) {}

void RbfExpansion::forwardRaw(const double* xs, const double* w, double* raw, double* inner) const {
  double* r2 = inner;
  double* phi = inner + m_m;
  double* inv = inner + 2 * m_m;
  for (std::size_t j = 0; j < m_m; ++j) {
    const double* c = w + j * m_in;
    inv[j] = std::exp(-2.0 * w[m_rho + j]);
    double s = 0.0;
    for (std::size_t i = 0; i < m_in; ++i) s += (xs[i] - c[i]) * (xs[i] - c[i]);
    r2[j] = s * inv[j];
    phi[j] = std::exp(-r2[j]);
  }
  for (std::size_t k = 0; k < m_out; ++k) {
    const double* A = w + m_a + k * m_m;
    double s = w[m_b + k];
    for (std::size_t j = 0; j < m_m; ++j) s += A[j] * phi[j];
    raw[k] = s;
  }
}

void RbfExpansion::reverseRaw(const double* xs, const double* w, double* inner, const double* rawBar, double* xsBar,
                              double* wbar) const {
  const double* r2 = inner;
  const double* phi = inner + m_m;
  const double* inv = inner + 2 * m_m;
  double* phiBar = inner + 3 * m_m;
  std::fill_n(phiBar, m_m, 0.0);
  for (std::size_t k = 0; k < m_out; ++k) {
    const double g = rawBar[k];
    if (g == 0.0) continue;
    const double* A = w + m_a + k * m_m;
    for (std::size_t j = 0; j < m_m; ++j) phiBar[j] += g * A[j];
    if (wbar) {
      double* Ab = wbar + m_a + k * m_m;
      for (std::size_t j = 0; j < m_m; ++j) Ab[j] += g * phi[j];
      wbar[m_b + k] += g;
    }
  }
  std::fill_n(xsBar, m_in, 0.0);
  for (std::size_t j = 0; j < m_m; ++j) {
    // phi = exp(-r2): d phi = -phi d r2; r2 = |xs - c|^2 inv, inv = e^(-2 rho).
    const double r2Bar = -phi[j] * phiBar[j];
    if (r2Bar == 0.0) continue;
    const double* c = w + j * m_in;
    for (std::size_t i = 0; i < m_in; ++i) {
      const double g = r2Bar * 2.0 * (xs[i] - c[i]) * inv[j];
      xsBar[i] += g;
      if (wbar) wbar[j * m_in + i] -= g;
    }
    if (wbar) wbar[m_rho + j] += r2Bar * (-2.0 * r2[j]);
  }
}

void RbfExpansion::tangentRaw(const double* xs, const double* w, double* inner, const double* dxs, double* draw) const {
  const double* phi = inner + m_m;
  const double* inv = inner + 2 * m_m;
  double* dphi = inner + 4 * m_m;
  for (std::size_t j = 0; j < m_m; ++j) {
    const double* c = w + j * m_in;
    double s = 0.0;
    for (std::size_t i = 0; i < m_in; ++i) s += 2.0 * (xs[i] - c[i]) * dxs[i];
    dphi[j] = -phi[j] * s * inv[j];
  }
  for (std::size_t k = 0; k < m_out; ++k) {
    const double* A = w + m_a + k * m_m;
    double s = 0.0;
    for (std::size_t j = 0; j < m_m; ++j) s += A[j] * dphi[j];
    draw[k] = s;
  }
}

// draw_k = sum_j A_kj dphi_j, dphi_j = -2 inv_j phi_j s_j with
// s_j = (xs - c_j) . dxs. With G_j = sum_k drawBar_k A_kj:
//   d dphi_j / d xs_i = -2 inv_j phi_j (dxs_i - 2 inv_j s_j (xs_i - c_ji)) = -d / d c_ji,
//   d dphi_j / d rho_j = dphi_j (2 r2_j - 2).
void RbfExpansion::tangentReverseRaw(const double* xs, const double* w, double* inner, const double* dxs,
                                     const double* drawBar, double* xsBar, double* wbar) const {
  const double* r2 = inner;
  const double* phi = inner + m_m;
  const double* inv = inner + 2 * m_m;
  const double* dphi = inner + 4 * m_m;
  std::fill_n(xsBar, m_in, 0.0);
  for (std::size_t j = 0; j < m_m; ++j) {
    double g = 0.0;
    for (std::size_t k = 0; k < m_out; ++k) {
      g += drawBar[k] * w[m_a + k * m_m + j];
      if (wbar) wbar[m_a + k * m_m + j] += drawBar[k] * dphi[j];
    }
    if (g == 0.0) continue;
    const double* c = w + j * m_in;
    double s = 0.0;
    for (std::size_t i = 0; i < m_in; ++i) s += (xs[i] - c[i]) * dxs[i];
    for (std::size_t i = 0; i < m_in; ++i) {
      const double d = g * -2.0 * inv[j] * phi[j] * (dxs[i] - 2.0 * inv[j] * s * (xs[i] - c[i]));
      xsBar[i] += d;
      if (wbar) wbar[j * m_in + i] -= d;
    }
    if (wbar) wbar[m_rho + j] += g * dphi[j] * (2.0 * r2[j] - 2.0);
  }
}

// Centres uniform in the scaled input box [-1, 1]^inputs, widths such
// that the centres' spheres about cover it, small amplitudes, zero bias.
void RbfExpansion::initialise(std::vector<double>& w, SeededUniform& random) const {
  for (std::size_t k = 0; k < m_m * m_in; ++k) w[k] = random.symmetric(1.0);
  const double width = std::max(0.1, 2.0 / std::pow(static_cast<double>(m_m), 1.0 / static_cast<double>(m_in)));
  for (std::size_t j = 0; j < m_m; ++j) w[m_rho + j] = std::log(width);
  const double amplitude = std::sqrt(3.0 / static_cast<double>(m_m));
  for (std::size_t k = 0; k < m_out * m_m; ++k) w[m_a + k] = random.symmetric(amplitude);
}

}  // namespace hf::ml::detail
