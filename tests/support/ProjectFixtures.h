#pragma once
// Project documents for tests: the complete example of
// docs/project-format.md, and the bundled example projects' paths.

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace hf::test {

/// The ```json block of docs/project-format.md (two experiments of
/// A -> B -> C); null when the block is missing.
inline nlohmann::json documentedExample() {
  std::ifstream in(HF_SOURCE_DIR "/docs/project-format.md");
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  const auto begin = text.find("```json\n");
  const auto end = text.find("```", begin + 8);
  if (begin == std::string::npos || end == std::string::npos) return {};
  return nlohmann::json::parse(text.substr(begin + 8, end - begin - 8));
}

/// projects/NAME/NAME.hfproj in the source tree.
inline std::string exampleProject(const std::string& name) {
  return std::string(HF_SOURCE_DIR) + "/projects/" + name + "/" + name + ".hfproj";
}

}  // namespace hf::test
