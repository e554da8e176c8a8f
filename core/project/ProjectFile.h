#pragma once
// Reading and writing .hfproj files (JSON with a schemaVersion). All
// version differences are handled in one place, migrate() in
// ProjectMigration.cpp. Saving is atomic: a temporary file in the same
// folder is written and flushed, then renamed over the target, so an
// interrupted save never destroys the previous file.

#include "project/Project.h"

#include <nlohmann/json.hpp>
#include <string>

namespace hf::project {

/// Loads a project and the data files it refers to (paths relative to the
/// project file). Throws hf::Error naming the file and the JSON pointer of
/// the bad field, or the data file and line.
Project loadProject(const std::string& path);

/// Saves atomically. Dataset paths are written relative to `path`'s folder.
/// Throws hf::Error when the file cannot be written (the old file stays).
void saveProject(const Project& project, const std::string& path);

/// The JSON form; `baseDir` resolves relative dataset paths.
nlohmann::json projectToJson(const Project& project);
Project projectFromJson(const nlohmann::json& doc, const std::string& baseDir, const std::string& sourceName);

/// Upgrades an older document in place to Project::kSchemaVersion. Throws
/// hf::Error for a missing, invalid or newer version.
void migrate(nlohmann::json& doc, const std::string& sourceName);

/// Writes `text` to `path` atomically (temporary file + fsync + rename).
void writeFileAtomically(const std::string& path, const std::string& text);

}  // namespace hf::project
