// Total fit time of the NIST StRD problems in tests/data/nist, both starts,
// default options; also prints each run's minimum LRE.
#include "data/DelimitedReader.h"
#include "fit/Calibrator.h"
#include "model/AlgebraicModel.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

int main() {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(HF_TEST_DATA_DIR) / "nist";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  double total = 0, totalSolve = 0;
  int runs = 0, passed = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file);
    const auto p = nlohmann::json::parse(in);
    const auto data = hf::data::readDelimitedFile((dir / p["csv"].get<std::string>()).string());
    hf::model::AlgebraicModelSpec spec;
    spec.formula = p["model"];
    spec.response = p.value("response", std::string("y"));
    spec.parameters = p["param_names"].get<std::vector<std::string>>();
    const auto cert = p["certified_values"].get<std::vector<double>>();
    for (int s = 0; s < 2; ++s) {
      const auto t0 = std::chrono::steady_clock::now();
      const hf::model::AlgebraicModel m(data, spec);
      std::vector<hf::fit::ParameterSetting> settings;
      const auto start = p["starts"][static_cast<std::size_t>(s)].get<std::vector<double>>();
      for (std::size_t i = 0; i < start.size(); ++i) settings.push_back({spec.parameters[i], start[i]});
      const auto r = hf::fit::Calibrator(m, settings).run();
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      total += secs;
      totalSolve += r.solveSeconds;
      double lre = 11;
      for (std::size_t i = 0; i < cert.size(); ++i) {
        const double rel = std::fabs(r.parameters[i].value - cert[i]) / std::fabs(cert[i]);
        lre = std::min(lre, rel == 0 ? 11.0 : -std::log10(rel));
      }
      ++runs;
      passed += lre >= 6;
      std::printf("%-10s start %d: min LRE %5.1f  %4d iterations  %.4f s\n", p["name"].get<std::string>().c_str(),
                  s + 1, lre, r.iterations, secs);
    }
  }
  std::printf("nist_suite: %d/%d runs with LRE >= 6; total %.3f s (solver %.3f s)\n", passed, runs, total, totalSolve);
  return passed == runs ? 0 : 1;
}
