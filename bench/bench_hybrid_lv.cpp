// The universal-differential-equation fit of issue 12 (projects/universal-lv:
// Lotka-Volterra whose interaction is a 2-5-5-5-2 network with Gaussian
// units, 87 weights, plus a and d; 31 times, 5 % noise, weight penalty
// 1e-3): time and iterations to convergence, next to what the published
// workflow needed (200 Adam + up to 10,000 BFGS iterations), and the time
// of one residual Jacobian (a solve of states and 89 sensitivities)
// against the same network written by hand in C++ with Ceres autodiff
// (Jets through the network for df/dy and df/dp at every stage) on the same
// Dormand-Prince integrator: the limit. Goals: the fit under 10 s on 2
// cores; the Jacobian within 2x of the limit.
// `adam`: one network (seed 1, no restarts) trained by Levenberg-Marquardt
// and by Adam (learning rate 1e-2, 1e-3) on the same problem: iterations
// and time until Adam's lowest cost is within 1 % of LM's final cost (or
// its limit of 30,000 iterations).
// Usage: bench_hybrid_lv [repeats] [fit|jacobian|hand|adam]
#include "AdamComparison.h"
#include "model/OdeModel.h"
#include "ode/Integrator.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"

#include <ceres/jet.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {

constexpr int kParams = 2 + 87;    // a, d, then the weights
constexpr int kJet = 2 + kParams;  // derivatives in x, y and every parameter
using Jet = ceres::Jet<double, kJet>;
constexpr int kWidths[] = {2, 5, 5, 5, 2};  // the network, as in the project

// dx/dt = a x + U(x, y)[1], dy/dt = -d y + U(x, y)[2]; U sees (x - 3) / 3
// and (y - 3) / 3, Gaussian hidden units exp(-z^2), linear output; weights
// layer by layer, each layer's rows then its biases (HybridFit's layout).
template <typename T>
void rates(const T* s, const T* p, T* f) {
  T a[5], next[5];
  a[0] = (s[0] - 3.0) / 3.0;
  a[1] = (s[1] - 3.0) / 3.0;
  const T* w = p + 2;
  for (int l = 1; l < 5; ++l) {
    const int in = kWidths[l - 1], out = kWidths[l];
    const T* W = w;
    const T* b = w + in * out;
    for (int r = 0; r < out; ++r) {
      T z = b[r];
      for (int c = 0; c < in; ++c) z += W[r * in + c] * a[c];
      next[r] = l < 4 ? exp(-z * z) : z;
    }
    for (int r = 0; r < out; ++r) a[r] = next[r];
    w += (in + 1) * out;
  }
  f[0] = p[0] * s[0] + a[0];
  f[1] = -p[1] * s[1] + a[1];
}

class HandUde final : public hf::ode::RightHandSide {
 public:
  explicit HandUde(const double* p) : m_p(p) {}
  std::size_t stateCount() const override { return 2; }
  std::size_t sensitivityCount() const override { return kParams; }
  bool rates(double, const double* y, double* f) override {
    ::rates(y, m_p, f);
    return std::isfinite(f[0]) && std::isfinite(f[1]);
  }
  bool jacobians(double, const double* y, double* f, double* jy, double* jp) override {
    Jet s[2], p[kParams], out[2];
    for (int i = 0; i < 2; ++i) s[i] = Jet(y[i], i);
    for (int k = 0; k < kParams; ++k) p[k] = Jet(m_p[k], 2 + k);
    ::rates(s, p, out);
    for (int i = 0; i < 2; ++i) {
      f[i] = out[i].a;
      for (int j = 0; j < 2; ++j) jy[i * 2 + j] = out[i].v[j];
      if (jp)
        for (int k = 0; k < kParams; ++k) jp[i * kParams + k] = out[i].v[2 + k];
    }
    return std::isfinite(f[0]) && std::isfinite(f[1]);
  }
  bool sensitivityRates(double t, const double* y, const double* s, double* f, double* ds) override {
    double jy[4], jp[2 * kParams];
    if (!jacobians(t, y, f, jy, jp)) return false;
    for (int i = 0; i < 2; ++i)
      for (int k = 0; k < kParams; ++k)
        ds[i * kParams + k] = jy[i * 2] * s[k] + jy[i * 2 + 1] * s[kParams + k] + jp[i * kParams + k];
    return true;
  }

 private:
  const double* m_p;
};

// Residuals (x then y per time, as OdeModel orders them: by time, x before
// y) and their Jacobian from the hand-written system.
bool handJacobian(const std::vector<double>& p, const std::vector<double>& times, const std::vector<double>& data,
                  const hf::ode::IntegratorSettings& settings, std::vector<double>& r, std::vector<double>& jac) {
  HandUde rhs(p.data());
  const double y0[2] = {0.44249296, 4.6280594};
  const std::vector<double> s0(2 * kParams, 0.0);
  const hf::ode::Solution sol = hf::ode::integrate(rhs, {0.0, y0, s0, times, p, {}}, settings);
  if (!sol.ok()) return false;
  r.assign(2 * times.size(), 0.0);
  jac.assign(r.size() * kParams, 0.0);
  for (std::size_t k = 0; k < times.size(); ++k)
    for (std::size_t i = 0; i < 2; ++i) {
      r[2 * k + i] = sol.state(k, i) - data[2 * k + i];
      for (int j = 0; j < kParams; ++j) jac[(2 * k + i) * kParams + j] = sol.sensitivity(k, i, j);
    }
  return true;
}

double seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::stoi(argv[1]) : 3;
  const std::string only = argc > 2 ? argv[2] : "";
  const hf::project::Project project =
      hf::project::loadProject(HF_SOURCE_DIR "/projects/universal-lv/universal-lv.hfproj");
  const hf::model::OdeModel model = hf::project::buildOdeModel(project);
  if (model.parameterCount() != static_cast<std::size_t>(kParams)) {
    std::printf("unexpected parameter count %zu\n", model.parameterCount());
    return 1;
  }

  if (only.empty() || only == "fit") {
    double best = 1e9;
    hf::fit::FitSummary s;
    for (int i = 0; i < repeats; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      s = hf::project::fitProject(project);
      best = std::min(best, seconds(t0));
    }
    std::printf(
        "HybridFit, universal Lotka-Volterra (2-5-5-5-2 network, 87 weights + a, d): %.3f s for %s; the winning "
        "fit %d iterations, %s, rss %.5g, penalty %.3g, a = %.4g (1.3), d = %.4g (1.8)\n",
        best, s.strategy.c_str(), s.iterations, s.converged() ? "converged" : "NOT converged", s.rss, s.penalty,
        s.parameters[0].value, s.parameters[1].value);
    std::printf("published universal-ODE workflow for this system: 200 Adam + up to 10,000 BFGS iterations\n");
  }

  if (only == "adam") {
    hf::bench::compareLmWithAdam(project, {1e-2, 1e-3});
    return 0;
  }

  // Jacobian timing at three parameter vectors in turn (the model remembers
  // its last two evaluations, which must not answer here).
  std::vector<std::vector<double>> points;
  for (int v = 0; v < 3; ++v) {
    std::vector<double> p = model.defaultStarts();
    p[0] = 1.0 + 0.01 * v;
    p[1] = 1.0;
    points.push_back(p);
  }
  const hf::data::Dataset& d = *project.findDataset("populations");
  std::vector<double> times = d.columns[0].values, data;
  for (std::size_t k = 0; k < times.size(); ++k) {
    data.push_back(d.columns[1].values[k]);
    data.push_back(d.columns[2].values[k]);
  }
  const int evaluations = 30 * repeats;
  double formulaTime = 0, handTime = 0;
  std::vector<double> rf, jf, rh, jh;
  if (only.empty() || only == "jacobian") {
    hf::model::EvalScratch scratch;
    rf.resize(62);
    jf.resize(62 * kParams);
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < evaluations; ++i)
      model.evaluateBlock(0, points[static_cast<std::size_t>(i % 3)], rf, jf, scratch);
    formulaTime = seconds(t0) / evaluations;
    std::printf("HybridFit formula (tape, reverse sweeps through the network): %.3f ms per Jacobian\n",
                1e3 * formulaTime);
  }
  if (only.empty() || only == "hand") {
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < evaluations; ++i)
      handJacobian(points[static_cast<std::size_t>(i % 3)], times, data, project.model.ode.spec.integrator, rh, jh);
    handTime = seconds(t0) / evaluations;
    std::printf("hand-written C++ with Ceres autodiff (Jet<double, %d>), same integrator: %.3f ms per Jacobian\n", kJet,
                1e3 * handTime);
  }
  if (only.empty()) {
    // The last evaluations were both at points[(evaluations - 1) % 3].
    double diff = 0, scale = 0;
    for (std::size_t i = 0; i < jf.size(); ++i) {
      diff = std::max(diff, std::fabs(jf[i] - jh[i]));
      scale = std::max(scale, std::fabs(jh[i]));
    }
    std::printf("same Jacobian: largest difference %.2g (largest entry %.3g)\n", diff, scale);
    std::printf("formula / hand-written limit: %.2f (goal <= 2)\n", formulaTime / handTime);
  }
  return 0;
}
