#pragma once
// A multilayer perceptron: hidden layers z = W a + b, a = f(z), and a
// linear output layer. Weights per layer: W (rows = the layer's width,
// row-major) then b.

#include "ml/LearnedFunction.h"

namespace hf::ml::detail {

class Mlp final : public LearnedFunction {
 public:
  explicit Mlp(const LearnedSpec& spec);

 private:
  void forwardRaw(const double* xs, const double* w, double* raw, double* inner) const override;
  void reverseRaw(const double* xs, const double* w, double* inner, const double* rawBar, double* xsBar,
                  double* wbar) const override;
  void tangentRaw(const double* xs, const double* w, double* inner, const double* dxs, double* draw) const override;
  void tangentReverseRaw(const double* xs, const double* w, double* inner, const double* dxs, const double* drawBar,
                         double* xsBar, double* wbar) const override;
  void initialise(std::vector<double>& w, SeededUniform& random) const override;

  struct Layer {
    std::size_t in = 0, out = 0;
    std::size_t weights = 0;   ///< offset of W in the weight vector (b follows W)
    std::size_t z = 0, a = 0;  ///< offsets of pre-activations and activations in the scratch
    std::size_t dz = 0;        ///< offset of the pre-activations' tangents (tangentRaw)
  };
  std::vector<Layer> m_layers;
  /// kBuffers working buffers of m_widest at m_buffers (reverse, tangent,
  /// reverse over the tangent).
  static constexpr std::size_t kBuffers = 5;
  std::size_t m_widest = 0, m_buffers = 0;
  Activation m_activation;
};

}  // namespace hf::ml::detail
