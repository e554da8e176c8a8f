#pragma once
// A learned component's mathematics: values, exact derivatives in inputs
// and weights, and seeded initial weights. A formula's tape calls it as
// one node (hand-written loops over its weight matrices), so a formula
// that uses it gets exact gradients without a tape node per multiply-add.
//
// Conventions: x has inputCount() values, w weightCount(), y outputCount().
// evaluate() fills `scratch` (scratchSize() doubles, owned by the caller)
// with what reverse() and tangent() read; call them with the same scratch
// and weights right after. No allocation; const methods are safe to call
// concurrently with one scratch per thread.

#include "ml/LearnedSpec.h"

#include <memory>
#include <vector>

namespace hf::ml {

class SeededUniform;

class LearnedFunction {
 public:
  /// Throws hf::Error with spec.validate()'s message on a bad spec.
  static std::unique_ptr<LearnedFunction> create(const LearnedSpec& spec);
  virtual ~LearnedFunction() = default;

  const LearnedSpec& spec() const { return m_spec; }
  std::size_t inputCount() const { return m_spec.inputs; }
  std::size_t outputCount() const { return m_spec.outputs; }
  std::size_t weightCount() const { return m_weights; }
  std::size_t scratchSize() const { return 3 * m_spec.inputs + m_spec.outputs + m_inner; }
  /// The starting weights: the spec's stored ones, or else the seeded
  /// initialisation (the same on every machine for a seed).
  std::vector<double> initialWeights() const;
  /// The seeded initialisation, ignoring stored weights; `offset` > 0
  /// gives another network of the same shape (seed + offset), for restarts.
  std::vector<double> seededWeights(std::uint64_t offset = 0) const;

  /// y = outputScale * raw(scaled x) + outputOffset.
  void evaluate(const double* x, const double* w, double* y, double* scratch) const;
  /// Reverse sweep after evaluate(): ADDS ybar^T dy/dx to xbar and
  /// ybar^T dy/dw to wbar (either may be null).
  void reverse(const double* w, double* scratch, const double* ybar, double* xbar, double* wbar) const;
  /// Directional derivative in the inputs after evaluate(): dy = (dy/dx) dx.
  void tangent(const double* w, double* scratch, const double* dx, double* dy) const;
  /// The derivative in input j after evaluate(): dy = dy/dx_j for every
  /// output, exact (a tangent sweep along e_j).
  void inputDerivative(const double* w, double* scratch, std::size_t j, double* dy) const;
  /// After inputDerivative(j) (or tangent()) with the same scratch, with
  /// any reverse() calls in between: ADDS
  /// dybar^T d(dy)/dx to xbar and dybar^T d(dy)/dw to wbar (either may be
  /// null), where dy is that tangent: the exact second derivatives a
  /// residual such as dNN/dt - f(NN) needs, from one reverse sweep over the
  /// tangent sweep. Leaves what it read intact (callable again).
  void tangentReverse(const double* w, double* scratch, const double* dybar, double* xbar, double* wbar) const;

 protected:
  LearnedFunction(LearnedSpec spec, std::size_t weights, std::size_t innerScratch);
  /// The component on scaled inputs xs; `inner` is its own scratch.
  virtual void forwardRaw(const double* xs, const double* w, double* raw, double* inner) const = 0;
  /// Sets xsBar (inputCount values) and ADDS to wbar (when not null).
  virtual void reverseRaw(const double* xs, const double* w, double* inner, const double* rawBar, double* xsBar,
                          double* wbar) const = 0;
  virtual void tangentRaw(const double* xs, const double* w, double* inner, const double* dxs, double* draw) const = 0;
  /// After tangentRaw(dxs) with the same inner: SETS xsBar to the gradient
  /// of drawBar . draw in xs and ADDS its gradient in w to wbar (when not
  /// null); keeps what tangentRaw stored.
  virtual void tangentReverseRaw(const double* xs, const double* w, double* inner, const double* dxs,
                                 const double* drawBar, double* xsBar, double* wbar) const = 0;
  virtual void initialise(std::vector<double>& w, SeededUniform& random) const = 0;

 private:
  LearnedSpec m_spec;
  std::size_t m_weights = 0, m_inner = 0;
  std::vector<double> m_inOffset, m_inScale, m_outScale, m_outOffset;  ///< resolved (never empty)
};

}  // namespace hf::ml
