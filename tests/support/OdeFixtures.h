#pragma once
// Data for ODE model tests.

#include "data/Dataset.h"
#include "fit/Calibrator.h"
#include "ode/BoundSystem.h"
#include "ode/Integrator.h"
#include "ode/OdeSystem.h"

#include <QString>
#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace hf::test {

/// Lotka-Volterra states x, y at t = 0, 0.1, ..., 3 from the set-up
/// (alpha 1.3, beta 0.9, gamma 0.8, delta 1.8, x(0) = (0.44249296,
/// 4.6280594)), with Gaussian noise of `noise` times each state's mean.
inline data::Dataset lotkaVolterraData(double noise, unsigned seed) {
  const ode::OdeSystem sys({{"x", "y"}, {"a*x - b*x*y", "c*x*y - d*y"}, {}}, {"a", "b", "c", "d"});
  const std::vector<double> p{1.3, 0.9, 0.8, 1.8};
  std::vector<double> times;
  for (int i = 0; i <= 30; ++i) times.push_back(0.1 * i);
  ode::BoundSystem rhs(sys, p, {});
  ode::IntegratorSettings s;
  s.rtol = 1e-12;
  s.atol = 1e-14;
  const auto sol = ode::integrate(rhs, {0.0, std::vector<double>{0.44249296, 4.6280594}, {}, times, {}}, s);
  data::Dataset d;
  d.name = "lv";
  std::vector<double> x(times.size()), y(times.size());
  double mx = 0, my = 0;
  for (std::size_t k = 0; k < times.size(); ++k) {
    mx += sol.state(k, 0) / static_cast<double>(times.size());
    my += sol.state(k, 1) / static_cast<double>(times.size());
  }
  std::mt19937 rng(seed);
  std::normal_distribution<double> gauss;
  for (std::size_t k = 0; k < times.size(); ++k) {
    x[k] = sol.state(k, 0) + noise * mx * gauss(rng);
    y[k] = sol.state(k, 1) + noise * my * gauss(rng);
  }
  d.columns = {{"t", "t", "", times}, {"x", "x", "", x}, {"y", "y", "", y}};
  return d;
}

/// The first entry of a model's residual Jacobian at `p` that differs from
/// central differences (step 1e-5 max(stepFloor, |p_j|)) by more than
/// tolerance * max(1, |difference|), described; empty when none does.
inline QString jacobianMismatch(const model::ResidualModel& m, const std::vector<double>& p, double stepFloor,
                                double tolerance) {
  std::vector<double> r, jac;
  if (!fit::evaluateModel(m, p, r, &jac)) return "the model cannot be evaluated at p";
  for (std::size_t j = 0; j < p.size(); ++j) {
    const double h = 1e-5 * std::max(stepFloor, std::fabs(p[j]));
    auto up = p, down = p;
    up[j] += h;
    down[j] -= h;
    std::vector<double> ru, rd;
    if (!fit::evaluateModel(m, up, ru, nullptr) || !fit::evaluateModel(m, down, rd, nullptr))
      return QString("not finite near %1").arg(m.parameterNames()[j].c_str());
    for (std::size_t i = 0; i < r.size(); ++i) {
      const double fd = (ru[i] - rd[i]) / (2 * h);
      if (!(std::fabs(jac[i * p.size() + j] - fd) <= tolerance * std::max(1.0, std::fabs(fd))))
        return QString("residual %1, %2: %3 vs %4")
            .arg(i)
            .arg(m.parameterNames()[j].c_str())
            .arg(jac[i * p.size() + j])
            .arg(fd);
    }
  }
  return {};
}

}  // namespace hf::test
