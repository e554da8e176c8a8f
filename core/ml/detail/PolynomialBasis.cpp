#include "ml/detail/PolynomialBasis.h"

#include <algorithm>

namespace hf::ml::detail {
namespace {

// Every exponent vector of `inputs` entries with total degree <= degree,
// graded (all of degree 0, then 1, ...), lexicographic within a degree.
std::vector<int> enumerate(std::size_t inputs, int degree) {
  std::vector<int> out;
  std::vector<int> e(inputs, 0);
  for (int total = 0; total <= degree; ++total) {
    // Compositions of `total` into `inputs` parts, first part largest first.
    auto place = [&](auto&& self, std::size_t i, int left) -> void {
      if (i + 1 == inputs) {
        e[i] = left;
        out.insert(out.end(), e.begin(), e.end());
        return;
      }
      for (int k = left; k >= 0; --k) {
        e[i] = k;
        self(self, i + 1, left - k);
      }
    };
    place(place, 0, total);
  }
  return out;
}

}  // namespace

PolynomialBasis::PolynomialBasis(const LearnedSpec& spec)
    : LearnedFunction(spec, spec.outputs * (enumerate(spec.inputs, spec.degree).size() / spec.inputs),
                      spec.inputs * static_cast<std::size_t>(spec.degree + 1) +
                          enumerate(spec.inputs, spec.degree).size() / spec.inputs),
      m_in(spec.inputs),
      m_out(spec.outputs),
      m_degree(spec.degree),
      m_exponents(enumerate(spec.inputs, spec.degree)) {
  m_count = m_exponents.size() / m_in;
}

// Scratch: powers xs_i^k (inputs x (degree + 1)), then the monomials.
void PolynomialBasis::forwardRaw(const double* xs, const double* w, double* raw, double* inner) const {
  const std::size_t d1 = static_cast<std::size_t>(m_degree) + 1;
  double* powers = inner;
  double* mono = inner + m_in * d1;
  for (std::size_t i = 0; i < m_in; ++i) {
    powers[i * d1] = 1.0;
    for (std::size_t k = 1; k < d1; ++k) powers[i * d1 + k] = powers[i * d1 + k - 1] * xs[i];
  }
  for (std::size_t m = 0; m < m_count; ++m) {
    double v = 1.0;
    for (std::size_t i = 0; i < m_in; ++i) v *= powers[i * d1 + static_cast<std::size_t>(m_exponents[m * m_in + i])];
    mono[m] = v;
  }
  for (std::size_t k = 0; k < m_out; ++k) {
    const double* C = w + k * m_count;
    double s = 0.0;
    for (std::size_t m = 0; m < m_count; ++m) s += C[m] * mono[m];
    raw[k] = s;
  }
}

double PolynomialBasis::partial(std::size_t m, std::size_t i, const double* powers) const {
  const std::size_t d1 = static_cast<std::size_t>(m_degree) + 1;
  const int e = m_exponents[m * m_in + i];
  if (e == 0) return 0.0;
  double v = e * powers[i * d1 + static_cast<std::size_t>(e - 1)];
  for (std::size_t q = 0; q < m_in; ++q)
    if (q != i) v *= powers[q * d1 + static_cast<std::size_t>(m_exponents[m * m_in + q])];
  return v;
}

void PolynomialBasis::reverseRaw(const double*, const double* w, double* inner, const double* rawBar, double* xsBar,
                                 double* wbar) const {
  const std::size_t d1 = static_cast<std::size_t>(m_degree) + 1;
  const double* powers = inner;
  const double* mono = inner + m_in * d1;
  std::fill_n(xsBar, m_in, 0.0);
  for (std::size_t k = 0; k < m_out; ++k) {
    const double g = rawBar[k];
    if (g == 0.0) continue;
    const double* C = w + k * m_count;
    for (std::size_t m = 0; m < m_count; ++m) {
      if (wbar) wbar[k * m_count + m] += g * mono[m];
      if (C[m] == 0.0) continue;
      for (std::size_t i = 0; i < m_in; ++i) xsBar[i] += g * C[m] * partial(m, i, powers);
    }
  }
}

void PolynomialBasis::tangentRaw(const double*, const double* w, double* inner, const double* dxs, double* draw) const {
  const double* powers = inner;
  for (std::size_t k = 0; k < m_out; ++k) {
    const double* C = w + k * m_count;
    double s = 0.0;
    for (std::size_t m = 0; m < m_count; ++m) {
      if (C[m] == 0.0) continue;
      for (std::size_t i = 0; i < m_in; ++i) s += C[m] * partial(m, i, powers) * dxs[i];
    }
    draw[k] = s;
  }
}

double PolynomialBasis::secondPartial(std::size_t m, std::size_t i, std::size_t q, const double* powers) const {
  const std::size_t d1 = static_cast<std::size_t>(m_degree) + 1;
  const int* e = &m_exponents[m * m_in];
  const auto power = [&](std::size_t input, int k) { return powers[input * d1 + static_cast<std::size_t>(k)]; };
  double v = 1.0;
  if (i == q) {
    if (e[i] < 2) return 0.0;
    v = e[i] * (e[i] - 1) * power(i, e[i] - 2);
  } else {
    if (e[i] == 0 || e[q] == 0) return 0.0;
    v = e[i] * e[q] * power(i, e[i] - 1) * power(q, e[q] - 1);
  }
  for (std::size_t r = 0; r < m_in; ++r)
    if (r != i && r != q) v *= power(r, e[r]);
  return v;
}

// draw_k = sum_m C_km sum_i d_i mono_m dxs_i is linear in C; its gradient
// in xs needs the monomials' second partials.
void PolynomialBasis::tangentReverseRaw(const double*, const double* w, double* inner, const double* dxs,
                                        const double* drawBar, double* xsBar, double* wbar) const {
  const double* powers = inner;
  std::fill_n(xsBar, m_in, 0.0);
  for (std::size_t m = 0; m < m_count; ++m) {
    double directional = 0.0;
    for (std::size_t i = 0; i < m_in; ++i) directional += partial(m, i, powers) * dxs[i];
    double g = 0.0;  // sum_k drawBar_k C_km
    for (std::size_t k = 0; k < m_out; ++k) {
      if (wbar) wbar[k * m_count + m] += drawBar[k] * directional;
      g += drawBar[k] * w[k * m_count + m];
    }
    if (g == 0.0) continue;
    for (std::size_t q = 0; q < m_in; ++q) {
      double s = 0.0;
      for (std::size_t i = 0; i < m_in; ++i)
        if (dxs[i] != 0.0) s += secondPartial(m, i, q, powers) * dxs[i];
      xsBar[q] += g * s;
    }
  }
}

void PolynomialBasis::initialise(std::vector<double>& w, SeededUniform&) const { std::fill(w.begin(), w.end(), 0.0); }

}  // namespace hf::ml::detail
