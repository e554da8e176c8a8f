// Loading a 1,000,000-row, 4-column CSV file (target: under 1 s).
// Usage: bench_csv_load [rows]
#include "data/DelimitedReader.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::stol(argv[1]) : 1000000;
  const std::string path = (std::filesystem::temp_directory_path() / "hf_bench_1m.csv").string();
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fprintf(f, "time [s],T [K],p [Pa],flow [m^3/s]\n");
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> u(0, 1);
    for (long i = 0; i < rows; ++i)
      std::fprintf(f, "%.6f,%.9g,%.12g,%.6e\n", i * 0.001, 273.15 + 50 * u(rng), 101325 * u(rng), u(rng) * 1e-3);
    std::fclose(f);
  }
  const auto bytes = std::filesystem::file_size(path);
  double best = 1e9;
  std::size_t got = 0;
  for (int rep = 0; rep < 3; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    const hf::data::Dataset d = hf::data::readDelimitedFile(path);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
    got = d.rowCount();
  }
  std::filesystem::remove(path);
  std::printf("csv_load: %zu rows x 4 columns, %.1f MB, best of 3: %.3f s (%.1f MB/s) -> %s the 1 s target\n", got,
              bytes / 1e6, best, bytes / 1e6 / best, best < 1.0 ? "meets" : "MISSES");
  return got == static_cast<std::size_t>(rows) ? 0 : 1;
}
