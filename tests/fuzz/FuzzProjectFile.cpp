// libFuzzer harness: the project loader (migrate + projectFromJson) and
// writer. Property: a project that was read, written and read again writes
// the same JSON. Only hf::Error may escape (it carries the JSON pointer).
#include "common/Error.h"
#include "project/ProjectFile.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  nlohmann::json doc = nlohmann::json::parse(bytes, bytes + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return 0;  // not JSON: the loader says so before this point
  hf::project::Project p;
  try {
    hf::project::migrate(doc, "fuzz.hfproj");
    p = hf::project::projectFromJson(doc, "/nonexistent-fuzz-dir", "fuzz.hfproj");
  } catch (const hf::Error&) {
    return 0;
  }
  const nlohmann::json once = hf::project::projectToJson(p);
  nlohmann::json again = once;
  hf::project::Project q;
  try {
    hf::project::migrate(again, "roundtrip.hfproj");
    q = hf::project::projectFromJson(again, "/nonexistent-fuzz-dir", "roundtrip.hfproj");
  } catch (const hf::Error& e) {
    std::fprintf(stderr, "a written project does not read back: %s\n%s\n", e.what(), once.dump(1).c_str());
    std::abort();
  }
  if (hf::project::projectToJson(q) != once) {
    std::fprintf(stderr, "read -> write -> read -> write changed the project:\n%s\n---\n%s\n", once.dump(1).c_str(),
                 hf::project::projectToJson(q).dump(1).c_str());
    std::abort();
  }
  return 0;
}
