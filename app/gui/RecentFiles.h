#pragma once
// The list behind File > Open Recent, kept in QSettings (newest first, at
// most kMax entries, no duplicates).

#include <QStringList>

namespace hf::app {

class RecentFiles {
 public:
  static constexpr int kMax = 8;
  static QStringList list();
  /// Moves or adds `path` to the front.
  static void add(const QString& path);
};

}  // namespace hf::app
