// The only translation unit of bench_nist_suite with Ceres autodiff
// templates (slow to compile). Models as in the NIST StRD certificate files.
#include "NistFunctors.h"

#include <ceres/ceres.h>

#include <chrono>
#include <cmath>
#include <numbers>

namespace hf::bench {
namespace {

using std::atan;
using std::cos;
using std::exp;
using std::pow;
using std::sin;
constexpr double kPi = std::numbers::pi;

// f(b, x) for one observation; x[1] is the second predictor (Nelson only).
struct Misra1a {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] * (1.0 - exp(-b[1] * x[0]));
  }
};
struct Chwirut {
  template <typename T>
  static T f(const T* b, const double* x) {
    return exp(-b[0] * x[0]) / (b[1] + b[2] * x[0]);
  }
};
struct Lanczos {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] * exp(-b[1] * x[0]) + b[2] * exp(-b[3] * x[0]) + b[4] * exp(-b[5] * x[0]);
  }
};
struct Gauss {
  template <typename T>
  static T f(const T* b, const double* x) {
    const T d1 = x[0] - b[3], d2 = x[0] - b[6];
    return b[0] * exp(-b[1] * x[0]) + b[2] * exp(-d1 * d1 / (b[4] * b[4])) + b[5] * exp(-d2 * d2 / (b[7] * b[7]));
  }
};
struct DanWood {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] * pow(T(x[0]), b[1]);
  }
};
struct Misra1b {
  template <typename T>
  static T f(const T* b, const double* x) {
    const T t = 1.0 + b[1] * x[0] / 2.0;
    return b[0] * (1.0 - 1.0 / (t * t));
  }
};
struct Kirby2 {
  template <typename T>
  static T f(const T* b, const double* x) {
    const double v = x[0];
    return (b[0] + b[1] * v + b[2] * v * v) / (1.0 + b[3] * v + b[4] * v * v);
  }
};
struct Rational33 {  // Hahn1, Thurber
  template <typename T>
  static T f(const T* b, const double* x) {
    const double v = x[0], v2 = v * v, v3 = v2 * v;
    return (b[0] + b[1] * v + b[2] * v2 + b[3] * v3) / (1.0 + b[4] * v + b[5] * v2 + b[6] * v3);
  }
};
struct Nelson {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] - b[1] * x[0] * exp(-b[2] * x[1]);
  }
};
struct MGH17 {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] + b[1] * exp(-x[0] * b[3]) + b[2] * exp(-x[0] * b[4]);
  }
};
struct Misra1c {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] * (1.0 - 1.0 / sqrt(1.0 + 2.0 * b[1] * x[0]));
  }
};
struct Misra1d {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] * b[1] * x[0] / (1.0 + b[1] * x[0]);
  }
};
struct Roszman1 {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] - b[1] * x[0] - atan(b[2] / (x[0] - b[3])) / kPi;
  }
};
struct ENSO {
  template <typename T>
  static T f(const T* b, const double* x) {
    const double w = 2.0 * kPi * x[0];
    return b[0] + b[1] * cos(w / 12.0) + b[2] * sin(w / 12.0) + b[4] * cos(w / b[3]) + b[5] * sin(w / b[3]) +
           b[7] * cos(w / b[6]) + b[8] * sin(w / b[6]);
  }
};
struct MGH09 {
  template <typename T>
  static T f(const T* b, const double* x) {
    const double v = x[0];
    return b[0] * (v * v + v * b[1]) / (v * v + v * b[2] + b[3]);
  }
};
struct BoxBOD {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] * (1.0 - exp(-b[1] * x[0]));
  }
};
struct Rat42 {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] / (1.0 + exp(b[1] - b[2] * x[0]));
  }
};
struct MGH10 {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] * exp(b[1] / (x[0] + b[2]));
  }
};
struct Eckerle4 {
  template <typename T>
  static T f(const T* b, const double* x) {
    const T z = (x[0] - b[2]) / b[1];
    return b[0] / b[1] * exp(-0.5 * z * z);
  }
};
struct Rat43 {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] / pow(1.0 + exp(b[1] - b[2] * x[0]), 1.0 / b[3]);
  }
};
struct Bennett5 {
  template <typename T>
  static T f(const T* b, const double* x) {
    return b[0] * pow(b[1] + x[0], -1.0 / b[2]);
  }
};

// All observations in one residual block, as in Ceres' examples/nist.cc.
template <class Model>
struct AllObservations {
  const double* x;  // row-major n x 2
  const double* y;
  int n;
  template <typename T>
  bool operator()(const T* b, T* r) const {
    for (int i = 0; i < n; ++i) r[i] = y[i] - Model::template f<T>(b, x + 2 * i);
    return true;
  }
};

template <class Model, int P>
HandWrittenRun run(const std::vector<double>& x1, const std::vector<double>& x2, const std::vector<double>& y,
                   const std::vector<double>& start) {
  HandWrittenRun out;
  out.known = true;
  const auto t0 = std::chrono::steady_clock::now();
  const int n = static_cast<int>(y.size());
  std::vector<double> x(2 * y.size());
  for (std::size_t i = 0; i < y.size(); ++i) {
    x[2 * i] = x1[i];
    x[2 * i + 1] = x2.empty() ? 0.0 : x2[i];
  }
  out.b = start;
  ceres::Problem problem;
  problem.AddResidualBlock(new ceres::AutoDiffCostFunction<AllObservations<Model>, ceres::DYNAMIC, P>(
                               new AllObservations<Model>{x.data(), y.data(), n}, n),
                           nullptr, out.b.data());
  ceres::Solver::Options o;
  o.linear_solver_type = ceres::DENSE_QR;
  o.max_num_iterations = 10000;
  o.function_tolerance = o.gradient_tolerance = o.parameter_tolerance = std::numeric_limits<double>::epsilon();
  o.logging_type = ceres::SILENT;
  ceres::Solver::Summary s;
  ceres::Solve(o, &problem, &s);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.iterations = static_cast<int>(s.iterations.size()) - 1;
  return out;
}

}  // namespace

HandWrittenRun solveHandWritten(const std::string& name, const std::vector<double>& x1, const std::vector<double>& x2,
                                const std::vector<double>& y, const std::vector<double>& start) {
  if (name == "Misra1a") return run<Misra1a, 2>(x1, x2, y, start);
  if (name == "Chwirut1" || name == "Chwirut2") return run<Chwirut, 3>(x1, x2, y, start);
  if (name == "Lanczos1" || name == "Lanczos2" || name == "Lanczos3") return run<Lanczos, 6>(x1, x2, y, start);
  if (name == "Gauss1" || name == "Gauss2" || name == "Gauss3") return run<Gauss, 8>(x1, x2, y, start);
  if (name == "DanWood") return run<DanWood, 2>(x1, x2, y, start);
  if (name == "Misra1b") return run<Misra1b, 2>(x1, x2, y, start);
  if (name == "Kirby2") return run<Kirby2, 5>(x1, x2, y, start);
  if (name == "Hahn1" || name == "Thurber") return run<Rational33, 7>(x1, x2, y, start);
  if (name == "Nelson") return run<Nelson, 3>(x1, x2, y, start);
  if (name == "MGH17") return run<MGH17, 5>(x1, x2, y, start);
  if (name == "Misra1c") return run<Misra1c, 2>(x1, x2, y, start);
  if (name == "Misra1d") return run<Misra1d, 2>(x1, x2, y, start);
  if (name == "Roszman1") return run<Roszman1, 4>(x1, x2, y, start);
  if (name == "ENSO") return run<ENSO, 9>(x1, x2, y, start);
  if (name == "MGH09") return run<MGH09, 4>(x1, x2, y, start);
  if (name == "BoxBOD") return run<BoxBOD, 2>(x1, x2, y, start);
  if (name == "Rat42") return run<Rat42, 3>(x1, x2, y, start);
  if (name == "MGH10") return run<MGH10, 3>(x1, x2, y, start);
  if (name == "Eckerle4") return run<Eckerle4, 3>(x1, x2, y, start);
  if (name == "Rat43") return run<Rat43, 4>(x1, x2, y, start);
  if (name == "Bennett5") return run<Bennett5, 3>(x1, x2, y, start);
  return {};
}

}  // namespace hf::bench
