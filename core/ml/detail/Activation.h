#pragma once
// Hidden-unit activations: value a(z), slope a'(z) and curvature a''(z)
// given z and a(z).

#include "ml/LearnedSpec.h"

#include <cmath>

namespace hf::ml::detail {

inline double sigmoid(double z) {
  // Never exp of a large positive number.
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

inline double activate(Activation f, double z) {
  switch (f) {
    case Activation::Tanh:
      return std::tanh(z);
    case Activation::Softplus:  // log(1 + e^z), without overflow
      return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
    case Activation::Sigmoid:
      return sigmoid(z);
    case Activation::Gaussian:
      return std::exp(-z * z);
    case Activation::Swish:
      return z * sigmoid(z);
  }
  return z;
}

inline double slope(Activation f, double z, double a) {
  switch (f) {
    case Activation::Tanh:
      return 1.0 - a * a;
    case Activation::Softplus:
      return sigmoid(z);
    case Activation::Sigmoid:
      return a * (1.0 - a);
    case Activation::Gaussian:
      return -2.0 * z * a;
    case Activation::Swish: {
      const double s = sigmoid(z);
      return s + z * s * (1.0 - s);
    }
  }
  return 1.0;
}

inline double curvature(Activation f, double z, double a) {
  switch (f) {
    case Activation::Tanh:
      return -2.0 * a * (1.0 - a * a);
    case Activation::Softplus: {
      const double s = sigmoid(z);
      return s * (1.0 - s);
    }
    case Activation::Sigmoid:
      return a * (1.0 - a) * (1.0 - 2.0 * a);
    case Activation::Gaussian:
      return (4.0 * z * z - 2.0) * a;
    case Activation::Swish: {
      const double s = sigmoid(z);
      return s * (1.0 - s) * (2.0 + z * (1.0 - 2.0 * s));
    }
  }
  return 0.0;
}

}  // namespace hf::ml::detail
