#include "ml/LearnedSpec.h"

#include "common/Error.h"

#include <cctype>
#include <cmath>

namespace hf::ml {
namespace {

bool isIdentifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

std::string checkScaling(const std::string& what, const std::vector<double>& v, std::size_t n, bool positive) {
  if (v.empty()) return "";
  if (v.size() != n)
    return what + " has " + std::to_string(v.size()) + " values for " + std::to_string(n) +
           (n == 1 ? " entry" : " entries");
  for (double x : v) {
    if (!std::isfinite(x)) return what + " must be finite";
    if (positive && !(x != 0.0)) return what + " must not be zero";
  }
  return "";
}

}  // namespace

std::string LearnedSpec::validate() const {
  const std::string who = "learned component '" + name + "': ";
  if (!isIdentifier(name)) return "learned component name '" + name + "' is not a name (letters, digits, _)";
  if (name == "diff") return "learned component name 'diff' is taken: diff(NAME(...)[k], x) differentiates one";
  if (inputs < 1 || inputs > 16) return who + "inputs must be 1..16, not " + std::to_string(inputs);
  if (outputs < 1 || outputs > 16) return who + "outputs must be 1..16, not " + std::to_string(outputs);
  switch (kind) {
    case LearnedKind::Mlp:
      if (hidden.size() > 8) return who + "at most 8 hidden layers";
      for (std::size_t w : hidden)
        if (w < 1 || w > 256) return who + "hidden layer widths must be 1..256, not " + std::to_string(w);
      break;
    case LearnedKind::Rbf:
      if (centres < 1 || centres > 256) return who + "centres must be 1..256, not " + std::to_string(centres);
      break;
    case LearnedKind::Polynomial:
      if (degree < 0 || degree > 8) return who + "degree must be 0..8, not " + std::to_string(degree);
      break;
  }
  for (const std::string& e : {checkScaling(who + "inputOffset", inputOffset, inputs, false),
                               checkScaling(who + "inputScale", inputScale, inputs, true),
                               checkScaling(who + "outputScale", outputScale, outputs, true),
                               checkScaling(who + "outputOffset", outputOffset, outputs, false)})
    if (!e.empty()) return e;
  if (!(l2 >= 0.0) || !std::isfinite(l2)) return who + "l2 must be a finite number >= 0";
  if (seed > 0x7fffffffffffffffull) return who + "seed must be below 2^63";
  for (double w : weights)
    if (!std::isfinite(w)) return who + "stored weights must be finite numbers";
  return "";
}

const char* kindName(LearnedKind kind) {
  switch (kind) {
    case LearnedKind::Mlp:
      return "mlp";
    case LearnedKind::Rbf:
      return "rbf";
    case LearnedKind::Polynomial:
      return "polynomial";
  }
  return "mlp";
}

const char* activationName(Activation a) {
  switch (a) {
    case Activation::Tanh:
      return "tanh";
    case Activation::Softplus:
      return "softplus";
    case Activation::Sigmoid:
      return "sigmoid";
    case Activation::Gaussian:
      return "gaussian";
    case Activation::Swish:
      return "swish";
  }
  return "tanh";
}

LearnedKind parseKind(const std::string& text) {
  for (LearnedKind k : {LearnedKind::Mlp, LearnedKind::Rbf, LearnedKind::Polynomial})
    if (text == kindName(k)) return k;
  throw Error("unknown learned component type '" + text + "' (expected mlp, rbf or polynomial)");
}

Activation parseActivation(const std::string& text) {
  for (Activation a :
       {Activation::Tanh, Activation::Softplus, Activation::Sigmoid, Activation::Gaussian, Activation::Swish})
    if (text == activationName(a)) return a;
  throw Error("unknown activation '" + text + "' (expected tanh, softplus, sigmoid, gaussian or swish)");
}

}  // namespace hf::ml
