#pragma once
// A polynomial basis: every monomial of the scaled inputs up to a total
// degree, raw_k = sum_m C_km mono_m(xs). Weights: C (outputs x monomials,
// row-major). Linear in its weights, so it starts at zero (no correction).

#include "ml/LearnedFunction.h"

namespace hf::ml::detail {

class PolynomialBasis final : public LearnedFunction {
 public:
  explicit PolynomialBasis(const LearnedSpec& spec);
  /// The monomials' exponents, monomial-major (monomialCount x inputs),
  /// in graded order (degree 0, then 1, ...).
  const std::vector<int>& exponents() const { return m_exponents; }

 private:
  void forwardRaw(const double* xs, const double* w, double* raw, double* inner) const override;
  void reverseRaw(const double* xs, const double* w, double* inner, const double* rawBar, double* xsBar,
                  double* wbar) const override;
  void tangentRaw(const double* xs, const double* w, double* inner, const double* dxs, double* draw) const override;
  void tangentReverseRaw(const double* xs, const double* w, double* inner, const double* dxs, const double* drawBar,
                         double* xsBar, double* wbar) const override;
  void initialise(std::vector<double>& w, SeededUniform& random) const override;
  /// d mono_m / d xs_i.
  double partial(std::size_t m, std::size_t i, const double* powers) const;
  /// d^2 mono_m / (d xs_i d xs_q).
  double secondPartial(std::size_t m, std::size_t i, std::size_t q, const double* powers) const;

  std::size_t m_in, m_out, m_count;
  int m_degree;
  std::vector<int> m_exponents;
};

}  // namespace hf::ml::detail
