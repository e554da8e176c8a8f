// The one place that knows about old project file versions. Each step
// upgrades a document by one version; loadProject() runs them in order.
#include "common/JsonAccess.h"
#include "project/ProjectFile.h"

namespace hf::project {

void migrate(nlohmann::json& doc, const std::string& sourceName) {
  const json::Node root(doc, "", sourceName);
  root.requireObject();
  const long version = root.at("schemaVersion").integer();
  if (version < 1) root.at("schemaVersion").fail("invalid schemaVersion " + std::to_string(version));
  if (version > Project::kSchemaVersion)
    root.at("schemaVersion")
        .fail("this project was written by a newer HybridFit (schema version " + std::to_string(version) +
              "; this version reads up to " + std::to_string(Project::kSchemaVersion) + ")");
  // One step per version:
  //   1 -> 2: ODE models were added (model.kind "ode"); a version 1 document
  //           holds an algebraic model, which reads unchanged.
  //   2 -> 3: learned components were added (model.learned, optional); a
  //           version 2 document has none and reads unchanged.
  doc["schemaVersion"] = Project::kSchemaVersion;
}

}  // namespace hf::project
