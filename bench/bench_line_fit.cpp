// The straight line a*x + c fitted to a 1,000,000-row x 4-column CSV file:
// load time, fit time (model set-up + Calibrator::run, statistics
// included), the whole `hybridfit-cli fit --data` run as a child process
// (wall time and peak resident memory), and in the same run the peer:
// scipy.optimize.least_squares(method="lm", analytic Jacobian) on the same
// file, plus pandas.read_csv (bench/peers/scipy_line_fit.py).
// Goals (issue 10): fit at least as fast as scipy; CLI peak memory under 3x
// the file size. Usage: bench_line_fit [rows]
#include "data/DelimitedReader.h"
#include "fit/Calibrator.h"
#include "model/AlgebraicModel.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Runs argv as a child process with stdout to /dev/null; returns wall
// seconds and peak resident memory (MB) from wait4's rusage.
std::pair<double, double> runChild(const std::vector<std::string>& args) {
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!std::freopen("/dev/null", "w", stdout)) _exit(127);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const double wall = since(t0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return {-1, -1};
  return {wall, static_cast<double>(usage.ru_maxrss) / 1024.0};
}

// Key/value lines "name seconds" printed by the peer script.
std::map<std::string, std::string> runPeer(const std::string& csv) {
  std::map<std::string, std::string> out;
  const std::string cmd = "/usr/bin/python3 " + std::string(HF_BENCH_DIR) + "/peers/scipy_line_fit.py " + csv + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char line[512];
  while (std::fgets(line, sizeof line, p)) {
    std::istringstream in(line);
    std::string key, value;
    in >> key;
    std::getline(in >> std::ws, value);
    if (!value.empty() && value.back() == '\n') value.pop_back();
    out[key] = value;
  }
  if (pclose(p) != 0) out["error"] = "the peer script failed (is python3-scipy installed?)";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::stol(argv[1]) : 1000000;
  const std::string path = (std::filesystem::temp_directory_path() / "hf_bench_line.csv").string();
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fprintf(f, "x,y,z,w\n");
    std::mt19937_64 rng(2);
    std::normal_distribution<double> noise(0.0, 0.1);
    std::uniform_real_distribution<double> u(0, 1);
    for (long i = 0; i < rows; ++i) {
      const double x = static_cast<double>(i) * 1e-5;
      std::fprintf(f, "%.6f,%.9g,%.12g,%.6e\n", x, 3.0 * x + 1.0 + noise(rng), u(rng), u(rng) * 1e-3);
    }
    std::fclose(f);
  }
  const double mb = static_cast<double>(std::filesystem::file_size(path)) / 1e6;

  double load = 1e9, fit = 1e9, solve = 1e9;
  hf::fit::FitSummary summary;
  for (int rep = 0; rep < 3; ++rep) {
    auto t0 = Clock::now();
    const hf::data::Dataset data = hf::data::readDelimitedFile(path);
    load = std::min(load, since(t0));
    t0 = Clock::now();
    hf::model::AlgebraicModelSpec spec;
    spec.formula = "a*x + c";
    spec.response = "y";
    spec.parameters = {"a", "c"};
    const hf::model::AlgebraicModel model(data, spec);
    summary = hf::fit::Calibrator(model, {{"a", 1.0}, {"c", 1.0}}).run();
    fit = std::min(fit, since(t0));
    solve = std::min(solve, summary.solveSeconds);
  }
  const auto [cliWall, cliMb] =
      runChild({HF_CLI_PATH, "fit", "--data", path, "--model", "a*x + c", "--y", "y", "--start", "a=1,c=1"});
  const auto peer = runPeer(path);
  std::filesystem::remove(path);

  std::printf("line_fit: %ld rows x 4 columns, %.1f MB CSV\n", rows, mb);
  std::printf("  HybridFit load (readDelimitedFile):      %.4f s\n", load);
  std::printf(
      "  HybridFit fit (model + Calibrator::run): %.4f s (solver %.4f s, %d iterations), a = %.12g, c = %.12g\n", fit,
      solve, summary.iterations, summary.parameters[0].value, summary.parameters[1].value);
  std::printf("  hybridfit-cli fit --data, whole run:      %.4f s, peak %.1f MB (%.2f x the file; goal < 3)\n", cliWall,
              cliMb, cliMb / mb);
  if (peer.count("error") || !peer.count("scipy_least_squares_lm")) {
    std::printf("  scipy peer: not run (%s)\n", peer.count("error")
                                                    ? peer.at("error").c_str()
                                                    : "no output; apt-get install python3-scipy python3-pandas");
    return 0;
  }
  const double scipy = std::stod(peer.at("scipy_least_squares_lm"));
  std::printf("  scipy least_squares lm, analytic Jacobian: %.4f s (%s)\n", scipy, peer.at("scipy_estimates").c_str());
  std::printf("  pandas.read_csv:                          %.4f s\n", std::stod(peer.at("pandas_read_csv")));
  std::printf("  ratio fit HybridFit / scipy = %.2f (goal <= 1) -> %s\n", fit / scipy,
              fit <= scipy ? "meets" : "MISSES");
  return 0;
}
