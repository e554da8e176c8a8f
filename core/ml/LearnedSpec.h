#pragma once
// What a learned component is, as the user declares it in a model: a
// small multilayer perceptron, a radial basis function expansion with
// fitted centres and widths, or a polynomial basis, with its inputs,
// outputs, scaling and seed. A formula calls it by name: NN(T, c) or
// U(x, y)[1]. The weights are fitted with the physics (LearnedFunction).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hf::ml {

enum class LearnedKind { Mlp, Rbf, Polynomial };
/// Hidden-unit activations of a perceptron (the output layer is linear).
enum class Activation { Tanh, Softplus, Sigmoid, Gaussian, Swish };

struct LearnedSpec {
  /// The name formulas call it by (an identifier, not a function or
  /// constant name).
  std::string name;
  LearnedKind kind = LearnedKind::Mlp;
  /// Number of arguments of a call; 1..16.
  std::size_t inputs = 1;
  /// Number of outputs; a formula picks output k (1-based) as NAME(...)[k].
  std::size_t outputs = 1;
  /// Perceptron: the hidden layers' widths, e.g. {5, 5, 5}; each 1..256,
  /// at most 8 layers. Empty is a linear map.
  std::vector<std::size_t> hidden{8, 8};
  Activation activation = Activation::Tanh;
  /// RBF expansion: the number of Gaussian centres, 1..256.
  std::size_t centres = 8;
  /// Polynomial basis: every monomial of the inputs up to this total
  /// degree, 0..8.
  int degree = 3;
  /// Seed of the weight initialisation (the same seed gives the same
  /// weights on every machine).
  std::uint64_t seed = 1;
  /// Input scaling: the network sees (x - inputOffset) / inputScale per
  /// input; empty means 0 and 1. Set them to the data's centre and half
  /// range so that inputs are of order one.
  std::vector<double> inputOffset, inputScale;
  /// Output scaling: y = outputScale * raw + outputOffset per output;
  /// empty means 1 and 0. Sets the size of the learned term in model units.
  std::vector<double> outputScale, outputOffset;
  /// L2 weight regularisation strength (lambda; the penalty is lambda *
  /// sum of squared weights); >= 0.
  double l2 = 0.0;
  /// Stored weights to start from (a project's trained network); empty
  /// means the seeded initialisation. Must match the component's weight
  /// count when given.
  std::vector<double> weights;

  /// What is wrong with the spec, or an empty string.
  std::string validate() const;
  bool operator==(const LearnedSpec&) const = default;
};

const char* kindName(LearnedKind kind);
const char* activationName(Activation activation);
/// "mlp", "rbf", "polynomial"; throws hf::Error listing the choices.
LearnedKind parseKind(const std::string& text);
/// "tanh", "softplus", "sigmoid", "gaussian" (exp(-s^2)), "swish";
/// throws hf::Error listing the choices.
Activation parseActivation(const std::string& text);

}  // namespace hf::ml
