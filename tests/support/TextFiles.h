#pragma once
// Whole-file text I/O for tests that write inputs and read outputs.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace hf::test {

inline std::string readText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void writeText(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

}  // namespace hf::test
