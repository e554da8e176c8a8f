// Robertson's stiff kinetics (issue 11): the three rate constants fitted on a
// log scale (k = exp(lk), written into the rates) over t in [0, 1e5], 25
// log-spaced times, all three species observed with 2 % noise (sigma = 2 %
// of the true value), start a factor 3 from the truth (k1 x3, k2 /3, k3 x3).
// HybridFit (OdeModel + Calibrator, automatic method: BDF once stiff) next to
// scipy (bench/peers/scipy_robertson_fit.py, same CSV, start and weighted
// residuals) from the same run. Goal: each constant within 5 %, at least 50x
// faster than scipy. Usage: bench_ode_robertson [repeats] [method]
#include "data/DelimitedReader.h"
#include "fit/Calibrator.h"
#include "model/OdeModel.h"
#include "ode/BoundSystem.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

const double kTruth[] = {0.04, 3e7, 1e4};
const double kStartFactor[] = {3.0, 1.0 / 3, 3.0};

std::string writeData() {
  const hf::ode::OdeSystem sys({{"y1", "y2", "y3"}, {"-k1*y1 + k3*y2*y3", "k1*y1 - k2*y2^2 - k3*y2*y3", "k2*y2^2"}, {}},
                               {"k1", "k2", "k3"});
  const std::vector<double> p(std::begin(kTruth), std::end(kTruth));
  std::vector<double> times;
  for (int i = 0; i < 25; ++i) times.push_back(std::pow(10.0, -2 + 7.0 * i / 24));
  hf::ode::BoundSystem rhs(sys, p, {});
  hf::ode::IntegratorSettings s;
  s.method = hf::ode::IntegratorSettings::Method::Bdf;
  s.rtol = 1e-12;
  s.atol = 1e-20;
  const auto sol = hf::ode::integrate(rhs, {0.0, std::vector<double>{1, 0, 0}, {}, times, {}}, s);
  std::mt19937 rng(2026);
  std::normal_distribution<double> gauss;
  const std::string path = "/tmp/hf_bench_robertson.csv";
  std::ofstream out(path);
  out.precision(17);
  out << "t,y1,y2,y3,s1,s2,s3\n";
  for (std::size_t k = 0; k < times.size(); ++k) {
    out << times[k];
    for (int i = 0; i < 3; ++i) out << ',' << sol.state(k, i) * (1 + 0.02 * gauss(rng));
    for (int i = 0; i < 3; ++i) out << ',' << 0.02 * sol.state(k, i);
    out << '\n';
  }
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::stoi(argv[1]) : 5;
  const std::string csv = writeData();
  const hf::data::Dataset d = hf::data::readDelimitedFile(csv);
  hf::model::OdeModelSpec spec;
  spec.equations = {{"y1", "y2", "y3"},
                    {"-exp(lk1)*y1 + exp(lk3)*y2*y3", "exp(lk1)*y1 - exp(lk2)*y2^2 - exp(lk3)*y2*y3", "exp(lk2)*y2^2"},
                    {}};
  spec.initial = {"1", "0", "0"};
  spec.parameters = {"lk1", "lk2", "lk3"};
  spec.observables = {{"y1", "y1", "s1"}, {"y2", "y2", "s2"}, {"y3", "y3", "s3"}};
  spec.integrator.rtol = 1e-8;
  spec.integrator.atol = 1e-14;
  if (argc > 2) spec.integrator.method = hf::ode::parseMethod(argv[2]);
  std::vector<double> start;
  for (int j = 0; j < 3; ++j) start.push_back(std::log(kTruth[j] * kStartFactor[j]));
  double best = 1e9;
  hf::fit::FitSummary r;
  for (int i = 0; i < repeats; ++i) {
    // A new model each time: a model remembers that an experiment is stiff,
    // and a user's first fit pays for finding that out.
    const hf::model::OdeModel model(spec, {{"robertson", &d}});
    const auto t0 = std::chrono::steady_clock::now();
    hf::fit::Calibrator c(model, {{"lk1", start[0]}, {"lk2", start[1]}, {"lk3", start[2]}});
    r = c.run();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::printf("HybridFit (%s): %.4f s, %s, %d iterations; k =", hf::ode::methodName(spec.integrator.method).c_str(),
              best, r.converged() ? "converged" : "NOT converged", r.iterations);
  bool within = true;
  for (int j = 0; j < 3; ++j) {
    const double k = std::exp(r.parameters[static_cast<std::size_t>(j)].value);
    std::printf(" %.6g (%+.2f %%)", k, 100 * (k / kTruth[j] - 1));
    within = within && std::fabs(k / kTruth[j] - 1) <= 0.05;
  }
  std::printf(" -> %s\n", within ? "each within 5 %" : "NOT all within 5 %");

  char startText[128];
  std::snprintf(startText, sizeof startText, "%.17g,%.17g,%.17g", start[0], start[1], start[2]);
  const std::string cmd = "/usr/bin/python3 " + std::string(HF_BENCH_DIR) + "/peers/scipy_robertson_fit.py " + csv +
                          " " + startText + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  char line[512];
  double fastest = 1e9;
  while (pipe && std::fgets(line, sizeof line, pipe)) {
    std::istringstream in(line);
    std::string method;
    double seconds = 0;
    std::vector<double> est(3);
    long nfev = 0;
    if (!(in >> method >> seconds >> est[0] >> est[1] >> est[2] >> nfev)) {
      std::printf("scipy: %s", line);
      continue;
    }
    double worst = 0;
    for (std::size_t j = 0; j < 3; ++j)
      worst = std::max(worst, std::fabs(std::exp(est[j] - r.parameters[j].value) - 1));
    std::printf(
        "scipy least_squares(lm) + solve_ivp(%s): %.4f s, %ld evaluations, largest relative difference of "
        "k from HybridFit's %.1e -> HybridFit %.1fx faster\n",
        method.c_str(), seconds, nfev, worst, seconds / best);
    fastest = std::min(fastest, seconds);
  }
  if (pipe) pclose(pipe);
  if (fastest < 1e9) std::printf("against scipy's fastest variant: %.1fx (goal >= 50x)\n", fastest / best);
  return 0;
}
