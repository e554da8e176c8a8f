#pragma once
// Reproducible uniform numbers for weight initialisation: std::mt19937_64's
// sequence is fixed by the C++ standard, and the mapping to [0, 1) below
// is ours (the standard distributions may differ between libraries), so a
// seed gives the same weights on every machine and compiler.

#include <cstdint>
#include <random>

namespace hf::ml {

class SeededUniform {
 public:
  explicit SeededUniform(std::uint64_t seed) : m_engine(seed) {}
  /// Uniform in [0, 1), 53 random bits.
  double next() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
  /// Uniform in [-limit, limit).
  double symmetric(double limit) { return limit * (2.0 * next() - 1.0); }

 private:
  std::mt19937_64 m_engine;
};

}  // namespace hf::ml
