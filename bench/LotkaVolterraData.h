#pragma once
// The data of the issue-11 Lotka-Volterra benchmarks (bench_ode_fit,
// bench_ode_limit): x, y at t = 0, 0.1, ..., 3 from a = 1.3, b = 0.9,
// c = 0.8, d = 1.8, x(0) = (0.44249296, 4.6280594), with 5 % Gaussian noise
// (of each state's mean; seed 2026), written to a CSV whose path is returned.
#include "ode/BoundSystem.h"

#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace hf::bench {

inline std::string writeLotkaVolterraData() {
  const hf::ode::OdeSystem sys({{"x", "y"}, {"a*x - b*x*y", "c*x*y - d*y"}, {}}, {"a", "b", "c", "d"});
  const std::vector<double> p{1.3, 0.9, 0.8, 1.8};
  std::vector<double> times;
  for (int i = 0; i <= 30; ++i) times.push_back(0.1 * i);
  hf::ode::BoundSystem rhs(sys, p, {});
  hf::ode::IntegratorSettings s;
  s.rtol = 1e-12;
  s.atol = 1e-14;
  const auto sol = hf::ode::integrate(rhs, {0.0, std::vector<double>{0.44249296, 4.6280594}, {}, times, {}}, s);
  double mx = 0, my = 0;
  for (std::size_t k = 0; k < times.size(); ++k) {
    mx += sol.state(k, 0) / 31.0;
    my += sol.state(k, 1) / 31.0;
  }
  std::mt19937 rng(2026);
  std::normal_distribution<double> gauss;
  const std::string path = "/tmp/hf_bench_lotka_volterra.csv";
  std::ofstream out(path);
  out.precision(17);
  out << "t,x,y\n";
  for (std::size_t k = 0; k < times.size(); ++k)
    out << times[k] << ',' << sol.state(k, 0) + 0.05 * mx * gauss(rng) << ','
        << sol.state(k, 1) + 0.05 * my * gauss(rng) << '\n';
  return path;
}

}  // namespace hf::bench
