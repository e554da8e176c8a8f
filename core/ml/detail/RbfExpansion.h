#pragma once
// A radial basis function expansion with fitted centres and widths:
//   phi_j = exp(-|xs - c_j|^2 / s_j^2),  s_j = exp(rho_j),
//   raw_k = sum_j A_kj phi_j + b_k.
// Weights: c (centres x inputs, row-major), rho (centres), A (outputs x
// centres, row-major), b (outputs). The width is fitted through its
// logarithm, so it stays positive without a bound.

#include "ml/LearnedFunction.h"

namespace hf::ml::detail {

class RbfExpansion final : public LearnedFunction {
 public:
  explicit RbfExpansion(const LearnedSpec& spec);

 private:
  void forwardRaw(const double* xs, const double* w, double* raw, double* inner) const override;
  void reverseRaw(const double* xs, const double* w, double* inner, const double* rawBar, double* xsBar,
                  double* wbar) const override;
  void tangentRaw(const double* xs, const double* w, double* inner, const double* dxs, double* draw) const override;
  void tangentReverseRaw(const double* xs, const double* w, double* inner, const double* dxs, const double* drawBar,
                         double* xsBar, double* wbar) const override;
  void initialise(std::vector<double>& w, SeededUniform& random) const override;

  std::size_t m_in, m_out, m_m;
  std::size_t m_rho, m_a, m_b;  ///< offsets in the weight vector (centres at 0)
};

}  // namespace hf::ml::detail
