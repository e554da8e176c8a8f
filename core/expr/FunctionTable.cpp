#include "expr/FunctionTable.h"

#include <array>
#include <cmath>
#include <numbers>

namespace hf::expr {
namespace {

constexpr double kTwoOverSqrtPi = 1.1283791670955126;  // 2/sqrt(pi)

// Digamma psi(x) = d/dx lgamma(x): recurrence up to x >= 6, then the
// asymptotic series (Abramowitz & Stegun 6.3.18); reflection for x < 0.
double digamma(double x) {
  if (!std::isfinite(x)) return x;
  if (x <= 0.0 && x == std::floor(x)) return std::numeric_limits<double>::quiet_NaN();
  if (x < 0.0) return digamma(1.0 - x) - std::numbers::pi / std::tan(std::numbers::pi * x);
  double result = 0.0;
  while (x < 6.0) {
    result -= 1.0 / x;
    x += 1.0;
  }
  const double f = 1.0 / (x * x);
  result += std::log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
  return result;
}

double sgn(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); }

// Each entry: name, arity, value, partials, description. The lambdas are
// captureless so they convert to plain function pointers.
const std::array kTable = {
    FunctionInfo{"exp", 1, [](const double* a) { return std::exp(a[0]); },
                 [](const double*, double v, double* d) { d[0] = v; }, "exponential"},
    FunctionInfo{"log", 1, [](const double* a) { return std::log(a[0]); },
                 [](const double* a, double, double* d) { d[0] = 1.0 / a[0]; }, "natural logarithm"},
    FunctionInfo{"ln", 1, [](const double* a) { return std::log(a[0]); },
                 [](const double* a, double, double* d) { d[0] = 1.0 / a[0]; }, "natural logarithm (alias of log)"},
    FunctionInfo{"log10", 1, [](const double* a) { return std::log10(a[0]); },
                 [](const double* a, double, double* d) { d[0] = 1.0 / (a[0] * std::numbers::ln10); },
                 "base-10 logarithm"},
    FunctionInfo{"sqrt", 1, [](const double* a) { return std::sqrt(a[0]); },
                 [](const double*, double v, double* d) { d[0] = 0.5 / v; }, "square root"},
    FunctionInfo{"abs", 1, [](const double* a) { return std::fabs(a[0]); },
                 [](const double* a, double, double* d) { d[0] = sgn(a[0]); }, "absolute value"},
    FunctionInfo{"sin", 1, [](const double* a) { return std::sin(a[0]); },
                 [](const double* a, double, double* d) { d[0] = std::cos(a[0]); }, "sine (radians)"},
    FunctionInfo{"cos", 1, [](const double* a) { return std::cos(a[0]); },
                 [](const double* a, double, double* d) { d[0] = -std::sin(a[0]); }, "cosine (radians)"},
    FunctionInfo{"tan", 1, [](const double* a) { return std::tan(a[0]); },
                 [](const double*, double v, double* d) { d[0] = 1.0 + v * v; }, "tangent (radians)"},
    FunctionInfo{"asin", 1, [](const double* a) { return std::asin(a[0]); },
                 [](const double* a, double, double* d) { d[0] = 1.0 / std::sqrt(1.0 - a[0] * a[0]); }, "inverse sine"},
    FunctionInfo{"acos", 1, [](const double* a) { return std::acos(a[0]); },
                 [](const double* a, double, double* d) { d[0] = -1.0 / std::sqrt(1.0 - a[0] * a[0]); },
                 "inverse cosine"},
    FunctionInfo{"atan", 1, [](const double* a) { return std::atan(a[0]); },
                 [](const double* a, double, double* d) { d[0] = 1.0 / (1.0 + a[0] * a[0]); }, "inverse tangent"},
    FunctionInfo{"arctan", 1, [](const double* a) { return std::atan(a[0]); },
                 [](const double* a, double, double* d) { d[0] = 1.0 / (1.0 + a[0] * a[0]); },
                 "inverse tangent (alias of atan)"},
    FunctionInfo{"sinh", 1, [](const double* a) { return std::sinh(a[0]); },
                 [](const double* a, double, double* d) { d[0] = std::cosh(a[0]); }, "hyperbolic sine"},
    FunctionInfo{"cosh", 1, [](const double* a) { return std::cosh(a[0]); },
                 [](const double* a, double, double* d) { d[0] = std::sinh(a[0]); }, "hyperbolic cosine"},
    FunctionInfo{"tanh", 1, [](const double* a) { return std::tanh(a[0]); },
                 [](const double*, double v, double* d) { d[0] = 1.0 - v * v; }, "hyperbolic tangent"},
    FunctionInfo{"erf", 1, [](const double* a) { return std::erf(a[0]); },
                 [](const double* a, double, double* d) { d[0] = kTwoOverSqrtPi * std::exp(-a[0] * a[0]); },
                 "error function"},
    FunctionInfo{"erfc", 1, [](const double* a) { return std::erfc(a[0]); },
                 [](const double* a, double, double* d) { d[0] = -kTwoOverSqrtPi * std::exp(-a[0] * a[0]); },
                 "complementary error function"},
    FunctionInfo{"lgamma", 1, [](const double* a) { return std::lgamma(a[0]); },
                 [](const double* a, double, double* d) { d[0] = digamma(a[0]); }, "log of |gamma(x)|"},
    FunctionInfo{"gamma", 1, [](const double* a) { return std::tgamma(a[0]); },
                 [](const double* a, double v, double* d) { d[0] = v * digamma(a[0]); }, "gamma function"},
    FunctionInfo{"expm1", 1, [](const double* a) { return std::expm1(a[0]); },
                 [](const double*, double v, double* d) { d[0] = v + 1.0; }, "exp(x) - 1, accurate near 0"},
    FunctionInfo{"log1p", 1, [](const double* a) { return std::log1p(a[0]); },
                 [](const double* a, double, double* d) { d[0] = 1.0 / (1.0 + a[0]); }, "log(1 + x), accurate near 0"},
    FunctionInfo{"sign", 1, [](const double* a) { return sgn(a[0]); },
                 [](const double*, double, double* d) { d[0] = 0.0; }, "sign: -1, 0 or 1"},
    FunctionInfo{"heaviside", 1, [](const double* a) { return a[0] >= 0 ? 1.0 : 0.0; },
                 [](const double*, double, double* d) { d[0] = 0.0; }, "step: 0 for x < 0, else 1"},
    FunctionInfo{"pow", 2, [](const double* a) { return std::pow(a[0], a[1]); }, nullptr,
                 "a^b (compiled as the ^ operator)"},
    FunctionInfo{"atan2", 2, [](const double* a) { return std::atan2(a[0], a[1]); },
                 [](const double* a, double, double* d) {
                   const double r2 = a[0] * a[0] + a[1] * a[1];
                   d[0] = a[1] / r2;
                   d[1] = -a[0] / r2;
                 },
                 "atan2(y, x): angle of the point (x, y)"},
    FunctionInfo{"hypot", 2, [](const double* a) { return std::hypot(a[0], a[1]); },
                 [](const double* a, double v, double* d) {
                   d[0] = v > 0 ? a[0] / v : 0.0;
                   d[1] = v > 0 ? a[1] / v : 0.0;
                 },
                 "sqrt(a^2 + b^2) without overflow"},
    FunctionInfo{"min", 2, [](const double* a) { return a[0] <= a[1] ? a[0] : a[1]; },
                 [](const double* a, double, double* d) {
                   d[0] = a[0] <= a[1] ? 1.0 : 0.0;
                   d[1] = 1.0 - d[0];
                 },
                 "smaller of two values"},
    FunctionInfo{"max", 2, [](const double* a) { return a[0] >= a[1] ? a[0] : a[1]; },
                 [](const double* a, double, double* d) {
                   d[0] = a[0] >= a[1] ? 1.0 : 0.0;
                   d[1] = 1.0 - d[0];
                 },
                 "larger of two values"},
};

}  // namespace

std::span<const FunctionInfo> functionTable() { return kTable; }

int findFunction(std::string_view name) {
  for (std::size_t i = 0; i < kTable.size(); ++i)
    if (name == kTable[i].name) return static_cast<int>(i);
  return -1;
}

bool findConstant(std::string_view name, double& value) {
  if (name == "pi") {
    value = std::numbers::pi;
    return true;
  }
  if (name == "e") {
    value = std::numbers::e;
    return true;
  }
  return false;
}

}  // namespace hf::expr
