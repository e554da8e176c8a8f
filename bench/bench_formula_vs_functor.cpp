// A fit driven by a formula (expression tape + reverse sweep) against the
// same model hand-written as a templated functor with Ceres autodiff, with
// the same data, start and solver settings: as Ceres users write it (one
// residual block per point) and in blocks of 128 points (one autodiff
// functor looping over its rows), the faster hand-written form. Target
// (issue 10): ratio <= 1 against both.
// Usage: bench_formula_vs_functor [points] [mode: both|formula|functor]
// (single modes exist for `valgrind --tool=callgrind` instruction counts).
#include "fit/Calibrator.h"
#include "model/AlgebraicModel.h"

#include <ceres/ceres.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

namespace {

constexpr double kTruth[4] = {700.0, 5.3, 0.76, 1.3};
constexpr double kStart[4] = {600.0, 4.0, 0.6, 1.0};
const char* kFormula = "b1 / (1 + exp(b2 - b3*x))^(1/b4)";

// Rat43-type sigmoid, written as Ceres users write it.
struct Rat43Residual {
  Rat43Residual(double xi, double yi) : x(xi), y(yi) {}
  template <typename T>
  bool operator()(const T* const b, T* r) const {
    r[0] = b[0] / pow(T(1) + exp(b[1] - b[2] * x), T(1) / b[3]) - y;
    return true;
  }
  double x, y;
};

// The same model over a block of rows: one cost function per 128 points.
struct Rat43Block {
  const double* x;
  const double* y;
  int n;
  template <typename T>
  bool operator()(const T* const b, T* r) const {
    for (int i = 0; i < n; ++i) r[i] = b[0] / pow(T(1) + exp(b[1] - b[2] * x[i]), T(1) / b[3]) - y[i];
    return true;
  }
};

void configure(ceres::Solver::Options& o) {
  o.linear_solver_type = ceres::DENSE_QR;
  o.max_num_iterations = 200;
  o.function_tolerance = 1e-12;
  o.gradient_tolerance = 1e-14;
  o.parameter_tolerance = 1e-12;
  o.logging_type = ceres::SILENT;
}

struct Result {
  double seconds;
  int iterations;
  double b[4];
};

Result runFunctor(const std::vector<double>& x, const std::vector<double>& y) {
  Result res{};
  std::copy(kStart, kStart + 4, res.b);
  ceres::Problem problem;
  for (std::size_t i = 0; i < x.size(); ++i)
    problem.AddResidualBlock(new ceres::AutoDiffCostFunction<Rat43Residual, 1, 4>(new Rat43Residual(x[i], y[i])),
                             nullptr, res.b);
  ceres::Solver::Options o;
  configure(o);
  ceres::Solver::Summary s;
  const auto t0 = std::chrono::steady_clock::now();
  ceres::Solve(o, &problem, &s);
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  res.iterations = static_cast<int>(s.iterations.size()) - 1;
  return res;
}

Result runBlockFunctor(const std::vector<double>& x, const std::vector<double>& y) {
  Result res{};
  std::copy(kStart, kStart + 4, res.b);
  ceres::Problem problem;
  const std::size_t chunk = 128;
  for (std::size_t i = 0; i < x.size(); i += chunk) {
    const int n = static_cast<int>(std::min(chunk, x.size() - i));
    problem.AddResidualBlock(new ceres::AutoDiffCostFunction<Rat43Block, ceres::DYNAMIC, 4>(
                                 new Rat43Block{x.data() + i, y.data() + i, n}, n),
                             nullptr, res.b);
  }
  ceres::Solver::Options o;
  configure(o);
  ceres::Solver::Summary s;
  const auto t0 = std::chrono::steady_clock::now();
  ceres::Solve(o, &problem, &s);
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  res.iterations = static_cast<int>(s.iterations.size()) - 1;
  return res;
}

Result runFormula(const hf::data::Dataset& data) {
  hf::model::AlgebraicModelSpec spec;
  spec.formula = kFormula;
  spec.response = "y";
  spec.parameters = {"b1", "b2", "b3", "b4"};
  const hf::model::AlgebraicModel model(data, spec);
  hf::fit::CalibrationOptions o;  // the same settings as configure()
  o.maxIterations = 200;
  o.functionTolerance = 1e-12;
  o.gradientTolerance = 1e-14;
  o.parameterTolerance = 1e-12;
  o.polishRestarts = 0;
  o.tryAlternativeStrategies = false;
  o.computeCovariance = false;
  std::vector<hf::fit::ParameterSetting> settings;
  for (int i = 0; i < 4; ++i) settings.push_back({spec.parameters[static_cast<std::size_t>(i)], kStart[i]});
  const hf::fit::FitSummary s = hf::fit::Calibrator(model, settings, o).run();
  Result res{};
  res.seconds = s.solveSeconds;
  res.iterations = s.iterations;
  for (int i = 0; i < 4; ++i) res.b[i] = s.parameters[static_cast<std::size_t>(i)].value;
  return res;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::stoi(argv[1]) : 20000;
  const std::string mode = argc > 2 ? argv[2] : "both";
  std::mt19937 rng(11);
  std::normal_distribution<double> noise(0.0, 5.0);
  std::vector<double> x(static_cast<std::size_t>(n)), y(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    x[static_cast<std::size_t>(i)] = 1.0 + 14.0 * i / (n - 1);
    y[static_cast<std::size_t>(i)] =
        kTruth[0] / std::pow(1 + std::exp(kTruth[1] - kTruth[2] * x[static_cast<std::size_t>(i)]), 1 / kTruth[3]) +
        noise(rng);
  }
  hf::data::Dataset data;
  data.columns.push_back({"x", "x", "", x});
  data.columns.push_back({"y", "y", "", y});

  if (mode == "formula") {
    const Result r = runFormula(data);
    std::printf("formula: %.4f s, %d iterations\n", r.seconds, r.iterations);
    return 0;
  }
  if (mode == "functor") {
    const Result r = runFunctor(x, y);
    std::printf("functor: %.4f s, %d iterations\n", r.seconds, r.iterations);
    return 0;
  }
  if (mode == "blocks") {
    const Result r = runBlockFunctor(x, y);
    std::printf("functor in blocks: %.4f s, %d iterations\n", r.seconds, r.iterations);
    return 0;
  }
  // Interleave repetitions so both see the same machine load; keep the best.
  Result bestF{1e9, 0, {}}, bestA{1e9, 0, {}}, bestB{1e9, 0, {}};
  for (int rep = 0; rep < 5; ++rep) {
    const Result f = runFormula(data);
    const Result a = runFunctor(x, y);
    const Result b = runBlockFunctor(x, y);
    if (f.seconds < bestF.seconds) bestF = f;
    if (a.seconds < bestA.seconds) bestA = a;
    if (b.seconds < bestB.seconds) bestB = b;
  }
  double maxRel = 0;
  for (int i = 0; i < 4; ++i) maxRel = std::max(maxRel, std::fabs(bestF.b[i] - bestA.b[i]) / std::fabs(bestA.b[i]));
  const double ratio = bestF.seconds / bestA.seconds;
  const double ratioB = bestF.seconds / bestB.seconds;
  std::printf("formula_vs_functor: %d points, 4 parameters (Rat43-type sigmoid)\n", n);
  std::printf("  formula (tape, reverse sweep): %.4f s, %d iterations\n", bestF.seconds, bestF.iterations);
  std::printf("  functor (Ceres autodiff), one block per point:  %.4f s, %d iterations\n", bestA.seconds,
              bestA.iterations);
  std::printf("  functor (Ceres autodiff), blocks of 128 points: %.4f s, %d iterations\n", bestB.seconds,
              bestB.iterations);
  std::printf(
      "  ratio formula/functor: %.2f per point, %.2f in blocks (target <= 1) -> %s; estimates agree to %.1e "
      "relative\n",
      ratio, ratioB, std::max(ratio, ratioB) <= 1.0 ? "meets" : "MISSES", maxRel);
  return 0;
}
